import CairnSyntax
/// RDF 1.1 N-Triples: writing triples as lines, and a small reader.
extension RDFTriple {
    /// The triple as one N-Triples line, without the line break:
    /// `<s> <p> "o"@en .`
    public var nTriples: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        appendNTriples(to: &bytes)
        bytes.removeLast()  // the line break
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the triple as one N-Triples line, with its line break, to `buffer`.
    ///
    /// IRIs escape the characters IRIREF cannot hold as `\uXXXX`; literals escape `"`, `\`,
    /// line feed and carriage return with a backslash and other control characters as
    /// `\uXXXX`; everything else is written as UTF-8.
    public func appendNTriples(to buffer: inout [UInt8]) {
        NTriplesWriter.append(subject, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        NTriplesWriter.appendIRI(predicate, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        NTriplesWriter.append(object, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        buffer.append(UInt8(ascii: "."))
        buffer.append(UInt8(ascii: "\n"))
    }
}

extension RDFTerm {
    /// The term as N-Triples writes it.
    public var nTriples: String {
        var bytes: [UInt8] = []
        NTriplesWriter.append(self, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

enum NTriplesWriter {
    static func append(_ term: RDFTerm, to buffer: inout [UInt8]) {
        switch term {
        case .iri(let iri):
            appendIRI(iri, to: &buffer)
        case .blank(let label):
            buffer.append(UInt8(ascii: "_"))
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: label.utf8)
        case .literal(let value, let language, let datatype):
            buffer.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                switch byte {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\\")); buffer.append(byte)
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(byte)
                case 0x0A: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                case 0x0D: buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                case 0x00...0x1F, 0x7F: appendUCHAR(byte, to: &buffer)
                default: buffer.append(byte)
                }
            }
            buffer.append(UInt8(ascii: "\""))
            if let language {
                buffer.append(UInt8(ascii: "@"))
                buffer.append(contentsOf: language.utf8)
            } else if let datatype {
                buffer.append(UInt8(ascii: "^"))
                buffer.append(UInt8(ascii: "^"))
                appendIRI(datatype, to: &buffer)
            }
        }
    }

    static func appendIRI(_ iri: String, to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "<"))
        for byte in iri.utf8 {
            switch byte {
            case 0x00...0x20, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "{"),
                 UInt8(ascii: "}"), UInt8(ascii: "|"), UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "\\"):
                appendUCHAR(byte, to: &buffer)
            default:
                buffer.append(byte)
            }
        }
        buffer.append(UInt8(ascii: ">"))
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func appendUCHAR(_ byte: UInt8, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                   hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
    }
}

/// A small N-Triples reader (RDF 1.1): IRIs, blank nodes, literals with a language tag or a
/// datatype, `\uXXXX`/`\UXXXXXXXX` and backslash escapes, comments and blank lines.
/// IRIs are taken as written, without checking or resolving them.
public enum NTriplesReader {
    /// The triples of `text`, in order; `documentName` names the document in errors.
    public static func triples(in text: String, documentName: String = "<n-triples>") throws -> [RDFTriple] {
        var result: [RDFTriple] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var scanner = LineScanner(scalars: Array(line.unicodeScalars), file: documentName, line: lineNumber)
            scanner.skipSpace()
            if scanner.atEnd || scanner.peek == "#" { continue }
            let subject = try scanner.term()
            if case .literal = subject { throw scanner.error("a subject cannot be a literal") }
            scanner.skipSpace()
            guard case .iri(let predicate) = try scanner.term() else { throw scanner.error("a predicate must be an IRI") }
            scanner.skipSpace()
            let object = try scanner.term()
            scanner.skipSpace()
            guard scanner.peek == "." else { throw scanner.error("expected \".\" at the end of the triple") }
            scanner.index += 1
            scanner.skipSpace()
            if !scanner.atEnd && scanner.peek != "#" { throw scanner.error("unexpected text after the triple") }
            result.append(RDFTriple(subject: subject, predicate: predicate, object: object))
        }
        return result
    }

    private struct LineScanner {
        let scalars: [Unicode.Scalar]
        let file: String
        let line: Int
        var index = 0

