public import ArgumentParser
import Cairn
import Foundation

/// `cairn keys`: an issuer's signing keys.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Make an issuer's signing key: the private key file for `cairn issue`, the public key for verifiers.",
        subcommands: [KeysGenerateCommand.self])
}

extension IssuerKeyAlgorithm: ExpressibleByArgument {}

/// `cairn keys generate`: a new signing key, its public half and the issuer profile that publishes it.
struct KeysGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate an issuer's signing key (Ed25519 or P-256) into a folder; print only the public key.",
        discussion: """
            Writes into --out: issuer-key.jwk, the PRIVATE key (mode 0600; give it to `cairn issue --key`), \
            public/<name>.jwk, the public key under its key id (a folder `cairn verify --keys` reads), and, \
            for an https issuer, issuer-profile.json: the issuer's Open Badges Profile listing the key as its \
            verification method, to publish at the issuer's URL. With --issuer did:key the key is its own \
            identifier: the DID is printed, and a badge catalogue trusts it by listing it under its issuer's keys. \
            The private key is never printed, and an existing key file is never overwritten.
            """)

    @Option(help: ArgumentHelp("The issuer: its https URL (the id its badge catalogue gives it), or did:key.", valueName: "url|did:key"))
    var issuer: String

    @Option(help: "The key's algorithm: ed25519 (signs ob3-json and vc-jwt EdDSA) or p256 (vc-jwt ES256).")
    var algorithm: IssuerKeyAlgorithm = .ed25519

    @Option(help: ArgumentHelp("The folder to write the key files into (made if missing).", valueName: "dir"))
    var out: String = "issuer-keys"

    @Option(help: ArgumentHelp("The issuer's name, for the profile (an https issuer only).", valueName: "text"))
    var name: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let generated: GeneratedIssuerKey
            do throws(IssuingFailure) {
                generated = try GeneratedIssuerKey.generate(issuer: issuer, algorithm: algorithm, name: name)
            } catch {
                throw CommandFailure(lines: [error.description], code: 64)
            }
            let written: [String]
            do throws(IssuingFailure) {
                written = try generated.write(to: URL(fileURLWithPath: out))
            } catch {
                throw CommandFailure(lines: [error.description], code: 73)
            }
            switch format {
            case .json:
                emit(generated.json(files: written).serialized() + "\n")
            case .text:
                var text = "key id: \(generated.key.id)\n"
                if let did = generated.did { text += "DID: \(did)\n" }
                text += "public key (JWK): \(generated.publicJWK)\n"
                text += written.map { "wrote \($0)\n" }.joined()
                emit(text)
            }
        }
    }
}
