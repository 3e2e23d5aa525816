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
        #expect(run.stdout == "intact: 4 decisions in \(path)\nhead: \(head)\n")
        let history = try CairnProcess.run(["credits", "history", "--learner", "ana", "--store", path])
        #expect(history.stdout.contains("log head after 4 decisions: \(head)"), "\(history.stdout)")
        // A head kept earlier must still be in the log.
        #expect(try CairnProcess.run(["credits", "log", "verify", "--store", path, "--expect-head", head]).status == 0)
        let gone = try CairnProcess.run(["credits", "log", "verify", "--store", path,
                                         "--expect-head", String(repeating: "a", count: 64)])
        #expect(gone.status == 65)
        #expect(gone.stderr.contains("no longer holds the head"), "\(gone.stderr)")
    }

    @Test("each tampering is caught by verify, and --record refuses to append", arguments: try tamperings())
    func tampered(name: String, sql: String, broken: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (log, path) = try store(in: folder)
        try log.store.executeForTesting(Self.dropTriggers + sql)
        let run = try CairnProcess.run(["credits", "log", "verify", "--store", path])
        #expect(run.status == 65, "\(name): \(run.stdout)")
        #expect(run.stderr.contains("the decision log is broken at decision \(broken)"), "\(name): \(run.stderr)")
        #expect(run.stdout.isEmpty)
        let record = try CairnProcess.run(["credits", "--policy", "northbridge-ects", "--learner", "amara",
                                           "--as-of", "2026-11-29", "--record", "--store", path])
        #expect(record.status == 65, "\(name): \(record.stderr)")
        #expect(record.stderr.contains("altered outside Cairn") || record.stderr.contains("broken"), "\(record.stderr)")
        let count = try DecisionLog(path: path).decisionCountForTesting()
        #expect(count == (name == "delete a middle decision" ? 3 : 4), "\(name): something was appended")
    }
}
