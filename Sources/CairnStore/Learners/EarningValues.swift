package import CairnCore

/// One earning as the columns every backend stores, made once here from a batch's compact row
/// and read back once here into the engine's value: the stores differ only in how they move them.
package struct EarningValues: Sendable {
    package var learner: String
    package var badge: String
    /// Day numbers (days since 1970-01-01).
    package var issued: Int64
    package var expires: Int64?
    package var revoked: Bool
    package var result: String?
    package var resultIsNumber: Bool
    /// Evidence URLs joined by line feeds; nil when there is none.
    package var evidence: String?
    package var credentialSHA256: String?
    /// The id of the credential the earning was read from (``EarnedBadge/credentialID``).
    package var credentialID: String?
    /// Nil for an earning a registrar's file states, `proven` for a checked credential, the reason otherwise.
    package var verification: String?
    package var origin: String
    package var file: String
    package var line: Int64?
    /// `in-progress` or `registered` for a pending earning; nil for an awarded one (nearly all).
    package var status: String?

    package init(learner: String, badge: String, issued: Int64, expires: Int64?, revoked: Bool, result: String?,
                 resultIsNumber: Bool, evidence: String?, credentialSHA256: String?, credentialID: String? = nil,
                 verification: String?, origin: String, file: String, line: Int64?, status: String? = nil) {
        self.status = status
        self.learner = learner
        self.badge = badge
        self.issued = issued
        self.expires = expires
        self.revoked = revoked
        self.result = result
        self.resultIsNumber = resultIsNumber
        self.evidence = evidence
        self.credentialSHA256 = credentialSHA256
        self.credentialID = credentialID
        self.verification = verification
        self.origin = origin
        self.file = file
        self.line = line
    }

    /// The earning as the engine audits it, and with where it came from.
    package var stored: StoredEarning {
        let resultValue = result.map { text in
            resultIsNumber ? Rational(parsing: text).map(BadgeResult.number) ?? .label(text) : .label(text)
        }
        var earning = EarnedBadge(
            badgeClassID: badge, issued: CalendarDate(dayNumber: Int(issued)),
            expires: expires.map { CalendarDate(dayNumber: Int($0)) }, revoked: revoked, result: resultValue,
            evidence: evidence.map { $0.split(separator: "\n").map(String.init) } ?? [],
            source: SourceLocation(file: file, line: line.map(Int.init)),
            unproven: verification.flatMap { $0 == "proven" ? nil : $0 })
        earning.credentialID = credentialID
        if let status { earning.status = EarningStatus(stored: status) }
        return StoredEarning(learner: learner, earning: earning, origin: EarningOrigin(rawValue: origin) ?? .record,
                             credentialSHA256: credentialSHA256)
    }
}

extension EarningBatch {
    /// The values of the earning at `position` (see ``positions``).
    package func values(at position: Int) -> EarningValues {
        let row = rows[position]
        let extra = extras[position]
        let origin = extra?.origin ?? self.origin
        return EarningValues(
            learner: learners[Int(row.learner)].id, badge: badgeIDs[Int(row.badge)], issued: Int64(row.issued),
            expires: row.expires == Int32.min ? nil : Int64(row.expires), revoked: row.revoked,
            result: row.result >= 0 ? strings[Int(row.result)] : nil, resultIsNumber: row.resultIsNumber,
            evidence: extra.flatMap { $0.evidence.isEmpty ? nil : $0.evidence.joined(separator: "\n") },
            credentialSHA256: extra?.credentialSHA256, credentialID: extra?.credentialID,
            verification: extra?.unproven ?? (origin == .credential ? "proven" : nil), origin: origin.rawValue,
            file: file, line: row.line >= 0 ? Int64(row.line) : nil,
            status: extra.flatMap { $0.status.isPending ? $0.status.rawValue : nil })
    }

    /// The earnings' positions, in the file's order.
    package var positions: Range<Int> { rows.indices }

    /// The learners the batch names, in the order first seen, with what it says of each
    /// (the enrolment date as a day number).
    package var learnerValues: [(id: String, name: String?, email: String?, line: Int64?, catalogueYear: Int64?, enrolled: Int64?)] {
        learners.map { ($0.id, $0.name, $0.email, $0.line.map(Int64.init), $0.catalogueYear.map(Int64.init),
                        $0.enrolled.map { Int64($0.dayNumber) }) }
    }
}

extension EarningBatch {
    /// Whether the batch states some earning (learner, badge class, issue date) more than once.
    package var hasRepeatedEarnings: Bool { !repeatedPairs().isEmpty }

    /// The badge class ids the batch names.
    package var badgeClassIDs: [String] { badgeIDs }
}

extension EarningBatch {
    /// The earning at `position`'s learner, as an index into ``learnerValues``.
    package func learnerOrdinal(at position: Int) -> Int { Int(rows[position].learner) }

    /// The earning at `position`'s badge class, as an index into ``badgeClassIDs``.
    package func badgeOrdinal(at position: Int) -> Int { Int(rows[position].badge) }
}

extension EarningStatus {
    /// A status as a store holds it: a word the store does not know is taken as pending, never as
    /// awarded, so nothing counts that the store did not say was awarded.
    package init(stored text: String?) {
        self = text.map { EarningStatus(rawValue: $0) ?? .inProgress } ?? .awarded
    }
}