        init(scalars: [Unicode.Scalar], file: String, line: Int) {
            self.scalars = scalars
            self.file = file
            self.line = line
        }

        var atEnd: Bool { index >= scalars.count }
        var peek: Unicode.Scalar? { atEnd ? nil : scalars[index] }

        func error(_ message: String) -> NTriplesError {
            NTriplesError(file: file, line: line, column: index + 1, message: message)
        }

        mutating func skipSpace() {
            while let scalar = peek, scalar == " " || scalar == "\t" || scalar == "\r" { index += 1 }
        }

        mutating func term() throws -> RDFTerm {
            switch peek {
            case "<":
                return .iri(try iri())
            case "_":
                index += 1
                guard peek == ":" else { throw error("expected \"_:\"") }
                index += 1
                var label = ""
                while let scalar = peek, scalar != " ", scalar != "\t", scalar != "." || isLabelContinued {
                    label.unicodeScalars.append(scalar)
                    index += 1
                }
                if label.isEmpty { throw error("a blank node needs a label") }
                return .blank(label)
            case "\"":
                index += 1
                var value = ""
                while true {
                    guard let scalar = peek else { throw error("unterminated literal") }
                    index += 1
                    if scalar == "\"" { break }
                    if scalar == "\\" {
                        value.unicodeScalars.append(try escape())
                    } else {
                        value.unicodeScalars.append(scalar)
                    }
                }
                if peek == "@" {
                    index += 1
                    var language = ""
                    while let scalar = peek, scalar.properties.isAlphabetic || scalar == "-" || ("0"..."9").contains(scalar) {
                        language.unicodeScalars.append(scalar)
                        index += 1
                    }
                    if language.isEmpty { throw error("empty language tag") }
                    return .literal(value, language: language.lowercased(), datatype: nil)
                }
                if peek == "^" {
                    index += 1
                    guard peek == "^" else { throw error("expected \"^^\"") }
                    index += 1
                    guard peek == "<" else { throw error("expected a datatype IRI") }
                    return .literal(value, language: nil, datatype: try iri())
                }
                return .literal(value, language: nil, datatype: nil)
            default:
                throw error("expected an IRI, a blank node or a literal")
            }
        }

        /// A "." inside a blank node label, followed by more label characters.
        private var isLabelContinued: Bool {
            index + 1 < scalars.count && scalars[index + 1] != " " && scalars[index + 1] != "\t"
        }

        private mutating func iri() throws -> String {
            index += 1
            var value = ""
            while true {
                guard let scalar = peek else { throw error("unterminated IRI") }
                index += 1
                if scalar == ">" { return value }
                if scalar == "\\" {
                    guard peek == "u" || peek == "U" else { throw error("only \\u and \\U escapes are allowed in IRIs") }
                    value.unicodeScalars.append(try escape())
                } else {
                    value.unicodeScalars.append(scalar)
                }
            }
        }

        private mutating func escape() throws -> Unicode.Scalar {
            guard let kind = peek else { throw error("unterminated escape") }
            index += 1
            switch kind {
            case "t": return "\t"
            case "b": return "\u{8}"
            case "n": return "\n"
            case "r": return "\r"
            case "f": return "\u{C}"
            case "\"": return "\""
            case "'": return "'"
            case "\\": return "\\"
            case "u", "U":
                let length = kind == "u" ? 4 : 8
                guard index + length <= scalars.count else { throw error("incomplete \\\(kind) escape") }
                var value: UInt32 = 0
                for scalar in scalars[index..<(index + length)] {
                    guard let digit = scalar.properties.numericType != nil || ("a"..."f").contains(scalar)
                            || ("A"..."F").contains(scalar) ? UInt32(String(scalar), radix: 16) : nil else {
                        throw error("bad hexadecimal digit in an escape")
                    }
                    value = value * 16 + digit
                }
                index += length
                guard let result = Unicode.Scalar(value) else { throw error("escape names no Unicode scalar") }
                return result
            default:
                throw error("unknown escape \\\(kind)")
            }
        }
    }
}
