import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// The one way readers hold a whole file: by size first, regular files only.
@Suite("Bounded file reads")
struct BoundedFileTests {
    /// A file of random bytes and a random limit; every other round its size is within two
    /// bytes of the limit, where an off-by-one would show.
    static func randomFile(_ round: Int, in folder: TemporaryFolder, largestLimit: Int,
                           random: inout SplitMix64) throws -> (limit: Int, size: Int, bytes: [UInt8], url: URL) {
        let limit = random.below(largestLimit + 1)
        let size = round.isMultiple(of: 2) ? max(0, limit - 2 + random.below(5)) : random.below(2 * largestLimit + 1)
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let url = folder.url.appendingPathComponent("file-\(round).bin")
        try Data(bytes).write(to: url)
        return (limit, size, bytes, url)
    }

    @Test("a file is read whole exactly when it is within the limit; a refusal names the limit and the file")
    func readsWithinLimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var random = SplitMix64(seed: 13)
        for round in 0..<200 {
            let (limit, size, bytes, url) = try Self.randomFile(round, in: folder, largestLimit: 4_096, random: &random)
            do {
                let read = try BoundedFile.bytes(at: url.path, display: "shown-\(round)", limit: limit, subject: "probe files")
                #expect(size <= limit, "read \(size) bytes past the limit \(limit)")
                #expect(read == bytes)
            } catch {
                #expect(size > limit, "refused \(size) bytes within the limit \(limit): \(error)")
                #expect(error.description == "shown-\(round): the file is \(size.groupedDigits) bytes; probe files over "
                        + "\(BoundedFile.describe(bytes: limit)) are refused")
            }
        }
    }

    @Test("a FIFO, a folder and a missing file are refused at once, each saying what it is")
    func notRegular() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let fifo = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let cases = [(fifo, "is not a regular file"), (folder.url.path, "is a folder, not a file"),
                     (folder.url.appendingPathComponent("absent").path, "no such file")]
        for (path, expected) in cases {
            #expect(throws: FormatError.self) { try BoundedFile.bytes(at: path, limit: 1 << 20, subject: "probe files") }
            do { _ = try BoundedFile.bytes(at: path, limit: 1 << 20, subject: "probe files") } catch {
                #expect(error.message.hasPrefix(expected), "\(error)")
            }
        }
    }

    @Test("a file read in chunks gives its bytes exactly when it is within the limit, and refuses it as a whole read does")
    func readsInChunks() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var random = SplitMix64(seed: 17)
        for round in 0..<100 {
            let (limit, size, bytes, url) = try Self.randomFile(round, in: folder, largestLimit: 2_048, random: &random)
            let chunkBytes = 1 + random.below(300)
            do {
                var reader = try BoundedFileReader(path: url.path, display: "shown", limit: limit, subject: "probe files",
                                                   chunkBytes: chunkBytes)
                var read: [UInt8] = []
                while let chunk = try reader.nextChunk() {
                    #expect(!chunk.isEmpty && chunk.count <= chunkBytes)
                    read += chunk
                }
                #expect(size <= limit, "read \(size) bytes past the limit \(limit)")
                #expect(read == bytes)
            } catch {
                #expect(size > limit, "refused \(size) bytes within the limit \(limit): \(error)")
                #expect(error.description == "shown: the file is \(size.groupedDigits) bytes; probe files over "
                        + "\(BoundedFile.describe(bytes: limit)) are refused")
            }
        }
        let fifo = folder.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: FormatError.self) { _ = try BoundedFileReader(path: fifo, limit: 1, subject: "probe files") }
    }

    @Test("limits are written as people write them", arguments: [
        (64 << 20, "64 MiB"), (8 << 30, "8 GiB"), (4_096, "4 KiB"), (1_000, "1,000 bytes"), (0, "0 bytes"), ((1 << 20) + 1, "1,048,577 bytes"),
    ])
    func described(bytes: Int, text: String) {
        #expect(BoundedFile.describe(bytes: bytes) == text)
    }
}
