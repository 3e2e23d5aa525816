import Cairn
import CairnCore
import CairnReports
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Issuing over the API: what `cairn issue` and `cairn status-list` do — issue a completed
/// pathway's credential to a learner of the store, list and read what was issued, revoke a
/// credential, and publish the signed status lists verifiers fetch.
///
/// Issuing and revoking need the issuer's key (`cairn serve --issuer-key FILE`); without it
/// they answer 409 `issuing_not_configured`. Reading what was issued, and the published lists,
/// need no key: they are answered from the store.
enum IssuingEndpoints {
    /// How long a published status list may be kept by caches: a revocation is seen within it.
    static let statusListMaxAge = 300

    static var all: [Endpoint] {
        [
            Endpoint(.post, "/v1/issue", .roles(.registrar)) { request, context, state in
                let issuer = try configuredIssuer(state)
                let body = try await request.jsonObject(context)
                guard let pathwayID = try body.string("pathway") else {
                    throw APIError(.badRequest, "missing_field", "give the pathway whose badge is issued as \"pathway\"", at: "body.pathway")
                }
                guard let learner = try body.string("learner") else {
                    throw APIError(.badRequest, "missing_field", "give the learner's id as \"learner\"", at: "body.learner")
                }
                let pathway = try state.pathway(pathwayID, at: "body.pathway").pathway.id
                var record = try state.record(learner, at: "body.learner")
                if record.email == nil, record.did == nil { record.email = try state.store.learner(learner)?.email }
                let asOf = try body.string("asOf").map { try Request.date($0, at: "body.asOf") } ?? today()
                let result = try body.string("result")
                let exceptions = try state.exceptions(of: learner)
                let outcome: CredentialIssuer.Outcome
                do throws(IssuingFailure) {
                    outcome = try issuer.issue(pathway: pathway, for: record, asOf: asOf, exceptions: exceptions,
                                               result: result, issuedAt: timestamp(Date()), store: state.store)
                } catch {
                    throw apiError(error, result: result)
                }
                switch outcome {
                case .issued(let credential):
                    let members = issuedMembers(id: credential.id, learner: credential.learner, pathway: credential.pathway,
                                                badge: credential.badgeClass, format: credential.format.rawValue, alreadyIssued: false,
                                                validFrom: credential.completion.completedOn.description,
                                                validUntil: credential.completion.validUntil?.description,
                                                statusList: credential.statusList, statusIndex: credential.statusIndex)
                    var response = Response.json(members, credential: credential.text, format: credential.format.rawValue,
                                                 status: .created)
                    response.headers[.location] = location(of: credential.id)
                    return response
                case .alreadyIssued(let earlier):
                    let document = earlier.document ?? ""
                    var members = issuedMembers(id: earlier.credentialID, learner: earlier.learner, pathway: earlier.pathway,
                                                badge: earlier.badgeClass, format: earlier.format, alreadyIssued: true,
                                                validFrom: earlier.validFrom, validUntil: validUntil(of: document),
                                                statusList: earlier.statusList, statusIndex: earlier.statusIndex)
                    members.append(("revoked", .bool(earlier.revoked)))
                    var response = Response.json(members, credential: document, format: earlier.format)
                    response.headers[.location] = location(of: earlier.credentialID)
                    return response
                }
            },
            Endpoint(.get, "/v1/issued", .roles(readers)) { request, context, state in
                var learner = request.query("learner")
                if let principal = context.identity, principal.role == .learner {
                    // A learner token lists its own learner's credentials, and only those.
                    guard learner == nil || learner == principal.learner, let own = principal.learner else {
                        throw APIError(.forbidden, "forbidden", "a learner token sees only its own learner's credentials", at: "query.learner")
                    }
                    learner = own
                }
                if let learner { try state.learner(learner, at: "query.learner") }
                let pathway = try request.query("pathway").map { try state.pathway($0, at: "query.pathway").pathway.id }
                let records = try state.store.issuedCredentials(pathway: pathway, learner: learner).filter(\.isIssued)
                return .json(.array(records.map { JSONValue.object(recordMembers($0)) }))
            },
            Endpoint(.get, "/v1/issued/{id}", .roles(readers)) { _, context, state in
                let record = try issuedRecord(try pathID(context), state: state)
                if let principal = context.identity, principal.role == .learner, principal.learner != record.learner {
                    throw APIError(.forbidden, "forbidden", "a learner token sees only its own learner's credentials", at: "path.id")
                }
                return .json(recordMembers(record), credential: record.document ?? "", format: record.format)
            },
            Endpoint(.post, "/v1/issued/{id}/revoke", .roles(.registrar)) { request, context, state in
                guard let issuing = state.configuration.issuing else { throw notConfigured }
                let record = try issuedRecord(try pathID(context), state: state)
                let body = try await request.optionalJSONObject(context)
                let reason = try body.string("reason")
                guard !record.revoked else {
                    throw APIError(.conflict, "already_revoked", "the credential \(record.credentialID) is already revoked"
                                   + (record.revocationReason.map { " (\($0))" } ?? ""), at: "path.id")
                }
                do throws(IssuingFailure) {
                    let keeper = try StatusListKeeper(store: state.store, key: issuing.key)
                    let issuerName = state.workspace.catalog.badgeClasses[record.badgeClass]?.issuer.name
                    try keeper.revoke(credentialID: record.credentialID, reason: reason, issuerName: issuerName, at: timestamp(Date()))
                } catch {
                    switch error {
                    case .store(let message):
                        throw APIError(.conflict, record.statusList == nil ? "no_status_list" : "revoke_refused", message, at: "path.id")
                    case .refused(let message): throw APIError(.conflict, "revoke_refused", message, at: "path.id")
                    case .workspace(let inner): throw APIError(workspace: inner, location: "path.id")
                    case .incomplete: throw APIError(.conflict, "revoke_refused", error.description, at: "path.id")
                    }
                }
                return .json(.object(recordMembers(try issuedRecord(record.credentialID, state: state))))
            },
            Endpoint(.get, "/v1/status-lists/{name}", .everyone) { _, context, state in
                let name = try context.parameters.require("name")
                // The list published under `name`: the one whose URL ends in that segment (the
                // most recently signed when several issuers' lists do).
                let lists = try state.store.statusLists()
                let found = lists.filter { lastSegment(of: $0.id) == name && $0.signedCredential != nil }
                    .max { ($0.updatedAt ?? "", $0.id) < ($1.updatedAt ?? "", $1.id) }
                guard let list = found, let signed = list.signedCredential else {
                    throw APIError(.notFound, "unknown_status_list", "no signed status list is published as \(quoted(name))"
                                   + ClosestIDs.hint(for: name, among: lists.map { lastSegment(of: $0.id) }), at: "path.name")
                }
                var response = Response.text(signed.hasSuffix("\n") ? signed : signed + "\n", type: "application/json; charset=utf-8")
                response.headers[.cacheControl] = "public, max-age=\(statusListMaxAge)"
                return response
            },
        ]
    }

