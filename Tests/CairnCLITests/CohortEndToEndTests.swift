import CairnTestSupport
import Foundation
import Testing

/// A registrar's cohort, through the real `cairn` binary on a copy of the bundled workspace:
/// the SIS export imported into a store, every command run over the whole cohort, results
/// equal to one-at-a-time audits, and a re-sync, a comparison and exceptions along the way.
@Suite("Cohorts: learners in the store and commands over all of them")
struct CohortEndToEndTests {
    static let november = "Pathways/sis/registrar-export-2026-11.csv"
    static let december = "Pathways/sis/registrar-export-2026-12.csv"
    static let asOf = ["--as-of", "2026-11-29"]

    /// A copy of the bundled workspace (Pathways/ and Frameworks/) in a temporary folder.
    static func workspace() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for name in ["Pathways", "Frameworks"] {
            try FileManager.default.copyItem(at: CairnProcess.packageRoot.appendingPathComponent(name),
                                             to: folder.url.appendingPathComponent(name))
        }
        return folder
    }

    static func run(_ arguments: [String], in folder: TemporaryFolder, expecting status: Int32 = 0) throws -> CairnRun {
        let run = try CairnProcess.run(arguments, in: folder.url)
        #expect(run.status == status, "cairn \(arguments.joined(separator: " ")): \(run.stderr)")
        return run
    }

    /// A CSV's rows (RFC 4180, as Cairn writes it) as dictionaries by header.
    static func rows(_ text: String) -> [[String: String]] {
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(scalar) }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": continue
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    @Test("importing the SIS export adds its learners; importing it again changes nothing; the store lists and shows them")
    func importIsIdempotent() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        let first = try Self.run(["learners", "import", Self.november], in: folder)
        #expect(first.stdout.contains("learners: 14 added"))
        #expect(first.stdout.contains("earnings: 73 added, 0 changed, 0 revoked, 0 unchanged"))
        let again = try Self.run(["learners", "import", Self.november], in: folder)
        #expect(again.stdout.contains("earnings: 0 added, 0 changed, 0 revoked, 73 unchanged"))
        #expect(again.stdout.contains("nothing changed"))
        let list = try Self.run(["learners", "list", "--format", "csv"], in: folder)
        let learners = Self.rows(list.stdout)
        #expect(learners.count == 14)
        #expect(learners.first { $0["learner"] == "lena" }?["earnings"] == "4")
        #expect(learners.first { $0["learner"] == "amara" }?["name"] == "Amara Okafor")
        // The record shown from the store is a learner record file that audits as the store does.
        let shown = try Self.run(["learners", "show", "bruno"], in: folder)
        let file = try folder.write("bruno-from-store.yaml", shown.stdout)
        let fromFile = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", file.path, "--format", "json"] + Self.asOf, in: folder)
        let bundled = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "Pathways/learners/bruno.yaml", "--format", "json"] + Self.asOf, in: folder)
        #expect(fromFile.stdout.replacingOccurrences(of: "bruno-from-store", with: "") != "")
        #expect(try Self.progress(fromFile.stdout) == (try Self.progress(bundled.stdout)))
    }

    static func progress(_ json: String) throws -> String {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return "\(object["complete"] ?? "?") \(object["progressExact"] ?? "?")"
    }

    @Test("a malformed export is refused whole, with each bad row's line and column, and the store is left as it was")
    func malformedExportIsRefused() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let bad = try folder.write("bad.csv", """
            Student ID,Badge,Issued On,Result
            zoe,sql-querying,2026-01-10,meets
            zoe,sql-qurying,2026-02-10,meets
            yan,data-cleaning,2026-02-30,meets
            """)
        let run = try Self.run(["learners", "import", bad.path], in: folder, expecting: 65)
        #expect(run.stderr.contains("bad.csv:3:5: column 2 (\"Badge\"): unknown badge class \"sql-qurying\"; did you mean \"sql-querying\"?"))
        #expect(run.stderr.contains("bad.csv:4:19: column 3 (\"Issued On\"): 2026-02-30"))
        #expect(run.stderr.contains("1 of 1 file refused; nothing of it was imported"))
        let list = try Self.run(["learners", "list", "--format", "csv"], in: folder)
        #expect(!list.stdout.contains("zoe"))
        #expect(Self.rows(list.stdout).count == 14)
    }

    @Test("a full re-sync reports what changed, what was revoked and what the SIS no longer lists, and removes it")
    func reSync() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let run = try Self.run(["learners", "import", "--replace", Self.december, "--format", "json"], in: folder)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["added"] as? Int == 1)
        let changed = try #require(report["changed"] as? [[String: Any]])
        #expect(changed.count == 1 && (changed.first?["change"] as? String) == "result meets → exceeds")
        #expect(((report["revoked"] as? [[String: Any]])?.first?["learner"] as? String) == "marco")
        let removed = try #require(report["removed"] as? [[String: Any]])
        #expect(removed.map { "\($0["learner"] ?? "") \($0["badge"] ?? "")" } == ["omar retrospective-facilitation"])
        let omar = try Self.run(["learners", "show", "omar", "--format", "json"], in: folder)
        #expect(!omar.stdout.contains("retrospective-facilitation"))
    }

    @Test("Open Badges files are verified and filed under the learner their recipient names (with a recipients map)")
    func openBadgesImport() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        let credentials = "Pathways/learners/credentials/amara"
        // Without a map the recipients (a DID, an e-mail) become the learner ids themselves.
        try folder.write("recipients.csv", "recipient,learner\ndid:example:amara,amara-ob\namara@example.org,amara-ob\n")
        let keys = ["--keys", "Pathways/learners/credentials/keys"]
        let run = try Self.run(["learners", "import", "--recipients", "recipients.csv"] + keys + [
            "\(credentials)/spreadsheet-analysis.json", "\(credentials)/research-design.jwt", "\(credentials)/research-ethics.png",
            "\(credentials)/stakeholder-communication.svg", "\(credentials)/transcript-2024.json", "\(credentials)/sql-querying.json",
            "\(credentials)/dataviz-tableau.json", "\(credentials)/analysis-memo.json", "\(credentials)/data-analysis-foundations.json",
            "\(credentials)/data-capstone-project.json", "\(credentials)/descriptive-statistics.json",
        ], in: folder)
        #expect(run.stdout.contains("learners: 1 added"))
        let shown = try Self.run(["learners", "show", "amara-ob", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        let earnings = try #require(object["earnings"] as? [[String: Any]])
        #expect(earnings.count == 12)
        #expect(earnings.allSatisfy { ($0["origin"] as? String) == "credential" })
        #expect(earnings.allSatisfy { ($0["credentialSHA256"] as? String)?.count == 64 })
        // Audited from the store, the credentials' learner is complete exactly as the bundled twin is.
        let stored = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "amara-ob", "--format", "json"] + Self.asOf, in: folder)
        let twin = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "amara", "--format", "json"] + Self.asOf, in: folder)
        #expect(try Self.progress(stored.stdout) == (try Self.progress(twin.stdout)))
        // A hashed recipient that matches nobody is refused, and says how to fix it; with the
        // address in a recipients map (or a learner's e-mail in the store) it is matched by hash.
        let hosted = try String(contentsOf: folder.url.appendingPathComponent("\(credentials)/data-analysis-foundations.json"), encoding: .utf8)
        let hashed = hosted.replacingOccurrences(of: """
            "hashed": false,
                "identity": "amara@example.org"
            """, with: """
            "hashed": true,
                "salt": "pepper",
                "identity": "sha256$23f880a99b876ec9e9aa6d3f12d8c3bf655f7ec05178a9ac8df6fcc936f8923a"
            """)
        #expect(hashed != hosted)
        try folder.write("\(credentials)/hashed.json", hashed)
        let unmatched = try Self.run(["learners", "import", "\(credentials)/hashed.json"], in: folder, expecting: 65)
        #expect(unmatched.stderr.contains("is hashed and matches no learner's e-mail in the store"))
        try folder.write("by-email.csv", "recipient,learner\namara@example.org,amara-hashed\n")
        let matched = try Self.run(["learners", "import", "--recipients", "by-email.csv", "\(credentials)/hashed.json"], in: folder)
        #expect(matched.stdout.contains("learners: 1 added"))
        #expect(try Self.run(["learners", "show", "amara-hashed"], in: folder).stdout.contains("data-analysis-foundations"))
    }

    @Test("a cohort audit of the bundled learners equals their one-at-a-time audits, as CSV and as JSON lines",
          arguments: ["--learners", "--cohort"])
    func cohortEqualsOneAtATime(source: String) throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        let sourceArguments: [String]
        if source == "--cohort" {
            try Self.run(["learners", "import", "Pathways/learners"], in: folder)
            sourceArguments = ["--cohort"]
        } else {
            sourceArguments = ["--learners", "Pathways/learners"]
        }
        let pathways = ["data-analysis-foundations", "applied-data-capstone", "sprint-planning-practitioner"]
        let csv = try Self.run(["audit"] + sourceArguments + pathways.flatMap { ["--pathway", $0] } + ["--format", "csv"] + Self.asOf, in: folder)
        let rows = Self.rows(csv.stdout)
        let learners = ["amara", "amara-credentials", "bruno", "chen", "dana", "elif", "felix", "gita", "hana", "ivan", "jonas", "kai", "lena"]
        #expect(rows.count == learners.count * pathways.count)
        #expect(Set(rows.compactMap { $0["learner"] }) == Set(learners))
        for row in rows {
            let learner = try #require(row["learner"]), pathway = try #require(row["pathway"])
            let single = try Self.run(["audit", "--pathway", pathway, "--learner", learner, "--format", "json"] + Self.asOf, in: folder)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
            #expect(row["complete"] == ((object["complete"] as? Bool) == true ? "yes" : "no"), "\(learner) \(pathway)")
            #expect(row["progress_exact"] == object["progressExact"] as? String, "\(learner) \(pathway)")
        }
        let jsonl = try Self.run(["audit"] + sourceArguments + pathways.flatMap { ["--pathway", $0] } + ["--format", "jsonl"] + Self.asOf, in: folder)
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == rows.count)
        for (line, row) in zip(lines, rows) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["learner"] as? String == row["learner"])
            #expect(object["progressExact"] as? String == row["progress_exact"])
            #expect((object["missing"] as? [String])?.joined(separator: "; ") == row["missing"])
        }
        let summary = try Self.run(["audit"] + sourceArguments + ["--pathway", "data-analysis-foundations"] + Self.asOf, in: folder)
        #expect(summary.stdout.contains("Cohort of 13 learners"))
        let complete = rows.filter { $0["pathway"] == "data-analysis-foundations" && $0["complete"] == "yes" }.count
        #expect(summary.stdout.contains("complete      \(String(complete).leftPadded(9))"))
    }

    @Test("--compare-with lists exactly the learners whose result changed; --output is written only by a run that succeeds")
    func compareWith() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let audit = ["audit", "--cohort", "--all-pathways"] + Self.asOf
        try Self.run(audit + ["--format", "csv", "--output", "before.csv"], in: folder)
        let unchanged = try Self.run(audit + ["--compare-with", "before.csv", "--format", "csv"], in: folder)
        #expect(Self.rows(unchanged.stdout).isEmpty)
        try Self.run(["exceptions", "add", "--learner", "bruno", "--pathway", "data-analysis-foundations", "--waive", "sql",
                      "--by", "registrar", "--reason", "recognition of prior learning", "--on", "2026-11-01"], in: folder)
        try Self.run(["learners", "import", "--replace", Self.december], in: folder)
        let changed = try Self.run(audit + ["--compare-with", "before.csv", "--format", "csv"], in: folder)
        let changes = Self.rows(changed.stdout)
        #expect(changes.contains { $0["learner"] == "bruno" && $0["pathway"] == "data-analysis-foundations" && $0["change"] == "progress up" })
        #expect(changes.contains { $0["learner"] == "marco" && $0["change"] == "progress down" || $0["learner"] == "marco" && $0["change"] == "progress up" })
        #expect(changes.allSatisfy { ["bruno", "marco", "omar", "lena"].contains($0["learner"] ?? "") })
        #expect(changed.stderr.contains("results changed"))
        // A run that fails leaves no results file and no partial one.
        try folder.write("Pathways/learners/broken.yaml", "learner: broken\nbadges:\n  - { badge: sql-querying, issued: yesterday }\n")
        let failed = try Self.run(["audit", "--learners", "Pathways/learners", "--pathway", "data-analysis-foundations",
                                   "--format", "csv", "--output", "after.csv", "--lenient"] + Self.asOf, in: folder, expecting: 65)
        #expect(failed.stderr.contains("broken.yaml:3"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("after.csv") }
        #expect(leftovers.isEmpty)
    }

    @Test("every kind of exception reaches audits, credits and plans, and each says so")
    func exceptionsThroughEveryCommand() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let before = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--format", "json"] + Self.asOf, in: folder)
        #expect(try Self.progress(before.stdout) == "0 5/12")
        let add = ["exceptions", "add", "--learner", "bruno", "--by", "j.ortiz", "--on", "2026-11-02"]
        try Self.run(add + ["--pathway", "data-analysis-foundations", "--waive", "sql", "--reason", "recognition panel"], in: folder)
        try Self.run(add + ["--outside", "Applied Statistics II", "--institution", "Lakeside CC", "--issued", "2025-06-30",
                            "--credits", "4 ECTS", "--tag", "elective", "--reason", "transfer credit"], in: folder)
        try Self.run(add + ["--block", "dataviz-python", "--reason", "misconduct finding"], in: folder)
        try Self.run(add + ["--pathway", "data-analysis-foundations", "--substitute", "research-ethics", "--for", "memo",
                            "--reason", "equivalent writing assessment"], in: folder)
        let audit = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--format", "json"] + Self.asOf, in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [String: Any])
        let notes = try #require(object["notes"] as? [String])
        #expect(notes.contains("requirement \"sql\" waived by j.ortiz on 2026-11-02: recognition panel"))
        #expect(notes.contains { $0.hasPrefix("badge \"dataviz-python\" blocked by j.ortiz") })
        #expect(notes.count == 4)
        #expect(audit.stdout.contains("\"kind\": \"waived\""))
        #expect(audit.stdout.contains("blocked by the registrar"))
        #expect(try Self.progress(audit.stdout) == "0 7/12")
        let text = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "bruno"] + Self.asOf, in: folder)
        #expect(text.stdout.contains("SQL Querying — waived"))
        #expect(text.stdout.contains("Applied Statistics II (outside earning)"))
        let credits = try Self.run(["credits", "--policy", "northbridge-ects", "--learner", "bruno", "--format", "json"] + Self.asOf, in: folder)
        #expect(credits.stdout.contains("outside earning \\\"Applied Statistics II\\\""))
        let plan = try Self.run(["plan", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--format", "json"] + Self.asOf, in: folder)
        #expect(!plan.stdout.contains("\"badge\": \"sql-querying\""), "a waived requirement needs no badge")
        #expect(plan.stdout.contains("not offered, since the registrar blocked them for this learner: dataviz-python"))
        // Before the day they were recorded, the exceptions do not apply.
        let earlier = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--format", "json",
                                    "--as-of", "2026-10-01"], in: folder)
        #expect(!earlier.stdout.contains("waived"))
        // Removing one keeps it on record and stops it applying.
        try Self.run(["exceptions", "remove", "1", "--by", "j.ortiz", "--reason", "entered for the wrong learner"], in: folder)
        let list = try Self.run(["exceptions", "list", "--all"], in: folder)
        #expect(list.stdout.contains("removed by j.ortiz"))
        let after = try Self.run(["audit", "--pathway", "data-analysis-foundations", "--learner", "bruno", "--format", "json"] + Self.asOf, in: folder)
        #expect(!after.stdout.contains("\"kind\": \"waived\""))
    }

    @Test("exceptions import from CSV all or nothing; validate reports an exception a pathway change left dangling")
    func exceptionsImportAndDangling() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try folder.write("exceptions.csv", """
            learner,pathway,kind,requirement,badge,title,institution,issued,credits,tags,by,on,reason
            bruno,data-analysis-foundations,waive,sql,,,,,,,registrar,2026-11-01,panel
            chen,,block,,dataviz-python,,,,,,registrar,2026-11-01,misconduct
            """)
        let bad = try folder.write("bad.csv", """
            learner,pathway,kind,requirement,badge,title,institution,issued,credits,tags,by,on,reason
            bruno,data-analysis-foundations,waiv,sql,,,,,,,registrar,2026-11-01,panel
            chen,data-analysis-foundations,waive,sqll,,,,,,,registrar,2026-11-01,panel
            """)
        let refused = try Self.run(["exceptions", "import", bad.path], in: folder, expecting: 65)
        #expect(refused.stderr.contains("bad.csv:2:33: kind: expected waive, substitute, outside or block, found \"waiv\"; did you mean \"waive\"?"))
        #expect(refused.stderr.contains("did you mean \"sql\"?"))
        #expect(try Self.run(["exceptions", "list"], in: folder).stdout == "no exceptions on record\n")
        let imported = try Self.run(["exceptions", "import", "exceptions.csv"], in: folder)
        #expect(imported.stdout.contains("recorded 2 exceptions"))
        #expect(try Self.run(["validate"], in: folder).status == 0)
        let pathway = folder.url.appendingPathComponent("Pathways/data-analysis/data-analysis-foundations.yaml")
        let text = try String(contentsOf: pathway, encoding: .utf8)
        try text.replacingOccurrences(of: "- id: sql\n", with: "- id: sql-core\n").write(to: pathway, atomically: true, encoding: .utf8)
        let validate = try Self.run(["validate"], in: folder, expecting: 65)
        #expect(validate.stderr.contains("exception #1 for bruno (imported from exceptions.csv:2) dangles"))
        #expect(validate.stderr.contains("pathway data-analysis-foundations has no requirement \"sql\""))
    }

    @Test("credits for a cohort are recorded one transaction per chunk, and the log verifies")
    func creditsCohortRecord() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let run = try Self.run(["credits", "--policy", "northbridge-ects", "--cohort", "--record", "--recorded-by", "registrar",
                                "--format", "csv"] + Self.asOf, in: folder)
        let rows = Self.rows(run.stdout)
        #expect(rows.count == 14)
        #expect(rows.map { $0["decision"] ?? "" } == (1...14).map { "#\($0)" })
        let single = try Self.run(["credits", "--policy", "northbridge-ects", "--learner", "Pathways/learners/amara.yaml", "--format", "json"] + Self.asOf, in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(single.stdout.utf8)) as? [String: Any])
        #expect(rows.first { $0["learner"] == "amara" }?["total"] == object["totalExact"] as? String)
        let verify = try Self.run(["credits", "log", "verify"], in: folder)
        #expect(verify.stdout.contains("intact: 14 decisions"))
        let history = try Self.run(["credits", "history", "--learner", "lena"], in: folder)
        #expect(history.stdout.contains("by registrar"))
    }

    @Test("record files in a cohort are checked as one learner's are: an unknown badge stops the run unless --lenient")
    func recordFilesAreChecked() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try folder.write("cohort/zoe.yaml", "learner: zoe\nbadges:\n  - { badge: sql-qurying, issued: 2025-01-10 }\n")
        try folder.write("cohort/yan.yaml", "learner: yan\nbadges:\n  - { badge: sql-querying, issued: 2025-01-10 }\n")
        let audit = ["audit", "--learners", "cohort", "--pathway", "data-analysis-foundations", "--format", "csv"] + Self.asOf
        for command in [audit, ["renewals", "--learners", "cohort", "--format", "csv"] + Self.asOf] {
            let refused = try Self.run(command, in: folder, expecting: 65)
            #expect(refused.stderr.contains("sql-qurying"), "\(refused.stderr)")
        }
        let lenient = try Self.run(audit + ["--lenient"], in: folder)
        #expect(Self.rows(lenient.stdout).count == 2)
    }

    @Test("renewals, plans and role fit run over the whole cohort")
    func otherCommands() throws {
        let folder = try Self.workspace()
        defer { folder.remove() }
        try Self.run(["learners", "import", Self.november], in: folder)
        let renewals = try Self.run(["renewals", "--cohort", "--format", "csv"] + Self.asOf, in: folder)
        let items = Self.rows(renewals.stdout)
        #expect(items.contains { $0["learner"] == "chen" && $0["id"] == "sql-querying" && $0["status"] == "expired" })
        #expect(renewals.stdout.components(separatedBy: "learner,kind,id").count == 2, "one header")
        let plans = try Self.run(["plan", "--all", "--cohort", "--format", "csv"] + Self.asOf, in: folder)
        let planRows = Self.rows(plans.stdout)
        #expect(planRows.contains { $0["learner"] == "amara" && $0["pathway"] == "data-analysis-foundations" && $0["complete"] == "yes" })
        #expect(planRows.contains { $0["learner"] == "marco" && $0["pathway"] == "data-analysis-foundations" && $0["completable"] == "yes"
            && ($0["next"] ?? "").contains("sql-querying") })
        let matrix = try Self.run(["roles", "matrix", "--cohort"] + Self.asOf, in: folder)
        #expect(matrix.stdout.split(whereSeparator: \.isNewline).count == 15)
        let match = try Self.run(["roles", "match", "--role", "example-corp-junior-data-analyst", "--cohort", "--format", "csv"] + Self.asOf, in: folder)
        #expect(Self.rows(match.stdout).count == 14)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
