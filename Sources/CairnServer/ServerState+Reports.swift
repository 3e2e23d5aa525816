import Cairn
import CairnStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers

/// The engine's answers for one learner, as the CLI computes them, with the registrar's exceptions applied.
extension ServerState {
    func audit(_ pathway: String, for learner: String, asOf date: CalendarDate) throws -> Audit {
        let compiled = try self.pathway(pathway, at: "query.pathway")
        return try workspace.audit(compiled: compiled, for: try record(learner), exceptions: try exceptions(of: learner), asOf: date)
    }

    func plan(_ pathway: String, for learner: String, measure: Plan.Measure, asOf date: CalendarDate,
              reliesUntil until: CalendarDate, assume: [String]) throws -> Plan {
        let record = try record(learner)
        do {
            return try workspace.plan(pathway: pathway, for: record, exceptions: try exceptions(of: learner), measure: measure,
                                      asOf: date, reliesUntil: until, assume: assume)
        } catch let error as WorkspaceError {
            throw APIError(workspace: error, location: "query.assume")
        }
    }

    func policy(_ id: String) throws -> CreditPolicy {
        guard let policy = workspace.policies[id] else {
            throw APIError(.notFound, "unknown_policy", "no credit policy \(quoted(id))"
                           + ClosestIDs.hint(for: id, among: workspace.policies.keys), at: "query.policy")
        }
        return policy
    }

    func credits(_ policy: CreditPolicy, for learner: String, asOf date: CalendarDate) throws -> CreditTranscript {
        try workspace.credits(policy: policy, for: try record(learner), exceptions: try exceptions(of: learner), asOf: date)
    }

    /// Records a transcript in the decision log; the learner's stored record is the input digested.
    func record(_ transcript: CreditTranscript, policy: CreditPolicy, asOf date: CalendarDate, by recorder: String) throws -> CreditDecision {
        let record = try record(transcript.learner)
        let learnerInput = CreditDecision.InputDigest(path: "store learner \(record.learner)",
                                                      contents: Array(LearnerRecordYAML.text(record).utf8))
        let decision = CreditDecision(
            learner: transcript.learner, policyID: transcript.policy, policyVersion: transcript.policyVersion,
            asOf: date, total: Credits(transcript.total, transcript.unit), transcript: transcript.json.serialized(),
            inputs: (workspaceInputs[policy.id] ?? workspace.decisionInputs(policy: policy, learnerFile: nil)) + [learnerInput],
            recordedAt: Date(), recordedBy: recorder)
        // Appends are serialised by the store's write lock; the head this server last saw spares
        // verifying the whole chain again when no one else appended since.
        return try logHead.withLockedValue { head in
            let (recorded, newHead) = try log.append(contentsOf: [decision], after: head)
            head = newHead
            guard let first = recorded.first else { throw APIError(.internalServerError, "decision_log", "nothing was recorded") }
            return first
        }
    }

    func renewals(for learner: String, asOf date: CalendarDate) throws -> RenewalSchedule {
        workspace.renewals(for: [try record(learner)], asOf: date)
    }
}

extension APIError {
    /// A workspace error met while answering a request: unknown ids are 404 or 422, the rest 422.
    init(workspace error: WorkspaceError, location: String?) {
        switch error {
        case .unknownID: self.init(.unprocessableContent, "unknown_id", error.description, at: location)
        default: self.init(.unprocessableContent, "unprocessable", error.description, at: location)
        }
    }
}

extension ServerState {
    /// The JSON answer for this request: kept from an earlier identical request while the store
    /// has not changed since (and on the same day, which dates default to), else computed.
    func answer(_ request: Request, _ context: CairnRequestContext, _ compute: () throws -> JSONValue) throws -> Response {
        let key = "\(today())|\(request.uri.description)"
        let text = try cache.answer(key, version: context.storeVersion) { try compute().serialized() + "\n" }
        return .text(text, type: "application/json; charset=utf-8")
    }
}
