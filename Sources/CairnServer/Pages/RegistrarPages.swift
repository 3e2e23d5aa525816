import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// The registrar's pages: the cohort table, and a learner's transcript with the decision log.
enum RegistrarPages {
    static let statuses = [("all", "Everyone"), ("complete", "Complete"), ("in-progress", "In progress"), ("not-started", "Not started")]
    static let sorts = [("progress", "Progress, most first"), ("learner", "Learner id"), ("name", "Name")]

    static func cohort(_ request: Request, context: CairnRequestContext, state: ServerState) throws -> Response {
        let pathways = state.workspace.catalog.sortedPathways
        let chosen = request.query("pathway") ?? pathways.first?.id ?? ""
        let compiled = try state.pathway(chosen, at: "query.pathway")
        let status = request.query("status") ?? "all"
        guard statuses.contains(where: { $0.0 == status }) else {
            throw APIError(.badRequest, "bad_parameter", "status is one of " + statuses.map(\.0).joined(separator: ", "), at: "query.status")
        }
        let sort = request.query("sort") ?? "progress"
        let date = try request.date("asOf", default: today())
        let learners = Dictionary(try state.store.learners().map { ($0.id, $0) }) { first, _ in first }
        // The same auditor as `cairn audit --cohort`: substituted badges are read too.
        let auditor = try CohortAuditor(workspace: state.workspace, pathways: [compiled.pathway.id], asOf: date,
                                        exceptions: Array(try state.store.activeExceptionsByLearner().values.joined()))
        let names = state.workspace.badgeNames
        var rows: [(row: [String: Any], progress: Rational, learner: String, name: String)] = []
        var completeCount = 0
        var total = 0
        var reader = try state.store.cohortReader(badgeClasses: auditor.relevantClassIDs)
        while let records = try reader.next() {
            for record in records {
                total += 1
                let audit = try auditor.audit(record, against: compiled)
                if audit.isComplete { completeCount += 1 }
                let rowStatus = audit.isComplete ? "complete" : audit.progress > .zero ? "in-progress" : "not-started"
                guard status == "all" || status == rowStatus else { continue }
                let row = CohortAuditRow(audit)
                let name = learners[record.learner]?.name ?? ""
                rows.append(([
                    "learner": record.learner, "pathway": compiled.pathway.id, "name": name,
                    "statusClass": audit.isComplete ? "complete" : rowStatus == "in-progress" ? "partly" : "unmet",
                    "statusText": audit.isComplete ? "Complete" : rowStatus == "in-progress" ? "In progress" : "Not started",
                    "percent": PageView.percent(audit.progress),
                    "missing": row.missing.map { names[$0] ?? $0 }, "hasMissing": !row.missing.isEmpty,
                ], audit.progress, record.learner, name))
            }
        }
        switch sort {
        case "learner": rows.sort { $0.learner < $1.learner }
        case "name": rows.sort { ($0.name.lowercased(), $0.learner) < ($1.name.lowercased(), $1.learner) }
        default: rows.sort { ($0.progress, $1.learner) > ($1.progress, $0.learner) }
        }
        let view: [String: Any] = [
            "pathways": pathways.map { ["id": $0.id, "title": $0.title, "selected": $0.id == chosen] as [String: Any] },
            "statuses": statuses.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == status] as [String: Any] },
            "sorts": sorts.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == sort] as [String: Any] },
            "rows": rows.map(\.row), "hasNames": rows.contains { !$0.name.isEmpty },
            "shown": rows.count, "total": total, "completeCount": completeCount,
            "pathwayTitle": compiled.pathway.title, "asOf": date.description,
            "csvURL": "/v1/cohort/audit?pathway=\(compiled.pathway.id)&format=csv",
        ]
        return PageEndpoints.page(state, context, "registrar", title: "Cohort", view: view, current: "/registrar")
    }

    /// A transcript for the page: a line that does not count shows no credit, and the credit it
    /// would have carried stands beside it (a capped badge, an incomplete stack).
    static func transcriptView(_ json: JSONValue) -> [String: Any] {
        var view = PageView.object(json)
        view["lines"] = (json["lines"]?.items ?? []).map { line -> [String: Any] in
            var entry = PageView.object(line)
            let counted = line["counted"] == .bool(true)
            let forgone = line["credits"].map { $0 != .number(.zero) } ?? false
            entry["forgone"] = !counted && forgone ? entry["creditsExact"] ?? NSNull() : NSNull()
            entry["shownCredit"] = counted ? entry["creditsExact"] ?? "" : "0"
            return entry
        }
        return view
    }

    static func transcript(_ request: Request, notice: PageNotice?, policyID: String? = nil, context: CairnRequestContext,
                           state: ServerState) throws -> Response {
        let learner = try context.parameters.require("learner")
        let policies = state.workspace.policies.values.sorted { $0.id < $1.id }
        let chosen = policyID ?? request.query("policy") ?? policies.first?.id ?? ""
        let policy = try state.policy(chosen)
        let date = try request.date("asOf", default: today())
        let transcript = try state.credits(policy, for: learner, asOf: date)
        let verification = try state.verification()
        let decisions = verification.isIntact ? try state.log.decisions(learner: learner) : []
        let history: [[String: Any]] = decisions.reversed().map { decision in
            var view = PageView.object(StoreListing.decisionsJSON(learner: learner, decisions: [decision], head: nil)["decisions"]?.items.first ?? .null)
            view["digestShort"] = String(decision.digest.prefix(16)) + "…"
            return view
        }
        let logDetail: String
        switch verification.chain {
        case .intact(let count, let head): logDetail = "\(count) decision\(count == 1 ? "" : "s"), every link verified; head \(head.map { String($0.prefix(16)) + "…" } ?? "(empty)")"
        case .broken(let sequence, let reason): logDetail = "broken at decision \(sequence): \(reason)"
        }
        let view: [String: Any] = [
            "learner": learner, "name": try state.store.learner(learner)?.name ?? NSNull() as Any,
            "policies": policies.map { ["id": $0.id, "title": $0.title ?? $0.id, "selected": $0.id == policy.id] as [String: Any] },
            "policyID": policy.id, "transcript": transcriptView(transcript.json),
            "logStatus": verification.isIntact ? "intact" : "broken", "logClass": verification.isIntact ? "intact" : "broken",
            "logDetail": logDetail, "decisions": history, "hasDecisions": !history.isEmpty,
            "notice": notice?.view ?? NSNull() as Any,
        ]
        return PageEndpoints.page(state, context, "transcript", title: "Transcript \(learner)", view: view, current: "/registrar")
    }
}
