public import CairnCore
public import CairnSyntax

/// A problem in an RDF/XML document, or in reading it: where it is and what is wrong.
///
/// Its description is `file:line:column: message` (lines and columns start at 1), or
/// `file: message` when the problem has no position, such as a file that cannot be opened.
public struct RDFXMLError: LocatedError, Hashable {
    /// The document name given to the parser (the path, for files), and the line and column
    /// where the problem is; nil where it is not at a position in the document.
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// Whether the document was read and refused, or the file could not be read at all.
    public var kind: FormatError.Kind

    /// A problem at `line` and `column` of `file`; libxml2 reports 0 for a position it does not
    /// know, and that becomes nil here, so no caller mistakes 0 for a line.
    public init(file: String, line: Int?, column: Int?, message: String, kind: FormatError.Kind = .content) {
        let line = line.flatMap { $0 > 0 ? $0 : nil }
        location = SourceLocation(file: file, line: line, column: line == nil ? nil : column.map { max($0, 1) })
        self.message = message
        self.kind = kind
    }

    /// A problem with the file as a whole, at no position in it.
    public init(file: String, message: String, kind: FormatError.Kind = .content) {
        self.init(file: file, line: nil, column: nil, message: message, kind: kind)
    }

    /// The document name.
    public var file: String { location.file }
    /// The line, from 1; nil when the problem is not at a position in the document.
    public var line: Int? { location.line }
    /// The column, from 1; nil when unknown.
    public var column: Int? { location.column }

    /// This one problem.
    public var problems: [FormatError] { [FormatError(location: location, message: message, kind: kind)] }

    public var description: String { "\(location): \(message)" }
}

/// A problem in an N-Triples document: the same shape as an RDF/XML one, `file:line:column: message`.
public typealias NTriplesError = RDFXMLError
