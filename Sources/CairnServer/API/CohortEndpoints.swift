import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Every learner of the store at once, streamed: audits against pathways, credit transcripts.
enum CohortEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/cohort/audit", .roles(.registrar)) { request, _, state in
                let format = try CohortFormat(request)
                var ids = request.queryAll("pathway")
                if ids.isEmpty { ids = state.workspace.catalog.sortedPathways.map(\.id) }
                let pathways = try ids.map { try state.pathway($0, at: "query.pathway").pathway.id }
                let auditor = try CohortAuditor(workspace: state.workspace, pathways: pathways, asOf: try request.date("asOf", default: today()),
                                                exceptions: Array(try state.store.activeExceptionsByLearner().values.joined()))
                let stream = CohortStream(header: format == .csv ? CohortAuditFormat.csvHeaderLine : "",
                                          badgeClasses: auditor.relevantClassIDs) { records in
                    try auditor.rows(for: records).map { format == .csv ? CohortAuditFormat.csvLine($0) : CohortAuditFormat.jsonLine($0) }.joined()
                }
                return try stream.response(state, type: format.contentType, filename: "cohort-audit.\(format.rawValue)")
            },
            Endpoint(.get, "/v1/cohort/credits", .roles(.registrar)) { request, _, state in
                let format = try CohortFormat(request)
                let policy = try state.policy(try request.requiredQuery("policy", example: "cairn-university-2026"))
                let date = try request.date("asOf", default: today())
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
