import ArgumentParser
import Cairn
import Foundation

/// `cairn badges …`: Open Badges files as Cairn reads them.
struct BadgesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "badges",
        abstract: "List and show the workspace's badge classes; show Open Badges files as Cairn reads them; make a catalogue from them.",
        subcommands: [BadgesListCommand.self, BadgesShowCommand.self, BadgesInspectCommand.self, BadgesImportCommand.self])
}

struct BadgesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every badge class of the workspace's catalogues: id, name, issuer, credits, tags.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Only badges with this tag.", valueName: "tag"))
    var tag: String?

    @Option(help: ArgumentHelp("Only badges of this issuer (its id).", valueName: "id"))
    var issuer: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let badges = loaded.catalog.badgeClasses.values.sorted { $0.id < $1.id }.filter { badge in
                (tag.map { badge.tags.contains($0) } ?? true) && (issuer.map { badge.issuer.id == $0 } ?? true)
            }
            emit(format == .json ? CatalogListing.badgesJSON(badges).serialized() + "\n" : CatalogListing.badgesText(badges))
        }
    }
}

struct BadgesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One badge class whole, and the pathways that name it.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("A badge class id (or an Open Badges achievement id it lists).", valueName: "id"))
    var badge: String

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            guard let badgeClass = loaded.catalog.badgeClass(forAchievement: badge) else {
                throw CommandFailure(WorkspaceError.unknownID(kind: "badge class", id: badge,
                                                              known: loaded.catalog.badgeClasses.keys.sorted()))
            }
            let usedBy = loaded.pathways(naming: badgeClass.id)
            emit(format == .json ? CatalogListing.badgeJSON(badgeClass, usedBy: usedBy).serialized() + "\n"
                 : CatalogListing.badgeText(badgeClass, usedBy: usedBy,
                                            skills: SkillNames(frameworks: Array(loaded.catalog.frameworks.values))))
        }
    }
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
