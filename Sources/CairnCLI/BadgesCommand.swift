import ArgumentParser
import Cairn
import Foundation

/// `cairn badges …`: Open Badges files as Cairn reads them.
struct BadgesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badges",
        abstract: "Show Open Badges files as Cairn reads them.",
        subcommands: [BadgesInspectCommand.self])
}

struct BadgesInspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show an Open Badges file: the achievement, criteria, evidence, issuer, dates and status, credits, alignments and ids.")

    @Argument(help: ArgumentHelp("An Open Badges file: JSON, JWT, or baked PNG/SVG.", valueName: "file"))
    var file: String

    @OptionGroup var credentials: CredentialOptions
    @OptionGroup var trustedIssuers: TrustedIssuersOption
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let verifier = try trustedIssuers.trusting(credentials.verifier())
            let url = URL(fileURLWithPath: file)
            let (read, verification) = verifier.verify(fileAt: url, asOf: date)
            guard let read else {
                let missing = verification.reason == "no such file"
                let reason = verification.reason.hasPrefix(verification.file) ? verification.reason
                    : "\(verification.file): \(verification.reason)"
                throw CommandFailure(lines: [missing ? "no such file: \(file)" : reason], code: missing ? 66 : 65)
            }
            let inspection = BadgeInspection(file: read, verification: verification, asOf: date)
            switch format {
            case .json: emit(inspection.json.serialized() + "\n")
            case .text: emit(inspection.text)
            }
        }
    }
}
