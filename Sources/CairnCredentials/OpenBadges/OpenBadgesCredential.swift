public import CairnCore
package import CairnSyntax

/// One Open Badges credential as Cairn read it: an OB 2.0 assertion, an OB 3.0
/// `OpenBadgeCredential`/`AchievementCredential`, a CLR 2.0 `ClrCredential` (whose nested
/// credentials are in ``nested``) or an OB 3.0 `EndorsementCredential`.
///
/// Reading checks the shape only. Whether the credential is in date, revoked or genuine is
/// decided by ``CredentialVerifier`` on an as-of date.
public struct OpenBadgesCredential: Sendable, Hashable {
    /// Which specification the credential follows.
    public enum Format: String, Sendable, Hashable {
        case openBadges2Assertion = "Open Badges 2.0 Assertion"
        case openBadges3Credential = "Open Badges 3.0 credential"
        case clr2Credential = "CLR 2.0 credential"
        case endorsementCredential = "Open Badges 3.0 endorsement"
        /// A Europass Digital Credential (ELM 3); its learning achievements are in ``nested``.
        case europeanDigitalCredential = "Europass (ELM 3) credential"
        /// One learning achievement of a Europass credential, as a badge.
        case europassAchievement = "Europass (ELM 3) learning achievement"
    }

    public var format: Format
    /// The credential's (assertion's) own id, when it has one.
    public var id: String?
    /// The `type` values as written.
    public var types: [String]
    /// The credential's own name (OB 3.0), distinct from the achievement's.
    public var name: String?
    public var issuer: OpenBadgesProfile
    /// What was achieved; `nil` for endorsements and for subjects that name no achievement.
    public var achievement: OpenBadgesAchievement?
    /// The recipient: an OB 2.0 identity (possibly hashed, `sha256$…`), an OB 3.0 subject id,
    /// or, for an OB 3.0 subject with no id, its first `identifier`'s identity hash.
    public var recipient: String?
    /// The salt a hashed ``recipient`` was hashed with, if any (see ``recipientMatches(_:)``).
    public var recipientSalt: String? = nil
    /// When it was issued (`issuedOn`, `validFrom`, `issuanceDate`, JWT `nbf`).
    public var issued: OpenBadgesTimestamp
    /// When it stops being valid (`expires`, `validUntil`, `expirationDate`, JWT `exp`).
    public var expires: OpenBadgesTimestamp?
    /// OB 2.0 `revoked: true` in the assertion itself.
    public var revokedInDocument: Bool
    public var revocationReason: String?
    /// OB 3.0 `creditsEarned`: a number without a unit.
    public var creditsEarned: Rational?
    public var results: [OpenBadgesResult]
    public var term: String?
    public var evidence: [OpenBadgesEvidence]
    /// OB 3.0 `credentialStatus` entries.
    public var statusEntries: [CredentialStatusEntry]
    /// How the issuer lets the credential be checked.
    public var verification: Verification
    /// CLR 2.0: the credentials it carries, in order.
    public var nested: [NestedCredential]
    /// CLR 2.0: the achievements listed beside the credentials.
    public var listedAchievements: [OpenBadgesAchievement]
    public var associations: [OpenBadgesAssociation]
    /// OB 3.0 endorsement: what is endorsed and the comment.
    public var endorsement: Endorsement?
    /// References that no local document answers (OB 2.0 `badge`, `issuer`, `revocationList`):
    /// reported, never guessed.
    public var unresolved: [String] = []
    /// The credential's JSON as read (for OB 2.0, the assertion with references left as written);
    /// Data Integrity proofs are checked against it.
    package var document: JSONNode
    /// A Europass credential as read (for ``Format/europeanDigitalCredential`` and its achievements).
    public var europass: EuropeanDigitalCredential? = nil
    /// What was read but is not used, with its place (a credit point outside ECTS).
    public var notes: [String] = []

    /// How an issuer makes a credential checkable.
    public enum Verification: Sendable, Hashable {
        /// OB 2.0 hosted: only fetching the assertion's id would confirm it; Cairn never fetches.
        case hosted
        /// OB 2.0 signed, or an OB 3.0 VC-JWT: a compact JWS. `creator` is OB 2.0's key URL.
        case jws(token: String, creator: String?)
        /// OB 3.0 embedded proofs (`proof`), checked over the document.
        case embeddedProof(count: Int)
        /// A JWS in JSON serialization around the document (a JAdES-sealed Europass credential).
        case jwsJSON(JSONSerializedJWS)
        /// Nothing to check.
        case none
    }
}

