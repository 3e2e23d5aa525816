import Cairn
import CairnTestSupport
import Foundation
import Testing

/// A recorded transcript reads back to what was recorded: `credits history --show` reprints
/// exactly what was granted.
@Suite("Recorded transcripts read back")
struct RecordedTranscriptTests {
    @Test("every bundled learner under every bundled policy: JSON → transcript → JSON is the identity, CSV and text agree")
    func roundTrip() throws {
        let workspace = try Workspace(at: CairnProcess.packageRoot)
        let asOf = try #require(CalendarDate(iso8601: "2026-11-29"))
        var checked = 0
        for policy in workspace.policies.values.sorted(by: { $0.id < $1.id }) {
            for record in workspace.learners {
                let transcript = try workspace.credits(policy: policy, for: record, asOf: asOf)
                let recorded = transcript.json.serialized()
                let read = try CreditTranscript(recorded: recorded, file: "recorded")
                #expect(read.json.serialized() == recorded, "\(policy.id) \(record.learner)")
                #expect(read.csv == transcript.csv)
                #expect(CreditTranscriptTextReport(transcript: read).text == CreditTranscriptTextReport(transcript: transcript).text)
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    @Test("a recorded transcript that is not one says which field is wrong")
    func malformed() {
        #expect(throws: FormatError.self) { try CreditTranscript(recorded: #"{"policy": "p"}"#, file: "x") }
        do {
            _ = try CreditTranscript(recorded: #"{"policy": "p", "policyVersion": "1", "learner": "l", "asOf": "2026-13-01"}"#, file: "x")
        } catch {
            #expect(error.message == "the recorded transcript has no valid \"asOf\"", "\(error)")
        }
    }
}
