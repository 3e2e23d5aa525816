import CairnCore
import CairnSyntax
import Yams

/// Parses YAML (or JSON, read as YAML) into a Yams node tree with positions, after
/// checking ``YAMLLimits``; every failure becomes a single ``FormatError``.
enum YAMLDocument {
    /// The root node, or `nil` for a document with no content.
    static func root(of text: String, file: String) throws(FormatErrors) -> Node? {
        if let problem = YAMLSafetyCheck(file: file).problem(in: text) {
            throw FormatErrors(problem)
        }
        do {
            return try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch let error as YamlError {
            throw FormatErrors(formatError(error, text: text, file: file))
        } catch {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                           message: "could not read the file as YAML: \(error)"))
        }
    }

    static func formatError(_ error: YamlError, text: String, file: String) -> FormatError {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        func message(_ problem: String, _ context: YamlError.Context?) -> String {
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return message
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return FormatError(location: at(mark), message: message(problem, context))
        case let .reader(problem, offset, _, _):
            return FormatError(location: location(ofCharacter: offset ?? 0, in: text, file: file),
                               message: "unreadable text: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map(quoted).joined(separator: ", ")
            return FormatError(location: at(context.mark), message: "duplicate key \(keys) in one mapping")
        default:
            return FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                               message: "could not read the file as YAML: \(error)")
        }
    }

    /// The 1-based line and column of the character at `offset`.
    static func location(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, character) in text.enumerated() {
            if index >= offset { break }
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
