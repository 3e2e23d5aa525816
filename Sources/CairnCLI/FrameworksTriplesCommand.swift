import ArgumentParser
import Cairn
import Foundation

/// `cairn frameworks triples FILE`: the triples Cairn's RDF/XML parser reads from a file, as
/// N-Triples on standard output, streamed in large writes.
///
/// The file is read twice: once to check it, then to print it, so a file with an error prints
/// nothing (the output is all or nothing) while memory stays bounded however large the file.
struct FrameworksTriplesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triples",
        abstract: "Print an RDF/XML file as N-Triples, to see what Cairn reads")

    @Argument(help: ArgumentHelp("An RDF/XML file.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp(
        "The document's base IRI, for relative IRIs and rdf:ID (default: the file's file: URL).",
        valueName: "iri"))
    var base: String?

    func run() async throws {
        try await reportingFailures {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw CommandFailure(lines: ["\(file): no such file"], code: 66)
            }
            let documentBase = base ?? URL(fileURLWithPath: file).standardizedFileURL.absoluteString
            let parser = RDFXMLParser(base: documentBase)
            do {
                try parser.parse(file: file) { _ in }
                let output = NTriplesOutput()
                try parser.parse(file: file) { triple in output.append(triple) }
                output.flush()
            } catch let error as any LocatedError {
                // Only a file that cannot be opened or read is 66; one refused for what it is, 65.
                throw CommandFailure(lines: error.problems.map(\.description), code: error.isUnreadableFile ? 66 : 65)
            }
        }
    }
}

/// Collects N-Triples lines and writes them to standard output a megabyte at a time.
private final class NTriplesOutput {
    private var buffer: [UInt8] = []
    private let limit = 1 << 20

    init() {
        buffer.reserveCapacity(limit + 4096)
    }

    func append(_ triple: RDFTriple) {
        triple.appendNTriples(to: &buffer)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // Standard output is closed (a pipe to `head`, say): nothing more to do.
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
