public import CairnCore
import CairnSyntax

/// A cohort's credit as CSV and JSON lines: one line per learner, whether a cohort run writes it
/// or a job's worker stores it, so that both give the same bytes.
public enum CohortCreditsFormat {
    /// The CSV header (a student information system reads the columns by name).
    public static let csvHeader = ["learner", "policy", "policy_version", "total", "unit", "exact", "decision"]

    /// The header line, CRLF-terminated.
    public static var csvHeaderLine: String { CSVWriter(header: csvHeader).text }

    /// One learner's CSV line, CRLF-terminated: the exact total, and the decision's number in
    /// the log (`#12`) when the run recorded it, else an empty field.
    public static func csvLine(_ transcript: CreditTranscript, decision: Int64? = nil) -> String {
        CSVWriter.line([transcript.learner, transcript.policy, transcript.policyVersion, transcript.total.description,
                        transcript.unit.name, transcript.isExact ? "yes" : "no", decision.map { "#\($0)" } ?? ""])
    }

    /// One learner's whole transcript as a JSON object on one line.
    public static func jsonLine(_ transcript: CreditTranscript) -> String {
        transcript.json.serialized(pretty: false) + "\n"
    }
}
