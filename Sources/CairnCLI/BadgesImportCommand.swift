import ArgumentParser
import Cairn
import Foundation

/// `cairn badges import FILE…`: an issuer's Open Badges achievements as a badge catalogue.
struct BadgesImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Make a badge catalogue (YAML) from an issuer's Open Badges achievements: OB 3.0 Achievements, OB 2.0 BadgeClasses, or credentials that embed them.")

    @Argument(help: ArgumentHelp("Open Badges files: an Achievement or BadgeClass (or a JSON list of them), or a credential (JSON, JWT, baked PNG/SVG, CLR).",
                                 valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Write the catalogue to this file (refused if it exists, unless --force); default: standard output.",
                               valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @Option(name: .customLong("credit-unit"),
            help: ArgumentHelp("The unit of the achievements' creditsAvailable (Open Badges 3.0 credits have none), e.g. ECTS.",
                               valueName: "unit"))
    var creditUnit: String?

    @Option(help: ArgumentHelp("The issuer whose achievements to take, when the files name several (a CLR transcript lists many issuers').",
                               valueName: "id"))
    var issuer: String?

    @Option(help: ArgumentHelp("A folder of documents the files refer to (an OB 2.0 BadgeClass's Issuer), found by their id; repeatable.",
                               valueName: "dir"))
    var resolve: [String] = []

    @Option(name: .long, help: ArgumentHelp("The workspace whose catalogues already hold some of these achievements (they are left out).",
                                            valueName: "dir"))
    var workspace: String = "."

    func run() async throws {
        try await reportingFailures {
            guard !files.isEmpty else { throw ValidationError("give at least one Open Badges file") }
            for folder in resolve where !FileManager.default.fileExists(atPath: folder) {
                throw CommandFailure(lines: ["--resolve: no such folder: \(folder)"], code: 66)
            }
            var documents: [AchievementDocument] = []
            var problems: [String] = []
            for file in files {
                let url = URL(fileURLWithPath: file)
                guard FileManager.default.fileExists(atPath: url.path) else { throw CommandFailure(lines: ["no such file: \(file)"], code: 66) }
                let local = LocalDocuments(folders: [url.deletingLastPathComponent()] + resolve.map { URL(fileURLWithPath: $0) })
                do throws(FormatErrors) {
                    documents.append(try AchievementDocument.read(at: url, documents: local))
                } catch {
                    problems += error.errors.map(\.description)
                }
            }
            guard problems.isEmpty else { throw CommandFailure(lines: problems, code: 65) }
            let root = URL(fileURLWithPath: workspace)
            let known = FileManager.default.fileExists(atPath: root.appendingPathComponent("Pathways").path)
                ? try Workspace(at: root).catalog : nil
            let imported = try BadgeCatalogImport.make(from: documents, creditUnit: creditUnit.map { CreditUnit($0) },
                                                      issuer: issuer, known: known)
            let text = imported.yaml(from: documents.map(\.file))
            noteLines(imported.notes)
            guard let out else { return emit(text) }
            try writeFiles([(out, URL(fileURLWithPath: out), text)], force: force)
            FileHandle.standardError.write(Data("cairn: wrote \(out): \(imported.catalog.badges.count) badge classes of \(imported.catalog.issuer.name)\n".utf8))
        }
    }
}
