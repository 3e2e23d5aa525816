@testable import CairnServer
import Cairn
import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// Issuing over the API against a real server, as `cairn issue` and `cairn status-list` do it:
/// a completed pathway's credential is issued once and verifies with the issuer's public key,
/// an incomplete one is refused with its audit, learners see only their own credentials, and a
/// revocation shows in the status list the server publishes.
@Suite(.serialized) struct IssuingAPITests {
    static let listURL = "https://example.edu/status/3"
    static let pathway = "data-analysis-foundations"

    static func key() -> SigningKey { SigningKey.generate(.ed25519, id: "https://example.edu/keys/test") }

    static func start(_ key: SigningKey, format: IssuedCredentialFormat = .openBadgesJSON,
                      statusList: String? = listURL) async throws -> TestServer {
        try await TestServer.start(issuing: IssuingConfiguration(key: key, format: format, statusList: statusList))
    }

    static func issue(_ server: TestServer, _ learner: String, as who: String = "registrar",
                      asOf: String = "2026-11-29") async throws -> HTTPClient.Reply {
        try await server.send("POST", "/v1/issue", as: who, headers: ["Content-Type": "application/json"],
                              body: Array(#"{"pathway": "\#(pathway)", "learner": "\#(learner)", "asOf": "\#(asOf)"}"#.utf8))
    }

    /// A request with a learner token made for `learner` (the test server has tokens for chen, bruno and ada only).
    static func send(_ server: TestServer, _ method: String, _ target: String, learner: String) async throws -> HTTPClient.Reply {
        let secret = try server.store.createToken(role: .learner, learner: learner, now: Date()).secret
        return try await server.client.sendAsync(method, target, headers: ["Authorization": "Bearer \(secret)"])
    }

    /// The private key's secret part (the JWK's `d`): what must never be shown.
    static func privateScalar(_ key: SigningKey) -> String {
        let jwk = (try? JSONSerialization.jsonObject(with: Data(key.privateJWKJSON.utf8))) as? [String: Any]
        return jwk?["d"] as? String ?? key.privateJWKJSON
    }

    static func object(_ reply: HTTPClient.Reply) -> [String: Any] { reply.json as? [String: Any] ?? [:] }

    /// The credential of an answer, as the file a holder would keep: the JSON object, or the JWS.
    static func credentialFile(_ reply: HTTPClient.Reply, in folder: URL) throws -> URL {
        let credential = object(reply)["credential"]
        if let jws = credential as? String {
            let url = folder.appendingPathComponent("credential.jwt")
            try Data(jws.utf8).write(to: url)
            return url
        }
        let document = try #require(credential as? [String: Any], "no credential object in \(reply.text.prefix(300))")
        let url = folder.appendingPathComponent("credential.json")
        try JSONSerialization.data(withJSONObject: document).write(to: url)
        return url
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-issuing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func verifier(_ key: SigningKey, statusLists: LocalDocuments = LocalDocuments()) -> CredentialVerifier {
        CredentialVerifier(keys: KeyRing(entries: [KeyRing.Entry(key: key.publicKey, ids: [key.id], file: "test key", form: "JWK")]),
                           statusLists: statusLists)
    }

    @Test func aCompletedPathwayIsIssuedOnceAndTheCredentialVerifiesWithTheIssuersKey() async throws {
        let key = Self.key()
        let server = try await Self.start(key)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let first = try await Self.issue(server, "felix")
        #expect(first.status == 201, Comment(rawValue: first.text))
        #expect(!first.text.contains(Self.privateScalar(key)), "the private key is never answered")
        let issued = Self.object(first)
        let id = try #require(issued["id"] as? String)
        #expect(id.hasPrefix("urn:uuid:"))
        #expect(first.header("Location") == "/v1/issued/\(id)")
        #expect(issued["learner"] as? String == "felix")
        #expect(issued["pathway"] as? String == Self.pathway)
        #expect(issued["badge"] as? String == Self.pathway)
        #expect(issued["format"] as? String == "ob3-json")
        #expect(issued["alreadyIssued"] as? Bool == false)
        #expect(issued["statusList"] as? String == Self.listURL)
        #expect(issued["statusIndex"] as? Int != nil)
        #expect((issued["validFrom"] as? String)?.count == 10)

        let file = try Self.credentialFile(first, in: folder)
        let (_, verification) = Self.verifier(key).verify(fileAt: file, asOf: CalendarDate(iso8601: "2026-11-29"))
        #expect(verification.status == .verified, Comment(rawValue: verification.reason))
        // Another key does not verify it.
        let other = Self.verifier(SigningKey.generate(.ed25519, id: key.id)).verify(fileAt: file, asOf: CalendarDate(iso8601: "2026-11-29"))
        #expect(other.verification.status != .verified)

        let again = try await Self.issue(server, "felix")
        #expect(again.status == 200, Comment(rawValue: again.text))
        #expect(Self.object(again)["alreadyIssued"] as? Bool == true)
        #expect(Self.object(again)["id"] as? String == id)
        #expect(Self.object(again)["validUntil"] as? String == issued["validUntil"] as? String)
        #expect(NSDictionary(dictionary: Self.object(again)["credential"] as? [String: Any] ?? [:])
                == NSDictionary(dictionary: issued["credential"] as? [String: Any] ?? ["": ""]))

        let shown = try await server.send("GET", "/v1/issued/\(id)", as: "registrar")
        #expect(shown.status == 200, Comment(rawValue: shown.text))
        #expect(Self.object(shown)["revoked"] as? Bool == false)
        #expect(Self.object(shown)["credential"] is [String: Any])
        let listed = try await server.send("GET", "/v1/issued?pathway=\(Self.pathway)", as: "registrar")
        #expect((listed.json as? [[String: Any]])?.compactMap { $0["id"] as? String } == [id])
    }

    @Test func aVCJWTCredentialIsTheCompactJWSAndVerifies() async throws {
        let key = Self.key()
        let server = try await Self.start(key, format: .verifiableCredentialJWT, statusList: nil)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reply = try await Self.issue(server, "felix")
        #expect(reply.status == 201, Comment(rawValue: reply.text))
        #expect(Self.object(reply)["format"] as? String == "vc-jwt")
        #expect(Self.object(reply)["statusList"] is NSNull)
        let jws = try #require(Self.object(reply)["credential"] as? String)
        #expect(jws.split(separator: ".").count == 3 && !jws.contains("\n"))
        let (_, verification) = Self.verifier(key).verify(fileAt: try Self.credentialFile(reply, in: folder), asOf: CalendarDate(iso8601: "2026-11-29"))
        #expect(verification.status == .verified, Comment(rawValue: verification.reason))
    }

    @Test func anIncompletePathwayIsRefusedWithTheAuditAndBadRequestsSayWhere() async throws {
        let server = try await Self.start(Self.key())
        defer { Task { await server.stop() } }
        let reply = try await Self.issue(server, "ada")
        #expect(reply.status == 422, Comment(rawValue: reply.text))
        let body = Self.object(reply)
        #expect(body["error"] as? String == "pathway_incomplete")
        let audit = try #require(body["audit"] as? [String: Any])
        #expect(audit["learner"] as? String == "ada")
        #expect(audit["pathway"] as? String == Self.pathway)
        #expect(audit["complete"] as? Bool == false)
        // The audit is the one /v1/learners/{learner}/audit answers.
        let direct = try await server.send("GET", "/v1/learners/ada/audit?pathway=\(Self.pathway)&asOf=2026-11-29", as: "registrar")
        #expect(NSDictionary(dictionary: audit) == NSDictionary(dictionary: Self.object(direct)))
        #expect(try server.store.issuedCredentials().isEmpty)

        func post(_ body: String) async throws -> (Int, String?, String) {
            let reply = try await server.send("POST", "/v1/issue", as: "registrar", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
            return (reply.status, Self.object(reply)["location"] as? String, Self.object(reply)["detail"] as? String ?? "")
        }
        let unknownLearner = try await post(#"{"pathway": "data-analysis-foundations", "learner": "felx"}"#)
        #expect(unknownLearner.0 == 404 && unknownLearner.1 == "body.learner" && unknownLearner.2.contains("felix"))
        let unknownPathway = try await post(#"{"pathway": "data-analysis-foundation", "learner": "felix"}"#)
        #expect(unknownPathway.0 == 404 && unknownPathway.1 == "body.pathway" && unknownPathway.2.contains(Self.pathway))
        let noLearner = try await post(#"{"pathway": "data-analysis-foundations"}"#)
        #expect(noLearner.0 == 400 && noLearner.1 == "body.learner")
        let badDate = try await post(#"{"pathway": "data-analysis-foundations", "learner": "felix", "asOf": "2026-02-30"}"#)
        #expect(badDate.0 == 400 && badDate.1 == "body.asOf")
        let badResult = try await post(#"{"pathway": "data-analysis-foundations", "learner": "felix", "asOf": "2026-11-29", "result": "stellar"}"#)
        #expect(badResult.0 == 400, Comment(rawValue: badResult.2))
    }

    @Test func learnersCannotIssueAndSeeOnlyTheirOwnCredentials() async throws {
        let server = try await Self.start(Self.key())
        defer { Task { await server.stop() } }
        #expect(try await Self.issue(server, "chen", as: "chen").status == 403)
        #expect(try await Self.issue(server, "felix", as: "hr").status == 403)
        let issued = try await Self.issue(server, "felix")
        #expect(issued.status == 201, Comment(rawValue: issued.text))
        let id = try #require(Self.object(issued)["id"] as? String)

        let own = try await Self.send(server, "GET", "/v1/issued", learner: "felix")
        #expect(own.status == 200, Comment(rawValue: own.text))
        #expect((own.json as? [[String: Any]])?.map { $0["learner"] as? String } == ["felix"])
        #expect((own.json as? [[String: Any]])?.first?["credential"] == nil, "a listing carries no documents")
        #expect(try await Self.send(server, "GET", "/v1/issued?learner=felix", learner: "felix").status == 200)
        #expect(try await Self.send(server, "GET", "/v1/issued/\(id)", learner: "felix").status == 200)

        let others = try await server.send("GET", "/v1/issued", as: "chen")
        #expect(others.status == 200 && (others.json as? [Any])?.isEmpty == true, Comment(rawValue: others.text))
        let asked = try await server.send("GET", "/v1/issued?learner=felix", as: "chen")
        #expect(asked.status == 403 && Self.object(asked)["location"] as? String == "query.learner")
        #expect(try await server.send("GET", "/v1/issued/\(id)", as: "chen").status == 403)
        #expect(try await server.send("POST", "/v1/issued/\(id)/revoke", as: "chen").status == 403)
        #expect(try await server.send("GET", "/v1/issued", as: nil).status == 401)
    }

    @Test func aRevocationShowsInTheStatusListTheServerPublishes() async throws {
        let key = Self.key()
        let server = try await Self.start(key)
        defer { Task { await server.stop() } }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let issued = try await Self.issue(server, "felix")
        #expect(issued.status == 201, Comment(rawValue: issued.text))
        let id = try #require(Self.object(issued)["id"] as? String)
        let credential = try OpenBadgesFile.read(at: try Self.credentialFile(issued, in: folder), documents: LocalDocuments()).credential

        /// The list as published now, in a folder of its own, as a verifier would keep it.
        func published() async throws -> LocalDocuments {
            let reply = try await server.send("GET", "/v1/status-lists/3", as: nil)
            #expect(reply.status == 200, Comment(rawValue: reply.text))
            #expect(reply.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(reply.header("Cache-Control")?.contains("max-age=") == true)
            let lists = folder.appendingPathComponent("lists-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: lists, withIntermediateDirectories: true)
            try Data(reply.body).write(to: lists.appendingPathComponent("3.json"))
            return LocalDocuments(folders: [lists])
        }

        let before = try await published()
        #expect(CredentialRevocation.check(credential, lists: before) == [.notRevoked])

        let revoke = try await server.send("POST", "/v1/issued/\(id)/revoke", as: "registrar", headers: ["Content-Type": "application/json"],
                                           body: Array(#"{"reason": "issued in error"}"#.utf8))
        #expect(revoke.status == 200, Comment(rawValue: revoke.text))
        #expect(Self.object(revoke)["revoked"] as? Bool == true)
        #expect(Self.object(revoke)["revocationReason"] as? String == "issued in error")

        let after = try await published()
        let findings = CredentialRevocation.check(credential, lists: after)
        #expect(findings.contains { if case .revoked = $0 { true } else { false } }, "\(findings)")
        let verification = Self.verifier(key, statusLists: after).verify(credential, file: "felix", documents: LocalDocuments(),
                                                                         asOf: CalendarDate(iso8601: "2026-11-29"))
        #expect(verification.status == .revoked, Comment(rawValue: verification.reason))

        let twice = try await server.send("POST", "/v1/issued/\(id)/revoke", as: "registrar")
        #expect(twice.status == 409 && Self.object(twice)["error"] as? String == "already_revoked", Comment(rawValue: twice.text))
        #expect(try await server.send("POST", "/v1/issued/urn:uuid:nothing/revoke", as: "registrar").status == 404)
        #expect(try await server.send("GET", "/v1/status-lists/4", as: nil).status == 404)
        let listed = try await server.send("GET", "/v1/issued?learner=felix", as: "registrar")
        #expect((listed.json as? [[String: Any]])?.first?["revoked"] as? Bool == true)
    }

    @Test func aCredentialIssuedWithoutAStatusListCannotBeRevoked() async throws {
        let server = try await Self.start(Self.key(), statusList: nil)
        defer { Task { await server.stop() } }
        let issued = try await Self.issue(server, "felix")
        let id = try #require(Self.object(issued)["id"] as? String)
        let revoke = try await server.send("POST", "/v1/issued/\(id)/revoke", as: "registrar")
        #expect(revoke.status == 409 && Self.object(revoke)["error"] as? String == "no_status_list", Comment(rawValue: revoke.text))
    }

    @Test func withoutAnIssuerKeyIssuingAnswers409AndSaysHowToConfigureIt() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await Self.issue(server, "felix")
        #expect(reply.status == 409, Comment(rawValue: reply.text))
        #expect(Self.object(reply)["error"] as? String == "issuing_not_configured")
        #expect((Self.object(reply)["detail"] as? String)?.contains("--issuer-key") == true)
        let revoke = try await server.send("POST", "/v1/issued/urn:uuid:x/revoke", as: "registrar")
        #expect(revoke.status == 409 && Self.object(revoke)["error"] as? String == "issuing_not_configured")
        // What was issued is still read from the store.
        let listed = try await server.send("GET", "/v1/issued", as: "registrar")
        #expect(listed.status == 200 && (listed.json as? [Any])?.isEmpty == true)
    }

    @Test func aStatusListNotInTheStoreStopsTheServerFromStartingAndNoErrorShowsTheKey() async throws {
        let key = Self.key()
        await #expect(throws: IssuingConfigurationError.self) {
            _ = try await TestServer.start(issuing: IssuingConfiguration(key: key, statusList: "https://example.edu/status/none"),
                                           createStatusList: false)
        }
        do {
            _ = try await TestServer.start(issuing: IssuingConfiguration(key: key, statusList: "https://example.edu/status/none"),
                                           createStatusList: false)
        } catch {
            #expect("\(error)".contains("https://example.edu/status/none"))
            #expect(!"\(error)".contains(Self.privateScalar(key)))
        }
        // A P-256 key cannot sign an ob3-json (eddsa-rdfc-2022) credential: refused at start too.
        let p256 = SigningKey.generate(.p256, id: "https://example.edu/keys/p256")
        await #expect(throws: IssuingConfigurationError.self) {
            _ = try await TestServer.start(issuing: IssuingConfiguration(key: p256, format: .openBadgesJSON))
        }
        #expect(!IssuingConfiguration(key: key).description.contains(Self.privateScalar(key)))
        #expect(!String(reflecting: IssuingConfiguration(key: key)).contains(Self.privateScalar(key)))
    }
}
