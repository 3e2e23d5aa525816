public import CairnCore
public import CairnSyntax
public import Foundation

/// The achievements an issuer's Open Badges file describes, for turning an issuer's existing
/// badges into a Cairn badge catalogue.
///
/// Reads an Open Badges 2.0 `BadgeClass`, an Open Badges 3.0 `Achievement`, a JSON list of
/// either, or any credential ``OpenBadgesFile`` reads (an OB 2.0 assertion, an OB 3.0 or CLR 2.0
/// credential as JSON or a VC-JWT, a baked PNG or SVG) for the achievements it embeds. Nothing is
/// fetched: an issuer named by URL is looked up in the local documents, else kept by its id.
public struct AchievementDocument: Sendable {
    /// One achievement and the issuer it names (embedded, or its credential's).
    public struct Entry: Sendable, Hashable {
        public var achievement: OpenBadgesAchievement
        public var issuer: OpenBadgesProfile
        /// Where it is in the file.
        public var source: SourceLocation
    }

    public var file: String
    public var entries: [Entry]
    /// What could not be resolved locally (an issuer named by a URL no local document has).
    public var notes: [String]

    /// Reads the file at `url`; references are looked up in `documents` (``LocalDocuments``).
    ///
    /// - Throws: ``FormatErrors`` with each problem's place: not JSON or an Open Badges file, a
    ///   `BadgeClass` or `Achievement` without a name, a list element that is neither, a file
    ///   that names no achievement at all.
    public static func read(at url: URL, documents: LocalDocuments) throws(FormatErrors) -> AchievementDocument {
        let file = DisplayPath.of(url)
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.bytes(at: url.path, display: file, limit: OpenBadgesFile.maximumFileSize,
                                          subject: "Open Badges files")
        } catch {
            throw FormatErrors(error)
        }
        return try read(bytes, file: file, documents: documents)
    }

    /// Reads a file's bytes (see ``read(at:documents:)``).
    public static func read(_ bytes: [UInt8], file: String, documents: LocalDocuments) throws(FormatErrors) -> AchievementDocument {
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        // Only JSON is decoded as text here: an image goes to the credential reader as it is.
        let first = content.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let text = String(decoding: content, as: UTF8.self)
            let json: JSONNode
            do { json = try JSONParser.parse(text, file: file) } catch { throw FormatErrors(error) }
            if let elements = json.elements {
                return try definitions(elements, file: file, documents: documents)
            }
            if isDefinition(json) {
                return try definitions([json], file: file, documents: documents)
            }
        }
        let credential = try OpenBadgesFile.read(bytes, file: file, documents: documents).credential
        let entries = achievements(of: credential, file: file)
        guard !entries.isEmpty else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file),
                                           message: "this \(credential.format.rawValue) names no achievement"))
        }
        return AchievementDocument(file: file, entries: entries, notes: [])
    }

    /// An OB 2.0 `BadgeClass` or an OB 3.0 `Achievement` standing alone.
    private static func isDefinition(_ json: JSONNode) -> Bool {
        let types = (json["type"]?.asList ?? []).compactMap(\.string)
        return types.contains("BadgeClass") || types.contains("Achievement") && !types.contains("VerifiableCredential")
    }

    private static func definitions(_ nodes: [JSONNode], file: String, documents: LocalDocuments) throws(FormatErrors) -> AchievementDocument {
        let reader = CredentialJSONReader(file: file)
        var entries: [Entry] = []
        var notes: [String] = []
        for node in nodes {
            let types = (node["type"]?.asList ?? []).compactMap(\.string)
            let location = reader.location(node)
            if types.contains("BadgeClass") {
                guard var achievement = OpenBadgesCredential.badgeClass(node, reader: reader) else { continue }
                var unresolved: [String] = []
                var issuer = OpenBadgesProfile(id: "")
                if let issuerNode = reader.required(node, "issuer", in: "the BadgeClass") {
                    if let resolved = OpenBadgesCredential.resolve(issuerNode, "issuer", reader: reader, documents: documents,
                                                                   unresolved: &unresolved) {
                        issuer = OpenBadgesCredential.profile(resolved, reader: reader)
                    } else if let id = reader.identifier(issuerNode, "issuer") {
                        issuer = OpenBadgesProfile(id: id)
                    }
                }
                notes += unresolved.map { "\(file): \($0) is not available locally (give --resolve DIR); its id stands for its name" }
                achievement.issuer = issuer
                entries.append(Entry(achievement: achievement, issuer: issuer, source: location))
            } else if types.contains("Achievement") {
                guard let achievement = OpenBadgesCredential.achievement(node, reader: reader) else { continue }
                if achievement.issuer == nil {
                    reader.fail("the achievement names no issuer: give it a \"creator\" profile", at: node)
                }
                entries.append(Entry(achievement: achievement, issuer: achievement.issuer ?? OpenBadgesProfile(id: ""),
                                     source: location))
            } else {
                reader.fail("expected an Open Badges 2.0 BadgeClass or an Open Badges 3.0 Achievement, found "
                            + (types.isEmpty ? node.kindDescription : "type \(types)"), at: node)
            }
        }
        if !reader.problems.isEmpty { throw FormatErrors(reader.problems) }
        guard !entries.isEmpty else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1), message: "the list holds no achievement"))
        }
        return AchievementDocument(file: file, entries: entries, notes: notes)
    }

    /// The achievement a credential is for, or those of a CLR's credentials and achievement list.
    private static func achievements(of credential: OpenBadgesCredential, file: String) -> [Entry] {
        var entries: [Entry] = []
        func add(_ achievement: OpenBadgesAchievement, issuer: OpenBadgesProfile) {
            guard !achievement.id.isEmpty, !entries.contains(where: { $0.achievement.id == achievement.id }) else { return }
            let named = achievement.issuer.flatMap { $0.id.isEmpty ? nil : $0 } ?? issuer
            entries.append(Entry(achievement: achievement, issuer: named, source: SourceLocation(file: file)))
        }
        if let achievement = credential.achievement { add(achievement, issuer: credential.issuer) }
        for nested in credential.nested {
            if let inner = nested.credential, let achievement = inner.achievement { add(achievement, issuer: inner.issuer) }
        }
        for achievement in credential.listedAchievements { add(achievement, issuer: credential.issuer) }
        return entries
    }
}
