@testable import CairnServer
import CairnCore
import CairnStore
import CairnTestSupport
import Foundation
import Testing

/// What the API does for its users, against a real server: uploads change audits, learners are
/// kept apart, errors say where, limits hold, sessions need their CSRF token, and concurrent
/// decisions are all recorded once on one verifiable chain.
@Suite(.serialized) struct APIBehaviourTests {
    static let credentialFile = CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara/sql-querying.json")

    static func sqlRequirement(_ audit: Any?) -> [String: Any]? {
        guard let root = (audit as? [String: Any])?["root"] as? [String: Any] else { return nil }
        return (root["children"] as? [[String: Any]])?.first { $0["id"] as? String == "sql" }
    }

    @Test func anUploadedCredentialIsVerifiedStoredAndChangesTheAudit() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let audit = "/v1/learners/ada/audit?pathway=data-analysis-foundations&asOf=2026-12-01"
        let before = try await server.send("GET", audit, as: "ada")
        #expect(before.status == 200)
        #expect(Self.sqlRequirement(before.json)?["satisfied"] as? Bool == false)

        let bytes = try Array(Data(contentsOf: Self.credentialFile))
        // Someone else's credential is refused for chen: its recipient is ada's.
        let stolen = try await server.send("POST", "/v1/learners/chen/credentials", as: "chen", headers: ["Content-Type": "application/json"], body: bytes)
        #expect(stolen.status == 403)
        #expect((stolen.json as? [String: Any])?["error"] as? String == "other_learner")

