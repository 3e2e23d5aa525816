/// A problem in an RDF/XML document, or in reading it: where it is and what is wrong.
///
/// Its description is `file:line:column: message` (lines and columns start at 1), or
/// `file: message` when the problem has no position, such as a file that cannot be opened.
public struct RDFXMLError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The document name given to the parser (the path, for files).
    public var file: String
    /// The line, from 1; 0 when the problem is not at a position in the document.
    public var line: Int
    /// The column, from 1; 0 when unknown.
    public var column: Int
    /// What is wrong.
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(max(column, 1)): \(message)" : "\(file): \(message)"
    }
}

/// A problem in an N-Triples document: the same shape as an RDF/XML one, `file:line:column: message`.
public typealias NTriplesError = RDFXMLError
