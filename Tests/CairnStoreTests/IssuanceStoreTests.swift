import CairnCore
import CairnTestSupport
import Foundation
import Synchronization
import Testing

@testable import CairnStore

/// The issuance contract, on every backend: a status list's ids are unique and its indices handed
/// out once, in order, until it is full; a credential is reserved once per pathway and learner —
/// by however many processes at once — completed once, and revoked once, its bit set and its
/// list signed again in the same transaction, or not at all.
@Suite("Issued credentials and status lists in the store")
struct IssuanceStoreTests {
    static let list = "https://issuer.example/status/1"

    /// Reserves `pathway`'s credential for `learner` with the usual fields.
    @discardableResult
    static func reserve(_ store: any Store, pathway: String = "cs", learner: String, id: String? = nil,
                        list: String? = IssuanceStoreTests.list, issuedAt: String = "2026-12-01T10:00:00Z") throws -> IssuanceReservation {
        try store.reserveIssuance(pathway: pathway, learner: learner, badgeClass: "cs-certificate", validFrom: "2026-11-30",
                                  issuedAt: issuedAt, format: "ob3-json", credentialID: id ?? "urn:uuid:\(pathway)-\(learner)",
                                  statusList: list)
    }

    /// Reserves and completes a credential.
    @discardableResult
    static func issue(_ store: any Store, pathway: String = "cs", learner: String, list: String? = IssuanceStoreTests.list)
        throws -> IssuedCredentialRecord {
        let record = try reserve(store, pathway: pathway, learner: learner, list: list).record
        try store.completeIssuance(credentialID: record.credentialID, document: "{\"id\":\"\(record.credentialID)\"}")
        return try #require(try store.issuedCredential(record.credentialID))
    }

    /// What the store said when it refused, or nil for any other failure.
    static func refusal(_ error: StoreError) -> String? {
        guard case .refused(let why) = error.reason else { return nil }
        return why
    }

