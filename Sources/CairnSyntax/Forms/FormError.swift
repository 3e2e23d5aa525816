/// Why a form body was refused, and where: the byte offset in the body, the field when known,
/// and what was expected there.
///
/// Its description is `byte OFFSET: message`, for example
/// `byte 1234: the part's headers end without a blank line`; a problem with the Content-Type
/// header rather than the body reads `Content-Type: message`. Names and bytes from the body are
/// quoted with control characters escaped, so a message is safe to log or send back.
public struct FormError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem it is, for a program to act on (the message is for people).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The Content-Type header is not `multipart/form-data`, or its parameters do not parse.
        case badContentType
        /// The Content-Type header has no `boundary` parameter.
        case missingBoundary
        /// The boundary is empty, longer than 70 characters, or holds a character RFC 2046 does
        /// not allow in one.
        case badBoundary
        /// A boundary line is followed by something other than a line break or the closing `--`.
        case badDelimiter
        /// The body ends before the closing boundary: inside a part, or with no boundary at all.
        case unterminated
        /// A part's headers are malformed: a line that is not `Name: value`, no blank line after
        /// them, no or a second Content-Disposition, or one that is not `form-data`.
        case badPartHeader
        /// A part's Content-Disposition has no `name` parameter.
        case missingName
        /// A field's name is longer than ``FormLimits/maxNameBytes``.
        case nameTooLong
        /// A part's headers are longer than ``FormLimits/maxHeaderBytes``.
        case headerTooLarge
        /// The form has more fields than ``FormLimits/maxFields``.
        case tooManyFields
        /// A field's value is longer than ``FormLimits/maxFieldBytes``.
        case fieldTooLarge
        /// The form has more files than ``FormLimits/maxFiles``.
        case tooManyFiles
        /// A file is longer than ``FormLimits/maxFileBytes``.
        case fileTooLarge
        /// A name, value or filename is not UTF-8.
        case badEncoding
        /// A `%` in a URL-encoded body is not followed by two hexadecimal digits.
        case badPercentEscape

        /// True for the reasons that are a limit of ``FormLimits`` exceeded.
        public var isTooLarge: Bool {
            switch self {
            case .nameTooLong, .headerTooLarge, .tooManyFields, .fieldTooLarge, .tooManyFiles, .fileTooLarge: true
            default: false
            }
        }
    }

    /// The 0-based offset in the body where the problem is; 0 for a problem with the
    /// Content-Type header.
    public var offset: Int
    /// The field the problem is in, when its name is known.
    public var field: String?
    /// What kind of problem it is.
    public var reason: Reason
    /// What is wrong and what was expected, in words.
    public var message: String

    /// Creates a problem at `offset` in the body.
    public init(offset: Int, field: String? = nil, reason: Reason, message: String) {
        self.offset = offset
        self.field = field
        self.reason = reason
        self.message = message
    }

    /// True when a limit of ``FormLimits`` was exceeded (a server answers 413, not 400).
    public var isTooLarge: Bool { reason.isTooLarge }

    /// `byte OFFSET: message`, or `Content-Type: message`.
    public var description: String {
        switch reason {
        case .badContentType, .missingBoundary, .badBoundary: "Content-Type: \(message)"
        default: "byte \(offset): \(message)"
        }
    }
}

extension FormError {
    /// `text` quoted for a message: shortened when long, and every control character (a
    /// stranger's name may hold escape sequences meant for a terminal) written as `\u{…}`.
    static func shown(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars.prefix(60) {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.isBidiControl {
                    escaped += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + escaped + (text.unicodeScalars.count > 60 ? "…\"" : "\"")
    }

    /// Bytes from the body quoted for a message: printable ASCII as it is, other bytes as `\xNN`.
    static func shown(bytes: ArraySlice<UInt8>) -> String {
        var escaped = ""
        for byte in bytes.prefix(40) {
            switch byte {
            case UInt8(ascii: "\""): escaped += "\\\""
            case UInt8(ascii: "\\"): escaped += "\\\\"
            case 0x20..<0x7F: escaped.unicodeScalars.append(Unicode.Scalar(byte))
            default: escaped += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return "\"" + escaped + (bytes.count > 40 ? "…\"" : "\"")
    }
}

// The problems both parsers find, worded once.
extension FormError {
    static func tooManyFields(at offset: Int, limit: Int) -> FormError {
        FormError(offset: offset, reason: .tooManyFields,
                  message: "the form has more than \(limit.groupedDigits) fields, the most allowed")
    }

    static func nameTooLong(at offset: Int, limit: Int) -> FormError {
        FormError(offset: offset, reason: .nameTooLong,
                  message: "a field's name is longer than \(limit.groupedDigits) bytes, the most allowed")
    }

    static func fieldTooLarge(_ field: String, at offset: Int, limit: Int) -> FormError {
        FormError(offset: offset, field: field, reason: .fieldTooLarge,
                  message: "the value of the field \(shown(field)) is longer than \(limit.groupedDigits) bytes, the most allowed")
    }

    /// Text that is not UTF-8, `what` saying which (`a field's name`, `the value of the field "x"`).
    static func notUTF8(_ what: String, field: String?, at offset: Int) -> FormError {
        FormError(offset: offset, field: field, reason: .badEncoding, message: "\(what) is not UTF-8 text from this byte on")
    }
}
