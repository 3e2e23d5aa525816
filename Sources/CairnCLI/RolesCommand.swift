public import ArgumentParser
import Cairn
import Foundation

/// `cairn roles`: how badges cover job roles — one learner's best roles, the people closest to
/// one role, or a person-by-role matrix.
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Role fit: which roles a learner is ready for and what each is missing; who is closest to a role; a person-by-role matrix.",
        subcommands: [RolesFitCommand.self, RolesMatchCommand.self, RolesMatrixCommand.self, RolesListCommand.self],
        defaultSubcommand: RolesFitCommand.self)
}

/// What every roles command loads: the library's role desk, with the CLI's errors for a role query.
struct RoleContext {
    var desk: RoleDesk
    var workspace: Workspace { desk.workspace }
    var engine: RoleFitEngine {
        get { desk.engine }
        set { desk.engine = newValue }
    }
    var names: SkillNames { desk.names }

    init(_ options: WorkspaceOptions) throws {
        do {
            desk = try RoleDesk(workspace: try options.load(), store: try options.givenStore)
        } catch let error as WorkspaceError {
            throw CommandFailure(error)
        }
    }

    /// The role `query` names, or a usage error naming the candidates.
    func role(_ query: String) throws -> RoleProfile {
        switch desk.role(query) {
        case .found(let role): return role
        case .ambiguous(let titled):
            throw CommandFailure(lines: ["\"\(query)\" is the title of \(titled.count) roles; name one by id: "
                                         + titled.map { "\($0.id) (\($0.title))" }.joined(separator: ", ")], code: 64)
        case .unknown(let hint):
            let roles = engine.roles
            let listed = roles.prefix(20).map { "\($0.title) (\($0.id))" }.joined(separator: "; ")
            throw CommandFailure(lines: ["unknown role \"\(query)\"" + (hint.isEmpty ? "; known roles: \(listed)"
                                                                                 + (roles.count > 20 ? "; …" : "") : hint)], code: 64)
        }
    }
}

struct RolesFitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "The roles a learner's valid badges cover best, with coverage, gaps and badges that would close them.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("A learner record file, or the id of a learner bundled in the workspace.", valueName: "file"))
    var learner: String

    @Option(help: ArgumentHelp("Only this role (an occupation URI or a profile id).", valueName: "id"))
    var role: String?

    @Option(help: "How many roles to show, best first.")
    var top: Int = 5

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format.")
    var format: TranscriptFormat = .text

    @OptionGroup(title: "Open Badges files the learner record lists")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let context = try RoleContext(workspace)
            let record = try context.workspace.learnerRecord(named: learner, verifier: credentials.verifier())
            try strictness.check(context.workspace.problems(records: [record]))
            let report = context.desk.fitReport(for: record, asOf: date, only: try role.map { [try context.role($0).id] }, top: top)
            switch format {
            case .json: emit(report.json.serialized() + "\n")
            case .csv: emit(report.csv)
            case .text: terminal.emit(report.text)
            }
        }
    }
}

struct RolesMatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Rank the people in a folder of learner records for one role.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The role: an occupation URI or a profile id.", valueName: "id"))
    var role: String

    @OptionGroup(title: "Learners (a folder of records, a SIS export, or --cohort for the store's)") var cohort: CohortOptions

    @Option(help: "How many people to show, best first (0: all).")
    var top: Int = 0

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Output format.")
    var format: TranscriptFormat = .text

    @OptionGroup(title: "Open Badges files the learner records list")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            let context = try RoleContext(workspace)
            let profile = try context.role(role)
            guard cohort.isCohort else { throw ValidationError("give --learners DIR|CSV or --cohort") }
            var fits: [(learner: String, fit: RoleFit)] = []
            let output = try cohort.sink()
            let desk = context.desk
            do {
                try await desk.workspace.forEachCohortChunk(try cohort.source(self.workspace, credentials: credentials, strictness: strictness), transform: { records in
                    records.compactMap { record in desk.fit(of: record, for: profile, asOf: date).map { (record.learner, $0) } }
                }, progress: { done, total in output.progress(done: done, total: total) }, emit: { chunk in fits += chunk })
            } catch {
                output.abandon()
                throw error
            }
            var report = RoleMatchReport(role: profile, asOf: date, fits: fits, names: context.names)
            if top > 0 { report.ranked = Array(report.ranked.prefix(top)) }
            switch format {
            case .json: output.write(report.json.serialized() + "\n")
            case .csv: output.write(report.csv)
            case .text: output.write(terminal.style.apply(report.text))
            }
            try output.finish()
        }
    }
}

extension RoleMatrixCSV.Header: ExpressibleByArgument {}

struct RolesMatrixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "A person-by-role CSV of fit scores, for an applicant tracking or HR system.",
        discussion: "Scores are written with 4 decimals (0 to 1); rows are written as they are computed, on every core.")

    @OptionGroup var workspace: WorkspaceOptions

    @OptionGroup(title: "Learners (a folder of records, a SIS export, or --cohort for the store's)") var cohort: CohortOptions

    @Option(help: ArgumentHelp("Only these roles (comma-separated ids, UUIDs or titles); default every role.", valueName: "ids"))
    var roles: String?

    @Option(help: "How the header names the roles: titles (\"data analyst [URI]\") or bare ids.")
    var header: RoleMatrixCSV.Header = .titles

    @OptionGroup var asOf: AsOfOption

    @OptionGroup(title: "Open Badges files the learner records list")
    var credentials: CredentialOptions

    @OptionGroup var strictness: LenientOption

    func run() async throws {
        try await reportingFailures {
            let date = try asOf.date()
            var context = try RoleContext(workspace)
            if let roles {
                let wanted = try roles.split(separator: ",").map { try context.role(String($0).trimmingCharacters(in: .whitespaces)) }
                context.engine = context.engine.restricted(to: wanted)
            }
            guard cohort.isCohort else { throw ValidationError("give --learners DIR|CSV or --cohort") }
            let output = try cohort.sink()
            let workspace = context.workspace
            let desk = context.desk
            // Rows go out chunk by chunk, so memory holds a few chunks of the matrix, not all of it.
            output.write(RoleMatrixCSV.header(roles: desk.engine.roles, naming: header))
            do {
                try await workspace.forEachCohortChunk(try cohort.source(self.workspace, credentials: credentials, strictness: strictness), transform: { records in
                    desk.matrixRows(for: records, asOf: date)
                }, progress: { done, total in output.progress(done: done, total: total) }, emit: output.write)
                try output.finish()
            } catch {
                output.abandon()
                throw error
            }
        }
    }
}

struct RolesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Every role: its title, id, where it comes from, and how many essential and optional skills it asks for.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let roles = try RoleContext(workspace).engine.roles.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
            emit(format == .json ? CatalogListing.rolesJSON(roles).serialized() + "\n" : CatalogListing.rolesText(roles))
        }
    }
}
