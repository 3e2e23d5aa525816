import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

@Suite("cairn credits history lists the decisions recorded in the store")
struct CreditsHistoryEndToEndTests {
    /// 2026-03-01T09:30:00Z.
    static let morning = Date(timeIntervalSince1970: 1_772_357_400)

    static func decision(learner: String, total: Rational, policyVersion: String = "2",
                         recordedAt: Date = morning) -> CreditDecision {
        CreditDecision(
            learner: learner, policyID: "cs-credit", policyVersion: policyVersion,
            asOf: CalendarDate(year: 2026, month: 2, day: 28)!, total: Credits(total, .ects),
            transcript: #"{"policy":"cs-credit","learner":"\#(learner)","lines":[]}"#,
            inputs: [.init(path: "Pathways/cs/policy.yaml", contents: Array("id: cs-credit\n".utf8)),
                     .init(path: "learners/\(learner).yaml", contents: Array("learner: \(learner)\n".utf8))],
            recordedAt: recordedAt)
    }

    func json(_ run: CairnRun) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
    }

    @Test("An empty store lists nothing; recorded decisions are listed in order, as text and JSON")
    func listsRecordedDecisions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("store.sqlite").path
        let log = try DecisionLog(path: store)

        let empty = try CairnProcess.run(["credits", "history", "--learner", "x", "--store", store])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout == "No credit decisions recorded for x in \(store).\n")
        let emptyJSON = try CairnProcess.run(["credits", "history", "--learner", "x", "--store", store, "--format", "json"])
        #expect(emptyJSON.status == 0, "\(emptyJSON.stderr)")
        #expect(try json(emptyJSON)["learner"] as? String == "x")
        #expect((try json(emptyJSON)["decisions"] as? [Any])?.isEmpty == true)

        let first = try log.append(Self.decision(learner: "x", total: Rational(15, 2)))
        try log.append(Self.decision(learner: "y", total: Rational(3)))
        let third = try log.append(Self.decision(learner: "x", total: Rational(7, 3), policyVersion: "3",
                                                 recordedAt: Self.morning + 3600))

        let text = try CairnProcess.run(["credits", "history", "--learner", "x", "--store", store])
        #expect(text.status == 0, "\(text.stderr)")
        var lines = text.stdout.split(separator: "\n").map(String.init)
        // The last line is the whole log's head, to keep elsewhere.
        #expect(lines.count == 3, "\(text.stdout)")
        #expect(lines.last?.hasPrefix("log head after 3 decisions: ") == true, "\(text.stdout)")
        lines.removeLast()
        #expect(lines.first?.hasPrefix("#1  2026-03-01T09:30:00Z  cs-credit@2  as of 2026-02-28") == true, "\(text.stdout)")
        #expect(lines.first?.contains("7.5 ECTS") == true, "\(text.stdout)")
        #expect(lines.first?.hasSuffix(String(first.digest.prefix(12))) == true, "\(text.stdout)")
        #expect(lines.last?.hasPrefix("#3  2026-03-01T10:30:00Z  cs-credit@3  as of 2026-02-28") == true, "\(text.stdout)")
        #expect(lines.last?.contains("7/3 ECTS") == true, "\(text.stdout)")
        #expect(lines.last?.hasSuffix(String(third.digest.prefix(12))) == true, "\(text.stdout)")

        let run = try CairnProcess.run(["credits", "history", "--learner", "x", "--store", store, "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try json(run)
        #expect(object["learner"] as? String == "x")
        let decisions = try #require(object["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["sequence"] as? Int } == [1, 3])
        let listed = try #require(decisions.first)
        #expect(listed["recordedAt"] as? String == "2026-03-01T09:30:00Z")
        #expect(listed["policy"] as? String == "cs-credit")
        #expect(listed["policyVersion"] as? String == "2")
        #expect(listed["asOf"] as? String == "2026-02-28")
        #expect(listed["unit"] as? String == "ECTS")
        #expect(listed["total"] as? String == "7.5")
        #expect(listed["digest"] as? String == first.digest)
        let inputs = try #require(listed["inputs"] as? [[String: String]])
        #expect(inputs.map { $0["path"] } == ["Pathways/cs/policy.yaml", "learners/x.yaml"])
        #expect(inputs.map { $0["sha256"] } == first.inputs.map(\.sha256))
        #expect(decisions.last?["total"] as? String == "7/3")
        // The whole log's head, as `credits log verify` prints it.
        guard case .intact(3, let head?) = try log.verifyChain() else {
            Issue.record("the log does not verify")
            return
        }
        #expect(object["head"] as? String == head)
        #expect(text.stdout.contains("log head after 3 decisions: \(head)"), "\(text.stdout)")
    }

    @Test("Without a store file the list is empty, exit 0, and no file is created")
    func noStore() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("missing/store.sqlite").path
        let text = try CairnProcess.run(["credits", "history", "--learner", "x", "--store", store])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("No credit decisions recorded for x"), "\(text.stdout)")
        #expect(text.stdout.contains("no store at \(store)"), "\(text.stdout)")
        let json = try CairnProcess.run(["credits", "history", "--learner", "x", "--format", "json",
                                         "--workspace", folder.url.path])
        #expect(json.status == 0, "\(json.stderr)")
        #expect((try self.json(json)["decisions"] as? [Any])?.isEmpty == true)
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("missing").path))
        #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(".cairn").path))
    }

    @Test("The workspace's default store is used; a store altered outside Cairn exits 65 naming it")
    func defaultStoreAndTampering() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent(".cairn/store.sqlite").path
        let log = try DecisionLog(path: store)
        try log.append(Self.decision(learner: "x", total: Rational(6)))
        let listed = try CairnProcess.run(["credits", "history", "--learner", "x", "--workspace", folder.url.path])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.hasPrefix("#1  "), "\(listed.stdout)")

        try log.sqliteStore.executeForTesting("DROP TRIGGER credit_decision_no_update; UPDATE credit_decision SET total = '60'")
        let tampered = try CairnProcess.run(["credits", "history", "--learner", "x", "--workspace", folder.url.path])
        #expect(tampered.status == 65)
        #expect(tampered.stderr.contains("\(store): the decision log is broken at decision 1: "
                                         + "its content no longer matches its digest"), "\(tampered.stderr)")
        #expect(tampered.stdout.isEmpty)

        let missing = try CairnProcess.run(["credits", "history", "--workspace", folder.url.path])
        #expect(missing.status == 64, "\(missing.stderr)")
    }

    @Test("who recorded a decision is kept and shown; recording the same inputs again says so; --show reprints a transcript as recorded")
    func recorderTwinsAndShow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = folder.url.appendingPathComponent("store.sqlite").path
        let credits = ["credits", "--policy", "northbridge-ects", "--learner", "amara", "--as-of", "2026-11-29"]
        let first = try CairnProcess.run(credits + ["--record", "--store", store, "--recorded-by", "Registrar Rae"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(!first.stderr.contains("same inputs"))
        let second = try CairnProcess.run(credits + ["--record", "--store", store], environment: ["USER": "clerk-kim"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("note: decision #1, recorded ") && second.stderr.contains("by Registrar Rae, has the same inputs and outcome"),
                "\(second.stderr)")
        let listed = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store])
        let lines = listed.stdout.split(separator: "\n")
        #expect(lines.count == 3 && lines[0].contains("by Registrar Rae") && lines[1].contains("by clerk-kim"), "\(listed.stdout)")
        let json = try self.json(try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--format", "json"]))
        #expect((json["decisions"] as? [[String: Any]])?.compactMap { $0["recordedBy"] as? String } == ["Registrar Rae", "clerk-kim"])
        // --show reprints the transcript: JSON byte for byte, text as `credits` printed it plus where it is recorded.
        let original = try CairnProcess.run(credits + ["--format", "json"])
        let shown = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--show", "1", "--format", "json"])
        #expect(shown.stdout == original.stdout)
        let text = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--show", "2"])
        let printed = try CairnProcess.run(credits)
        let withoutRecord = text.stdout.components(separatedBy: "\n")
            .filter { !$0.hasPrefix("Recorded in the decision log as #2, ") }.joined(separator: "\n")
            .replacingOccurrences(of: "\n\n\n", with: "\n\n")
        #expect(withoutRecord == printed.stdout, "\(text.stdout)")
        #expect(text.stdout.contains("Recorded in the decision log as #2, ") && text.stdout.contains("by clerk-kim"))
        let csv = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--show", "1", "--format", "csv"])
        #expect(csv.stdout == (try CairnProcess.run(credits + ["--format", "csv"])).stdout)
        let missing = try CairnProcess.run(["credits", "history", "--learner", "amara", "--store", store, "--show", "7"])
        #expect(missing.status == 64 && missing.stderr.contains("no decision #7 is recorded for amara; theirs: #1, #2"), "\(missing.stderr)")
        let stray = try CairnProcess.run(credits + ["--recorded-by", "x"])
        #expect(stray.status == 64)
    }

    @Test("the CSV transcript ends with a total row")
    func csvTotal() throws {
        let csv = try CairnProcess.run(["credits", "--policy", "lakeside-sh", "--learner", "amara", "--as-of", "2026-11-29",
                                        "--format", "csv"])
        let last = try #require(csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }.last)
        #expect(last.hasPrefix("amara,lakeside-sh,") && last.contains(",total,,Total,"), "\(last)")
        #expect(last.hasSuffix(",8.1,8.1,US-semester-hours,,,\"the counted lines (49/6), rounded\""), "\(last)")
    }
}
