import CairnSyntax
/// How a text report is dressed for the terminal it goes to: colour for the status marks and
/// status words, and plain ASCII in place of the symbols for a terminal that cannot show them.
///
/// Reports are written with their symbols (`✔ ◐ ✘`, tree branches, arrows); ``apply(_:)``
/// changes only those, so every report is styled the same way.
import Foundation
package struct TerminalStyle: Sendable, Hashable {
    /// Whether to colour marks and status words with ANSI escape codes.
    package var color: Bool
    /// Whether to write ASCII in place of the symbols.
    package var ascii: Bool

    package init(color: Bool = false, ascii: Bool = false) {
        self.color = color
        self.ascii = ascii
    }

    /// Symbols and their ASCII stand-ins, each as wide as the symbol where it is a mark, so
    /// columns and trees stay aligned.
    static let asciiStandIns: [(String, String)] = [
        ("✔", "+"), ("◐", "~"), ("✘", "x"), ("├─", "|-"), ("└─", "`-"), ("│", "|"), ("←", "<"), ("·", "-"),
        ("→", "->"), ("—", "-"), ("–", "-"), ("…", "..."), ("×", "x"), ("≥", ">="), ("≤", "<="),
    ]

    /// Status words that open a line (verify, renewals) and their colours.
    static let statusColors: [(word: String, code: String)] = [
        ("verified", green), ("valid", green), ("no-expiry", green), ("renewal-open", yellow), ("grace", yellow),
        ("unverified", yellow), ("not-yet-valid", yellow), ("signed-by-embedded-key", red), ("expired", red),
        ("revoked", red), ("tampered", red), ("invalid", red),
    ]
    static let green = "\u{1B}[32m", yellow = "\u{1B}[33m", red = "\u{1B}[31m", reset = "\u{1B}[0m"

    package func apply(_ text: String) -> String {
        guard color || ascii else { return text }
        var marks = [("✔", Self.green), ("◐", Self.yellow), ("✘", Self.red)].map { (symbol: $0.0, shown: $0.0, code: $0.1) }
        var out = text
        if ascii {
            for (symbol, standIn) in Self.asciiStandIns { out = out.replacingOccurrences(of: symbol, with: standIn) }
            marks = marks.map { mark in (mark.symbol, Self.asciiStandIns.first { $0.0 == mark.symbol }?.1 ?? mark.shown, mark.code) }
        }
        guard color else { return out }
        var lines = out.components(separatedBy: "\n")
        for index in lines.indices {
            var line = lines[index]
            // A mark stands only where a tree puts it: after the branches (or at the start of the
            // line), followed by a space — never inside a word, which matters for the ASCII `x`.
            let branches = line.prefix { " │├└─|`-".contains($0) }
            let afterBranches = line.dropFirst(branches.count)
            if let mark = marks.first(where: { afterBranches.hasPrefix($0.shown + " ") }) {
                line = branches + mark.code + mark.shown + Self.reset + afterBranches.dropFirst(mark.shown.count)
            }
            let leading = line.prefix { $0 == " " }
            let rest = line.dropFirst(leading.count)
            if let status = Self.statusColors.first(where: { rest.hasPrefix($0.word + " ") }) {
                line = leading + status.code + status.word + Self.reset + rest.dropFirst(status.word.count)
            }
            lines[index] = line
        }
        return lines.joined(separator: "\n")
    }
}
