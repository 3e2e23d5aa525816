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
                let pathways = try ids.map { try state.pathway($0, at: "query.pathway") }
                let date = try request.date("asOf", default: today())
                let exceptions = Dictionary(grouping: try state.store.activeExceptionsByLearner().values.joined(), by: \.learner)
                let workspace = state.workspace
                var relevant = pathways.reduce(into: Set<String>()) { $0.formUnion($1.relevantClassIDs) }
                for exception in exceptions.values.joined() {
                    if case .substitute(let badge, _) = exception.action { relevant.insert(badge) }
                }
                let stream = CohortStream(header: format == .csv ? CohortAuditFormat.csvHeaderLine : "", badgeClasses: relevant) { records in
                    var text = ""
                    for record in records {
                        let mine = exceptions[record.learner] ?? []
                        for pathway in pathways {
                            let audit = record.heldClasses.isEmpty && mine.isEmpty ? pathway.audit(record, asOf: date)
                                : try workspace.audit(pathway: pathway.pathway.id, for: record, exceptions: mine, asOf: date)
                            let row = CohortAuditRow(audit)
                            text += format == .csv ? CohortAuditFormat.csvLine(row) : CohortAuditFormat.jsonLine(row)
                        }
                    }
                    return text
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
