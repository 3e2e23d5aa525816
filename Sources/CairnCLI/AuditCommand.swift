import ArgumentParser
import Cairn
import Foundation

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit a learner against a pathway: what is met, with which badges, and why others do not count.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A pathway id from the workspace, or a pathway file.", valueName: "id|file"))
    var pathway: String

    @Option(help: ArgumentHelp("A learner record file (YAML or JSON), or the id of a learner bundled in the workspace.",
                               valueName: "file"))
    var learner: String

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let (loaded, pathwayID) = try workspace.load(pathway: pathway)
            let record = try loaded.learnerRecord(named: learner, verifier: credentials.verifier())
            try strictness.check(loaded.problems(pathways: [pathwayID], records: [record]))
            let audit = try loaded.audit(pathway: pathwayID, for: record, asOf: date)
            switch format {
            case .json: emit(audit.json.serialized() + "\n")
            case .text: terminal.emit(AuditTextReport(audit: audit, badgeNames: loaded.badgeNames).text)
            }
        }
    }
}

extension Workspace {
    /// A learner record from a file, or a bundled learner by id when no such file exists.
    ///
    /// A bundled learner is read again from its file with `verifier`, so that `--keys` and
    /// `--accept` apply to its credentials as they would to a record named by path.
    func learnerRecord(named name: String, verifier: CredentialVerifier = CredentialVerifier()) throws -> LearnerRecord {
        if !FileManager.default.fileExists(atPath: name), let bundled = learners.first(where: { $0.learner == name }) {
            guard let file = bundled.source?.file, FileManager.default.fileExists(atPath: file) else { return bundled }
            return try learnerRecord(at: URL(fileURLWithPath: file), verifier: verifier)
        }
        return try learnerRecord(at: URL(fileURLWithPath: name), verifier: verifier)
    }

    /// Badge class names by id, for readable reports.
    var badgeNames: [String: String] {
        catalog.badgeClasses.mapValues(\.name)
    }
}
