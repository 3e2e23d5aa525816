import CairnCore
import CairnTestSupport
import Foundation
import Testing

@testable import CairnStore

/// `cairn credits log verify` proves the decision log or names the first decision that breaks
/// it, whatever was done to the file with the append-only triggers dropped; `--record` refuses
/// to append to such a log.
@Suite("cairn credits log verify and a tampered log")
struct DecisionLogVerifyEndToEndTests {
    static let dropTriggers = """
        DROP TRIGGER credit_decision_no_update; DROP TRIGGER credit_decision_no_delete;
        DROP TRIGGER credit_decision_input_no_update; DROP TRIGGER credit_decision_input_no_delete;
        """

    /// `cairn credits … --record` for a bundled learner, without the store.
    static let record = ["credits", "--policy", "northbridge-ects", "--learner", "amara", "--as-of", "2026-11-29", "--record"]

    /// A store with four decisions, an hour apart.
    func store(in folder: TemporaryFolder) throws -> (DecisionLog, String) {
        let path = folder.url.appendingPathComponent("store.sqlite").path
        let log = try DecisionLog(path: path)
        for (hour, learner) in ["lee", "ana", "sam", "kim"].enumerated() {
            let time = CreditsHistoryEndToEndTests.morning.addingTimeInterval(Double(hour) * 3600)
            try log.append(CreditsHistoryEndToEndTests.decision(learner: learner, total: Rational(6), recordedAt: time))
        }
        return (log, path)
    }

    /// Each tampering, as SQL run with the triggers dropped, and the decision verify must name.
    static func tamperings() throws -> [(String, String, Int)] {
        let forged = CreditsHistoryEndToEndTests.decision(learner: "ana", total: Rational(60),
                                                           recordedAt: CreditsHistoryEndToEndTests.morning.addingTimeInterval(3600))
        return [
            ("delete a middle decision",
             "DELETE FROM credit_decision_input WHERE decision = 2; DELETE FROM credit_decision WHERE sequence = 2", 3),
            ("change recordedAt", "UPDATE credit_decision SET recordedAt = '2026-03-01T09:30:00Z' WHERE sequence = 2", 2),
            ("move a decision to another learner", "UPDATE credit_decision SET learner = 'zoe' WHERE sequence = 2", 2),
            ("change a total and recompute its digest",
             "UPDATE credit_decision SET total = '60', digest = '\(forged.digest)' WHERE sequence = 2", 2),
        ]
    }

