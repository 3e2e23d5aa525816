import ArgumentParser
import Cairn

/// `cairn`: stackable micro-credentials — audits, credit, renewals, role fit and plans.
@main
struct CairnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cairn",
        abstract: "Audit stackable micro-credentials against pathways, exactly and with explanations.",
        discussion: """
            A workspace is a folder holding Frameworks/ and Pathways/ (badge catalogues, pathway \
            definitions, learner records). Exit codes: 0 success (an incomplete pathway is a \
            successful audit), 64 usage, 65 invalid input data, 66 file not found, 70 internal error, 73 cannot create (init), 75 try again later (the results of an unfinished job).
            """,
        version: CairnVersion.current,
        subcommands: [InitCommand.self, DemoCommand.self, ValidateCommand.self, AuditCommand.self, CreditsCommand.self, RenewalsCommand.self, RolesCommand.self, PlanCommand.self, VerifyCommand.self, GraphCommand.self,
                      PathwaysCommand.self, BadgesCommand.self, LearnersCommand.self, ExceptionsCommand.self,
                      FrameworksCommand.self, SkillsCommand.self, RDFCommand.self, ServeCommand.self, TokensCommand.self,
                      JobsCommand.self, WorkerCommand.self, IssueCommand.self, KeysCommand.self, StatusListCommand.self])
}
