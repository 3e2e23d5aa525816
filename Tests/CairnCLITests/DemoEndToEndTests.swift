import CairnTestSupport
import Testing

@Suite("cairn demo")
struct DemoEndToEndTests {
    @Test("Prints the bundled learners' progress and explains the one closest to completion")
    func demo() throws {
        let run = try CairnProcess.run(["demo"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.contains("Cairn demo: 13 learners × 10 pathways, as of 2026-11-29"))
        let felix = run.stdout.split(separator: "\n").first { $0.hasPrefix("felix") && $0.contains("Data Analysis: Foundations") }
        #expect(felix?.contains("100%") == true)
        #expect(felix?.hasSuffix("complete") == true)
        #expect(run.stdout.contains("Closest to complete"))
        #expect(run.stdout.contains("revoked by the issuer"))
    }

    @Test("The same command prints the same report twice")
    func reproducible() throws {
        #expect(try CairnProcess.run(["demo"]).stdout == CairnProcess.run(["demo"]).stdout)
    }
}