        let upload = try await server.send("POST", "/v1/learners/ada/credentials", as: "ada", headers: ["Content-Type": "application/json"], body: bytes)
        #expect(upload.status == 201, "\(upload.text)")
        let earnings = (upload.json as? [String: Any])?["earnings"] as? [[String: Any]]
        #expect(earnings?.first?["verification"] as? String == "proven")
        let after = try await server.send("GET", audit, as: "ada")
        #expect(Self.sqlRequirement(after.json)?["satisfied"] as? Bool == true)
        #expect((Self.sqlRequirement(after.json)?["assigned"] as? [String]) == ["sql-querying"])
        // Nothing of the upload is left on disk.
        let uploads = server.folder.appendingPathComponent(".cairn/uploads")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? []).isEmpty)
    }

    @Test func anUnsignedOrTamperedCredentialIsStoredButNeverCounts() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        var text = try String(contentsOf: Self.credentialFile, encoding: .utf8)
        text = text.replacingOccurrences(of: "2025-05-20T09:00:00Z", with: "2025-05-19T09:00:00Z")
        let reply = try await server.send("POST", "/v1/learners/ada/credentials", as: "ada", headers: ["Content-Type": "application/json"],
                                    body: Array(text.utf8))
        let earnings = (reply.json as? [String: Any])?["earnings"] as? [[String: Any]] ?? []
        #expect(reply.status == 201 || reply.status == 422, "\(reply.text)")
        #expect(earnings.allSatisfy { $0["counts"] as? Bool == false })
        let audit = try await server.send("GET", "/v1/learners/ada/audit?pathway=data-analysis-foundations&asOf=2026-12-01", as: "ada")
        #expect(Self.sqlRequirement(audit.json)?["satisfied"] as? Bool == false)
    }

    @Test(arguments: [
        ("/v1/learners/chen/audit?pathway=data-analysis-foundations&asOf=2026-02-30", 400, "query.asOf"),
        ("/v1/learners/chen/audit", 400, "query.pathway"),
        ("/v1/learners/chen/audit?pathway=data-analysis-foundation", 404, "query.pathway"),
        ("/v1/learners/nobody/audit?pathway=data-analysis-foundations", 404, "path.learner"),
        ("/v1/learners/chen/plan?pathway=data-analysis-foundations&minimize=time", 400, "query.minimize"),
        ("/v1/learners/chen/plan?pathway=data-analysis-foundations&assume=sql-query", 422, "query.assume"),
        ("/v1/learners/chen/credits?policy=northbridge", 404, "query.policy"),
        ("/v1/learners/..%2F..%2Fetc%2Fpasswd/audit?pathway=data-analysis-foundations", 404, "path.learner"),
    ])
    func badInputIsAnsweredWithTheStatusAndThePlace(target: String, status: Int, location: String) async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.send("GET", target, as: "admin")
        #expect(reply.status == status, "\(reply.text)")
        let body = reply.json as? [String: Any]
        #expect(body?["location"] as? String == location)
        #expect((body?["detail"] as? String)?.isEmpty == false)
    }

    @Test func aBodyOverTheLimitIs413AndAMalformedJSONBodyIs400WithLineAndColumn() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 9 << 20)
        let tooLarge = try await server.send("POST", "/v1/verify", as: "admin", headers: ["Content-Type": "application/json"], body: huge)
        #expect(tooLarge.status == 413)
        let broken = try await server.send("POST", "/v1/learners/chen/earnings", as: "registrar", headers: ["Content-Type": "application/json"],
                                     body: Array("{\n  \"badge\": \"sql-querying\",\n  \"issued\": 2026\n".utf8))
        #expect(broken.status == 400)
        #expect(((broken.json as? [String: Any])?["location"] as? String)?.hasPrefix("body:") == true)
        let unknown = try await server.send("POST", "/v1/learners/chen/earnings", as: "registrar", headers: ["Content-Type": "application/json"],
                                      body: Array(#"{"badge": "sql-querring", "issued": "2026-01-01"}"#.utf8))
        #expect(unknown.status == 422)
        #expect(((unknown.json as? [String: Any])?["detail"] as? String)?.contains("sql-querying") == true)
    }

    @Test func theCalendarFeedOpensWithItsOwnLearnersKeyOnly() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let feed = try await server.send("GET", "/v1/learners/chen/renewals/feed", as: "chen")
        let path = try #require((feed.json as? [String: Any])?["path"] as? String)
        let calendar = try await server.send("GET", path, as: nil)
        #expect(calendar.status == 200)
        #expect(calendar.header("Content-Type")?.hasPrefix("text/calendar") == true)
        #expect(calendar.text.contains("BEGIN:VCALENDAR"))
        // chen's key does not open bruno's feed, and a missing key opens nothing.
        #expect(try await server.send("GET", path.replacingOccurrences(of: "/chen/", with: "/bruno/"), as: nil).status == 404)
        #expect(try await server.send("GET", "/v1/feeds/chen/renewals.ics", as: nil).status == 404)
        // A learner cannot ask for another learner's feed address.
        #expect(try await server.send("GET", "/v1/learners/bruno/renewals/feed", as: "chen").status == 403)
    }

    @Test func aRevokedTokenStopsAtOnce() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        #expect(try await server.send("GET", "/v1/learners", as: "hr").status == 200)
        let hr = try #require(server.tokens["hr"].flatMap(APIToken.id(inSecret:)))
        #expect(try await server.send("DELETE", "/v1/tokens/\(hr)", as: "admin").status == 204)
        let refused = try await server.send("GET", "/v1/learners", as: "hr")
        #expect(refused.status == 401)
        #expect((refused.json as? [String: Any])?["error"] as? String == "invalid_token")
    }

    @Test func pagesSignInWithACookieAndEveryFormNeedsTheSessionsCSRFToken() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let token = try #require(server.tokens["registrar"])
        // A sign-in posted without the form's nonce (from another site's page) is refused.
        let crossSite = try await server.client.sendAsync("POST", "/signin", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                               body: Array("token=\(token)&next=%2Fregistrar".utf8))
        #expect(crossSite.status == 403)
        #expect(crossSite.header("Set-Cookie")?.hasPrefix("cairn_session") != true)
        let signInForm = try await server.signInForm("token=\(token)&next=%2Fregistrar")
        let signIn = try await server.client.sendAsync("POST", "/signin", headers: signInForm.headers, body: signInForm.body)
        #expect(signIn.status == 303)
        #expect(signIn.header("Location") == "/registrar")
        let setCookie = try #require(signIn.header("Set-Cookie"))
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        #expect(!setCookie.contains(token))
        let cookie = String(setCookie.split(separator: ";")[0])
        let page = try await server.client.sendAsync("GET", "/registrar/learners/chen", headers: ["Cookie": cookie])
        #expect(page.status == 200)
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([^"]+)"/).map { String($0.1) })
        let form = ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"]
        let forged = try await server.client.sendAsync("POST", "/registrar/learners/chen/decisions", headers: form, body: Array("policy=northbridge-ects".utf8))
        #expect(forged.status == 403)
        let genuine = try await server.client.sendAsync("POST", "/registrar/learners/chen/decisions", headers: form,
                                             body: Array("policy=northbridge-ects&csrf=\(csrf)".utf8))
        #expect(genuine.status == 200)
        #expect(genuine.text.contains("Recorded decision #1"))
        // The API refuses a state change riding on the cookie without the header.
        #expect(try await server.client.sendAsync("POST", "/v1/learners/chen/decisions?policy=northbridge-ects", headers: ["Cookie": cookie]).status == 403)
        // A sign-in never sends the browser elsewhere.
        let offsiteForm = try await server.signInForm("token=\(token)&next=%2F%2Fevil.example")
        let offsite = try await server.client.sendAsync("POST", "/signin", headers: offsiteForm.headers, body: offsiteForm.body)
        #expect(offsite.header("Location") == "/")
    }

    @Test func thirtyTwoConcurrentRecordsAreAllKeptOnceOnOneVerifiableChain() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let learners = ["chen", "bruno", "amara", "dana"]
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<32 {
                group.addTask {
                    try await server.send("POST", "/v1/learners/\(learners[index % 4])/decisions?policy=northbridge-ects", as: "registrar").status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 201 })
        let verification = try await server.send("GET", "/v1/decisions/verification", as: "registrar").json as? [String: Any]
        #expect(verification?["intact"] as? Bool == true)
        #expect(verification?["decisions"] as? Int == 32)
        let sequences = try DecisionLog(store: server.store).decisions().compactMap(\.sequence)
        #expect(sequences == Array(1...32))
    }

    @Test func aKeptAnswerNeverOutlivesAChangeToTheStoreByThisServerOrAnotherProcess() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let audit = "/v1/learners/ada/audit?pathway=data-analysis-foundations&asOf=2026-12-01"
        let sql = { (reply: HTTPClient.Reply) in Self.sqlRequirement(reply.json)?["satisfied"] as? Bool }
        #expect(sql(try await server.send("GET", audit, as: "ada")) == false)
        #expect(sql(try await server.send("GET", audit, as: "ada")) == false)
        // A change through the API is seen by the next request.
        let added = try await server.send("POST", "/v1/learners/ada/earnings", as: "registrar", headers: ["Content-Type": "application/json"],
                                          body: Array(#"{"badge": "sql-querying", "issued": "2026-06-01"}"#.utf8))
        #expect(added.status == 201)
        #expect(sql(try await server.send("GET", audit, as: "ada")) == true)
        // So is a change another process makes to the store (as `cairn learners remove` would).
        let other = try SQLiteStore(path: server.folder.appendingPathComponent(".cairn/store.sqlite").path)
        #expect(try other.removeEarning(learner: "ada", badge: "sql-querying", issued: CalendarDate(iso8601: "2026-06-01") ?? CalendarDate(dayNumber: 0)))
        #expect(sql(try await server.send("GET", audit, as: "ada")) == false)
        // And a token revoked by another process stops at the next request.
        #expect(try await server.send("GET", "/v1/learners", as: "hr").status == 200)
        let hr = try #require(server.tokens["hr"].flatMap(APIToken.id(inSecret:)))
        #expect(try other.revokeToken(hr, at: Date()))
        #expect(try await server.send("GET", "/v1/learners", as: "hr").status == 401)
    }

    @Test func aRouteAskedWithAnotherMethodIs405AndHEADIsAnswered() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let put = try await server.send("PUT", "/v1/pathways", as: "admin")
        #expect(put.status == 405)
        #expect(((put.json as? [String: Any])?["detail"] as? String)?.contains("GET") == true)
        #expect(try await server.send("PUT", "/v1/no-such-thing", as: "admin").status == 404)
        let head = try await server.send("HEAD", "/v1/pathways", as: "admin")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
    }

    @Test func aRefusedPageKeepsTheNavigationOfWhoAskedAndSaysWhyInPlainWords() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let refused = try await server.send("GET", "/learner/chen", as: "ada")
        #expect(refused.status == 403)
        #expect(refused.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(refused.text.contains("You can open only your own pages."))
        #expect(refused.text.contains("href=\"/learner/ada\""))
        #expect(refused.text.contains("Sign out"))
        let missing = try await server.send("GET", "/no/such/page", as: "ada")
        #expect(missing.status == 404)
        #expect(missing.text.contains("There is no page at this address."))
    }
}
