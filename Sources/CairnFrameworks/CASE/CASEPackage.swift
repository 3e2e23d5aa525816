public import CairnCore
import CairnSyntax
public import Foundation

/// Reads a 1EdTech CASE 1.0 package (the JSON of `CFPackages`) into a ``FrameworkSink``.
///
/// - `CFDocument` gives the framework: its `uri` (else `identifier`, else the file name) as id,
///   `title` as name, `version`, and `language` as the default language of the items.
/// - Every `CFItems` entry becomes a skill: id its `uri` (else its `identifier`), preferred
///   label `fullStatement`, alternative labels `abbreviatedStatement` and `alternativeLabel`,
///   code `humanCodingScheme`, skill type `CFItemType`, description `notes`, label language the
///   item's `language`, else the document's, else none.
/// - `CFAssociations` of type `isChildOf` between two items become broader links (the origin
///   is narrower than the destination; the ends are matched by `identifier`, else `uri`).
///   `isChildOf` links to the document itself (top-level items), links naming unknown
///   nodes, and every other type (`isPartOf`, `exactMatchOf`, `precedes`, `isRelatedTo`, …)
///   are kept out of the model and counted in the report as `CASE association <type>`.
///
/// Keys are matched exactly as CASE spells them; a package wrapped in `{"CFPackage": …}` is
/// accepted. Unknown keys are ignored. Items without an identifier or statement are skipped
/// and reported together (``FormatErrors`` at the end, before the sink is finished); input that
/// is not a JSON object with `CFDocument` or `CFItems` throws at once.
public enum CASEPackage {
    /// The largest CASE package read (it is parsed whole, by Cairn's JSON reader).
    public static let maximumFileBytes = 128 << 20

    @discardableResult
    public static func read<Sink: FrameworkSink>(path: String, languages: Set<String>? = nil,
                                                into sink: inout Sink) throws -> FrameworkReadReport {
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.bytes(at: path, limit: maximumFileBytes, subject: "CASE packages")
        } catch {
            throw FormatErrors(error)
        }
        return try read(json: bytes, file: path, languages: languages, into: &sink)
    }

    /// - Parameter file: The path used in error locations, as the source, and as the id when
    ///   the document has none.
    @discardableResult
    public static func read<Sink: FrameworkSink>(json: Data, file: String, languages: Set<String>? = nil,
                                                into sink: inout Sink) throws -> FrameworkReadReport {
        try read(json: Array(json), file: file, languages: languages, into: &sink)
    }

    /// Reads the package through Cairn's own JSON reader, so every problem names its line and
    /// column, a repeated key is refused rather than one copy silently winning, and the JSON
    /// limits (nesting, sizes) hold here as for credentials.
    @discardableResult
    public static func read<Sink: FrameworkSink>(json: [UInt8], file: String, languages: Set<String>? = nil,
                                                into sink: inout Sink) throws -> FrameworkReadReport {
        let root: JSONNode
        do {
            root = try JSONParser.parse(json, file: file)
        } catch {
            throw FormatErrors(error)
        }
        func at(_ node: JSONNode) -> SourceLocation {
            node.line > 0 ? SourceLocation(file: file, line: node.line, column: node.column) : SourceLocation(file: file)
        }
        guard var package = root.members != nil ? root : nil else {
            throw FormatErrors(FormatError(location: at(root), message: "expected a JSON object holding a CASE package, found "
                + root.kindDescription))
        }
        if let wrapped = package["CFPackage"], wrapped.members != nil { package = wrapped }
        let document = package["CFDocument"].flatMap { $0.members != nil ? $0 : nil }
        guard document != nil || package["CFItems"] != nil else {
            throw FormatErrors(FormatError(location: at(package), message: "expected a CASE package with CFDocument and "
                + "CFItems, found keys: " + (package.members ?? []).map(\.key).sorted().joined(separator: ", ")))
        }
        let filter = LanguageFilter(languages)
        let documentLanguage = document?["language"]?.string?.lowercased() ?? ""
        let fileName = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var feed = SinkFeed(sink: sink, header: FrameworkHeader(
            id: string(document?["uri"]) ?? string(document?["identifier"]) ?? fileName,
            name: string(document?["title"]) ?? fileName,
            version: string(document?["version"]), source: file))
        feed.report.files.append(file)
        try feed.beginIfNeeded()

        var problems: [FormatError] = []
        var idByIdentifier: [String: String] = [:]
        var idByURI: [String: String] = [:]
        for (index, item) in (package["CFItems"]?.elements ?? []).enumerated() {
            guard item.members != nil, let identifier = string(item["identifier"]) else {
                problems.append(FormatError(location: at(item), message: "CFItems[\(index)]: expected an object with an identifier"))
                continue
            }
            guard let statement = string(item["fullStatement"]) ?? string(item["abbreviatedStatement"]) else {
                problems.append(FormatError(location: at(item),
                                            message: "CFItems[\(index)] (\(identifier)): expected a fullStatement, found nothing"))
                continue
            }
            let id = string(item["uri"]) ?? identifier
            guard idByIdentifier[identifier] == nil else {
                feed.report.ignore("repeated CFItems")
                continue
            }
            idByIdentifier[identifier] = id
            idByURI[id] = id
            let language = (string(item["language"])?.lowercased()) ?? documentLanguage
            try feed.skill(SkillRecord(id: id, skillType: string(item["CFItemType"]), description: string(item["notes"]),
                                       code: string(item["humanCodingScheme"])))
            guard filter.accepts(language) else { continue }
            try feed.label(ConceptLabel(concept: id, kind: .preferred, language: language, text: statement))
            var alternatives: [String] = []
            if let short = string(item["abbreviatedStatement"]), short != statement { alternatives.append(short) }
            if let alternative = string(item["alternativeLabel"]) { alternatives.append(alternative) }
            for text in alternatives {
                try feed.label(ConceptLabel(concept: id, kind: .alternative, language: language, text: text))
            }
        }

        func resolve(_ node: JSONNode?) -> String? {
            guard let node, node.members != nil else { return nil }
            if let identifier = string(node["identifier"]), let id = idByIdentifier[identifier] { return id }
            if let uri = string(node["uri"]), let id = idByURI[uri] { return id }
            return nil
        }
        var seen = Set<String>()
        for (index, association) in (package["CFAssociations"]?.elements ?? []).enumerated() {
            guard association.members != nil, let type = string(association["associationType"]) else {
                problems.append(FormatError(location: at(association),
                                            message: "CFAssociations[\(index)]: expected an object with an associationType"))
                continue
            }
            guard type == "isChildOf" else {
                feed.report.ignore("CASE association \(type)")
                continue
            }
            guard let child = resolve(association["originNodeURI"]) else {
                feed.report.ignore("CASE association isChildOf from a node that is not an item")
                continue
            }
            guard let parent = resolve(association["destinationNodeURI"]) else {
                feed.report.ignore("CASE association isChildOf to the document or a node that is not an item")
                continue
            }
            guard seen.insert(child + " " + parent).inserted else { continue }
            try feed.broader(narrower: child, broader: parent)
        }
        return try feed.close(problems: problems, into: &sink)
    }

    private static func string(_ node: JSONNode?) -> String? {
        guard let text = node?.string else { return nil }
        let trimmed = text.trimmed
        return trimmed.isEmpty ? nil : trimmed
    }
}
