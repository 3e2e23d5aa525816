public import CairnCore
public import CairnStore
public import CairnSyntax
import Foundation

extension StoreListing {
    /// `{"id", "kind", "subject", "asOf", "state", "chunks": {"total", "waiting", "running",
    /// "done"}, "learners", "results", "failure", "submittedAt", "submittedBy", "definitions"}`:
    /// a job and how far it has got.
    public static func jobJSON(_ progress: JobProgress) -> JSONValue {
        let job = progress.job
        return .object([
            ("id", .string(job.id)),
            ("kind", .string(job.request.kind.rawValue)),
            ("subject", job.request.subject.isEmpty ? .null : .string(job.request.subject)),
            ("asOf", .string(job.request.asOf.description)),
            ("state", .string(progress.state)),
            ("chunks", .object([("total", .number(Rational(job.chunkCount))), ("waiting", .number(Rational(progress.waiting))),
                                ("running", .number(Rational(progress.running))), ("done", .number(Rational(progress.done)))])),
            ("learners", .number(Rational(job.learnerCount))),
            ("results", .number(Rational(progress.results))),
            ("failure", progress.failure.map(JSONValue.string) ?? .null),
            ("submittedAt", .string(ISO8601DateFormatter().string(from: job.submittedAt))),
            ("submittedBy", job.request.submittedBy.map(JSONValue.string) ?? .null),
            ("definitions", .string(job.request.definitions)),
        ])
    }

    /// What a job is, as one phrase: `audit of data-analysis-foundations as of 2026-11-29`.
    public static func jobTitle(_ job: CohortJob) -> String {
        let request = job.request
        return switch request.kind {
        case .audit: "audit of \(request.subject) as of \(request.asOf)"
        case .credits: "credits under \(request.subject) as of \(request.asOf)"
        case .renewals: "renewals as of \(request.asOf)"
        }
    }
}
