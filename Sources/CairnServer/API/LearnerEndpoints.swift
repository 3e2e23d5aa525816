import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Learners and their earnings: list and show; a registrar adds and removes earnings; a learner
/// (or the registrar) uploads an Open Badges file, which is verified and stored with its outcome.
enum LearnerEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/learners", .roles(.staff)) { _, _, state in
                .json(StoreListing.learnersJSON(try state.store.learners()))
            },
            Endpoint(.get, "/v1/learners/{learner}", .learner(or: .staff)) { _, context, state in
                let id = try context.parameters.require("learner")
                let found = try state.learner(id)
                return .json(StoreListing.learnerJSON(found, earnings: try state.store.earnings(of: id)))
            },
            Endpoint(.post, "/v1/learners/{learner}/earnings", .roles(.registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let body = try await request.jsonObject(context)
                let earning = try earning(from: body, state: state)
                var batch = EarningBatch(file: "api:\(context.identity?.tokenID ?? "")", origin: .api)
                batch.addLearner(learner, name: try body.string("name"), email: try body.string("email"))
                batch.add(earning, learner: learner)
                let report = try state.store.importEarnings([batch])
                let found = try state.store.learner(learner)
                let earnings = try state.store.earnings(of: learner)
                var response = Response.json(.object([
                    ("import", StoreListing.importJSON(report, outcomes: [], refused: [])),
                    ("learner", found.map { StoreListing.learnerJSON($0, earnings: earnings) } ?? .null),
                ]), status: report.added > 0 ? .created : .ok)
                response.headers[.location] = "/v1/learners/\(learner)"
                return response
            },
            Endpoint(.delete, "/v1/learners/{learner}/earnings/{badge}", .roles(.registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let badge = try context.parameters.require("badge")
                let issued = try Request.date(try request.requiredQuery("issued", example: "2026-05-01"), at: "query.issued")
                try state.learner(learner)
                guard try state.store.removeEarning(learner: learner, badge: badge, issued: issued) else {
                    throw APIError(.notFound, "unknown_earning", "\(learner) has no \(quoted(badge)) issued on \(issued)", at: "path.badge")
                }
                return Response(status: .noContent)
            },
            Endpoint(.post, "/v1/learners/{learner}/credentials", .learner(or: .registrar)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let upload = try await Upload(request, context: context, field: "credential")
                let outcome = try importCredential(upload, for: learner, state: state)
                return .json(outcome, status: .created)
            },
        ]
    }

    /// An earning stated in a JSON body: `{"badge", "issued", "expires"?, "result"?, "evidence"?: []}`.
    static func earning(from body: JSONNode, state: ServerState) throws -> EarnedBadge {
        guard let badge = try body.string("badge") else {
            throw APIError(.badRequest, "missing_field", "give the badge class id as \"badge\"", at: "body.badge")
        }
        guard state.workspace.catalog.badgeClasses[badge] != nil else {
            throw APIError(.unprocessableContent, "unknown_badge", "no badge class \(quoted(badge))"
                           + ClosestIDs.hint(for: badge, among: state.workspace.catalog.badgeClasses.keys), at: "body.badge")
        }
        guard let issuedText = try body.string("issued") else {
            throw APIError(.badRequest, "missing_field", "give the day it was issued as \"issued\" (YYYY-MM-DD)", at: "body.issued")
        }
        let issued = try Request.date(issuedText, at: "body.issued")
        let expires = try body.string("expires").map { try Request.date($0, at: "body.expires") }
        if let expires, expires < issued {
            throw APIError(.unprocessableContent, "bad_dates", "it expires (\(expires)) before it is issued (\(issued))", at: "body.expires")
        }
        let result = try body.string("result").map { text in
            Rational(parsing: text).map(BadgeResult.number) ?? BadgeResult.label(text)
        }
        var evidence: [String] = []
        if let member = body["evidence"], member.value != .null {
            guard let elements = member.elements, elements.allSatisfy({ $0.string != nil }) else {
                throw APIError(.badRequest, "bad_field", "evidence must be an array of strings (addresses)",
                               at: "body.evidence (line \(member.line), column \(member.column))")
            }
            evidence = elements.compactMap(\.string)
        }
        return EarnedBadge(badgeClassID: badge, issued: issued, expires: expires, result: result, evidence: evidence)
    }

    /// Verifies an uploaded Open Badges file under the trust rules and stores its earnings for
    /// `learner`, with the verification outcome (an unproven credential is stored and never counts).
    static func importCredential(_ upload: Upload, for learner: String, state: ServerState) throws -> JSONValue {
        try upload.withTemporaryFile(in: state.uploadFolder) { url in
            // The recipient must name this learner: their e-mail, their id, or an identity the
            // server's recipients list ties to them. A credential of anyone else is refused below.
            let mine = [learnerEmail(learner, state: state), learner].compactMap { $0 }.map { (identity: $0, learner: learner) }
            let settings = LearnerImportSettings(recipients: mine + state.configuration.recipients.filter { $0.learner == learner },
                                                 verifier: CredentialVerifier())
            let reading = state.workspace.readLearnerFile(at: url, settings: settings, store: state.store)
            guard reading.kind == .openBadges else {
                throw APIError(.unsupportedMediaType, "not_a_credential", "expected an Open Badges credential (JSON, JWT, baked PNG or SVG)", at: "body")
            }
            guard var batch = reading.batch, reading.problems.isEmpty else {
                let first = reading.problems.first
                throw APIError(.unprocessableContent, "credential_refused",
                               reading.problems.map { upload.naming($0.message, temporary: url) }.joined(separator: "; "),
                               at: first?.location.map { "body" + ($0.line.map { ":\($0)" } ?? "") + " (\(upload.filename))" } ?? "body")
            }
            guard batch.learnerIDs == [learner] else {
                throw APIError(.forbidden, "other_learner", "the credential's recipient is \(batch.learnerIDs.joined(separator: ", ")), not \(learner)",
                               at: "body")
            }
            // The earnings' source names the upload, not the temporary file (gone once answered).
            batch.file = "upload \(upload.filename)"
            let report = try state.store.importEarnings([batch])
            let digest = CreditDecision.digest(of: upload.bytes)
            let earnings = try state.store.earnings(of: learner).filter { $0.credentialSHA256 == digest }
            return .object([
                ("import", StoreListing.importJSON(report, outcomes: [(file: upload.filename, kind: .openBadges, summary: "")], refused: [])),
                ("earnings", .array(earnings.map { stored in
                    .object([("badge", .string(stored.earning.badgeClassID)), ("issued", .string(stored.earning.issued.description)),
                             ("verification", stored.verification.map(JSONValue.string) ?? .null),
                             ("counts", .bool(stored.verification == "proven"))])
                })),
            ])
        }
    }

    private static func learnerEmail(_ learner: String, state: ServerState) -> String? {
        (try? state.store.learner(learner))?.flatMap(\.email)
    }
}
