import ArgumentParser
import Cairn
import Foundation

/// `cairn init [DIR]`: writes a small working workspace to start from.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a small working workspace (a badge catalogue, a pathway, a learner, a credit policy and a role) to start from.",
        discussion: "Refuses (exit 73) a folder that already has Pathways/ or Frameworks/, so nothing is overwritten.")

    @Argument(help: ArgumentHelp("The folder to write into (created when missing).", valueName: "dir"))
    var folder: String = "."

    func run() async throws {
        try await reportingFailures {
            let url = URL(fileURLWithPath: folder)
            if let obstacle = WorkspaceTemplate.obstacle(in: url) { throw CommandFailure(lines: [obstacle], code: 73) }
            let written: [String]
            do { written = try WorkspaceTemplate.write(to: url) } catch {
                throw CommandFailure(lines: ["cannot write the workspace into \(folder): \(error.localizedDescription)"], code: 73)
            }
            let option = folder == "." ? "" : " --workspace \(folder)"
            emit("Wrote a workspace to start from:\n" + written.map { "  \($0)\n" }.joined() + """

                Next:
                  cairn validate\(option)
                  cairn audit\(option) --pathway data-basics --learner sam
                  cairn plan\(option) --pathway data-basics --learner sam
                  cairn credits\(option) --policy example-credit --learner sam
                  cairn roles\(option) --learner sam

                """)
        }
    }
}
