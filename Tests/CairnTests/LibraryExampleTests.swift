import Cairn
import CairnTestSupport
import Foundation
import Testing

/// The README's library example, run as written (from the package root).
@Suite("The README's library example")
struct LibraryExampleTests {
    @Test("Loads the workspace, audits chen, renders JSON and text, verifies a VC-JWT, and batches over every core")
    func readmeExample() async throws {
        let root = CairnProcess.packageRoot
        let workspace = try Workspace(at: root)
        let record = try workspace.learnerRecord(at: root.appendingPathComponent("Pathways/learners/chen.yaml"))
        let asOf = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let audit = try workspace.audit(pathway: "data-analysis-foundations", for: record, asOf: asOf)
        #expect(!audit.isComplete)
        #expect(audit.progress == Rational(2, 3))
        var reasons: [String] = []
        audit.root.forEachNode { node in
            for rejected in node.rejected { reasons.append("\(node.label)|\(rejected.badge)|\(rejected.reason.code)") }
        }
        #expect(reasons.contains("SQL Querying|sql-querying|lapsed"))
        #expect(audit.json.serialized().contains("\"progressExact\": \"2/3\""))
        #expect(AuditTextReport(audit: audit).text.contains("lapsed: expired on 2026-02-28"))
        // The README's path is relative to the package root; here it is made absolute.
        let keys = root.appendingPathComponent("Pathways/learners/credentials/keys").path
        let verifier = CredentialVerifier(keys: try KeyRing.load(folder: keys))
        let (file, outcome) = verifier.verify(
            fileAt: root.appendingPathComponent("Pathways/learners/credentials/amara/research-design.jwt"), asOf: asOf)
        #expect(outcome.status == .verified)
        #expect(outcome.reason.hasPrefix("ES256 JWS proof verified with key kid=https://example.edu/keys/2025-es256"))
        #expect(file?.credential.badgeClass()?.name == "Research Design")
        let policy = try workspace.creditPolicy("lakeside-sh")
        let amara = try workspace.learnerRecord(at: root.appendingPathComponent("Pathways/learners/amara.yaml"))
        let transcript = try workspace.credits(policy: policy, for: amara, asOf: asOf)
        #expect(transcript.total == Rational(81, 10))
        #expect(transcript.unroundedTotal == Rational(49, 6))
        #expect(transcript.csv.hasPrefix("learner,policy,"))
        let compiled = try workspace.compiledPathway("data-analysis-foundations")
        let audits = await compiled.audits(workspace.learners, asOf: asOf)
        #expect(audits.count == workspace.learners.count)
    }

    @Test("The store example: import with a reader, search, show")
    func storeExample() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
        let sample = CairnProcess.packageRoot.appendingPathComponent("Frameworks/esco/esco-sample.rdf").path
        let summary = try store.importFramework { sink in
            try FrameworkReader.read(path: sample, format: .escoRDF, languages: ["en"], into: &sink)
        }
        #expect(summary.skills == 40)
        let hits = try store.searchSkills("data mining", language: "en")
        #expect(hits.first?.label == "perform data mining")
        let first = try #require(hits.first)
        let detail = try #require(try store.skill(id: first.id))
        #expect(detail.broader.contains { $0.label() == "use databases" })
    }

    @Test("The cohort example: a SIS export into the store, then every learner audited in chunks")
    func cohortExample() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(at: CairnProcess.packageRoot)
        let asOf = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
        let export = CairnProcess.packageRoot.appendingPathComponent("Pathways/sis/registrar-export-2026-11.csv")
        let reading = workspace.readLearnerFile(at: export, settings: LearnerImportSettings(), store: store)
        let batch = try #require(reading.batch)
        #expect(try store.importEarnings([batch]).added == 73)
        let foundations = try workspace.compiledPathway("data-analysis-foundations")
        var lines: [String] = []
        try await workspace.forEachCohortChunk(.store(store), transform: { records in
            records.map { CohortAuditRow(foundations.audit($0, asOf: asOf)) }
        }, emit: { rows in
            for row in rows { lines.append(CohortAuditFormat.csvLine(row)) }
        })
        #expect(lines.count == 14)
        #expect(lines.first == "amara,data-analysis-foundations,yes,100,1,yes,,,yes,100\r\n")
    }

    @Test("The issuing example: felix's credential, signed, recorded once, verified with the key's public half")
    func issuingExample() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = CairnProcess.packageRoot
        let workspace = try Workspace(at: root)
        let asOf = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let store = try SQLiteStore(path: folder.url.appendingPathComponent(".cairn/store.sqlite").path)
        let key = SigningKey.generate(.ed25519, id: "https://example.edu/keys/2026")
        let issuer = try CredentialIssuer(workspace: workspace, key: key, format: .openBadgesJSON)
        let felix = try workspace.learnerRecord(at: root.appendingPathComponent("Pathways/learners/felix.yaml"))
        let outcome = try issuer.issue(pathway: "data-analysis-foundations", for: felix, asOf: asOf,
                                       issuedAt: "2026-11-29T12:00:00Z", store: store)
        guard case .issued(let credential) = outcome else { Issue.record("not issued: \(outcome)"); return }
        #expect(credential.id.hasPrefix("urn:uuid:"))
        #expect(credential.completion.completedOn == CalendarDate(year: 2025, month: 12, day: 1))
        let file = try folder.write("felix.json", credential.text)
        let verifier = CredentialVerifier(keys: KeyRing(entries: [KeyRing.Entry(key: key.publicKey, ids: [key.id], file: "test",
                                                                                form: "JWK")]))
        #expect(verifier.verify(fileAt: file, asOf: asOf).verification.status == .verified)
        let again = try issuer.issue(pathway: "data-analysis-foundations", for: felix, asOf: asOf,
                                     issuedAt: "2026-11-30T12:00:00Z", store: store)
        guard case .alreadyIssued(let record) = again else { Issue.record("issued twice"); return }
        #expect(record.credentialID == credential.id)
        #expect(record.document == credential.text)
    }
}