    @Test("status lists are created empty, listed by id, and an id is created once", arguments: StoreBackend.all)
    func createAndList(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        #expect(try store.statusLists().isEmpty)
        let second = try store.createStatusList(id: "https://issuer.example/status/2", issuer: "did:web:issuer.example",
                                                purpose: "revocation", size: 16)
        let first = try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 131_072)
        #expect(first.bits.count == 16_384 && first.bits.allSatisfy { $0 == 0 })
        #expect(first.nextIndex == 0 && first.signedCredential == nil && first.updatedAt == nil)
        #expect(try store.statusList(Self.list) == first)
        #expect(try store.statusList("https://issuer.example/none") == nil)
        #expect(try store.statusLists() == [first, second])
        let duplicate = #expect(throws: StoreError.self) {
            try store.createStatusList(id: Self.list, issuer: "someone else", purpose: "revocation", size: 8)
        }
        #expect(duplicate.flatMap(Self.refusal)?.contains("exists") == true)
        #expect(try store.statusList(Self.list) == first)
        for size in [0, 12, -8] {
            #expect(throws: StoreError.self) { try store.createStatusList(id: "x\(size)", issuer: "i", purpose: "revocation", size: size) }
        }
        #expect(try made.reopen().statusLists() == [first, second])
    }

    @Test("reserve, complete, then reserving again answers the issued credential", arguments: StoreBackend.all)
    func reserveCompleteReserve(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        guard case .reserved(let reserved) = try Self.reserve(store, learner: "ana") else {
            Issue.record("a first reservation is .reserved")
            return
        }
        #expect(reserved == IssuedCredentialRecord(credentialID: "urn:uuid:cs-ana", pathway: "cs", learner: "ana",
                                                   badgeClass: "cs-certificate", validFrom: "2026-11-30",
                                                   issuedAt: "2026-12-01T10:00:00Z", format: "ob3-json",
                                                   statusList: Self.list, statusIndex: 0))
        #expect(!reserved.isIssued)
        #expect(try store.issuedCredential("urn:uuid:cs-ana") == reserved)
        try store.completeIssuance(credentialID: reserved.credentialID, document: "{\"signed\":1}")
        // The same document again is harmless; another is refused and the first is kept.
        try store.completeIssuance(credentialID: reserved.credentialID, document: "{\"signed\":1}")
        let replaced = #expect(throws: StoreError.self) {
            try store.completeIssuance(credentialID: reserved.credentialID, document: "{\"signed\":2}")
        }
        #expect(replaced.flatMap(Self.refusal) != nil)
        #expect(throws: StoreError.self) { try store.completeIssuance(credentialID: "urn:uuid:nobody", document: "{}") }
        var issued = reserved
        issued.document = "{\"signed\":1}"
        #expect(try store.issuedCredential(reserved.credentialID) == issued)
        // A later run proposes another id and another time: it is told what was issued, and nothing moves.
        #expect(try Self.reserve(store, learner: "ana", id: "urn:uuid:other", issuedAt: "2026-12-02T10:00:00Z")
                == .alreadyIssued(issued))
        #expect(try store.issuedCredentials() == [issued])
        #expect(try store.statusList(Self.list)?.nextIndex == 1)
        #expect(try store.issuedCredential("urn:uuid:other") == nil)
    }

    @Test("a reservation never completed is handed out again with its id and index", arguments: StoreBackend.all)
    func unfinishedReservationReused(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        try Self.issue(store, learner: "ana")
        let first = try Self.reserve(store, learner: "ben").record
        #expect(first.statusIndex == 1)
        let again = try Self.reserve(made.reopen(), learner: "ben", id: "urn:uuid:retry", issuedAt: "2026-12-05T00:00:00Z")
        #expect(again == .reserved(first))
        #expect(try store.statusList(Self.list)?.nextIndex == 2)
        #expect(try store.issuedCredentials(pathway: "cs", learner: "ben") == [first])
    }

    @Test("indices rise per list and are never used twice; listings filter and keep issue order", arguments: StoreBackend.all)
    func indicesPerList(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        let other = "https://issuer.example/status/2"
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        try store.createStatusList(id: other, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        var indices: [String: [Int]] = [:]
        for (number, learner) in ["ana", "ben", "cy", "dee", "eve"].enumerated() {
            let list = number.isMultiple(of: 2) ? Self.list : other
            let record = try Self.reserve(store, learner: learner, list: list, issuedAt: "2026-12-01T10:0\(5 - number):00Z").record
            indices[list, default: []].append(try #require(record.statusIndex))
        }
        #expect(indices[Self.list] == [0, 1, 2] && indices[other] == [0, 1])
        // Another pathway for the same learner is another credential, with the next index.
        #expect(try Self.reserve(store, pathway: "data", learner: "ana").record.statusIndex == 3)
        // A credential without a list takes no index.
        let unlisted = try Self.reserve(store, pathway: "web", learner: "ana", list: nil).record
        #expect(unlisted.statusList == nil && unlisted.statusIndex == nil)
        #expect(try store.statusList(Self.list)?.nextIndex == 4)
        #expect(try store.statusList(other)?.nextIndex == 2)

        #expect(try store.issuedCredentials(pathway: "cs", learner: nil).map(\.learner) == ["eve", "dee", "cy", "ben", "ana"])
        #expect(try store.issuedCredentials(pathway: nil, learner: "ana").map(\.pathway) == ["data", "web", "cs"])
        #expect(try store.issuedCredentials(pathway: "data", learner: "ana").count == 1)
        #expect(try store.issuedCredentials(pathway: "data", learner: "ben").isEmpty)
        #expect(try store.issuedCredentials().count == 7)

        #expect(throws: StoreError.self) { try Self.reserve(store, pathway: "x", learner: "ana", list: "https://issuer.example/none") }
        let unknown = #expect(throws: StoreError.self) {
            try Self.reserve(store, pathway: "x", learner: "ana", list: "https://issuer.example/none")
        }
        #expect(unknown.flatMap(Self.refusal)?.contains("https://issuer.example/none") == true)
        let taken = #expect(throws: StoreError.self) { try Self.reserve(store, pathway: "x", learner: "zed", id: "urn:uuid:cs-ana") }
        #expect(taken.flatMap(Self.refusal) != nil)
        #expect(try store.statusList(Self.list)?.nextIndex == 4)
    }

    @Test("a full list refuses the next reservation, but still answers those it has", arguments: StoreBackend.all)
    func fullList(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 8)
        for number in 0..<8 { #expect(try Self.reserve(store, learner: "l\(number)").record.statusIndex == number) }
        let full = #expect(throws: StoreError.self) { try Self.reserve(store, learner: "l8") }
        #expect(full.flatMap(Self.refusal)?.contains("full") == true)
        #expect(try store.issuedCredential("urn:uuid:cs-l8") == nil)
        #expect(try store.statusList(Self.list)?.nextIndex == 8)
        #expect(try Self.reserve(store, learner: "l3").record.statusIndex == 3)
    }

    @Test("revoking sets exactly the credential's bit and stores the list signed again; once only", arguments: StoreBackend.all)
    func revoke(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 32)
        let records = try (0..<12).map { try Self.issue(store, learner: "l\($0)") }
        let target = records[9]
        #expect(target.statusIndex == 9)
        let version = try store.changeVersion()
        let seen = Mutex<[StatusListRecord]>([])
        let updated = try store.revokeIssued(credentialID: target.credentialID, reason: "issued in error",
                                             updatedAt: "2026-12-03T09:00:00Z") { list in
            seen.withLock { $0.append(list) }
            return "{\"signed-with-bits\":\"\(list.bits.map { String($0) }.joined(separator: ","))\"}"
        }
        // The list handed to the signer already has the bit set.
        let handed = try #require(seen.withLock { $0 }.first)
        #expect(handed.bit(at: 9))
        #expect(updated.bits == [0, 0b0100_0000, 0, 0])
        #expect((0..<32).filter { updated.bit(at: $0) } == [9])
        #expect(updated.signedCredential == "{\"signed-with-bits\":\"0,64,0,0\"}" && updated.updatedAt == "2026-12-03T09:00:00Z")
        #expect(try made.reopen().statusList(Self.list) == updated)
        let revoked = try #require(try store.issuedCredential(target.credentialID))
        #expect(revoked.revoked && revoked.revocationReason == "issued in error" && revoked.document == target.document)
        #expect(try store.issuedCredentials().filter(\.revoked).map(\.credentialID) == [target.credentialID])
        #expect(try store.changeVersion() != version)

        let twice = #expect(throws: StoreError.self) {
            try store.revokeIssued(credentialID: target.credentialID, reason: "again", updatedAt: "2026-12-04T00:00:00Z") { _ in "x" }
        }
        #expect(twice.flatMap(Self.refusal)?.contains("already revoked") == true)
        #expect(try store.statusList(Self.list) == updated)
        #expect(try store.issuedCredential(target.credentialID)?.revocationReason == "issued in error")

        // Storing a list signed again later changes its text only.
        try store.storeSignedStatusList(id: Self.list, signedCredential: "{\"renewed\":true}", updatedAt: "2026-12-20T00:00:00Z")
        var renewed = updated
        renewed.signedCredential = "{\"renewed\":true}"
        renewed.updatedAt = "2026-12-20T00:00:00Z"
        #expect(try store.statusList(Self.list) == renewed)
        #expect(throws: StoreError.self) {
            try store.storeSignedStatusList(id: "https://issuer.example/none", signedCredential: "{}", updatedAt: "2026-12-20T00:00:00Z")
        }
    }

    @Test("credentials without a list, only reserved, or unknown are not revoked", arguments: StoreBackend.all)
    func revokeRefused(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 8)
        let unlisted = try Self.issue(store, learner: "ana", list: nil)
        let noList = #expect(throws: StoreError.self) {
            try store.revokeIssued(credentialID: unlisted.credentialID, reason: nil, updatedAt: "t") { _ in "x" }
        }
        #expect(noList.flatMap(Self.refusal)?.contains("cannot be revoked by list") == true)
        let reserved = try Self.reserve(store, learner: "ben").record
        #expect(throws: StoreError.self) {
            try store.revokeIssued(credentialID: reserved.credentialID, reason: nil, updatedAt: "t") { _ in "x" }
        }
        #expect(throws: StoreError.self) {
            try store.revokeIssued(credentialID: "urn:uuid:nobody", reason: nil, updatedAt: "t") { _ in "x" }
        }
        #expect(try store.issuedCredentials().allSatisfy { !$0.revoked })
        #expect(try store.statusList(Self.list)?.bits == [0])
    }

    struct SigningFailed: Error {}

    @Test("a signer that throws leaves the credential and its list as they were", arguments: StoreBackend.all)
    func throwingResign(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        try store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 8)
        let record = try Self.issue(store, learner: "ana")
        try store.storeSignedStatusList(id: Self.list, signedCredential: "{\"v\":1}", updatedAt: "2026-12-01T00:00:00Z")
        let before = try #require(try store.statusList(Self.list))
        #expect(throws: SigningFailed.self) {
            try store.revokeIssued(credentialID: record.credentialID, reason: "r", updatedAt: "2026-12-02T00:00:00Z") { _ in
                throw SigningFailed()
            }
        }
        #expect(try store.statusList(Self.list) == before)
        #expect(try store.issuedCredential(record.credentialID) == record)
        // …and the revocation can then be made.
        let after = try store.revokeIssued(credentialID: record.credentialID, reason: "r", updatedAt: "2026-12-02T00:00:00Z") { _ in
            "{\"v\":2}"
        }
        #expect(after.bit(at: 0) && after.signedCredential == "{\"v\":2}")
    }

    @Test("eight processes reserving the same learner's credential at once make one row", arguments: StoreBackend.all)
    func concurrentSameLearner(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        try made.store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        let handles = try (0..<8).map { _ in try made.reopen() }
        let answers = Mutex<[IssuanceReservation]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                let answer = try Self.reserve(handles[thread], learner: "ana", id: "urn:uuid:t\(thread)")
                answers.withLock { $0.append(answer) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let records = try made.store.issuedCredentials()
        #expect(records.count == 1)
        let answered = answers.withLock { $0 }
        #expect(answered.count == 8)
        let only = try #require(records.first)
        #expect(Set(answered) == [.reserved(only)])
        #expect(records.first?.statusIndex == 0)
        #expect(try made.store.statusList(Self.list)?.nextIndex == 1)
    }

    @Test("distinct learners reserving at once get distinct indices", arguments: StoreBackend.all)
    func concurrentDistinctLearners(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        try made.store.createStatusList(id: Self.list, issuer: "did:web:issuer.example", purpose: "revocation", size: 64)
        let handles = try (0..<8).map { _ in try made.reopen() }
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                for round in 0..<4 { try Self.reserve(handles[thread], learner: "l\(thread)-\(round)") }
                // Everyone also races for one shared learner.
                try Self.reserve(handles[thread], learner: "shared", id: "urn:uuid:shared-\(thread)")
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let records = try made.store.issuedCredentials()
        #expect(records.count == 33)
        let indices = records.compactMap(\.statusIndex)
        #expect(Set(indices) == Set(0..<33))
        #expect(try made.store.statusList(Self.list)?.nextIndex == 33)
    }

    @Test("an earning keeps the id of the credential it was read from, through imports and every reader", arguments: StoreBackend.all)
    func earningCredentialID(_ backend: StoreBackend) throws {
        let made = try backend.makeStore()
        defer { made.remove() }
        let store = made.store
        func earning(_ badge: String, _ issued: String, id: String?) -> EarnedBadge {
            var earned = EarnedBadge(badgeClassID: badge, issued: Fixture.date(issued),
                                     source: SourceLocation(file: "ana.yaml", line: 3, column: 1))
            earned.credentialID = id
            return earned
        }
        var batch = EarningBatch(file: "ana.yaml", origin: .record)
        batch.add(earning("sql", "2025-01-10", id: "urn:uuid:sql-1"), learner: "ana")
        batch.add(earning("python", "2025-02-10", id: nil), learner: "ana")
        try store.importEarnings([batch])
        func ids() throws -> [String: String?] {
            let record = try #require(try store.learnerRecord("ana"))
            return Dictionary(uniqueKeysWithValues: record.badges.map { ($0.badgeClassID, $0.credentialID) })
        }
        #expect(try ids() == ["sql": "urn:uuid:sql-1", "python": nil])
        let keys = try #require(try store.learnerKeyRanges(size: 10).first)
        #expect(try store.learnerRecords(in: keys, badgeClasses: nil).first?.badges.map(\.credentialID).sorted { ($0 ?? "") < ($1 ?? "") }
                == [nil, "urn:uuid:sql-1"])
        // Imported again (the store has her earnings now, so the import merges): a changed id is
        // a change, an unchanged one is not.
        var again = EarningBatch(file: "ana.yaml", origin: .record)
        again.add(earning("sql", "2025-01-10", id: "urn:uuid:sql-2"), learner: "ana")
        again.add(earning("python", "2025-02-10", id: nil), learner: "ana")
        let report = try store.importEarnings([again])
        #expect(report.changed.count == 1 && report.unchanged == 1)
        #expect(try ids() == ["sql": "urn:uuid:sql-2", "python": nil])
        #expect(try store.earnings(of: "ana").first { $0.earning.badgeClassID == "sql" }?.earning.credentialID == "urn:uuid:sql-2")
    }
}
