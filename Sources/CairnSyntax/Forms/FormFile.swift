/// A file sent in a multipart form: the field it was sent for, the name the sender gave it, and
/// its bytes as sent.
///
/// The filename is the sender's, so it is sanitised before anything sees it (see
/// ``sanitizedFilename(_:)``); even so, it is a label to show, not a path to write to.
public struct FormFile: Sendable, Hashable {
    /// The name of the form field the file was sent for.
    public let name: String
    /// The sanitised filename: the last path component only, without control characters, at most
    /// 255 bytes of UTF-8; empty when the sender gave none (an empty file input sends `filename=""`).
    public let filename: String
    /// The part's Content-Type as sent (for example `image/png`), or nil when it had none.
    public let contentType: String?
    /// The file's bytes, exactly as sent.
    public let bytes: [UInt8]

    /// A file sent for the field `name`; `filename` is sanitised with ``sanitizedFilename(_:)``.
    public init(name: String, filename: String, contentType: String?, bytes: [UInt8]) {
        self.name = name
        self.filename = Self.sanitizedFilename(filename)
        self.contentType = contentType
        self.bytes = bytes
    }

    /// The most UTF-8 bytes in a sanitised filename: what common file systems allow in one name.
    public static let maxFilenameBytes = 255

    /// `filename` made safe to show and to log: control characters and bidirectional formatting
    /// characters (which can disguise `gnp.exe` as `exe.png`) removed, then only what follows the
    /// last `/` or `\` kept (old browsers send `C:\fakepath\badge.png`, a hostile one
    /// `../../etc/passwd`), `.` and `..` made empty, and the rest cut to at most 255 bytes at a
    /// character boundary.
    public static func sanitizedFilename(_ filename: String) -> String {
        var last = String.UnicodeScalarView()
        for scalar in filename.unicodeScalars {
            if scalar == "/" || scalar == "\\" {
                // Split on scalars, not characters: "/" followed by a combining mark is one
                // character, and would otherwise keep its slash.
                last = String.UnicodeScalarView()
            } else if scalar.properties.generalCategory != .control && !scalar.properties.isBidiControl {
                last.append(scalar)
            }
        }
        if String(last) == "." || String(last) == ".." { return "" }
        var result = ""
        var length = 0
        for character in String(last) {
            length += character.utf8.count
            if length > maxFilenameBytes { break }
            result.append(character)
        }
        return result
    }
}
