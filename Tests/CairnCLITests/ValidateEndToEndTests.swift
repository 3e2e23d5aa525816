import CairnTestSupport
import Foundation
import Testing

@Suite("cairn validate")
struct ValidateEndToEndTests {
    @Test("The bundled workspace is clean")
    func bundledIsClean() throws {
        let run = try CairnProcess.run(["validate"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("ok: "))
    }

    @Test("A dangling link or a FIFO under Pathways/ is passed over; the rest still loads")
    func strayEntriesArePassedOver() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("Pathways/p/badges.yaml", """
            issuer: { id: "https://example.org", name: Example }
            badges:
              - { id: a, name: A }
            """)
        let pathways = folder.url.appendingPathComponent("Pathways/p")
        try FileManager.default.createSymbolicLink(atPath: pathways.appendingPathComponent("ghost.yaml").path,
                                                   withDestinationPath: "no-such-target.yaml")
        #expect(mkfifo(pathways.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        let run = try CairnProcess.run(["validate", "--workspace", folder.url.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stderr.contains("no such file"), "\(run.stderr)")
    }

    @Test("A definition file over 64 MiB is refused before it is read, naming the limit")
    func oversizedDefinition() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write("huge.yaml", "learner: x\nbadges: []\n")
        // Sparse: the size is there without writing 65 MiB.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(65 << 20))
        try handle.close()
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", file.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("huge.yaml: the file is 68,157,440 bytes; definition files over 64 MiB are refused"),
                "\(run.stderr)")
    }

    /// A workspace with one of each problem the validator must find.
    func brokenWorkspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Pathways/p/badges.yaml", """
            issuer: { id: "https://example.org", name: Example }
            results: [pass, merit]
            badges:
              - { id: a, name: A, tags: [core], credits: { value: 2, unit: ECTS } }
              - { id: b, name: B, credits: { value: 3, unit: US-semester-hours } }
              - { id: c, name: C, credits: { value: 1, unit: furlongs } }
              - { id: a, name: A again }
            """)
        try folder.write("Pathways/p/one.yaml", """
            id: one
            title: One
            requires:
              all:
                - badge: missing-badge
                - tag: no-such-tag
                - count: 3
                  of:
                    - badge: a
                    - badge: b
                - credits: { atLeast: 4, unit: ECTS }
                  from: { badge: [a, b] }
                - pathway: two
                - badge: a
                  minResult: distinction
            """)
        try folder.write("Pathways/p/two.yaml", """
            id: two
            title: Two
            requires:
              any:
                - pathway: one
                - badge: a
                  earnedWithin: 5 years
            """)
        try folder.write("Pathways/learners/x.yaml", """
            learner: x
            badges:
              - { badge: a, issued: 2025-13-01 }
            """)
        return folder
    }

    @Test("Every problem is reported at once, each with its place, and the exit code is 65")
    func allProblemsAtOnce() throws {
        let folder = try brokenWorkspace()
        defer { folder.remove() }
        let run = try CairnProcess.run(["validate", "--workspace", folder.url.path], in: folder.url)
        #expect(run.status == 65)
        let expectations = [
            "Pathways/p/two.yaml:7:21: ",               // malformed duration, with line and column
            "5 years",
            "Pathways/learners/x.yaml:3:",               // malformed date
            "2025-13-01",
            "unknown badge class \"missing-badge\"",
            "no badge class carries the tag \"no-such-tag\"",
            "count 3 is larger than its 2 requirements",
            "unknown credit unit \"furlongs\"",
            "no conversion from US-semester-hours to ECTS",
            "duplicate badge class id \"a\"",
            "minResult \"distinction\" is not on the result scale",
        ]
        for text in expectations {
            #expect(run.stderr.contains(text), "missing: \(text)\n\(run.stderr)")
        }
        #expect(run.stdout.isEmpty)
    }

    @Test("Pathways that contain each other are found")
    func cycles() throws {
        let folder = try brokenWorkspace()
        defer { folder.remove() }
        // Make two.yaml well-formed so the cycle check sees both pathways.
        try folder.write("Pathways/p/two.yaml", "id: two\ntitle: Two\nrequires:\n  any:\n    - pathway: one\n    - badge: a\n")
        let run = try CairnProcess.run(["validate", "--workspace", folder.url.path], in: folder.url)
        #expect(run.status == 65)
        #expect(run.stderr.contains("pathways contain each other: one → two → one"), "\(run.stderr)")
    }

    @Test("A missing path exits 66")
    func missingPath() throws {
        let run = try CairnProcess.run(["validate", "no/such/file.yaml"])
        #expect(run.status == 66)
        #expect(run.stderr.contains("no/such/file.yaml"))
    }
}
