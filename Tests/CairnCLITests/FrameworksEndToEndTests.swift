import CairnTestSupport
import Foundation
import Testing

@Suite("cairn frameworks and cairn skills, with the store driving audits")
struct FrameworksEndToEndTests {
    static let sample = CairnProcess.packageRoot.appendingPathComponent("Frameworks/esco/esco-sample.rdf").path
    static let useDatabases = "http://data.europa.eu/esco/skill/4463a721-69f3-413d-8321-43e3af13a4f1"
    static let dataMining = "4216e465-7baa-4884-a241-54b197bb9278"   // narrower than "use databases"

    /// A workspace with no framework files of its own: everything about ESCO comes from the store.
    func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("Pathways/p/badges.yaml", """
            issuer: { id: "https://example.edu", name: Example }
            badges:
              - id: mining
                name: Data Mining
                alignments: [{ framework: esco, code: "\(Self.dataMining)" }]
            """)
        try folder.write("Pathways/p/narrower.yaml", """
            id: narrower
            title: Databases, narrower skills welcome
            requires:
              skill: { framework: esco, code: "\(Self.useDatabases)", includeNarrower: true }
            """)
        try folder.write("Pathways/p/exact.yaml", """
            id: exact
            title: Databases, this skill only
            requires:
              skill: { framework: ESCO, code: "https://data.europa.eu/esco/skill/4463a721-69f3-413d-8321-43e3af13a4f1" }
            """)
        try folder.write("learner.yaml", "learner: lee\nbadges:\n  - { badge: mining, issued: 2025-05-01 }\n")
        return folder
    }

    func json(_ run: CairnRun) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test("Import, list, search, show, then audit and validate against the store")
    func importSearchAudit() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let ws = ["--workspace", folder.url.path]
        let imported = try CairnProcess.run(["frameworks", "import", Self.sample, "--json"] + ws)
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try #require((try json(imported) as? [String: Any])?["frameworks"] as? [[String: Any]])
        #expect(summary.first?["skills"] as? Int == 40)
        #expect(summary.first?["occupations"] as? Int == 4)
        #expect(summary.first?["relations"] as? Int == 28)
        #expect(FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".cairn/store.sqlite").path))

        let list = try json(CairnProcess.run(["frameworks", "list", "--format", "json"] + ws))
        let listed = try #require((list as? [[String: Any]]) ?? ((list as? [String: Any])?["frameworks"] as? [[String: Any]]))
        #expect(listed.first?["id"] as? String == "esco")
        #expect(listed.first?["skills"] as? Int == 40)

        let search = try CairnProcess.run(["skills", "search", "data mining", "--format", "json"] + ws)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout.contains(Self.dataMining))

        let show = try CairnProcess.run(["skills", "show", Self.dataMining] + ws)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("use databases"))

        let narrower = try CairnProcess.run(["audit", "--pathway", "narrower", "--learner", folder.url.appendingPathComponent("learner.yaml").path,
                                             "--as-of", "2026-01-01", "--format", "json"] + ws)
        #expect(narrower.status == 0, "\(narrower.stderr)")
        #expect((try json(narrower) as? [String: Any])?["complete"] as? Bool == true)
        #expect(narrower.stdout.contains("use databases or a narrower skill"))
        // A requirement no badge class can meet is refused, unless --lenient runs it anyway.
        let arguments = ["audit", "--pathway", "exact", "--learner", folder.url.appendingPathComponent("learner.yaml").path,
                         "--as-of", "2026-01-01", "--format", "json"] + ws
        let refused = try CairnProcess.run(arguments)
        #expect(refused.status == 65 && refused.stderr.contains("exact.yaml:4:3: no badge class aligns to"), "\(refused.stderr)")
        let exact = try CairnProcess.run(arguments + ["--lenient"])
        #expect((try json(exact) as? [String: Any])?["complete"] as? Bool == false)

        // Alignments resolve through the store; only the deliberately unmeetable pathway is reported.
        let validated = try CairnProcess.run(["validate"] + ws)
        #expect(validated.status == 65)
        #expect(validated.stderr.contains("exact.yaml:4:3: no badge class aligns to"), "\(validated.stderr)")
        #expect(!validated.stderr.contains("has no skill"), "\(validated.stderr)")
        try folder.write("Pathways/p/more.yaml", """
            issuer: { id: "https://example.edu", name: Example }
            badges:
              - { id: ghost, name: Ghost, alignments: [{ framework: esco, code: "00000000-0000-0000-0000-000000000000" }] }
              - { id: coder, name: Coder, alignments: [{ framework: sfia, code: PROG, level: 3 }] }
            """)
        let invalid = try CairnProcess.run(["validate"] + ws)
        #expect(invalid.status == 65)
        #expect(invalid.stderr.contains("http://data.europa.eu/esco/skill/00000000-0000-0000-0000-000000000000, which framework esco has no skill for"), "\(invalid.stderr)")
        #expect(invalid.stderr.contains("no framework \"sfia\" is imported"), "\(invalid.stderr)")
    }

    @Test("SFIA's spreadsheet: import the .xlsx sample, search and show its skills; a broken one exits 65 with its place")
    func importSpreadsheet() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let ws = ["--workspace", folder.url.path]
        let xlsx = CairnProcess.packageRoot.appendingPathComponent("Frameworks/sfia/sfia-sample.xlsx").path
        let imported = try CairnProcess.run(["frameworks", "import", xlsx] + ws)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("Imported sfia (SFIA): 8 skills, 0 occupations, 0 relations, 8 labels"),
                "\(imported.stdout)")
        #expect(imported.stderr.contains("(sfia-xlsx)"), "\(imported.stderr)")
        let search = try CairnProcess.run(["skills", "search", "data", "--limit", "3"] + ws)
        #expect(search.status == 0, "\(search.stderr)")
        #expect(search.stdout == """
            Data management  [sfia] DATM
            Database administration  [sfia] DBAD
            Database design  [sfia] DBDS

            """, "\(search.stdout)")
        let show = try CairnProcess.run(["skills", "show", "prog"] + ws)
        #expect(show.stdout.contains("levels: 2, 3, 4, 5, 6"), "\(show.stdout)")
        #expect(show.stdout.contains("description: Designing, writing, testing"), "\(show.stdout)")
        // The explicit format, and a workbook without a Skills sheet: refused, the store unchanged.
        let book = XLSXBuilder.workbook(sheets: [("Skils", XLSXBuilder.row(1, ["Code", "Skill"]))])
        let broken = folder.url.appendingPathComponent("broken.download")
        try Data(book).write(to: broken)
        let failed = try CairnProcess.run(["frameworks", "import", broken.path, "--format", "sfia-xlsx"] + ws)
        #expect(failed.status == 65)
        #expect(failed.stderr.contains(#"broken.download: the workbook has no sheet named "Skills" (the closest is "Skils")"#),
                "\(failed.stderr)")
        let list = try CairnProcess.run(["frameworks", "list"] + ws)
        #expect(list.stdout.contains("sfia  SFIA  -             8"), "\(list.stdout)")
    }

    @Test("A broken file imports nothing: the store stays as it was")
    func failedImportLeavesStore() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let ws = ["--workspace", folder.url.path]
        #expect(try CairnProcess.run(["frameworks", "import", Self.sample] + ws).status == 0)
        let text = try String(contentsOfFile: Self.sample, encoding: .utf8)
        let broken = try folder.write("broken.rdf", String(text.prefix(text.count * 2 / 3)))
        let failed = try CairnProcess.run(["frameworks", "import", broken.path, "--format", "esco-rdf"] + ws)
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("broken.rdf:"), "\(failed.stderr)")
        let list = try CairnProcess.run(["frameworks", "list"] + ws)
        #expect(list.stdout.contains("40"), "\(list.stdout)")
    }

    @Test("frameworks triples prints N-Triples; a missing file exits 66, a malformed one 65 with its place")
    func triples() throws {
        let run = try CairnProcess.run(["frameworks", "triples", Self.sample])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count > 500)
        #expect(lines.allSatisfy { $0.hasSuffix(" .") })
        #expect(try CairnProcess.run(["frameworks", "triples", "no-such.rdf"]).status == 66)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bad = try folder.write("bad.rdf", "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  <rdf:li/>\n</rdf:RDF>\n")
        let failed = try CairnProcess.run(["frameworks", "triples", bad.path])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("bad.rdf:2:"), "\(failed.stderr)")
    }

    @Test("frameworks triples prints nothing for a file whose error comes after many triples")
    func triplesAllOrNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let good = (0..<20_000).map { #"  <rdf:Description rdf:about="http://example.org/s\#($0)"><ex:p>value \#($0)</ex:p></rdf:Description>"# }
        let text = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:ex=\"http://example.org/ns#\">\n"
            + good.joined(separator: "\n") + "\n  <rdf:li/>\n</rdf:RDF>\n"
        let late = try folder.write("late.rdf", text)
        let failed = try CairnProcess.run(["frameworks", "triples", late.path])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains("late.rdf:20002:"), "\(failed.stderr)")
        #expect(failed.stdout.isEmpty, "wrote \(failed.stdout.utf8.count) bytes before the error")
        let empty = try folder.write("empty.rdf", "")
        let emptyRun = try CairnProcess.run(["frameworks", "triples", empty.path])
        #expect(emptyRun.status == 65)
        #expect(emptyRun.stderr.contains("empty.rdf:1:1: the file is empty"), "\(emptyRun.stderr)")
        #expect(emptyRun.stdout.isEmpty)
    }

    @Test("Eight first runs at once on a new store all succeed", arguments: 1...5)
    func concurrentFirstRuns(round: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("new/store.sqlite").path
        let runs = try CairnProcess.runAtOnce(Array(repeating: ["frameworks", "import", Self.sample,
                                                                "--format", "esco-rdf", "--store", store], count: 8))
        for run in runs {
            #expect(run.status == 0, "round \(round): \(run.stderr)")
        }
        let list = try CairnProcess.run(["frameworks", "list", "--store", store])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("esco"), "\(list.stdout)")
    }

    @Test("An import killed half-way leaves the store as it was")
    func killedImport() throws {
        let folder = try workspace()
        defer { folder.remove() }
        let ws = ["--workspace", folder.url.path]
        #expect(try CairnProcess.run(["frameworks", "import", Self.sample] + ws).status == 0)
        // A large ESCO-shaped file whose framework id is also "esco": it would replace the sample.
        var text = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" \
            xmlns:skos="http://www.w3.org/2004/02/skos/core#" xmlns:esco="http://data.europa.eu/esco/model#">

            """
        for index in 0..<120_000 {
            text += "<esco:Skill rdf:about=\"http://data.europa.eu/esco/skill/\(index)\">"
                + "<skos:prefLabel xml:lang=\"en\">generated skill \(index)</skos:prefLabel></esco:Skill>\n"
        }
        text += "</rdf:RDF>\n"
        let big = try folder.write("big.rdf", text)
        let process = Process()
        process.executableURL = CairnProcess.binary
        process.arguments = ["frameworks", "import", big.path, "--format", "esco-rdf"] + ws
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.4)
        let killedInTime = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try #require(killedInTime, "the import finished before it could be killed; make the file larger")
        let list = try CairnProcess.run(["frameworks", "list", "--format", "json"] + ws)
        #expect(list.status == 0, "\(list.stderr)")
        let parsed = try json(list)
        let frameworks = (parsed as? [[String: Any]]) ?? ((parsed as? [String: Any])?["frameworks"] as? [[String: Any]]) ?? []
        #expect(frameworks.first?["skills"] as? Int == 40, "\(list.stdout)")
        // And the store still takes a new import afterwards.
        #expect(try CairnProcess.run(["frameworks", "import", Self.sample] + ws).status == 0)
    }
}