    /// Who may read issued credentials: staff who issue, and learners (their own only, checked by the handlers).
    static let readers: Set<APIToken.Role> = [.admin, .registrar, .learner]

    static let notConfigured = APIError(
        .conflict, "issuing_not_configured",
        "this server issues no credentials: start it with `cairn serve --issuer-key FILE` (the issuer's private key, as "
            + "`cairn keys generate` writes it), optionally with --issue-format ob3-json|vc-jwt and --status-list URL",
        at: nil)

    static func configuredIssuer(_ state: ServerState) throws -> CredentialIssuer {
        guard let issuer = state.issuer else { throw notConfigured }
        return issuer
    }

    /// What a failure to issue answers: the audit of a pathway not complete, a refusal, a store that refused.
    static func apiError(_ error: IssuingFailure, result: String?) -> APIError {
        switch error {
        case .incomplete(let audit):
            return APIError(.unprocessableContent, "pathway_incomplete", error.description, at: "body.learner",
                            extra: [("audit", audit.json)])
        case .refused(let message):
            return APIError(.badRequest, "issuing_refused", message, at: result != nil && message.contains("result") ? "body.result" : "body")
        case .workspace(let inner): return APIError(workspace: inner, location: "body")
        case .store(let message): return APIError(.conflict, "store_refused", message, at: "store")
        }
    }

