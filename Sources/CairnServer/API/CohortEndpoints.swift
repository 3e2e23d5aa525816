import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Every learner of the store at once, streamed: audits against pathways, credit transcripts.
/// On a shared (PostgreSQL) store an audit of one pathway, or a cohort's credits, runs as a
/// cohort job (``SharedCohortJob``), so that `cairn worker`s on other machines share the work.
enum CohortEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/cohort/audit", .roles(.registrar)) { request, context, state in
                let format = try CohortFormat(request)
                var ids = request.queryAll("pathway")
                if ids.isEmpty { ids = state.workspace.catalog.sortedPathways.map(\.id) }
                let pathways = try ids.map { try state.pathway($0, at: "query.pathway").pathway.id }
                if state.configuration.store.isShared, pathways.count == 1 {
                    return try await SharedCohortJob(state: state, kind: .audit, subject: pathways[0],
                                                     asOf: try request.date("asOf", default: today()), submittedBy: context.submitter)
                        .response(format: format, filename: "cohort-audit.\(format.rawValue)")
                }
                let auditor = try CohortAuditor(workspace: state.workspace, pathways: pathways, asOf: try request.date("asOf", default: today()),
                                                exceptions: Array(try state.store.activeExceptionsByLearner().values.joined()))
                let stream = CohortStream(header: format == .csv ? CohortAuditFormat.csvHeaderLine : "",
                                          badgeClasses: auditor.relevantClassIDs) { records in
                    try auditor.rows(for: records).map { format == .csv ? CohortAuditFormat.csvLine($0) : CohortAuditFormat.jsonLine($0) }.joined()
                }
                return try stream.response(state, type: format.contentType, filename: "cohort-audit.\(format.rawValue)")
            },
            Endpoint(.get, "/v1/cohort/credits", .roles(.registrar)) { request, context, state in
                let format = try CohortFormat(request)
                let policy = try state.policy(try request.requiredQuery("policy", example: "cairn-university-2026"))
                let date = try request.date("asOf", default: today())
                if state.configuration.store.isShared {
                    return try await SharedCohortJob(state: state, kind: .credits, subject: policy.id, asOf: date,
                                                     submittedBy: context.submitter)
                        .response(format: format, filename: "cohort-credits.\(format.rawValue)")
                }
                let exceptions = Dictionary(grouping: try state.store.activeExceptionsByLearner().values.joined(), by: \.learner)
                let workspace = state.workspace
                // The CLI's columns (`cairn credits --cohort --format csv`); `decision` stays empty: nothing is recorded here.
                let header = format == .csv ? CSVWriter.line(["learner", "policy", "policy_version", "total", "unit", "exact", "decision"]) : ""
                let stream = CohortStream(header: header) { records in
                    var text = ""
                    for record in records {
                        let transcript = try workspace.credits(policy: policy, for: record, exceptions: exceptions[record.learner] ?? [],
                                                               asOf: date)
                        text += format == .csv
                            ? CSVWriter.line([transcript.learner, transcript.policy, transcript.policyVersion, transcript.total.description,
                                       transcript.unit.name, transcript.isExact ? "yes" : "no", ""])
                            : transcript.json.serialized(pretty: false) + "\n"
                    }
                    return text
                }
                return try stream.response(state, type: format.contentType, filename: "cohort-credits.\(format.rawValue)")
            },
        ]
    }
}
