public import CairnCore
public import CairnStore

extension CredentialIssuer {
    /// What issuing did for one learner of a cohort.
    public enum CohortOutcome: Sendable {
        case issued(IssuedCredential)
        /// Issued before (by an earlier run, or another process): the credential's id.
        case alreadyIssued(learner: String, credentialID: String)
        /// The audit does not prove the pathway complete: nothing issued.
        case incomplete(learner: String, progress: Rational)
    }

    /// What a cohort run did, in total.
    public struct CohortSummary: Sendable, Hashable {
        public var issued = 0
        public var alreadyIssued = 0
        public var incomplete = 0

        public init() {}

        mutating func add(_ outcome: CohortOutcome) {
            switch outcome {
            case .issued: issued += 1
            case .alreadyIssued: alreadyIssued += 1
            case .incomplete: incomplete += 1
            }
        }
    }

    /// Issues `pathway`'s credential to every learner of `source` who has completed it and has
    /// none yet, once each: learners the store already records a credential for are not even
    /// audited, so a second run issues only to those who completed the pathway since.
    ///
    /// Learners are audited and signed a chunk at a time on every core; `emit` gets each chunk's
    /// outcomes in the cohort's order, `progress` the count done.
    ///
    /// - Throws: ``IssuingFailure`` for a request that cannot be met (before anything is issued),
    ///   or a store that fails; what reading the cohort throws.
    public func issueCohort(pathway: String, source: CohortSource, asOf: CalendarDate,
                            exceptions: [RegistrarException] = [], issuedAt: String, store: any Store,
                            progress: (_ done: Int, _ total: Int?) -> Void = { _, _ in },
                            emit: ([CohortOutcome]) throws -> Void) async throws -> CohortSummary {
        _ = try awardedClass(of: pathway)
        let issuedBefore: [String: String]
        do {
            issuedBefore = Dictionary(
                try store.issuedCredentials(pathway: pathway, learner: nil)
                    .filter { $0.document != nil }.map { ($0.learner, $0.credentialID) }) { first, _ in first }
        } catch {
            throw IssuingFailure.store("\(error)")
        }
        var summary = CohortSummary()
        let issuer = self
        try await workspace.forEachCohortChunk(source, transform: { records in
            try records.map { record throws(IssuingFailure) -> CohortOutcome in
                if let id = issuedBefore[record.learner] { return .alreadyIssued(learner: record.learner, credentialID: id) }
                var record = record
                if record.email == nil, record.did == nil {
                    // The cohort reader leaves learner details out; the recipient needs the address.
                    record.email = (try? store.learner(record.learner))??.email
                }
                do throws(IssuingFailure) {
                    switch try issuer.issue(pathway: pathway, for: record, asOf: asOf, exceptions: exceptions,
                                            issuedAt: issuedAt, store: store) {
                    case .issued(let credential): return .issued(credential)
                    case .alreadyIssued(let earlier):
                        return .alreadyIssued(learner: record.learner, credentialID: earlier.credentialID)
                    }
                } catch {
                    guard case .incomplete(let audit) = error else { throw error }
                    return .incomplete(learner: record.learner, progress: audit.progress)
                }
            }
        }, progress: progress, emit: { outcomes in
            for outcome in outcomes { summary.add(outcome) }
            try emit(outcomes)
        })
        return summary
    }
}