/// What an OB 3.0 `EndorsementCredential` endorses, and what it says.
public struct Endorsement: Sendable, Hashable {
    /// The id of the endorsed issuer, achievement or credential.
    public var subject: String
    public var comment: String?
}

/// A CLR 2.0 nested credential: read, or the reason it could not be read.
public struct NestedCredential: Sendable, Hashable {
    /// Its place in `verifiableCredential` (0-based).
    public var index: Int
    public var credential: OpenBadgesCredential?
    public var problem: String?
}

/// An issuer (OB 2.0 Issuer Profile, OB 3.0 Profile).
public struct OpenBadgesProfile: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var url: String?
    public var email: String?
    /// OB 2.0 `publicKey`: the ids of the keys the issuer signs with.
    public var publicKeys: [String]
    /// OB 2.0 `revocationList`: the URL of its revocation list.
    public var revocationList: String?

    public init(id: String, name: String? = nil, url: String? = nil, email: String? = nil,
                publicKeys: [String] = [], revocationList: String? = nil) {
        self.id = id
        self.name = name
        self.url = url
        self.email = email
        self.publicKeys = publicKeys
        self.revocationList = revocationList
    }
}

/// What a badge is for (OB 2.0 BadgeClass, OB 3.0 Achievement).
public struct OpenBadgesAchievement: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
    /// OB 2.0 criteria URL or OB 3.0 `criteria.id`.
    public var criteriaURL: String?
    public var criteriaNarrative: String?
    public var alignments: [OpenBadgesAlignment]
    /// OB 3.0 `creditsAvailable`: a number without a unit.
    public var creditsAvailable: Rational?
    public var achievementType: String?
    public var tags: [String]
    /// OB 3.0 `resultDescription`: the results the achievement records.
    public var resultDescriptions: [ResultDescription]
    /// The issuer, when the achievement names one (OB 2.0 `issuer`, OB 3.0 `creator`).
    public var issuer: OpenBadgesProfile?
    public var image: String?
    /// The unit of ``creditsAvailable`` when the credential says it (Europass: ECTS); `nil` for
    /// Open Badges, whose credits carry none.
    public var creditUnit: CreditUnit? = nil

    /// One kind of result the achievement records (a rubric, a grade scale, a level).
    public struct ResultDescription: Sendable, Hashable {
        public var id: String?
        public var name: String?
        public var resultType: String?
        /// The allowed values in order, lowest first as the issuer wrote them.
        public var allowedValues: [String]
        public var requiredValue: String?
        public var requiredLevel: String?
    }
}

/// An alignment to a skill in a framework (`targetUrl`, `targetCode`, `targetFramework`, `targetName`).
public struct OpenBadgesAlignment: Sendable, Hashable {
    public var targetName: String?
    public var targetURL: String?
    public var targetCode: String?
    public var targetFramework: String?
    public var targetDescription: String?
    public var targetType: String?
}

/// A result the learner got (OB 3.0 `result`).
public struct OpenBadgesResult: Sendable, Hashable {
    /// The `resultDescription` id it answers, if any.
    public var resultDescription: String?
    public var value: String?
    public var achievedLevel: String?
    public var status: String?
}

/// Evidence of the work (a URL, a narrative, or both).
public struct OpenBadgesEvidence: Sendable, Hashable {
    public var id: String?
    public var name: String?
    public var narrative: String?
    public var description: String?
}

/// A CLR association between two achievements or credentials (`isChildOf`, `precedes`, …).
public struct OpenBadgesAssociation: Sendable, Hashable {
    public var type: String
    public var source: String
    public var target: String

    public init(type: String, source: String, target: String) {
        self.type = type
        self.source = source
        self.target = target
    }
}

/// An OB 3.0 `credentialStatus` entry.
public struct CredentialStatusEntry: Sendable, Hashable {
    /// `1EdTechRevocationList`, `BitstringStatusListEntry`, `StatusList2021Entry`, …
    public var type: String
    public var id: String?
    /// Bitstring lists: the status-list credential's URL, the bit index and the purpose.
    public var statusListCredential: String?
    public var statusListIndex: Int?
    public var statusPurpose: String?
}

extension OpenBadgesCredential: CustomStringConvertible {
    public var description: String {
        "\(format.rawValue) \(id ?? "(no id)")" + (achievement.map { " for \"\($0.name)\"" } ?? "")
    }

    public static func == (lhs: OpenBadgesCredential, rhs: OpenBadgesCredential) -> Bool {
        lhs.document == rhs.document && lhs.verification == rhs.verification && lhs.nested == rhs.nested
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
    }
}
