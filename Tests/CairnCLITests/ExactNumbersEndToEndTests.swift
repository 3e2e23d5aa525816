import CairnTestSupport
import Foundation
import Testing

/// Numbers a stranger can write — credits over large primes, counts and thresholds at the edge
/// of 64 bits — give an exact answer or a clear error, never a crash.
@Suite("cairn with extreme numbers: exact answers or clear errors, never a crash")
struct ExactNumbersEndToEndTests {
    static let catalogue = """
        issuer: { id: "https://example.org", name: Example }
        badges:
          - { id: a, name: A, tags: [x], credits: { value: "1/4294967311", unit: ECTS } }
          - { id: b, name: B, tags: [x], credits: { value: "1/4294967357", unit: ECTS } }
          - { id: c, name: C, tags: [x], credits: { value: "1/4294967371", unit: ECTS } }
        """
    static let learner = """
        learner: lee
        badges:
          - { badge: a, issued: 2025-01-01 }
          - { badge: b, issued: 2025-01-01 }
          - { badge: c, issued: 2025-01-01 }
        """

    func workspace(pathway: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("Pathways/badges.yaml", Self.catalogue)
        _ = try folder.write("Pathways/p.yaml", pathway)
        _ = try folder.write("lee.yaml", Self.learner)
        return folder
    }

    func run(_ arguments: [String], in folder: TemporaryFolder) throws -> CairnRun {
        try CairnProcess.run(arguments + ["--workspace", folder.url.path], in: folder.url)
    }

    @Test("credits over three large primes sum exactly in audit and plan")
    func largePrimes() throws {
        let folder = try workspace(pathway: """
            id: p
            title: P
            requires: { credits: { atLeast: 1, unit: ECTS }, from: { tag: x } }
            """)
        defer { folder.remove() }
        #expect(try run(["validate"], in: folder).status == 0)
        let audit = try run(["audit", "--pathway", "p", "--learner", "lee.yaml", "--as-of", "2026-01-01", "--format", "json"],
                            in: folder)
        #expect(audit.status == 0, "\(audit.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        // 1/p + 1/q + 1/r over the product of the three primes, exactly.
        let sum = "55340233518208784855/79228165299722721134894976017"
        #expect(report["progressExact"] as? String == sum, "\(report["progressExact"] ?? "")")
        let plan = try run(["plan", "--pathway", "p", "--learner", "lee.yaml", "--as-of", "2026-01-01"], in: folder)
        #expect(plan.status != 132 && plan.status != 134 && plan.status != 139, "\(plan.stderr)")
    }

    @Test("thresholds and counts at the edge of 64 bits: an answer or a clear error", arguments: [
        "requires: { credits: { atLeast: \"1/9223372036854775807\", unit: ECTS }, from: { tag: x } }",
        "requires: { count: 9223372036854775807, of: [ { badge: a }, { badge: b } ] }",
        "requires: { credits: { atLeast: \"9223372036854775807\", unit: ECTS }, from: { tag: x } }",
    ])
    func edges(requires: String) throws {
        let folder = try workspace(pathway: "id: p\ntitle: P\n" + requires + "\n")
        defer { folder.remove() }
        for arguments in [["validate"], ["audit", "--pathway", "p", "--learner", "lee.yaml", "--as-of", "2026-01-01"],
                          ["plan", "--pathway", "p", "--learner", "lee.yaml", "--as-of", "2026-01-01"], ["demo"]] {
            let run = try run(arguments, in: folder)
            // 0 (an answer), 64 or 65 (a clear error); never a signal.
            #expect([0, 64, 65].contains(run.status), "\(arguments): exit \(run.status)\n\(run.stderr.prefix(400))")
            #expect(!run.stderr.contains("Program crashed"), "\(arguments)")
        }
    }
}
