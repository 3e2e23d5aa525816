import ArgumentParser
import Cairn
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Audit the bundled sample learners against the bundled pathways and print a short report.")

    @OptionGroup var workspace: WorkspaceOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "The day to evaluate on; default 2026-11-29, the day the bundled samples were written for, so the report reproduces.",
        valueName: "date"))
    var asOf: String = "2026-11-29"

    @OptionGroup(title: "Terminal") var terminal: TerminalOptions

    func run() async throws {
        try await reportingFailures {
            let date = try AsOfOption.parse(asOf, option: "--as-of", example: "2026-11-29")
            let loaded = try workspace.load()
            let demo = try await DemoReport.run(loaded, asOf: date)
            terminal.emit(demo.text(badgeNames: loaded.badgeNames))
        }
    }
}
