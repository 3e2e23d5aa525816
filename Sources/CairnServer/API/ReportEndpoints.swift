import Cairn
import CairnCredentials
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// One learner's answers: audit, plan, credit (and recording it), decisions, renewals and the
/// calendar feed; and checking any uploaded credential.
enum ReportEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/learners/{learner}/audit", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let pathway = try state.pathway(try request.requiredQuery("pathway", example: "data-analysis-foundations"), at: "query.pathway")
                let date = try request.date("asOf", default: today())
                return try state.answer(request, context) { try state.audit(pathway.pathway.id, for: learner, asOf: date).json }
            },
            Endpoint(.get, "/v1/learners/{learner}/plan", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                return try state.answer(request, context) { try plan(request, learner: learner, state: state).json }
            },
            Endpoint(.get, "/v1/learners/{learner}/credits", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let policy = try state.policy(try request.requiredQuery("policy", example: "cairn-university-2026"))
                let transcript = try state.credits(policy, for: learner, asOf: try request.date("asOf", default: today()))
                return try request.formatIsCSV() ? .text(transcript.csv, type: "text/csv; charset=utf-8") : .json(transcript.json)
            },
            Endpoint(.post, "/v1/learners/{learner}/decisions", .roles(.registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let policy = try state.policy(try request.requiredQuery("policy", example: "cairn-university-2026"))
                let date = try request.date("asOf", default: today())
                let transcript = try state.credits(policy, for: learner, asOf: date)
                let decision = try state.record(transcript, policy: policy, asOf: date, by: context.identity.map { "token \($0.tokenID)" } ?? "")
                return .json(.object([
                    ("sequence", decision.sequence.map { .number(Rational(Int($0))) } ?? .null),
                    ("digest", .string(decision.digest)),
                    ("recordedAt", .string(decision.recordedAt)),
                    ("recordedBy", decision.recordedBy.map(JSONValue.string) ?? .null),
                    ("transcript", transcript.json),
                ]), status: .created)
            },
            Endpoint(.get, "/v1/learners/{learner}/decisions", .learner(or: .registrar)) { _, context, state in
                let learner = try context.parameters.require("learner")
                try state.learner(learner)
                // As the CLI does: a learner's decisions are shown only from a log that proves itself.
                let verification = try state.verification()
                guard case .intact(_, let head) = verification.chain else {
                    throw APIError(.conflict, "log_broken", "the decision log does not verify: nothing is listed", at: "store")
                }
                let decisions = try state.log.decisions(learner: learner)
                return .json(StoreListing.decisionsJSON(learner: learner, decisions: decisions, head: head))
            },
            Endpoint(.get, "/v1/decisions/verification", .roles(.registrar)) { _, _, state in
                .json(try state.verification().json)
            },
            Endpoint(.get, "/v1/learners/{learner}/renewals", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let date = try request.date("asOf", default: today())
                return try state.answer(request, context) { try state.renewals(for: learner, asOf: date).json }
            },
            Endpoint(.get, "/v1/learners/{learner}/renewals/feed", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                try state.learner(learner)
                let path = feedPath(learner, state: state)
                return .json(.object([("learner", .string(learner)), ("path", .string(path)),
                                      ("url", .string(absolute(path, request: request)))]))
            },
            Endpoint(.get, "/v1/feeds/{learner}/renewals.ics", .feedSecret) { request, context, state in
                let learner = try context.parameters.require("learner")
                // A wrong or missing key looks the same as an unknown learner: nothing to probe.
                guard let key = request.query("key"), state.feedKey.verify(key, of: "feed." + learner),
                      try state.store.learner(learner) != nil else {
                    throw APIError(.notFound, "unknown_feed", "no such calendar feed; ask for its address again", at: "query.key")
                }
                let schedule = try state.renewals(for: learner, asOf: today())
                return .text(schedule.calendar(name: "Renewals for \(learner)").serialized(), type: "text/calendar; charset=utf-8")
            },
            Endpoint(.post, "/v1/verify", .signedIn) { request, context, state in
                let upload = try await Upload(request, context: context, field: "credential")
                let date = try request.date("asOf", default: today())
                let verification = try upload.withTemporaryFile(in: state.uploadFolder) { url in
                    var result = state.verifier.verify(fileAt: url, asOf: date).verification
                    result.rename(temporary: url, as: upload)
                    return result
                }
                return .json(VerificationReport(asOf: date, results: [verification]).json)
            },
        ]
    }

    /// A plan from the query: `pathway`, `minimize` (count, hours, cost), `asOf`, `by`, and
    /// `assume` (badges to plan as if earned: the what-if).
    static func plan(_ request: Request, learner: String, state: ServerState, pathway named: String? = nil) throws -> Plan {
        let pathway = try state.pathway(try named ?? request.requiredQuery("pathway", example: "data-analysis-foundations"), at: "query.pathway")
        let measureText = request.query("minimize") ?? "count"
        guard let measure = Plan.Measure(rawValue: measureText) else {
            throw APIError(.badRequest, "bad_parameter", "minimize is one of count, hours, cost; found \(quoted(measureText))",
                           at: "query.minimize")
        }
        let date = try request.date("asOf", default: today())
        let until = try request.date("by", default: date)
        let assume = request.queryAll("assume")
        for badge in assume where state.workspace.catalog.badgeClasses[badge] == nil {
            throw APIError(.unprocessableContent, "unknown_badge", "no badge class \(quoted(badge))"
                           + ClosestIDs.hint(for: badge, among: state.workspace.catalog.badgeClasses.keys), at: "query.assume")
        }
        return try state.plan(pathway.pathway.id, for: learner, measure: measure, asOf: date, reliesUntil: until, assume: assume)
    }

    static func feedPath(_ learner: String, state: ServerState) -> String {
        "/v1/feeds/\(learner.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? learner)/renewals.ics?key=\(state.feedSecret(for: learner))"
    }

    /// An absolute address for `path` on the host the request came to.
    static func absolute(_ path: String, request: Request) -> String {
        let host = request.head.authority ?? "127.0.0.1"
        return "http://\(host)\(path)"
    }
}

/// The decision log's verification, as `credits log verify --format json` gives it.
struct LogVerification {
    var store: String
    var chain: ChainVerification
    var macs: MACSummary

    var json: JSONValue { StoreListing.chainJSON(store: store, verification: chain, macs: macs, macsChecked: false) }

    var isIntact: Bool {
        if case .intact = chain { return true }
        return false
    }
}

extension ServerState {
    func verification() throws -> LogVerification {
        LogVerification(store: store.location, chain: try log.verifyChain(), macs: try log.macSummary())
    }
}

extension CredentialVerification {
    /// Names the upload by the client's file name wherever the outcome named the temporary file:
    /// the file itself, a CLR's nested credentials (`name#1`) and the reasons given.
    mutating func rename(temporary url: URL, as upload: Upload) {
        file = upload.naming(file, temporary: url)
        reason = upload.naming(reason, temporary: url)
        nested = nested.map { nested in
            var renamed = nested
            renamed.rename(temporary: url, as: upload)
            return renamed
        }
    }
}
