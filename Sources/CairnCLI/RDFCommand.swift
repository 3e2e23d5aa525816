public import ArgumentParser
import Cairn
public import CairnRDF
import Foundation

/// `cairn rdf canonicalize FILE.nq`: RDFC-1.0 on any N-Quads file.
struct RDFCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rdf",
        abstract: "RDF tools: canonicalize an N-Quads file as Cairn does before checking a Data Integrity proof.",
        subcommands: [RDFCanonicalizeCommand.self])
}

extension RDFCanonicalizer.HashAlgorithm: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.uppercased().replacingOccurrences(of: "-", with: "")) }
}

struct RDFCanonicalizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canonicalize",
        abstract: "Print the RDFC-1.0 canonical N-Quads of an N-Quads file, to compare Cairn with another implementation.",
        discussion: """
            Blank nodes are relabelled c14n0, c14n1, ... and the statements sorted, as RDFC-1.0 \
            prescribes; with --map, the issued identifiers map (input label to canonical label) is \
            printed as JSON instead. A dataset that needs more than 20,000 steps of blank-node hashing \
            is refused (exit 65).
            """)

    @Argument(help: ArgumentHelp("An N-Quads (or N-Triples) file.", valueName: "file"))
    var file: String

    @Option(help: "The hash function: sha256 (default, as eddsa-rdfc-2022 uses) or sha384.")
    var hash: RDFCanonicalizer.HashAlgorithm = .sha256

    @Flag(help: "Print the issued identifiers map (JSON) instead of the canonical N-Quads.")
    var map = false

    func run() async throws {
        try await reportingFailures {
            let quads: [RDFQuad]
            do throws(FormatError) { quads = try NQuadsReader.quads(at: file) } catch {
                throw CommandFailure(lines: [error.description], code: error.message == "no such file" ? 66 : 65)
            }
            let canonicalizer = RDFCanonicalizer(hashAlgorithm: hash)
            do throws(RDFCanonicalizationError) {
                if map {
                    let issued = try canonicalizer.issuedIdentifiers(quads)
                    emit(JSONValue.object(issued.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).serialized() + "\n")
                } else {
                    emit(try canonicalizer.canonicalNQuads(quads))
                }
            } catch {
                throw CommandFailure(lines: ["\(file): \(error.description)"], code: 65)
            }
        }
    }
}