    @Test("an intact log verifies and prints its head; history shows the head")
    func intact() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, path) = try store(in: folder)
        guard case .intact(4, let head?) = try log.verifyChain() else {
            Issue.record("the log does not verify")
            return
        }
        let run = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "intact: 4 decisions in \(path)\nhead: \(head)\n"
                 + "MACs: none recorded (no decision was recorded with --log-key)\n")
        let history = try CairnProcess.run(["credits", "history", "--learner", "ana", "--store", path])
        #expect(history.stdout.contains("log head after 4 decisions: \(head)"), "\(history.stdout)")
        // A head kept earlier must still be in the log.
        #expect(try CairnProcess.run(["credits", "log", "verify", "--store", path, "--expect-head", head]).status == 0)
        let gone = try CairnProcess.run(["credits", "log", "verify", "--store", path,
                                         "--expect-head", String(repeating: "a", count: 64)])
        #expect(gone.status == 65)
        #expect(gone.stderr.contains("no longer holds the head"), "\(gone.stderr)")
        let upperCase = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--expect-head", head.uppercased()])
        #expect(upperCase.status == 0, "\(upperCase.stderr)")
        let malformed = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--expect-head", "abc"])
        #expect(malformed.status == 64)
        #expect(malformed.stderr.contains("expected a head as verify prints it (64 hex digits)"), "\(malformed.stderr)")
    }

    @Test("each tampering is caught by verify, and --record refuses to append", arguments: try tamperings())
    func tampered(name: String, sql: String, broken: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, path) = try store(in: folder)
        try log.sqliteStore.executeForTesting(Self.dropTriggers + sql)
        let run = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(run.status == 65, "\(name): \(run.stdout)")
        #expect(run.stderr.contains("the decision log is broken at decision \(broken)"), "\(name): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let history = try CairnProcess.run(["credits", "history", "--learner", "ana", "--store", path])
        #expect(history.status == 65, "\(name): \(history.stdout)")
        #expect(history.stderr.contains("the decision log is broken at decision \(broken)"), "\(name): \(history.stderr)")
        #expect(history.stdout.isEmpty)
        let record = try CairnProcess.run(Self.record + ["--store", path])
        #expect(record.status == 65, "\(name): \(record.stderr)")
        #expect(record.stderr.contains("altered outside Cairn") || record.stderr.contains("broken"), "\(record.stderr)")
        let count = try DecisionLog(path: path).decisionCount()
        #expect(count == (name == "delete a middle decision" ? 3 : 4), "\(name): something was appended")
    }

    /// A 32-byte key file in `folder`.
    func keyFile(in folder: TemporaryFolder, named name: String = "log.key",
                 _ text: String = "0123456789abcdef0123456789abcdef") throws -> String {
        try folder.write(name, text).path
    }

    @Test("a log kept with --log-key: recorded with MACs, checked only with the key, and a rewrite without it caught")
    func keyedLog() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        let key = try keyFile(in: folder)
        for _ in 0..<2 {
            let run = try CairnProcess.run(Self.record + ["--store", path, "--log-key", key])
            #expect(run.status == 0, "\(run.stderr)")
        }
        let checked = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--log-key", key])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stdout.contains("intact: 2 decisions"), "\(checked.stdout)")
        #expect(checked.stdout.contains("MACs: checked with the key for decisions 1–2\n"), "\(checked.stdout)")
        let unchecked = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(unchecked.status == 0, "\(unchecked.stderr)")
        #expect(unchecked.stdout.contains("MACs: not checked (no --log-key given); decisions 1–2 carry one"), "\(unchecked.stdout)")
        let json = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--log-key", key, "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["intact"] as? Bool == true)
        #expect(object["macsChecked"] as? Bool == true)
        #expect(object["macDecisions"] as? Int == 2)
        let keptHead = try #require(object["head"] as? String)

        // Without the key, a keyed log takes no decision.
        let keyless = try CairnProcess.run(Self.record + ["--store", path])
        #expect(keyless.status == 64, "\(keyless.stderr)")
        #expect(keyless.stderr.contains("--log-key"), "\(keyless.stderr)")
        #expect(try DecisionLog(path: path).decisionCount() == 2)
        // Another key is not the log's.
        let other = try keyFile(in: folder, named: "other.key", "fedcba9876543210fedcba9876543210")
        let wrong = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--log-key", other])
        #expect(wrong.status == 65)
        #expect(wrong.stderr.contains("broken at decision 1: its MAC does not match the log key"), "\(wrong.stderr)")

        // Someone with the file but not the key changes a total and recomputes every digest and link.
        let log = try DecisionLog(path: path)
        try log.sqliteStore.executeForTesting(Self.dropTriggers + "UPDATE credit_decision SET total = '60' WHERE sequence = 1")
        try log.rechainForTesting()
        // Without the key or a kept head, the rewrite is consistent: that is the documented limit.
        let blind = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(blind.status == 0, "\(blind.stderr)")
        #expect(blind.stdout.contains("MACs: not checked"), "\(blind.stdout)")
        // The kept head…
        let head = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--expect-head", keptHead])
        #expect(head.status == 65)
        #expect(head.stderr.contains("no longer holds the head \(keptHead)"), "\(head.stderr)")
        // …and the key each catch it.
        let caught = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--log-key", key])
        #expect(caught.status == 65)
        #expect(caught.stderr.contains("broken at decision 1: its MAC does not match the log key"), "\(caught.stderr)")
        #expect(caught.stdout.isEmpty)
        let refused = try CairnProcess.run(Self.record + ["--store", path, "--log-key", key])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(try DecisionLog(path: path).decisionCount() == 2)
    }

    @Test("a key starts on an existing log only with --adopt-log-key; bad key files and misplaced options are refused")
    func adoptingAndBadKeys() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("store.sqlite").path
        let key = try keyFile(in: folder)
        #expect(try CairnProcess.run(Self.record + ["--store", path]).status == 0)
        let unadopted = try CairnProcess.run(Self.record + ["--store", path, "--log-key", key])
        #expect(unadopted.status == 64, "\(unadopted.stderr)")
        #expect(unadopted.stderr.contains("--adopt-log-key"), "\(unadopted.stderr)")
        #expect(try DecisionLog(path: path).decisionCount() == 1)
        let adopted = try CairnProcess.run(Self.record + ["--store", path, "--log-key", key, "--adopt-log-key"])
        #expect(adopted.status == 0, "\(adopted.stderr)")
        let verified = try CairnProcess.run(["credits", "log", "verify", "--store", path, "--log-key", key])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("MACs: checked with the key for decision 2; decisions before 2 were recorded "
                                         + "without a key and are vouched for by the chain"), "\(verified.stdout)")

        let missing = try CairnProcess.run(["credits", "log", "verify", "--store", path,
                                            "--log-key", folder.url.appendingPathComponent("nope.key").path])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such log key file"), "\(missing.stderr)")
        let short = try CairnProcess.run(["credits", "log", "verify", "--store", path,
                                          "--log-key", try keyFile(in: folder, named: "short.key", "too short")])
        #expect(short.status == 65)
        #expect(short.stderr.contains("a log key needs at least 32 bytes, this one has 9"), "\(short.stderr)")
        let withoutRecord = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "amara",
                                                  "--as-of", "2026-11-29", "--log-key", key])
        #expect(withoutRecord.status == 64)
        #expect(withoutRecord.stdout.isEmpty)
        let noStore = try CairnProcess.run(["credits", "log", "verify", "--store", folder.url.appendingPathComponent("none.sqlite").path])
        #expect(noStore.status == 66)
    }

    @Test("eight --record runs at once on a new store all succeed, and the log they leave verifies", arguments: 1...3)
    func concurrentFirstRecords(round: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("new/store.sqlite").path
        let runs = try CairnProcess.runAtOnce(Array(repeating: Self.record + ["--store", path], count: 8))
        for run in runs {
            #expect(run.status == 0, "round \(round): \(run.stderr)")
        }
        let verify = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(verify.status == 0, "round \(round): \(verify.stderr)")
        #expect(verify.stdout.hasPrefix("intact: 8 decisions"), "round \(round): \(verify.stdout)")
    }

    @Test("--record into a file that is not a Cairn store is invalid data (65), not an internal error")
    func recordIntoAForeignFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write("store.sqlite", "not a database at all, just text that is long enough to look like a header\n").path
        let run = try CairnProcess.run(Self.record + ["--store", path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("not a Cairn store"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}
