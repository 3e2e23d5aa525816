public import ArgumentParser
import Cairn
import Foundation

extension PathwayInterchangeFormat: ExpressibleByArgument {}

/// `cairn pathways import FILE --format ctdl|badgr`: another system's pathway as Cairn files.
struct PathwaysImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a CTDL pathway (Credential Registry JSON-LD) or a Badgr pathway export into Cairn pathway YAML.",
        discussion: """
            Writes the pathway as <id>.yaml and, for the components that are not badges of the \
            workspace yet, a badge catalogue badges.yaml, into Pathways/<id>/ of the workspace (or \
            --out DIR), where `cairn validate` and `cairn audit` find them. An existing file is \
            never replaced without --force. What the file says that is not a Cairn rule is \
            printed as a note on standard error, with its place.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("The file to import.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The file's format: ctdl or badgr.", valueName: "format"))
    var format: PathwayInterchangeFormat

    @Option(help: ArgumentHelp("The folder to write into (default: Pathways/<id>/ in the workspace).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replace files that exist.")
    var force = false

    @Flag(name: .customLong("no-extensions"), help: "Read the CTDL terms alone, ignoring the cairn: extension terms Cairn writes.")
    var noExtensions = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let imported = try loaded.importPathway(at: URL(fileURLWithPath: file), format: format, useExtensions: !noExtensions)
            // Paths are shown as the person gave them: under --out, else under the workspace's Pathways/.
            let shownFolder = out ?? (workspace.workspace == "." ? "" : workspace.workspace + "/") + "Pathways/" + imported.pathway.id
            let folder = URL(fileURLWithPath: shownFolder)
            let files = imported.files(in: folder, from: URL(fileURLWithPath: file).lastPathComponent, format: format)
            func shown(_ url: URL) -> String {
                (shownFolder.hasSuffix("/") ? shownFolder : shownFolder + "/") + url.lastPathComponent
            }
            try writeFiles(files.map { (shown($0.url), $0.url, $0.text) }, force: force, hint: ", or --out DIR")
            let matched = imported.workspaceBadges.count
            if json {
                emit(JSONValue.object([
                    ("pathway", .string(imported.pathway.id)),
                    ("title", .string(imported.pathway.title)),
                    ("files", .array(files.map { .string(shown($0.url)) })),
                    ("workspaceBadges", .number(Rational(matched))),
                    ("newBadges", .array(imported.newBadges.map { .string($0.id) })),
                    ("notes", .array(imported.notes.map { note in
                        .object([("file", .string(note.location.file)),
                                 ("line", note.location.line.map { .number(Rational($0)) } ?? .null),
                                 ("column", note.location.column.map { .number(Rational($0)) } ?? .null),
                                 ("message", .string(note.message))])
                    })),
                ]).serialized() + "\n")
                return
            }
            noteLines(imported.notes.map(\.description))
            var text = "Imported \"\(imported.pathway.title)\" as pathway \(imported.pathway.id): "
                + "\(matched) badge class(es) of the workspace, \(imported.newBadges.count) new\n"
            for (url, _) in files { text += "wrote \(shown(url))\n" }
            emit(text)
        }
    }
}