/// `Workspace.importExport`: an export read and written at once, in segments of whole learners,
/// gives exactly what one batch gives; a bad row anywhere leaves the store untouched.
@Suite("Exports imported as a stream")
struct StreamedExportTests {
    static func export(_ folder: TemporaryFolder, _ rows: [String], name: String = "export.csv") throws -> URL {
        try folder.write(name, (["learner,badge,issued,result"] + rows).joined(separator: "\n") + "\n")
    }

    static func contents(_ store: SQLiteStore) throws -> [String] {
        try store.learners().flatMap { learner in
            try store.earnings(of: learner.id).map { "\(learner.id) \($0.earning.badgeClassID) \($0.earning.issued) \($0.earning.result?.description ?? "")" }
        }
    }

    @Test("segments of whole learners give the store one batch gives, grouped or not", arguments: [1, 2, 3, 50_000])
    func sameAsOneBatch(segmentRows: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(at: CairnProcess.packageRoot)
        let grouped = ["ana,sql-querying,2025-01-01,meets", "ana,data-cleaning,2025-02-01,exceeds", "ben,sql-querying,2025-03-01,88",
                       "cy,data-cleaning,2025-04-01,meets", "cy,dataviz-python,2025-05-01,meets"]
        let scattered = ["ana,sql-querying,2025-01-01,meets", "ben,sql-querying,2025-03-01,88", "cy,data-cleaning,2025-04-01,meets",
                         "ana,data-cleaning,2025-02-01,exceeds", "cy,dataviz-python,2025-05-01,meets"]
        for rows in [grouped, scattered] {
            let file = try Self.export(folder, rows)
            let streamed = try SQLiteStore(path: folder.url.appendingPathComponent("streamed-\(rows == grouped).sqlite").path)
            let result = try workspace.importExport(at: file, settings: LearnerImportSettings(), into: streamed, segmentRows: segmentRows)
            #expect(result.refusal == nil)
            #expect(result.report.added == 5 && result.rows == 5 && result.learners == 3)
            let batched = try SQLiteStore(path: folder.url.appendingPathComponent("batched-\(rows == grouped).sqlite").path)
            let reading = workspace.readLearnerFile(at: file, settings: LearnerImportSettings(), store: batched)
            try batched.importEarnings([try #require(reading.batch)])
            #expect(try Self.contents(streamed) == (try Self.contents(batched)))
            let again = try workspace.importExport(at: file, settings: LearnerImportSettings(), into: streamed, segmentRows: segmentRows)
            #expect(again.report.changedNothing)
        }
    }

    @Test("a bad row after segments were written, or a repeat that differs, refuses the whole file", arguments: [1, 50_000])
    func refusedWhole(segmentRows: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(at: CairnProcess.packageRoot)
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("store.sqlite").path)
        let bad = try Self.export(folder, ["ana,sql-querying,2025-01-01,meets", "ben,sql-querying,2025-03-01,88",
                                           "cy,sql-qurying,2025-04-01,meets"], name: "bad.csv")
        let refused = try workspace.importExport(at: bad, settings: LearnerImportSettings(), into: store, segmentRows: segmentRows)
        #expect(refused.refusal?.problems.first?.description.contains("did you mean \"sql-querying\"?") == true)
        #expect(try store.learners().isEmpty)
        let repeated = try Self.export(folder, ["ana,sql-querying,2025-01-01,meets", "ana,sql-querying,2025-01-01,exceeds",
                                                "ben,sql-querying,2025-03-01,88"], name: "repeated.csv")
        let conflict = try workspace.importExport(at: repeated, settings: LearnerImportSettings(), into: store, segmentRows: segmentRows)
        #expect(conflict.refusal?.problems.first?.description.contains("stated again with different details (first at line 2)") == true)
        #expect(try store.learners().isEmpty)
    }
}