    /// The issued (not only reserved) credential with this id; 404 naming the closest ids otherwise.
    static func issuedRecord(_ id: String, state: ServerState) throws -> IssuedCredentialRecord {
        guard let record = try state.store.issuedCredential(id), record.isIssued else {
            let known = try state.store.issuedCredentials(pathway: nil, learner: nil).filter(\.isIssued).map(\.credentialID)
            throw APIError(.notFound, "unknown_credential", "no credential \(quoted(id)) was issued" + ClosestIDs.hint(for: id, among: known),
                           at: "path.id")
        }
        return record
    }

    /// The credential id the path names (a `urn:uuid:…`, sent as it is or percent-encoded).
    static func pathID(_ context: CairnRequestContext) throws -> String {
        let id = try context.parameters.require("id")
        return id.removingPercentEncoding ?? id
    }

    static func location(of id: String) -> String {
        "/v1/issued/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)
    }

    static func issuedMembers(id: String, learner: String, pathway: String, badge: String, format: String, alreadyIssued: Bool,
                              validFrom: String, validUntil: String?, statusList: String?, statusIndex: Int?) -> [(String, JSONValue)] {
        [
            ("id", .string(id)), ("learner", .string(learner)), ("pathway", .string(pathway)), ("badge", .string(badge)),
            ("format", .string(format)), ("alreadyIssued", .bool(alreadyIssued)), ("validFrom", .string(validFrom)),
            ("validUntil", validUntil.map(JSONValue.string) ?? .null), ("statusList", statusList.map(JSONValue.string) ?? .null),
            ("statusIndex", statusIndex.map { .number(Rational($0)) } ?? .null),
        ]
    }

    /// A stored credential without its document.
    static func recordMembers(_ record: IssuedCredentialRecord) -> [(String, JSONValue)] {
        [
            ("id", .string(record.credentialID)), ("learner", .string(record.learner)), ("pathway", .string(record.pathway)),
            ("badge", .string(record.badgeClass)), ("validFrom", .string(record.validFrom)), ("issuedAt", .string(record.issuedAt)),
            ("format", .string(record.format)), ("statusList", record.statusList.map(JSONValue.string) ?? .null),
            ("statusIndex", record.statusIndex.map { .number(Rational($0)) } ?? .null), ("revoked", .bool(record.revoked)),
            ("revocationReason", record.revocationReason.map(JSONValue.string) ?? .null),
        ]
    }

    /// The day a stored credential stops being valid, read from the credential itself.
    static func validUntil(of document: String) -> String? {
        guard let file = try? OpenBadgesFile.read(Array(document.utf8), file: "credential", documents: LocalDocuments()) else { return nil }
        return file.credential.expires?.date.description
    }

    static func lastSegment(of url: String) -> String {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        return path.split(separator: "/").last.map(String.init) ?? path
    }

    /// Seconds-precision UTC, as credentials and proofs write it (as `cairn issue` does).
    static func timestamp(_ date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC") ?? .current
        return date.formatted(formatter)
    }
}

extension Response {
    /// A JSON object of `members` then `"credential"`: the signed document as it was written for
    /// ob3-json (spliced in byte for byte, so its proof still verifies), the compact JWS string for vc-jwt.
    static func json(_ members: [(String, JSONValue)], credential document: String, format: String,
                     status: HTTPResponse.Status = .ok) -> Response {
        let trimmed = document.trimmingCharacters(in: .whitespacesAndNewlines)
        let credential = format == IssuedCredentialFormat.openBadgesJSON.rawValue && trimmed.hasPrefix("{")
            ? trimmed : JSONValue.string(trimmed).serialized(pretty: false)
        var body = "{\n"
        for (key, value) in members {
            body += "  " + JSONValue.string(key).serialized(pretty: false) + ": " + value.serialized(pretty: false) + ",\n"
        }
        body += "  \"credential\": " + credential + "\n}\n"
        return text(body, type: "application/json; charset=utf-8", status: status)
    }
}
