import CairnCore
public import CairnSyntax
public import Foundation

/// JSON documents in local folders, found by the `id` they declare: how Cairn resolves the
/// references in Open Badges files (an OB 2.0 assertion's `badge`, a BadgeClass's `issuer`,
/// an issuer's `revocationList`, a status list) without ever using the network.
///
/// A folder may also hold an `INDEX.tsv` (URL, tab, file name) for documents whose text does
/// not declare their URL. A reference is found only by an exact match of its URL; nothing is
/// guessed from file names.
public struct LocalDocuments: Sendable {
    /// A document found for a URL.
    public struct Document: Sendable {
        public var file: String
        package var json: JSONNode
    }

    /// Files that could not be read as JSON (skipped, reported by callers that care).
    public private(set) var problems: [FormatError] = []
    fileprivate var byID: [String: Document] = [:]

    /// The largest document or `INDEX.tsv` read; a larger one is skipped while indexing and
    /// listed in ``problems``.
    public static let maximumFileSize = 16 << 20

    public init() {}

    /// Indexes every `.json`/`.jsonld` file directly inside each folder (later folders do not
    /// replace an id an earlier one already declared).
    public init(folders: [URL]) {
        for folder in folders { add(folder: folder) }
    }

    /// The document whose id is `url`, if a folder holds it.
    public func document(for url: String) -> Document? {
        byID[url]
    }

    /// Adds one document under its declared id.
    package mutating func add(_ json: JSONNode, file: String, as id: String? = nil) {
        guard let key = id ?? json["id"]?.string, byID[key] == nil else { return }
        byID[key] = Document(file: file, json: json)
    }

    private mutating func add(folder: URL) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        var indexed: [String: String] = [:]
        let indexPath = folder.appendingPathComponent("INDEX.tsv").path
        if FileManager.default.fileExists(atPath: indexPath),
           let index = record(try BoundedFile.text(at: indexPath, display: DisplayPath.of(URL(fileURLWithPath: indexPath)),
                                                   limit: Self.maximumFileSize, subject: "document index files")) {
            for line in index.split(whereSeparator: \.isNewline) {
                let fields = line.split(separator: "\t", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
                if fields.count == 2, !fields[0].hasPrefix("#") { indexed[fields[1], default: fields[0]] = fields[0] }
            }
        }
        for name in names.sorted() where name.hasSuffix(".json") || name.hasSuffix(".jsonld") {
            let url = folder.appendingPathComponent(name)
            let path = DisplayPath.of(url)
            guard let data = record(try BoundedFile.bytes(at: url.path, display: path, limit: Self.maximumFileSize,
                                                          subject: "local documents")) else { continue }
            do {
                let json = try JSONParser.parse(data, file: path)
                add(json, file: path, as: indexed[name])
                if indexed[name] != nil { add(json, file: path) }
            } catch {
                problems.append(error)
            }
        }
    }
}

extension LocalDocuments {
    /// What `read` returned, or `nil` with its error kept in ``problems``.
    fileprivate mutating func record<Value>(_ read: @autoclosure () throws(FormatError) -> Value) -> Value? {
        do { return try read() } catch {
            problems.append(error)
            return nil
        }
    }

    /// These documents and, for ids these lack, `other`'s.
    public func merging(_ other: LocalDocuments) -> LocalDocuments {
        var merged = self
        merged.byID.merge(other.byID) { mine, _ in mine }
        merged.problems += other.problems
        return merged
    }
}
