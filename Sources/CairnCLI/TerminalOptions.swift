import ArgumentParser
import Cairn
import CairnReports
import Foundation

/// `--color`, `--no-color` and `--ascii`: how text output is dressed for the terminal.
struct TerminalOptions: ParsableArguments {
    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    @Option(help: "Colour the status marks: auto (only on a terminal, and not when NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    @Flag(name: .customLong("no-color"), help: "No colour (as --color never).")
    var noColor = false

    @Flag(help: "Write ASCII in place of the status marks, tree branches and arrows (also when the locale is not UTF-8).")
    var ascii = false

    /// The style for standard output, from the options, `NO_COLOR`, whether standard output is a
    /// terminal, and the locale.
    var style: TerminalStyle {
        let environment = ProcessInfo.processInfo.environment
        let colored: Bool = switch noColor ? .never : color {
        case .always: true
        case .never: false
        case .auto: (environment["NO_COLOR"] ?? "").isEmpty && isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        }
        // The locale in effect is the first of these that is set; none set is taken as UTF-8.
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        let utf8 = locale.map { $0.lowercased().contains("utf-8") || $0.lowercased().contains("utf8") } ?? true
        return TerminalStyle(color: colored, ascii: ascii || !utf8)
    }

    /// `text` dressed for standard output, then written whole.
    func emit(_ text: String) {
        CairnCLI.emit(style.apply(text))
    }
}
