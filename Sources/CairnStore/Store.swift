public import CairnCore
public import Foundation

/// Cairn's store, whichever database holds it: one SQLite file on one machine (``SQLiteStore``,
/// the default) or a PostgreSQL database shared by several servers and workers
/// (`PostgresStore`, in the CairnPostgres module). Both keep the same things — imported
/// frameworks, learners and their earnings, registrar exceptions, the credit decision log, API
/// tokens, cohort jobs, and the credentials Cairn issued with their status lists — and give the
/// same answers: one test suite runs against both.
///
/// Every operation is synchronous and may block the calling thread while the database works.
/// The store never reads the clock: callers pass the time when an operation needs it.
public protocol Store: FrameworkStore, LearnerStore, ExceptionStore, DecisionStore, TokenStore, JobStore, IssuanceStore {
    /// Where the store is, as messages name it: the file path, or the PostgreSQL URL without its password.
    var location: String { get }

    /// A number that differs from the last one returned whenever anyone — this process or
    /// another — changed the store in between. A server keeps answers for as long as it does not move.
    func changeVersion() throws -> Int64
}

/// The imported skills frameworks and their search.
public protocol FrameworkStore: Sendable {
    /// The frameworks in the store, by id.
    func frameworks() throws -> [FrameworkSummary]
    /// Skills whose labels contain words starting with the words of `text`, one hit per skill,
    /// best first: matched by a preferred label before an alternative (then hidden) one, and by
    /// relevance within each.
    func searchSkills(_ text: String, framework: String?, language: String?, limit: Int) throws -> [SkillSearchHit]
    /// The stored id of the skill `code` names in `framework` (its id, URI, UUID or code).
    func skillID(for code: String, framework: String) throws -> String?
    /// A skill with its labels, broader and narrower skills and the occupations that need it.
    func skill(id: String, framework: String?) throws -> SkillDetail?
    /// A whole framework as a reader would have produced it, with labels in `languages` (all when nil).
    func loadFramework(id: String, languages: Set<String>?) throws -> Framework?
    /// Imports what `read` sends, in one transaction: all of it or, if anything fails, nothing.
    /// A framework whose id is already in the store is replaced.
    func importFrameworks(importedAt: String?, _ read: (inout any FrameworkSink) throws -> Void) throws -> [ImportSummary]
    /// Removes a framework; false when there is none with that id.
    func removeFramework(id: String) throws -> Bool
}

extension FrameworkStore {
    public func searchSkills(_ text: String, framework: String? = nil, language: String? = nil) throws -> [SkillSearchHit] {
        try searchSkills(text, framework: framework, language: language, limit: 20)
    }

    public func skill(id: String) throws -> SkillDetail? { try skill(id: id, framework: nil) }

    public func loadFramework(id: String) throws -> Framework? { try loadFramework(id: id, languages: nil) }
}

/// Learners and their earnings.
public protocol LearnerStore: Sendable {
    /// Every learner, by id, with how many earnings each has.
    func learners() throws -> [StoredLearner]
    /// One learner, or nil.
    func learner(_ id: String) throws -> StoredLearner?
    /// A learner's earnings, by issue date then badge class.
    func earnings(of learner: String) throws -> [StoredEarning]
    /// The ids of learners whose e-mail is `email`, ignoring case.
    func learnerIDs(withEmail email: String) throws -> [String]
    /// Every learner's e-mail, for matching credentials' recipients.
    func learnerEmails() throws -> [(learner: String, email: String)]
    /// Removes learners with all their earnings; returns those removed with their earning counts.
    func removeLearners(_ ids: [String]) throws -> [(learner: String, earnings: Int)]
    /// Removes one earning; false when there is none.
    func removeEarning(learner: String, badge: String, issued: CalendarDate) throws -> Bool
    /// How many learners the store holds.
    func learnerCount() throws -> Int
    /// Writes the batches in one transaction (see ``SQLiteStore/importEarnings(_:replacing:)``).
    func importEarnings(_ batches: [EarningBatch], replacing: Set<EarningOrigin>) throws -> LearnerImportReport
    /// Writes a stream's segments in one transaction that commits only when the reader finishes.
    func importEarnings(from stream: EarningStream) throws -> LearnerImportReport
    /// A reader of learners' records a chunk at a time, in import order, from one snapshot.
    func cohortReader(chunkSize: Int, only: Set<String>?, badgeClasses: Set<String>?) throws -> any CohortReading
    /// The learners whose store keys fall in `keys` — a job's chunk — with their records, in key
    /// order (earnings of `badgeClasses` only, when given).
    func learnerRecords(in keys: ClosedRange<Int64>, badgeClasses: Set<String>?) throws -> [LearnerRecord]
    /// The store keys of every learner, in order, split into runs of `size`: the chunks a job covers.
    func learnerKeyRanges(size: Int) throws -> [ClosedRange<Int64>]
}

