import CairnCore
import Foundation

/// Reads a file a chunk at a time — how readers that stream a file open it, so that a large
/// file is never held whole.
///
/// The checks of ``BoundedFile`` come first (a regular file, or a link to one, no larger than
/// the limit), and a file that grows while it is read is held to the same limit. The reader owns
/// the open file, so it cannot be copied (two copies would read past each other); the file is
/// closed when the reader goes away.
package struct BoundedFileReader: ~Copyable {
    /// The most bytes one chunk holds unless told otherwise (256 KiB).
    package static let defaultChunkBytes = 256 << 10

    private let descriptor: Int32
    private let location: SourceLocation
    private let limit: Int
    private let subject: String
    private let chunkBytes: Int
    private var bytesRead = 0

    /// Opens `path` after checking it as ``BoundedFile/checkSize(of:display:limit:subject:)`` does.
    ///
    /// - Parameter chunkBytes: The most bytes one chunk holds (tests make it small, so that
    ///   chunks end in awkward places).
    /// - Throws: ``FormatError`` located at the file: no such file, a folder, not a regular
    ///   file, unreadable, or over the limit.
    package init(path: String, display: String? = nil, limit: Int, subject: String,
                chunkBytes: Int = defaultChunkBytes) throws(FormatError) {
        try BoundedFile.checkSize(of: path, display: display, limit: limit, subject: subject)
        let location = SourceLocation(file: display ?? path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FormatError(location: location, message: "the file cannot be read", kind: .unreadableFile)
        }
        self.descriptor = descriptor
        self.location = location
        self.limit = limit
        self.subject = subject
        self.chunkBytes = max(1, chunkBytes)
    }

    deinit {
        close(descriptor)
    }

    /// The next bytes of the file (at most the chunk size), or nil at its end.
    ///
    /// - Throws: ``FormatError`` when the file cannot be read, or has grown past the limit.
    package mutating func nextChunk() throws(FormatError) -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var count = 0
        repeat {
            count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        } while count < 0 && errno == EINTR
        guard count >= 0 else {
            throw FormatError(location: location, message: "the file cannot be read: " + String(cString: strerror(errno)),
                              kind: .unreadableFile)
        }
        guard count > 0 else { return nil }
        bytesRead += count
        guard bytesRead <= limit else {
            throw BoundedFile.refusal(size: bytesRead, limit: limit, subject: subject, at: location)
        }
        chunk.removeSubrange(count...)
        return chunk
    }
}
