public import CairnCore

/// Where an earning in the store came from.
public enum EarningOrigin: String, Hashable, Sendable, CaseIterable {
    /// A row of a student information system's CSV export.
    case sis
    /// A learner record file (YAML or JSON) stating the earning.
    case record
    /// An Open Badges file, verified under the trust rules when imported.
    case credential
    /// Stated through the server's API by a registrar (or an administrator); a SIS re-sync
    /// with `--replace` leaves these alone.
    case api
}

/// One earning as the store keeps it: the engine's earned badge (whose `source` is the file and
/// line it came from) with the learner it belongs to and how it entered the store.
public struct StoredEarning: Hashable, Sendable {
    public var learner: String
    public var earning: EarnedBadge
    public var origin: EarningOrigin
    /// The SHA-256 (lower-case hex) of the Open Badges file it was read from, if any.
    public var credentialSHA256: String?

    public init(learner: String, earning: EarnedBadge, origin: EarningOrigin, credentialSHA256: String? = nil) {
        self.learner = learner
        self.earning = earning
        self.origin = origin
        self.credentialSHA256 = credentialSHA256
    }

    /// What the store says about the earning's proof: `nil` when a registrar's file states it,
    /// `proven` for a credential whose proof was checked, and otherwise why it is not proven.
    public var verification: String? {
        if let unproven = earning.unproven { return unproven }
        return origin == .credential ? "proven" : nil
    }
}

/// A learner the store knows, with how many earnings it holds for them.
public struct StoredLearner: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var email: String?
    /// Where the learner was first imported from.
    public var source: SourceLocation?
    public var earningCount: Int
    /// The catalogue year that picks the version of a versioned pathway the learner follows.
    public var catalogueYear: Int?
    /// The day the learner enrolled, which picks the version when no catalogue year is given.
    public var enrolled: CalendarDate?

    public init(id: String, name: String? = nil, email: String? = nil, source: SourceLocation? = nil, earningCount: Int = 0,
                catalogueYear: Int? = nil, enrolled: CalendarDate? = nil) {
        self.id = id
        self.name = name
        self.email = email
        self.source = source
        self.earningCount = earningCount
        self.catalogueYear = catalogueYear
        self.enrolled = enrolled
    }

    /// The learner's record as the engine audits it, with `badges`: the e-mail, catalogue year and
    /// enrolment date the store keeps go with it.
    public func record(badges: [EarnedBadge], source: SourceLocation? = nil) -> LearnerRecord {
        var record = LearnerRecord(learner: id, badges: badges, source: source)
        record.email = email
        record.catalogueYear = catalogueYear
        record.enrolled = enrolled
        return record
    }
}
