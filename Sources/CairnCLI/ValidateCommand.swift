import ArgumentParser
import Cairn
import Foundation

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check definitions and report every problem at once.",
        discussion: """
            With no paths, checks the whole workspace. With paths (files or folders), checks those \
            together with the workspace they refer to, and reports the problems found in them. \
            Exits 0 when clean and 65 when any problem is found.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("Definition files or folders to check.", valueName: "path"))
    var paths: [String] = []

    func run() async throws {
        try await reportingFailures {
            let extra = paths.map { URL(fileURLWithPath: $0) }
            let inspection = Workspace.inspect(at: workspace.workspaceURL, additionalFiles: extra,
                                               store: try workspace.givenStore)
            if let missing = inspection.missing {
                throw CommandFailure(lines: ["no such file or folder: \(missing)"], code: 66)
            }
            var problems = inspection.allProblems
            // Registrar exceptions a pathway change left dangling (a requirement id that is gone).
            let storeLocation = try workspace.storeLocation
            if paths.isEmpty, storeLocation.exists, !inspection.referencesUnchecked {
                do {
                    let stored = try storeLocation.open().exceptions()
                    problems += inspection.workspace.exceptionProblems(stored, store: storeLocation.displayName)
                } catch let error as StoreError {
                    throw CommandFailure(error)
                }
            }
            if !paths.isEmpty {
                let selected = selectedFiles(extra)
                problems = problems.filter { problem in
                    guard let file = problem.location?.file else { return true }
                    return selected.contains { file == $0 || file.hasPrefix($0 + "/") }
                }
            }
            let loaded = inspection.workspace
            let summary = "\(loaded.files.count) files: \(loaded.catalog.badgeClasses.count) badge classes, "
                + "\(loaded.catalog.pathways.count) pathways, \(loaded.learners.count) learner records, "
                + "\(loaded.policies.count) credit policies, \(loaded.roleDefinitions.count) role profiles, "
                + "\(loaded.catalog.frameworks.values.reduce(0) { $0 + $1.skills.count }) framework skills"
            if problems.isEmpty {
                if loaded.files.isEmpty {
                    FileHandle.standardError.write(Data(("cairn: warning: no definition files under \(workspace.workspace)/Pathways or "
                        + "\(workspace.workspace)/Frameworks: is this the workspace you meant? `cairn init DIR` writes one to start from\n").utf8))
                }
                emit("ok: \(summary)\n")
                return
            }
            let later = inspection.referencesUnchecked ? "; references between files are checked once every file reads" : ""
            throw CommandFailure(lines: problems.map(\.description)
                                 + ["\(problems.count) problem\(problems.count == 1 ? "" : "s") found (\(summary)\(later))"],
                                 code: 65)
        }
    }

    /// The display paths of the given files and folders, as problems name them.
    private func selectedFiles(_ urls: [URL]) -> [String] {
        let current = FileManager.default.currentDirectoryPath + "/"
        return urls.map { url in
            let path = url.standardizedFileURL.path
            return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
        }
    }
}
