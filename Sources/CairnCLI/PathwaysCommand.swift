import ArgumentParser
import Cairn
import Foundation

/// `cairn pathways list|show`: the pathways a workspace defines.
struct PathwaysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pathways",
        abstract: "List the workspace's pathways, show one's requirements, or import and export CTDL and Badgr pathways.",
        subcommands: [PathwaysListCommand.self, PathwaysShowCommand.self, PathwaysImportCommand.self,
                      PathwaysExportCommand.self],
        defaultSubcommand: PathwaysListCommand.self)
}

struct PathwaysListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every pathway: id, title, the badge it awards, its block credit, its file.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let pathways = loaded.catalog.sortedPathways
            emit(format == .json ? CatalogListing.pathwaysJSON(pathways).serialized() + "\n"
                 : CatalogListing.pathwaysText(pathways, badgeNames: loaded.badgeNames))
        }
    }
}

struct PathwaysShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One pathway's requirements, as a tree.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("A pathway id from the workspace, or a pathway file.", valueName: "id|file"))
    var pathway: String

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let (loaded, id) = try workspace.load(pathway: pathway)
            let compiled = try loaded.compiledPathway(id)
            let outline = loaded.outline(of: compiled)
            guard let definition = loaded.catalog.pathways[id] else { return }
            emit(format == .json ? CatalogListing.pathwayJSON(definition, outline: outline).serialized() + "\n"
                 : terminal.style.apply(CatalogListing.pathwayText(definition, outline: outline, badgeNames: loaded.badgeNames)))
        }
    }
}
