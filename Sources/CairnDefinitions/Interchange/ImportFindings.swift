import CairnCore
import CairnSyntax

/// What a reader of another system's file found: problems, which refuse the file, and notes,
/// which say what was not turned into a rule; each at its place in the file.
struct ImportFindings {
    let file: String
    var problems: [FormatError] = []
    var notes: [FormatError] = []

    init(file: String) {
        self.file = file
    }

    mutating func fail(_ message: String, at node: JSONNode) {
        problems.append(FormatError(location: node.location(in: file), message: message))
    }

    mutating func note(_ message: String, at node: JSONNode) {
        notes.append(FormatError(location: node.location(in: file), message: message))
    }
}

/// Opening another system's JSON file: bounded, parsed by Cairn's JSON reader (positions,
/// nesting limit, duplicate keys refused), and the outcome of reading it.
enum InterchangeFile {
    /// The file's bytes, refused past `limit` before any is read.
    static func bytes(at path: String, display: String?, limit: Int, subject: String) throws(FormatErrors) -> [UInt8] {
        do {
            return try BoundedFile.bytes(at: path, display: display, limit: limit, subject: subject)
        } catch {
            throw FormatErrors(error)
        }
    }

    static func parse(_ json: [UInt8], file: String) throws(FormatErrors) -> JSONNode {
        do {
            return try JSONParser.parse(json, file: file)
        } catch {
            throw FormatErrors(error)
        }
    }

    /// The pathway read, or every problem found.
    static func outcome(_ result: PathwayImport?, _ findings: ImportFindings, root: JSONNode) throws(FormatErrors) -> PathwayImport {
        guard let result, findings.problems.isEmpty else {
            throw FormatErrors(findings.problems.isEmpty
                ? [FormatError(location: root.location(in: findings.file), message: "no pathway could be read")]
                : findings.problems)
        }
        return result
    }
}
