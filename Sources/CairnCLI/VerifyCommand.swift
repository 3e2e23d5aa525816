import ArgumentParser
import Cairn
import Foundation

struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check Open Badges files offline: well formed, proofs, dates and revocation.",
        discussion: """
            One outcome per file: verified (proof checked, in date, not revoked), unverified (no \
            proof or no key to check it; in date, not revoked), expired, not-yet-valid, revoked, \
            tampered (a proof that does not match) or invalid (not a well-formed credential). \
            Exits 0 only when every file is verified or unverified, 65 otherwise. Nothing is \
            fetched: keys, lists and referenced documents come from the folders given.
            """)

    @Argument(help: ArgumentHelp("Open Badges files: JSON, JWT, or baked PNG/SVG.", valueName: "file"))
    var files: [String]

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var trustedIssuers: TrustedIssuersOption
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let verifier = try trustedIssuers.trusting(credentials.verifier())
            let results = files.map { verifier.verify(fileAt: URL(fileURLWithPath: $0), asOf: date).verification }
            let report = VerificationReport(asOf: date, results: results)
            switch format {
            case .json: emit(report.json.serialized() + "\n")
            case .text: terminal.emit(report.text)
            }
            if !report.isAcceptable { throw ExitCode(65) }
        }
    }
}
