import Cairn
import CairnCore
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Cohort jobs over the API: what `cairn jobs` does — submit a cohort's audit, credits or
/// renewals for `cairn worker`s to compute, follow it, and read its results.
enum JobEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/jobs", .roles(.registrar)) { _, _, state in
                let now = Date()
                return .json(.array(try state.store.jobs().compactMap { job in
                    try state.store.jobProgress(id: job.id, now: now).map(StoreListing.jobJSON)
                }))
            },
            Endpoint(.post, "/v1/jobs", .roles(.registrar)) { request, context, state in
                let body = try await request.jsonObject(context)
                let kindName = try body.string("kind") ?? ""
                guard let kind = JobRequest.Kind(rawValue: kindName) else {
                    throw APIError(.badRequest, "bad_field", "kind is one of audit, credits, renewals; found \(quoted(kindName))", at: "body.kind")
                }
                let subject: String
                switch kind {
                case .audit:
                    guard let pathway = try body.string("pathway") else {
                        throw APIError(.badRequest, "missing_field", "an audit job names its pathway", at: "body.pathway")
                    }
                    subject = try state.pathway(pathway, at: "body.pathway").pathway.id
                case .credits:
                    guard let policy = try body.string("policy") else {
                        throw APIError(.badRequest, "missing_field", "a credits job names its policy", at: "body.policy")
                    }
                    subject = try state.policy(policy).id
                case .renewals:
                    subject = ""
                }
                let asOf = try body.string("asOf").map { try Request.date($0, at: "body.asOf") } ?? today()
                let job = try CohortJobSubmitter(workspace: state.workspace, store: state.store)
                    .submit(kind, subject: subject, asOf: asOf, chunkSize: SharedCohortJob.chunkSize, submittedBy: context.submitter,
                            now: Date())
                guard let progress = try state.store.jobProgress(id: job.id, now: Date()) else {
                    throw APIError(.notFound, "unknown_job", "job \(quoted(job.id)) is gone from the store", at: "path.job")
                }
                var response = Response.json(StoreListing.jobJSON(progress), status: .accepted)
                response.headers[.location] = "/v1/jobs/\(job.id)"
                return response
            },
            Endpoint(.get, "/v1/jobs/{job}", .roles(.registrar)) { _, context, state in
                .json(StoreListing.jobJSON(try progress(try context.parameters.require("job"), state)))
            },
            Endpoint(.get, "/v1/jobs/{job}/results", .roles(.registrar)) { request, context, state in
                let format = try CohortFormat(request)
                let found = try progress(try context.parameters.require("job"), state)
                if let failure = found.failure {
                    throw APIError(.conflict, "job_failed", "job \(found.job.id) failed: \(failure)", at: "path.job")
                }
                guard found.isFinished else {
                    throw APIError(.conflict, "job_unfinished", "job \(found.job.id) is not finished (\(found.done) of "
                                   + "\(found.job.chunkCount) chunks done); a worker computes it (cairn worker)", at: "path.job")
                }
                return SharedCohortJob.results(of: found.job, state: state, format: format,
                                               filename: "\(found.job.id).\(format.rawValue)")
            },
        ]
    }

    /// The job with this id and how far it has got; 404 naming the closest ids otherwise.
    static func progress(_ id: String, _ state: ServerState) throws -> JobProgress {
        guard let found = try state.store.jobProgress(id: id, now: Date()) else {
            throw APIError(.notFound, "unknown_job", "no job \(quoted(id))" + ClosestIDs.hint(for: id, among: try state.store.jobs().map(\.id)),
                           at: "path.job")
        }
        return found
    }
}
