package import CairnCore
import Foundation

/// Reads whole files no larger than a limit — how every reader that holds a file in memory
/// opens it, so that no file a stranger hands Cairn can exhaust its memory.
///
/// The size is checked before a byte is read, and the read itself stops one byte past the
/// limit, so a file that grows meanwhile (or a special file that reports no size) is refused
/// too. Only regular files, or links that lead to one, are read: a FIFO or a device could block
/// forever or never end.
package enum BoundedFile {
    /// The bytes of the file at `path`.
    ///
    /// - Parameters:
    ///   - display: How errors name the file (defaults to `path`).
    ///   - limit: The most bytes the file may have.
    ///   - subject: What such files are, in the plural, for the refusal: `"definition files"`
    ///     gives "the file is 68,157,440 bytes; definition files over 64 MiB are refused".
    /// - Throws: ``FormatError`` located at the file: no such file, a folder, not a regular
    ///   file, unreadable, or over the limit.
    package static func bytes(at path: String, display: String? = nil, limit: Int,
                             subject: String) throws(FormatError) -> [UInt8] {
        let location = SourceLocation(file: display ?? path)
        try checkSize(of: path, display: display, limit: limit, subject: subject)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw FormatError(location: location, message: "the file cannot be read", kind: .unreadableFile)
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw FormatError(location: location, message: "the file cannot be read: \(error.localizedDescription)", kind: .unreadableFile)
        }
        guard data.count <= limit else { throw refusal(size: data.count, limit: limit, subject: subject, at: location) }
        return Array(data)
    }

    /// The file at `path` as UTF-8 text (a byte-order mark is kept; readers that allow one skip it).
    ///
    /// - Throws: what ``bytes(at:display:limit:subject:)`` throws, and a ``FormatError`` when the
    ///   bytes are not UTF-8.
    package static func text(at path: String, display: String? = nil, limit: Int,
                            subject: String) throws(FormatError) -> String {
        let bytes = try bytes(at: path, display: display, limit: limit, subject: subject)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FormatError(location: SourceLocation(file: display ?? path), message: "the file is not UTF-8 text")
        }
        return text
    }

    /// Checks, without reading it, that `path` is a regular file of at most `limit` bytes — for
    /// readers that stream a file rather than hold it.
    ///
    /// - Throws: ``FormatError`` as ``bytes(at:display:limit:subject:)`` does.
    package static func checkSize(of path: String, display: String? = nil, limit: Int,
                                 subject: String) throws(FormatError) {
        let location = SourceLocation(file: display ?? path)
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw FormatError(location: location, message: "no such file", kind: .unreadableFile)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FormatError(location: location, message: "is a folder, not a file")
        default: throw FormatError(location: location, message: "is not a regular file (a FIFO, device or socket is never read)")
        }
        let size = Int(status.st_size)
        guard size <= limit else { throw refusal(size: size, limit: limit, subject: subject, at: location) }
    }

    /// "the file is 68,157,440 bytes; definition files over 64 MiB are refused".
    package static func refusal(size: Int, limit: Int, subject: String, at location: SourceLocation) -> FormatError {
        FormatError(location: location, message: "the file is \(size.groupedDigits) bytes; \(subject) over "
                        + "\(describe(bytes: limit)) are refused")
    }

    /// A byte count as people write limits: `64 MiB`, `4 KiB`, `1,000 bytes`.
    package static func describe(bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes.groupedDigits) bytes"
    }
}
