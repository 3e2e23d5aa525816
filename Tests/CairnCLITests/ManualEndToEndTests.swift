import CairnTestSupport
import Foundation
import Testing

/// The man page and the shell completions in docs/ describe the commands the binary has
/// (scripts/generate-docs.sh writes them).
@Suite("docs/cairn.1 and the shell completions")
struct ManualEndToEndTests {
    /// The top-level subcommands `cairn --help` lists.
    static func subcommands() throws -> [String] {
        let help = try CairnProcess.run(["--help"]).stdout
        let section = help.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first ?? ""
        let lines = section.components(separatedBy: "\n").prefix { !$0.isEmpty }
        return lines.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.split(separator: " ").first.map(String.init)
        }
    }

    @Test("the manual documents every subcommand of the binary")
    func manual() throws {
        let commands = try Self.subcommands()
        #expect(commands.contains("init") && commands.contains("pathways") && commands.count >= 14, "\(commands)")
        let manual = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent("docs/cairn.1"), encoding: .utf8)
        for command in commands {
            #expect(manual.contains(".It Em \(command)\n"), "docs/cairn.1 lacks \(command): run scripts/generate-docs.sh")
        }
        let isASCII = manual.allSatisfy(\.isASCII)
        #expect(isASCII, "the manual has characters man cannot show")
    }

    @Test("the committed completion scripts are what the binary generates", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let generated = try CairnProcess.run(["--generate-completion-script", shell])
        #expect(generated.status == 0)
        let committed = try String(contentsOf: CairnProcess.packageRoot.appendingPathComponent("docs/completions/cairn.\(shell)"),
                                   encoding: .utf8)
        #expect(committed == generated.stdout, "docs/completions/cairn.\(shell) is stale: run scripts/generate-docs.sh")
    }
}
