import CairnTestSupport
import Foundation
import Testing

/// Colour only where asked or on a terminal; ASCII where asked or where the locale cannot show the symbols.
@Suite("cairn: colour and ASCII")
struct TerminalStyleEndToEndTests {
    static let audit = ["audit", "--pathway", "data-analysis-foundations", "--learner", "chen", "--as-of", "2026-11-29"]

    @Test("piped output has no colour; --color always colours the marks, --no-color and NO_COLOR do not")
    func color() throws {
        let piped = try CairnProcess.run(Self.audit)
        #expect(!piped.stdout.contains("\u{1B}["))
        #expect(piped.stdout.contains("├─ ✔ Spreadsheet Analysis"))
        let colored = try CairnProcess.run(Self.audit + ["--color", "always"])
        #expect(colored.stdout.contains("├─ \u{1B}[32m✔\u{1B}[0m Spreadsheet Analysis"), "\(colored.stdout)")
        #expect(colored.stdout.contains("├─ \u{1B}[31m✘\u{1B}[0m SQL Querying"))
        // Without the escape codes, the coloured report is the plain one.
        #expect(colored.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression) == piped.stdout)
        // With ASCII marks too, only the marks are coloured, never an `x ` inside a word.
        let both = try CairnProcess.run(Self.audit + ["--color", "always", "--ascii"])
        #expect(both.stdout.contains("|- \u{1B}[31mx\u{1B}[0m SQL Querying"), "\(both.stdout)")
        let asciiPlain = try CairnProcess.run(Self.audit + ["--ascii"])
        #expect(both.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression) == asciiPlain.stdout)
        #expect(both.stdout.components(separatedBy: "\u{1B}[31m").count - 1
                == asciiPlain.stdout.split(separator: "\n").filter { $0.drop { " |`-".contains($0) }.hasPrefix("x ") }.count)
        let never = try CairnProcess.run(Self.audit + ["--color", "always", "--no-color"])
        #expect(!never.stdout.contains("\u{1B}["))
        let verify = try CairnProcess.run(["verify", "Pathways/learners/credentials/amara/sql-querying.json", "--color", "always"])
        #expect(verify.stdout.hasPrefix("\u{1B}[32mverified\u{1B}[0m "), "\(verify.stdout)")
    }

    @Test("--ascii, or a locale that is not UTF-8, writes ASCII marks, branches and arrows, keeping the columns",
          arguments: [(["--ascii"], [String: String]()), ([], ["LANG": "C"]), ([], ["LC_ALL": "en_US.ISO-8859-1"])])
    func ascii(options: [String], environment: [String: String]) throws {
        let run = try CairnProcess.run(Self.audit + options, environment: environment)
        #expect(run.status == 0)
        let isASCII = run.stdout.allSatisfy(\.isASCII)
        #expect(isASCII, "\(run.stdout)")
        #expect(run.stdout.contains("|- + Spreadsheet Analysis\n|      < Spreadsheet Analysis [spreadsheet-analysis], issued 2024-03-05"), "\(run.stdout)")
        #expect(run.stdout.contains("|- x SQL Querying  0%"))
        let plan = try CairnProcess.run(["plan", "--pathway", "data-analysis-foundations", "--learner", "chen", "--as-of", "2026-11-29"]
                                        + options, environment: environment)
        #expect(plan.stdout.contains("1. SQL Querying [sql-querying] - 20 h, 150 EUR -> SQL Querying"), "\(plan.stdout)")
    }
}
