import CairnCore
public import CairnSyntax

/// Reads N-Quads (and so N-Triples): one statement per line — subject, predicate, object and an
/// optional graph name, then ` .` — with IRIs in `<…>`, blank nodes as `_:label`, literals in
/// double quotes with `@lang` or `^^<datatype>`, `\` escapes (`\t \b \n \r \f \" \' \\`,
/// `\uXXXX`, `\UXXXXXXXX`), comments from `#`. What `cairn rdf canonicalize` reads, and how the
/// W3C RDFC-1.0 suite's inputs reach the canonicaliser.
///
/// Errors name the line and column and what was expected there.
public enum NQuadsReader {
    /// The largest N-Quads file read (it is held whole, then canonicalised in memory).
    public static let maximumFileBytes = 64 << 20

    /// The statements of the N-Quads file at `path`, refused before reading when over
    /// ``maximumFileBytes``.
    public static func quads(at path: String) throws(FormatError) -> [RDFQuad] {
        try quads(in: BoundedFile.text(at: path, limit: maximumFileBytes, subject: "N-Quads files"), file: path)
    }

    public static func quads(in text: String, file: String) throws(FormatError) -> [RDFQuad] {
        var quads: [RDFQuad] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var cursor = Cursor(scalars: Array(line.unicodeScalars), line: index + 1, file: file)
            cursor.skipSpace()
            if cursor.atEnd || cursor.peek == "#" { continue }
            let subject = try cursor.term(allowLiteral: false)
            cursor.skipSpace()
            guard case .iri(let predicate) = try cursor.term(allowLiteral: false) else {
                throw cursor.failure("expected a predicate IRI in <…>")
            }
            cursor.skipSpace()
            let object = try cursor.term(allowLiteral: true)
            cursor.skipSpace()
            var graph: RDFTerm?
            if cursor.peek != ".", !cursor.atEnd {
                graph = try cursor.term(allowLiteral: false)
                cursor.skipSpace()
            }
            guard cursor.peek == "." else { throw cursor.failure("expected \" .\" to end the statement") }
            cursor.advance()
            cursor.skipSpace()
            guard cursor.atEnd || cursor.peek == "#" else { throw cursor.failure("expected the end of the line after \" .\"") }
            quads.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
        }
        return quads
    }

    /// A position in one line.
    struct Cursor {
        let scalars: [Unicode.Scalar]
        let line: Int
        let file: String
        var index = 0

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }
        mutating func advance() { index += 1 }

        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file, line: line, column: index + 1), message: message)
        }

        mutating func skipSpace() {
            while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\r" { advance() }
        }

        mutating func term(allowLiteral: Bool) throws(FormatError) -> RDFTerm {
            switch peek {
            case "<":
                advance()
                return .iri(try characters(until: ">", what: "an IRI"))
            case "_":
                advance()
                guard peek == ":" else { throw failure("expected \"_:\" before a blank node label") }
                advance()
                var label = ""
                while let scalar = peek, scalar != " ", scalar != "\t", !(scalar == "." && isStatementEnd) {
                    label.unicodeScalars.append(scalar)
                    advance()
                }
                guard !label.isEmpty else { throw failure("expected a blank node label after \"_:\"") }
                return .blank(label)
            case "\"" where allowLiteral:
                advance()
                let lexical = try characters(until: "\"", what: "a literal")
                if peek == "@" {
                    advance()
                    var language = ""
                    while let scalar = peek, scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "-" {
                        language.unicodeScalars.append(scalar)
                        advance()
                    }
                    guard !language.isEmpty else { throw failure("expected a language tag after \"@\"") }
                    return .literal(lexical, language: language, datatype: nil)
                }
                if peek == "^" {
                    advance()
                    guard peek == "^" else { throw failure("expected \"^^\" before a datatype") }
                    advance()
                    guard peek == "<" else { throw failure("expected a datatype IRI in <…> after \"^^\"") }
                    advance()
                    return .literal(lexical, language: nil, datatype: try characters(until: ">", what: "a datatype IRI"))
                }
                return .literal(lexical, language: nil, datatype: nil)
            default:
                throw failure(allowLiteral ? "expected an IRI in <…>, a blank node _:label or a literal in \"…\""
                                           : "expected an IRI in <…> or a blank node _:label")
            }
        }

        /// Whether the "." here ends the statement (only spaces or a comment follow).
        private var isStatementEnd: Bool {
            var probe = index + 1
            while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" || scalars[probe] == "\r" { probe += 1 }
            return probe >= scalars.count || scalars[probe] == "#"
        }

        /// The characters up to `end` (consumed), with escapes decoded.
        private mutating func characters(until end: Unicode.Scalar, what: String) throws(FormatError) -> String {
            var text = ""
            while let scalar = peek {
                advance()
                if scalar == end { return text }
                guard scalar == "\\" else {
                    text.unicodeScalars.append(scalar)
                    continue
                }
                guard let escape = peek else { break }
                advance()
                switch escape {
                case "t": text += "\t"
                case "b": text += "\u{08}"
                case "n": text += "\n"
                case "r": text += "\r"
                case "f": text += "\u{0C}"
                case "\"": text += "\""
                case "'": text += "'"
                case "\\": text += "\\"
                case "u", "U":
                    let digits = escape == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<digits {
                        guard let digit = peek, digit.properties.isASCIIHexDigit else {
                            throw failure("expected \(digits) hex digits after \\\(escape)")
                        }
                        hex.unicodeScalars.append(digit)
                        advance()
                    }
                    guard let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) else {
                        throw failure("\\\(escape)\(hex) is not a Unicode scalar")
                    }
                    text.unicodeScalars.append(decoded)
                default:
                    throw failure("unknown escape \\\(escape)")
                }
            }
            throw failure("\(what) is not closed by \(end)")
        }
    }
}
