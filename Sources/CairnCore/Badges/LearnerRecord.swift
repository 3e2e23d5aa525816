/// A learner and the badges they hold.
public struct LearnerRecord: Hashable, Sendable {
    public var learner: String
    public var badges: [EarnedBadge]
    /// The learner's e-mail address, when the record gives one: an issued credential names its
    /// recipient by its salted hash.
    public var email: String?
    /// The learner's decentralised identifier (`did:…`), when the record gives one: an issued
    /// credential's subject is then the DID itself.
    public var did: String?
    /// The catalogue year the learner entered under: it picks the version of each pathway that
    /// applies to them (the latest version in effect from that year or before).
    public var catalogueYear: Int?
    /// The day the learner enrolled: when no ``catalogueYear`` is given, it picks the version of
    /// each pathway in effect that day.
    public var enrolled: CalendarDate?
    /// Open Badges files the record lists (`{credential: path}`) that have not been read yet:
    /// readers outside the engine turn them into ``badges`` (see `Workspace.learnerRecord(at:)`).
    public var credentialFiles: [CredentialFileReference]
    /// Badge classes described only by the learner's own credentials: achievements that no
    /// catalogue in the workspace defines. Audits add them to the catalog, so that a pathway
    /// leaf matching by tag or alignment can count them.
    public var heldClasses: [BadgeClass]
    public var source: SourceLocation?
    /// What reading the record's credentials found that every report on it must say, such as
    /// credentials counted only because the user accepted unverified ones.
    public var notes: [String]
    /// Badge classes a registrar exception blocks for this learner (see
    /// ``ExceptionApplication``): besides marking the learner's earnings of them, the block
    /// keeps plans from offering them, since another earning would not count either. Internal,
    /// because only an exception application sets it, and it travels with the record it made.
    var blockedClasses: Set<String> = []

    public init(learner: String, badges: [EarnedBadge], credentialFiles: [CredentialFileReference] = [],
                heldClasses: [BadgeClass] = [], source: SourceLocation? = nil, notes: [String] = []) {
        self.notes = notes
        self.learner = learner
        self.badges = badges
        self.credentialFiles = credentialFiles
        self.heldClasses = heldClasses
        self.source = source
    }
}

/// An Open Badges file named in a learner record, by its path relative to the record.
public struct CredentialFileReference: Hashable, Sendable {
    public var path: String
    /// Where the record names it.
    public var source: SourceLocation?

    public init(path: String, source: SourceLocation? = nil) {
        self.path = path
        self.source = source
    }
}
