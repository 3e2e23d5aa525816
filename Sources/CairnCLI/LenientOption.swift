import ArgumentParser
import Cairn
import Foundation

/// `--lenient`: whether a command runs despite problems in the files it reads.
struct LenientOption: ParsableArguments {
    @Flag(help: ArgumentHelp("Run despite problems `cairn validate` finds in the files this command reads (an unknown badge or pathway id, a requirement that can never be met); they are printed as warnings."))
    var lenient = false

    /// Refuses `problems` (exit 65, each with its place), or with `--lenient` prints them as
    /// warnings and lets the command go on.
    func check(_ problems: [ValidationIssue]) throws {
        guard !problems.isEmpty else { return }
        if lenient {
            let warnings = problems.map { "cairn: warning: \($0.description)\n" }.joined()
            FileHandle.standardError.write(Data(warnings.utf8))
            return
        }
        throw CommandFailure(lines: problems.map(\.description) + [
            "\(problems.count) problem\(problems.count == 1 ? "" : "s") in the files this command reads; "
                + "fix \(problems.count == 1 ? "it" : "them") (cairn validate lists every problem) or run with --lenient",
        ], code: 65)
    }
}
