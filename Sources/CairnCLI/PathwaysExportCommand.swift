import ArgumentParser
import Cairn
import Foundation

/// `cairn pathways export ID --format ctdl`: a workspace pathway as CTDL JSON-LD.
struct PathwaysExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a workspace pathway as a CTDL pathway (Credential Registry JSON-LD).",
        discussion: """
            What CTDL cannot express (tag and skill selectors, earnedWithin, minResult, shared, \
            nested pathways, validity…) is written as far as CTDL goes and kept whole in cairn: \
            extension terms; each such thing is printed as a note on standard error.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("A pathway id from the workspace.", valueName: "id"))
    var pathway: String

    @Option(help: ArgumentHelp("The format to write: ctdl.", valueName: "format"))
    var format: PathwayInterchangeFormat

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        guard format == .ctdl else { throw ValidationError("--format badgr is read only (Badgr removed pathways in 2020); export writes ctdl") }
    }

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let output = try loaded.exportPathway(pathway)
            if let out {
                try writeFiles([(out, URL(fileURLWithPath: out), output.text)], force: force)
                noteLines(output.notes)
                emit("wrote \(out)\n")
            } else {
                noteLines(output.notes)
                emit(output.text)
            }
        }
    }
}
