@testable import CairnServer
import Cairn
import CairnStore
import CairnTestSupport
import Foundation
import HTTPTypes
import Testing

/// The OpenAPI document against the server: it is served, it names exactly the JSON routes the
/// server declares, and every operation, called for real, answers with a status, a media type
/// and a body the document gives.
@Suite(.serialized) struct OpenAPITests {
    static let httpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    /// The document as the server ships it.
    static func document() throws -> JSON {
        try JSON.parse(try OpenAPIDocument.text())
    }

    /// Every (method, path) the document describes, as `GET /v1/pathways`.
    static func documentedOperations(_ document: JSON) -> Set<String> {
        var operations = Set<String>()
        for (path, item) in document["paths"]?.members ?? [:] {
            for method in httpMethods where item[method] != nil { operations.insert("\(method.uppercased()) \(path)") }
        }
        return operations
    }

    /// Every route of the JSON API the server declares (pages excluded).
    static var jsonRoutes: Set<String> {
        Set(Endpoint.all.filter { $0.path.hasPrefix("/v1/") || $0.path == "/healthz" || $0.path == "/metrics" }
            .map { "\($0.method.rawValue) \($0.path)" })
    }

    // MARK: (a) served, JSON, 3.1

    @Test func theDocumentIsServedAsOpenAPI31JSONWithoutAToken() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.send("GET", "/v1/openapi.json", as: nil)
        #expect(reply.status == 200)
        #expect(Self.mediaType(reply) == "application/json")
        let served = try JSON.parse(reply.body)
        let version = try #require(served["openapi"]?.string)
        #expect(version.range(of: #"^3\.1\.[0-9]+$"#, options: .regularExpression) != nil, "openapi is \(version)")
        #expect(served == (try Self.document()), "the served document is the resource")
        #expect(served["info"]?["title"]?.string == "Cairn")
        #expect(served["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"]?.string == "bearer")
    }

    // MARK: (b) the document names exactly the JSON routes

    @Test func theDocumentDescribesExactlyTheJSONRoutesTheServerDeclares() throws {
        let documented = Self.documentedOperations(try Self.document())
        let served = Self.jsonRoutes
        #expect(!served.isEmpty)
        #expect(documented == served, """
            served but not documented: \(served.subtracting(documented).sorted()); \
            documented but not served: \(documented.subtracting(served).sorted())
            """)
        // The endpoint table's own notion of the API agrees with the rule used here.
        #expect(Set(Endpoint.all.filter(\.isAPI).map { "\($0.method.rawValue) \($0.path)" }) == served)
    }

    @Test func everyOperationDeclaresItsPathParametersItsErrorsAndItsSecurity() throws {
        let document = try Self.document()
        let validator = JSONSchemaValidator(root: document)
        let publicRoutes = Set(Endpoint.all.filter { !$0.access.needsToken }.map { "\($0.method.rawValue) \($0.path)" })
        var operationIDs = Set<String>()
        for (path, item) in document["paths"]?.members ?? [:] {
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for method in Self.httpMethods {
                guard let operation = item[method] else { continue }
                let name = "\(method.uppercased()) \(path)"
                let parameters = (operation["parameters"]?.elements ?? []).map { parameter in
                    parameter["$ref"]?.string.flatMap(validator.resolve) ?? parameter
                }
                let inPath = Set(parameters.filter { $0["in"]?.string == "path" }.compactMap { $0["name"]?.string })
                #expect(inPath == templated, "\(name): path parameters \(inPath.sorted()), template names \(templated.sorted())")
                for parameter in parameters where parameter["in"]?.string == "path" {
                    #expect(parameter["required"] == .bool(true), "\(name): path parameter \(parameter["name"]?.string ?? "?") must be required")
                }
                let id = try #require(operation["operationId"]?.string, "\(name) has no operationId")
                #expect(operationIDs.insert(id).inserted, "operationId \(id) is used twice")
                #expect(operation["summary"]?.string?.isEmpty == false, "\(name) has no summary")
                let responses = try #require(operation["responses"]?.members, "\(name) has no responses")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(name) documents no success")
                let isPublic = publicRoutes.contains(name)
                #expect((operation["security"] == .array([])) == isPublic, "\(name): security [] exactly when the route needs no token")
                if !isPublic { #expect(responses["401"] != nil, "\(name) needs a token but documents no 401") }
                for (status, response) in responses where !status.hasPrefix("2") {
                    let resolved = response["$ref"]?.string.flatMap(validator.resolve) ?? response
                    let schema = resolved["content"]?["application/json"]?["schema"]
                    #expect(schema == .object(["$ref": .string("#/components/schemas/Error")]), "\(name) \(status) is not an Error")
                }
            }
        }
    }

    /// A query parameter documented under a name no handler reads would be silently ignored.
    @Test func everyDocumentedQueryParameterIsOneAHandlerReads() throws {
        let document = try Self.document()
        let validator = JSONSchemaValidator(root: document)
        let folder = CairnProcess.packageRoot.appendingPathComponent("Sources/CairnServer/API")
        let sources = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        var names = Set<String>()
        for item in (document["paths"]?.members ?? [:]).values {
            for method in Self.httpMethods {
                for parameter in item[method]?["parameters"]?.elements ?? [] {
                    let resolved = parameter["$ref"]?.string.flatMap(validator.resolve) ?? parameter
                    if resolved["in"]?.string == "query", let name = resolved["name"]?.string { names.insert(name) }
                }
            }
        }
        #expect(names.isSuperset(of: ["pathway", "asOf", "by", "minimize", "assume", "policy", "format", "role", "top", "learner",
                                      "issued", "key", "filename"]))
        for name in names.sorted() {
            let read = ["query(\"\(name)\"", "queryAll(\"\(name)\"", "requiredQuery(\"\(name)\"", "date(\"\(name)\"",
                        "count(request, \"\(name)\""].contains { sources.contains($0) }
            #expect(read, "no handler reads the query parameter \(name)")
        }
    }

    // MARK: (c) every operation, called for real

    /// One call and what it must answer.
    struct Call: Sendable {
        var method: String
        var target: String
        var status: Int
        /// Whose token is sent (a role or a learner id), or none.
        var who: String?
        var headers: [String: String]
        var body: [UInt8]

        init(_ method: String, _ target: String, _ status: Int, as who: String? = "admin", headers: [String: String] = [:],
             body: [UInt8] = []) {
            (self.method, self.target, self.status, self.who, self.headers, self.body) = (method, target, status, who, headers, body)
        }

        /// A JSON body.
        static func json(_ method: String, _ target: String, _ text: String, _ status: Int, as who: String? = "admin") -> Call {
            Call(method, target, status, as: who, headers: ["Content-Type": "application/json"], body: Array(text.utf8))
        }
    }

    /// The documented path template a target answers to (`/v1/learners/chen/audit?…` →
    /// `/v1/learners/{learner}/audit`): the one with the most literal segments when several match.
    static func template(of target: String, in document: JSON) -> String? {
        let path = target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? target
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let templates = document["paths"]?.members.map { Array($0.keys) } ?? []
        let matching = templates.filter { template in
            let pattern = template.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
        return matching.max { lhs, rhs in lhs.filter { $0 == "{" }.count > rhs.filter { $0 == "{" }.count }
    }

    static func credential(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: CairnProcess.packageRoot.appendingPathComponent("Pathways/learners/credentials/amara/\(name)")))
    }

    @Test func everyOperationAnswersAsTheDocumentSays() async throws {
        let document = try Self.document()
        let server = try await TestServer.start(issuing: IssuingConfiguration(
            key: SigningKey.generate(.ed25519, id: "https://example.edu/keys/openapi"), statusList: "https://example.edu/status/openapi"))
        defer { Task { await server.stop() } }
        let sql = try Self.credential("sql-querying.json")
        let form = (headers: ["Content-Type": "multipart/form-data; boundary=Cairn-Boundary"],
                    body: multipartBody(boundary: "Cairn-Boundary", fields: [], file: ("credential", "sql-querying.json", "application/json", sql)))
        let earning = #"{"badge": "data-cleaning", "issued": "2026-01-10", "expires": "2028-01-10", "result": "0.9", "evidence": ["https://example.org/work"], "name": "Chen Wei"}"#
        let pathway = "pathway=data-analysis-foundations"
        let revoked = try server.store.createToken(role: .hr, label: "to revoke", now: Date())
        func upload(_ target: String, _ status: Int, _ type: String, _ file: String) throws -> Call {
            Call("POST", target, status, headers: ["Content-Type": type], body: try Self.credential(file))
        }

        let calls: [Call] = [
            Call("GET", "/healthz", 200, as: nil),
            Call("GET", "/metrics", 200, as: nil),
            Call("GET", "/v1/openapi.json", 200),
            Call("GET", "/v1/pathways", 200),
            Call("GET", "/v1/pathways/data-analysis-foundations", 200),
            Call("GET", "/v1/pathways/data-analysis-foundations/tree.svg", 200),
            Call("GET", "/v1/pathways/data-analysis-foundations/tree.svg?learner=chen&asOf=2026-11-29", 200),
            Call("GET", "/v1/badges", 200),
            Call("GET", "/v1/badges/sql-querying", 200),
            Call("GET", "/v1/roles", 200),
            Call("GET", "/v1/learners", 200),
            Call("GET", "/v1/learners/chen", 200),
            .json("POST", "/v1/learners/chen/earnings", earning, 201),
            .json("POST", "/v1/learners/chen/earnings", earning, 200),
            Call("GET", "/v1/learners/chen", 200),
            Call("DELETE", "/v1/learners/chen/earnings/data-cleaning?issued=2026-01-10", 204),
            .json("POST", "/v1/learners/newcomer/earnings", #"{"badge": "sql-querying", "issued": "2026-03-01", "email": "newcomer@example.org"}"#, 201),
            try upload("/v1/learners/ada/credentials?filename=sql-querying.json", 201, "application/json", "sql-querying.json"),
            Call("POST", "/v1/learners/ada/credentials", 201, headers: form.headers, body: form.body),
            Call("GET", "/v1/learners/ada", 200),
            Call("GET", "/v1/learners/chen/audit?\(pathway)", 200),
            Call("GET", "/v1/learners/chen/audit?\(pathway)&asOf=2026-11-29", 200),
            Call("GET", "/v1/learners/ada/audit?\(pathway)", 200),
            Call("GET", "/v1/learners/chen/plan?\(pathway)", 200),
            Call("GET", "/v1/learners/chen/plan?\(pathway)&minimize=hours&asOf=2026-11-29&by=2027-06-30&assume=sql-querying&assume=data-cleaning", 200),
            Call("GET", "/v1/learners/chen/plan?\(pathway)&minimize=cost", 200),
            Call("GET", "/v1/learners/chen/credits?policy=northbridge-ects", 200),
            Call("GET", "/v1/learners/chen/credits?policy=northbridge-ects&asOf=2026-11-29&format=csv", 200),
            Call("GET", "/v1/learners/ada/credits?policy=lakeside-sh", 200),
            Call("POST", "/v1/learners/chen/decisions?policy=northbridge-ects&asOf=2026-11-29", 201),
            Call("GET", "/v1/learners/chen/decisions", 200),
            Call("GET", "/v1/learners/bruno/decisions", 200),
            Call("GET", "/v1/decisions/verification", 200),
            Call("GET", "/v1/learners/chen/renewals", 200),
            Call("GET", "/v1/learners/chen/renewals?asOf=2030-01-01", 200),
            Call("GET", "/v1/learners/chen/renewals/feed", 200),
            try upload("/v1/verify?filename=sql-querying.json", 200, "application/json", "sql-querying.json"),
            Call("POST", "/v1/verify", 200, headers: form.headers, body: form.body),
            try upload("/v1/verify?asOf=2024-06-01", 200, "image/png", "research-ethics.png"),
            try upload("/v1/verify", 200, "image/svg+xml", "stakeholder-communication.svg"),
            try upload("/v1/verify", 200, "application/jwt", "research-design.jwt"),
            try upload("/v1/verify?filename=transcript-2024.json", 200, "application/json", "transcript-2024.json"),
            .json("POST", "/v1/verify?filename=notes.json", #"{"hello": "world"}"#, 200),
            Call("GET", "/v1/learners/chen/roles", 200),
            Call("GET", "/v1/learners/chen/roles?role=data%20analyst&top=3&asOf=2026-11-29", 200),
            Call("GET", "/v1/roles/matches?role=data%20analyst", 200),
            Call("GET", "/v1/roles/matches?role=data%20analyst&top=2&format=csv", 200),
            Call("GET", "/v1/roles/matrix.csv", 200),
            Call("GET", "/v1/roles/matrix.csv?role=data%20analyst&asOf=2026-11-29", 200),
            Call("GET", "/v1/cohort/audit?\(pathway)", 200),
            Call("GET", "/v1/cohort/audit?\(pathway)&format=jsonl&asOf=2026-11-29", 200),
            Call("GET", "/v1/cohort/audit?format=jsonl", 200),
            Call("GET", "/v1/cohort/credits?policy=northbridge-ects", 200),
            Call("GET", "/v1/cohort/credits?policy=northbridge-ects&format=jsonl", 200),
            Call("GET", "/v1/tokens", 200),
            .json("POST", "/v1/tokens", #"{"role": "learner", "learner": "chen", "label": "openapi", "expires": "P30D"}"#, 201),
            .json("POST", "/v1/tokens", #"{"role": "registrar"}"#, 201),
            Call("DELETE", "/v1/tokens/\(revoked.token.id)", 204),
            Call("GET", "/v1/tokens", 200),
        ]
        var answered = Set<String>()
        var feed: String?
        for call in calls {
            let (reply, operation) = try await check(call, server: server, document: document)
            if reply.status == call.status, let operation { answered.insert(operation) }
            if call.target.hasSuffix("/renewals/feed") { feed = (try? JSON.parse(reply.body))?["path"]?.string }
        }
        // A cohort job: submitted, unfinished until a worker computes it, then its results.
        let (submitted, _) = try await check(.json("POST", "/v1/jobs", #"{"kind": "audit", "pathway": "data-analysis-foundations", "asOf": "2026-11-29"}"#, 202),
                                             server: server, document: document)
        answered.insert("POST /v1/jobs")
        let job = try #require(try JSON.parse(submitted.body)["id"]?.string)
        for call in [Call("GET", "/v1/jobs", 200), Call("GET", "/v1/jobs/\(job)", 200), Call("GET", "/v1/jobs/\(job)/results", 409),
                     Call("GET", "/v1/jobs/j-000000000000", 404)] {
            let (reply, operation) = try await check(call, server: server, document: document)
            if reply.status == call.status, call.status < 300, let operation { answered.insert(operation) }
        }
        let worker = CohortJobWorker(workspace: try Workspace(at: server.folder), store: server.store, name: "test", job: job)
        while case .completed = try worker.step(clock: Date.init) {}
        for call in [Call("GET", "/v1/jobs/\(job)/results", 200), Call("GET", "/v1/jobs/\(job)/results?format=jsonl", 200)] {
            let (reply, operation) = try await check(call, server: server, document: document)
            if reply.status == call.status, let operation { answered.insert(operation) }
        }
        let cohort = try await server.send("GET", "/v1/cohort/audit?pathway=data-analysis-foundations&asOf=2026-11-29", as: "registrar")
        let results = try await server.send("GET", "/v1/jobs/\(job)/results", as: "registrar")
        #expect(results.text == cohort.text, "a job's results are the cohort endpoint's lines")
        #expect(results.text.hasPrefix("learner,pathway,complete,progress"))
        // Issuing: a credential issued, asked for again, listed, shown, its status list published, revoked.
        let felix = #"{"pathway": "data-analysis-foundations", "learner": "felix", "asOf": "2026-11-29"}"#
        let (issued, _) = try await check(.json("POST", "/v1/issue", felix, 201), server: server, document: document)
        answered.insert("POST /v1/issue")
        let credential = try #require(try JSON.parse(issued.body)["id"]?.string)
        let issuing: [Call] = [
            .json("POST", "/v1/issue", felix, 200),
            Call("GET", "/v1/issued", 200),
            Call("GET", "/v1/issued?\(pathway)&learner=felix", 200),
            Call("GET", "/v1/issued/\(credential)", 200),
            Call("GET", "/v1/status-lists/openapi", 200, as: nil),
            .json("POST", "/v1/issued/\(credential)/revoke", #"{"reason": "issued in error"}"#, 200),
            Call("POST", "/v1/issued/\(credential)/revoke", 409),
            .json("POST", "/v1/issue", #"{"pathway": "data-analysis-foundations", "learner": "ada", "asOf": "2026-11-29"}"#, 422),
            .json("POST", "/v1/issue", #"{"pathway": "data-analysis-foundations", "learner": "felix", "result": "stellar"}"#, 400),
            .json("POST", "/v1/issue", #"{"pathway": "data-analysis-foundations", "learner": "nobody"}"#, 404),
            Call("GET", "/v1/issued/urn:uuid:nothing", 404),
            Call("GET", "/v1/issued?learner=felix", 403, as: "chen"),
            Call("GET", "/v1/status-lists/nothing", 404, as: nil),
        ]
        for call in issuing {
            let (reply, operation) = try await check(call, server: server, document: document)
            if reply.status == call.status, call.status < 300, let operation { answered.insert(operation) }
        }
        // The calendar feed: its address comes from the feed route; a calendar application sends no token.
        let (calendar, operation) = try await check(Call("GET", try #require(feed), 200, as: nil), server: server, document: document)
        if calendar.status == 200, let operation { answered.insert(operation) }
        let documented = Self.documentedOperations(document)
        #expect(documented.subtracting(answered).isEmpty, "documented operations never answered with success: \(documented.subtracting(answered).sorted())")
    }

    @Test func failuresAnswerWithADocumentedStatusAndTheErrorSchema() async throws {
        let document = try Self.document()
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let sql = try Self.credential("sql-querying.json")
        let audit = "/v1/learners/chen/audit?pathway=data-analysis-foundations"
        let earnings = "/v1/learners/chen/earnings"
        let calls: [Call] = [
            // 400
            Call("GET", audit + "&asOf=2026-02-30", 400),
            Call("GET", audit + "&asOf=yesterday", 400),
            Call("GET", "/v1/learners/chen/audit", 400),
            Call("GET", "/v1/learners/chen/plan?pathway=data-analysis-foundations&minimize=speed", 400),
            Call("GET", "/v1/learners/chen/plan?pathway=data-analysis-foundations&by=soon", 400),
            Call("GET", "/v1/learners/chen/credits", 400),
            Call("GET", "/v1/learners/chen/credits?policy=northbridge-ects&format=xml", 400),
            Call("GET", "/v1/roles/matches", 400),
            Call("GET", "/v1/roles/matches?role=data%20analyst&format=xml", 400),
            Call("GET", "/v1/learners/chen/roles?top=-1", 400),
            Call("GET", "/v1/cohort/audit?format=xml", 400),
            Call("GET", "/v1/cohort/credits", 400),
            Call("DELETE", "/v1/learners/chen/earnings/sql-querying", 400),
            .json("POST", earnings, "{\n  \"badge\": \"sql-querying\",\n  \"issued\": 2026\n", 400),
            .json("POST", earnings, #"["not", "an", "object"]"#, 400),
            .json("POST", earnings, #"{"issued": "2026-01-01"}"#, 400),
            .json("POST", earnings, #"{"badge": "sql-querying", "issued": "2026-13-01"}"#, 400),
            .json("POST", "/v1/tokens", #"{"role": "learner"}"#, 400),
            .json("POST", "/v1/tokens", #"{"role": "hr", "learner": "chen"}"#, 400),
            .json("POST", "/v1/tokens", #"{"role": "hr", "expires": "forever"}"#, 400),
            .json("POST", "/v1/tokens", #"{"role": "root"}"#, 400),
            .json("POST", "/v1/learners/ada/credentials", "", 400),
            Call("POST", "/v1/verify", 400, headers: ["Content-Type": "multipart/form-data; boundary=B"],
                 body: multipartBody(boundary: "B", fields: [("other", "x")], file: nil)),
            // 401
            Call("GET", audit, 401, as: nil),
            Call("GET", "/v1/pathways", 401, as: nil),
            Call("GET", "/v1/tokens", 401, as: nil, headers: ["Authorization": "Bearer not-a-token"]),
            Call("GET", "/healthz", 401, as: nil, headers: ["Authorization": "Bearer not-a-token"]),
            // 403
            Call("GET", "/v1/learners/bruno/audit?pathway=data-analysis-foundations", 403, as: "chen"),
            Call("GET", "/v1/learners", 403, as: "chen"),
            Call("GET", "/v1/tokens", 403, as: "registrar"),
            Call("GET", "/v1/pathways/data-analysis-foundations/tree.svg?learner=bruno", 403, as: "chen"),
            Call("POST", "/v1/learners/chen/credentials?filename=sql-querying.json", 403, headers: ["Content-Type": "application/json"], body: sql),
            // 404
            Call("GET", "/v1/learners/chen/audit?pathway=no-such-pathway", 404),
            Call("GET", "/v1/learners/nobody/audit?pathway=data-analysis-foundations", 404),
            Call("GET", "/v1/learners/nobody", 404),
            Call("GET", "/v1/pathways/no-such-pathway", 404),
            Call("GET", "/v1/badges/no-such-badge", 404),
            Call("GET", "/v1/learners/chen/credits?policy=no-such-policy", 404),
            Call("GET", "/v1/roles/matches?role=astronaut", 404),
            Call("GET", "/v1/feeds/chen/renewals.ics?key=guessed", 404, as: nil),
            Call("DELETE", "/v1/tokens/t-000000000000", 404),
            Call("DELETE", "/v1/learners/chen/earnings/sql-querying?issued=1999-01-01", 404),
            .json("POST", "/v1/tokens", #"{"role": "learner", "learner": "nobody"}"#, 404),
            // 409: this server has no issuer key.
            .json("POST", "/v1/issue", #"{"pathway": "data-analysis-foundations", "learner": "felix"}"#, 409),
            Call("POST", "/v1/issued/urn:uuid:nothing/revoke", 409),
            // 413
            Call("POST", "/v1/verify", 413, headers: ["Content-Type": "application/json"], body: [UInt8](repeating: UInt8(ascii: "a"), count: 9 << 20)),
            // 415
            .json("POST", "/v1/learners/ada/credentials?filename=record.json", #"{"learner": "ada", "badges": []}"#, 415),
            // 422
            .json("POST", earnings, #"{"badge": "sql-querring", "issued": "2026-01-01"}"#, 422),
            .json("POST", earnings, #"{"badge": "sql-querying", "issued": "2026-01-01", "expires": "2025-01-01"}"#, 422),
            Call("GET", "/v1/learners/chen/plan?pathway=data-analysis-foundations&assume=no-such-badge", 422),
            .json("POST", "/v1/learners/ada/credentials?filename=broken.json",
                  #"{"@context": "https://www.w3.org/ns/credentials/v2", "type": ["VerifiableCredential", "OpenBadgeCredential"]}"#, 422),
        ]
        for call in calls {
            let (reply, _) = try await check(call, server: server, document: document)
            if reply.status == 401 { #expect(reply.header("WWW-Authenticate")?.hasPrefix("Bearer") == true, "\(call.target)") }
        }
    }

    // MARK: What documenting the API found

    /// The server reads an upload from a temporary file of its own; nothing it answers or stores
    /// may name that file: the client's file name stands for it.
    @Test func uploadsAreNamedByTheClientsFileNameNeverByTheServersTemporaryFile() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let json = ["Content-Type": "application/json"]
        let transcript = try await server.send("POST", "/v1/verify?filename=transcript.json", as: "admin", headers: json,
                                         body: try Self.credential("transcript-2024.json"))
        #expect(transcript.status == 200)
        #expect(!transcript.text.contains("uploads") && !transcript.text.contains("credential.json"), Comment(rawValue: transcript.text))
        let nested = try JSON.parse(transcript.body)["results"]?.elements?.first?["nested"]?.elements ?? []
        #expect(nested.count == 2)
        #expect(nested.compactMap { $0["file"]?.string } == ["transcript.json#1", "transcript.json#2"])

        let broken = try await server.send("POST", "/v1/verify?filename=half.json", as: "admin", headers: json, body: Array(#"{"a":"#.utf8))
        #expect(!broken.text.contains("uploads") && broken.text.contains("half.json:1:"), Comment(rawValue: broken.text))

        let refused = try await server.send("POST", "/v1/learners/ada/credentials?filename=broken.json", as: "ada", headers: json,
                                      body: Array(#"{"@context": "https://www.w3.org/ns/credentials/v2", "type": ["VerifiableCredential", "OpenBadgeCredential"]}"#.utf8))
        #expect(refused.status == 422)
        #expect(!refused.text.contains("uploads") && refused.text.contains("broken.json"), Comment(rawValue: refused.text))

        let stored = try await server.send("POST", "/v1/learners/ada/credentials?filename=my-sql-badge.json", as: "ada", headers: json,
                                     body: try Self.credential("sql-querying.json"))
        #expect(stored.status == 201, Comment(rawValue: stored.text))
        let ada = try JSON.parse(try await server.send("GET", "/v1/learners/ada", as: "ada").body)
        let sources = ada["earnings"]?.elements?.compactMap { $0["source"]?.string } ?? []
        #expect(sources == ["upload my-sql-badge.json"], "\(sources)")
    }

    @Test func errorsNameWhereTheRequestGaveTheValue() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        func location(_ reply: HTTPClient.Reply) -> String? { (try? JSON.parse(reply.body))?["location"]?.string }
        let tree = try await server.send("GET", "/v1/pathways/data-analysis-foundations/tree.svg?learner=nobody", as: "admin")
        #expect(tree.status == 404 && location(tree) == "query.learner", Comment(rawValue: tree.text))
        let other = try await server.send("GET", "/v1/pathways/data-analysis-foundations/tree.svg?learner=bruno", as: "chen")
        #expect(other.status == 403 && location(other) == "query.learner", Comment(rawValue: other.text))
        let token = try await server.send("POST", "/v1/tokens", as: "admin", headers: ["Content-Type": "application/json"],
                                    body: Array(#"{"role": "learner", "learner": "nobody"}"#.utf8))
        #expect(token.status == 404 && location(token) == "body.learner", Comment(rawValue: token.text))
        let evidence = try await server.send("POST", "/v1/learners/chen/earnings", as: "registrar", headers: ["Content-Type": "application/json"],
                                       body: Array(#"{"badge": "data-cleaning", "issued": "2026-02-02", "evidence": "https://example.org/work"}"#.utf8))
        #expect(evidence.status == 400 && location(evidence)?.hasPrefix("body.evidence") == true, Comment(rawValue: evidence.text))
        for target in ["/v1/learners/chen/credits?policy=northbridge-ects&format=xml", "/v1/roles/matches?role=data%20analyst&format=xml"] {
            let reply = try await server.send("GET", target, as: "admin")
            #expect(reply.status == 400 && location(reply) == "query.format", Comment(rawValue: "\(target): \(reply.text)"))
        }
    }

    /// `cairn credits --cohort --format csv` and the cohort route give the same columns.
    @Test func theCohortCreditsCSVHasTheCLIsColumns() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let reply = try await server.send("GET", "/v1/cohort/credits?policy=northbridge-ects", as: "registrar")
        #expect(reply.status == 200)
        let lines = reply.text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "learner,policy,policy_version,total,unit,exact,decision")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 7 }, "\(lines)")
    }

    /// Sends the call, then checks the answer against the document: the status is the one
    /// expected and one the operation lists, the media type is one it lists for that status,
    /// and a JSON body (each line of JSON lines) is valid against the schema given.
    ///
    /// Returns the reply and the documented operation it answered (`GET /v1/pathways`).
    func check(_ call: Call, server: TestServer, document: JSON) async throws -> (HTTPClient.Reply, String?) {
        let reply = try await server.send(call.method, call.target, as: call.who, headers: call.headers, body: call.body)
        let context = "\(call.method) \(call.target) as \(call.who ?? "no one"): \(reply.status) \(reply.text.prefix(300))"
        #expect(reply.status == call.status, Comment(rawValue: context))
        let validator = JSONSchemaValidator(root: document)
        guard let template = Self.template(of: call.target, in: document),
              let operation = document["paths"]?[template]?[call.method.lowercased()] else {
            Issue.record(Comment(rawValue: "\(call.method) \(call.target) answers to no documented operation"))
            return (reply, nil)
        }
        let operationName = "\(call.method) \(template)"
        guard let listed = operation["responses"]?[String(reply.status)] else {
            Issue.record(Comment(rawValue: "status \(reply.status) is not documented: \(context)"))
            return (reply, operationName)
        }
        let response = listed["$ref"]?.string.flatMap(validator.resolve) ?? listed
        guard let content = response["content"]?.members else {
            #expect(reply.body.isEmpty, Comment(rawValue: "no content is documented, yet a body came: \(context)"))
            return (reply, operationName)
        }
        let type = Self.mediaType(reply)
        guard let media = content[type] else {
            Issue.record(Comment(rawValue: "media type \(type) is not documented (only \(content.keys.sorted())): \(context)"))
            return (reply, operationName)
        }
        let schema = media["schema"] ?? .bool(true)
        switch type {
        case "application/json":
            do {
                let body = try JSON.parse(reply.body)
                let violations = validator.validate(body, against: schema)
                #expect(violations.isEmpty, Comment(rawValue: "\(context)\n" + violations.map(\.description).joined(separator: "\n")))
            } catch {
                Issue.record(Comment(rawValue: "the body is not JSON: \(context)"))
            }
        case "application/jsonl":
            let lines = reply.text.split(separator: "\n")
            #expect(!lines.isEmpty, Comment(rawValue: "no lines: \(context)"))
            for (index, line) in lines.enumerated() {
                guard let value = try? JSON.parse(String(line)) else {
                    Issue.record(Comment(rawValue: "line \(index + 1) is not JSON: \(context)"))
                    continue
                }
                let violations = validator.validate(value, against: schema, at: "line \(index + 1)")
                #expect(violations.isEmpty, Comment(rawValue: "\(context)\n" + violations.map(\.description).joined(separator: "\n")))
            }
        case "text/csv":
            #expect(reply.text.contains(",") && reply.text.hasSuffix("\r\n"), Comment(rawValue: "not CSV: \(context)"))
        case "text/calendar":
            #expect(reply.text.hasPrefix("BEGIN:VCALENDAR"), Comment(rawValue: context))
        case "image/svg+xml":
            #expect(reply.text.contains("<svg"), Comment(rawValue: context))
        default:
            #expect(!reply.body.isEmpty, Comment(rawValue: context))
        }
        return (reply, operationName)
    }

    static func mediaType(_ reply: HTTPClient.Reply) -> String {
        (reply.header("Content-Type") ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    // MARK: The schemas themselves

    static let pythonHasJSONSchema = python(["-c", "import jsonschema"]).status == 0
    static let pythonHasOpenAPISpecValidator = python(["-c", "import openapi_spec_validator"]).status == 0

    static func python(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func withDocumentFile<T>(_ body: (URL) throws -> T) throws -> T {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-openapi-\(UUID().uuidString).json")
        try Data(try OpenAPIDocument.text().utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try body(file)
    }

    @Test(.enabled(if: pythonHasJSONSchema, "python3 with the jsonschema package is not installed"))
    func theComponentSchemasAreValidJSONSchema202012() throws {
        let script = """
            import json, sys
            from jsonschema import Draft202012Validator
            document = json.load(open(sys.argv[1]))
            failures = []
            for name, schema in document["components"]["schemas"].items():
                try:
                    Draft202012Validator.check_schema(schema)
                except Exception as error:
                    failures.append(f"{name}: {error}")
            print("\\n".join(failures) if failures else f"{len(document['components']['schemas'])} schemas valid")
            sys.exit(1 if failures else 0)
            """
        let result = try Self.withDocumentFile { Self.python(["-c", script, $0.path]) }
        #expect(result.status == 0, Comment(rawValue: result.output))
    }

    @Test(.enabled(if: pythonHasOpenAPISpecValidator, "python3 with the openapi-spec-validator package is not installed"))
    func theDocumentIsAValidOpenAPI31Document() throws {
        let script = """
            import json, sys
            from openapi_spec_validator import validate
            from openapi_spec_validator.validation import OpenAPIV31SpecValidator
            validate(json.load(open(sys.argv[1])), cls=OpenAPIV31SpecValidator)
            """
        let result = try Self.withDocumentFile { Self.python(["-c", script, $0.path]) }
        #expect(result.status == 0, Comment(rawValue: result.output))
    }

    // MARK: The validator itself

    @Test func theValidatorAcceptsGoodInstancesAndNamesWhatIsWrongWithBadOnes() throws {
        let root = try JSON.parse(#"""
            {"components": {"schemas": {
              "Node": {"type": "object", "required": ["kind", "progress", "children"],
                       "properties": {"kind": {"type": "string", "enum": ["all", "any", "badge"]},
                                      "progress": {"type": "number", "minimum": 0, "maximum": 1},
                                      "count": {"type": "integer"},
                                      "note": {"type": ["string", "null"]},
                                      "shared": {"const": true},
                                      "issued": {"type": "string", "format": "date"},
                                      "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}}}},
              "Either": {"oneOf": [{"type": "object", "required": ["badge"]}, {"type": "object", "required": ["pathway"]}]},
              "Some": {"anyOf": [{"type": "string", "pattern": "^[0-9]+(/[0-9]+)?$"}, {"type": "integer"}]},
              "Both": {"allOf": [{"$ref": "#/components/schemas/Either"}, {"properties": {"badge": {"type": "string"}}}]},
              "Closed": {"type": "object", "properties": {"a": {"type": "boolean"}}, "additionalProperties": false},
              "Odd": {"type": "string", "uniqueWords": true}
            }}}
            """#)
        let validator = JSONSchemaValidator(root: root)
        let node = "#/components/schemas/Node"
        func violations(_ text: String, _ reference: String) throws -> [String] {
            validator.validate(try JSON.parse(text), reference: reference).map(\.description)
        }
        // Good instances: nothing to say.
        #expect(try violations(#"{"kind": "all", "progress": 0.5, "count": 3, "note": null, "shared": true, "issued": "2024-02-29", "children": [{"kind": "badge", "progress": 1, "children": [], "extra": "open"}]}"#, node) == [])
        #expect(try violations(#"{"badge": "x"}"#, "#/components/schemas/Either") == [])
        #expect(try violations(#""5/6""#, "#/components/schemas/Some") == [])
        #expect(try violations("12", "#/components/schemas/Some") == [])
        #expect(try violations(#"{"pathway": "p"}"#, "#/components/schemas/Both") == [])
        #expect(try violations(#"{"a": false}"#, "#/components/schemas/Closed") == [])

        // Bad instances: each fault named at its place, deep in the recursion too.
        let bad = try violations(#"{"kind": "every", "progress": 1.5, "count": 2.5, "note": 3, "shared": false, "issued": "2023-02-29", "children": [{"kind": "badge", "progress": "1", "children": [{"progress": true, "children": {}}]}]}"#, node)
        let expected = [
            "$.kind: \"every\" is not one of \"all\", \"any\", \"badge\"",
            "$.progress: 1.5 is above the maximum 1.0",
            "$.count: expected integer, found number 2.5",
            "$.note: expected string or null, found integer 3",
            "$.shared: expected true, found false",
            "$.issued: \"2023-02-29\" is not a date (YYYY-MM-DD)",
            "$.children[0].progress: expected number, found string \"1\"",
            "$.children[0].children[0]: missing required property kind",
            "$.children[0].children[0].progress: expected number, found boolean true",
            "$.children[0].children[0].children: expected array, found object {}",
        ]
        for message in expected { #expect(bad.contains(message), "missing: \(message) in \(bad)") }
        #expect(bad.count == expected.count, "\(bad)")

        #expect(try violations(#"{"badge": "x", "pathway": "y"}"#, "#/components/schemas/Either") == ["$: matches 2 of oneOf, not exactly one"])
        #expect(try violations(#"{"neither": 1}"#, "#/components/schemas/Either").first?.hasPrefix("$: matches none of oneOf") == true)
        #expect(try violations(#""five""#, "#/components/schemas/Some").first?.hasPrefix("$: matches none of anyOf") == true)
        #expect(try violations(#"{"badge": 7}"#, "#/components/schemas/Both") == ["$.badge: expected string, found integer 7"])
        #expect(try violations(#"{"a": 1, "b": 2}"#, "#/components/schemas/Closed")
                == ["$.a: expected boolean, found integer 1", "$: unexpected property b"])
        #expect(try violations("1", "#/components/schemas/Missing") == ["$: unresolvable $ref \"#/components/schemas/Missing\""])
        #expect(try violations(#""x""#, "#/components/schemas/Odd") == ["$: the validator does not know the keyword uniqueWords"])
    }

    @Test func theDocumentsErrorSchemaTakesAnErrorAndRefusesWhatIsNotOne() throws {
        let validator = JSONSchemaValidator(root: try Self.document())
        let error = "#/components/schemas/Error"
        #expect(validator.validate(try JSON.parse(#"{"error": "bad_date", "detail": "no such day", "location": "query.asOf"}"#), reference: error) == [])
        #expect(validator.validate(try JSON.parse(#"{"error": "forbidden", "detail": "no", "location": null}"#), reference: error) == [])
        let wrong = validator.validate(try JSON.parse(#"{"error": 404, "location": ["path"]}"#), reference: error).map(\.description)
        #expect(wrong.contains("$: missing required property detail"))
        #expect(wrong.contains("$.error: expected string, found integer 404"))
        #expect(wrong.contains { $0.hasPrefix("$.location: expected string or null, found array") })
        // The validator knows every keyword the document's schemas use, and every $ref resolves.
        let document = try Self.document()
        for (name, schema) in (document["components"]?["schemas"]?.members ?? [:]).sorted(by: { $0.key < $1.key }) {
            let unknown = JSONSchemaValidator.unknownKeywords(in: schema, at: "#/components/schemas/\(name)")
            #expect(unknown.isEmpty, "keywords the validator does not know: \(unknown)")
        }
        var references: [String] = []
        func collect(_ value: JSON) {
            switch value {
            case .object(let members):
                if let reference = members["$ref"]?.string { references.append(reference) }
                members.values.forEach(collect)
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in Set(references).sorted() { #expect(validator.resolve(reference) != nil, "unresolvable \(reference)") }
    }
}