extension Store {
    /// Imports a framework held in memory (from a small file, or built in code).
    @discardableResult
    public func importFramework(_ framework: Framework, importedAt: String? = nil) throws -> ImportSummary {
        let summaries = try importFrameworks(importedAt: importedAt) { sink in try framework.send(to: &sink) }
        guard let last = summaries.last else { throw StoreError(path: location, reason: .noFrameworkHeader) }
        return last
    }

    /// A learner's record as the engine audits it, or nil for an unknown learner.
    public func learnerRecord(_ id: String) throws -> LearnerRecord? {
        guard let stored = try learner(id) else { return nil }
        return stored.record(badges: try earnings(of: id).map(\.earning), source: SourceLocation(file: location))
    }
}

extension LearnerStore {
    @discardableResult
    public func importEarnings(_ batches: [EarningBatch]) throws -> LearnerImportReport {
        try importEarnings(batches, replacing: [])
    }

    /// A reader of every learner's whole record (see ``cohortReader(chunkSize:only:badgeClasses:)``).
    public func cohortReader(chunkSize: Int = 1024) throws -> any CohortReading {
        try cohortReader(chunkSize: chunkSize, only: nil, badgeClasses: nil)
    }

    /// A reader of just these learners' whole records (ids the store lacks are skipped).
    public func cohortReader(chunkSize: Int = 1024, only: Set<String>?) throws -> any CohortReading {
        try cohortReader(chunkSize: chunkSize, only: only, badgeClasses: nil)
    }

    /// A reader of every learner's earnings of `badgeClasses` (an audit's relevant classes).
    public func cohortReader(chunkSize: Int = 1024, badgeClasses: Set<String>?) throws -> any CohortReading {
        try cohortReader(chunkSize: chunkSize, only: nil, badgeClasses: badgeClasses)
    }
}

/// Learners' records read from a store a chunk at a time.
public protocol CohortReading: Sendable {
    /// The next chunk of records, or nil after the last.
    mutating func next() throws -> [LearnerRecord]?
}

/// Registrar exceptions.
public protocol ExceptionStore: Sendable {
    /// Adds exceptions and returns them with their ids.
    func addExceptions(_ exceptions: [RegistrarException], sources: [SourceLocation?]) throws -> [RegistrarException]
    /// The exceptions, of one learner or all, active ones only unless `includingRemoved`.
    func exceptions(learner: String?, includingRemoved: Bool) throws -> [StoredException]
    /// Removes an exception, keeping it with who removed it and why; nil when there is none active.
    func removeException(id: Int, removal: StoredException.Removal) throws -> StoredException?
}

extension ExceptionStore {
    public func exceptions(learner: String? = nil) throws -> [StoredException] {
        try exceptions(learner: learner, includingRemoved: false)
    }

    public func addExceptions(_ exceptions: [RegistrarException]) throws -> [RegistrarException] {
        try addExceptions(exceptions, sources: [])
    }

    /// The active exceptions, by learner.
    public func activeExceptionsByLearner() throws -> [String: [RegistrarException]] {
        Dictionary(grouping: try exceptions(learner: nil, includingRemoved: false).map(\.exception), by: \.learner)
    }
}

/// API tokens and the server's secrets.
public protocol TokenStore: Sendable {
    /// Creates a token and returns it with its secret, which is never stored nor shown again.
    func createToken(role: APIToken.Role, learner: String?, label: String?, expiresAt: Date?, now: Date) throws
        -> (token: APIToken, secret: String)
    /// The active token whose secret this is, or nil (unknown, revoked or expired).
    func token(forSecret secret: String, at instant: Date) throws -> APIToken?
    /// The token with this public id, active or not.
    func token(id: String) throws -> APIToken?
    /// Every token, oldest first.
    func tokens() throws -> [APIToken]
    /// Revokes a token; false when no token has that id. Revoking twice keeps the first time.
    @discardableResult func revokeToken(_ id: String, at instant: Date) throws -> Bool
    /// A named secret of 32 random bytes, made the first time it is asked for and the same ever after.
    func serverSecret(_ name: String) throws -> [UInt8]
}

extension TokenStore {
    public func createToken(role: APIToken.Role, learner: String? = nil, label: String? = nil, now: Date) throws
        -> (token: APIToken, secret: String) {
        try createToken(role: role, learner: learner, label: label, expiresAt: nil, now: now)
    }
}
