public import CairnCore

/// A Europass Digital Credential (European Learning Model 3, `EuropeanDigitalCredential`) as
/// Cairn reads it: who awarded what to whom, with the learning achievements it claims.
///
/// Only what Cairn uses or reports is kept: the achievements (`credentialSubject.hasClaim`,
/// and the parts they are made of, `hasPart`), their specifications (credit points, learning
/// outcomes with ESCO skills, EQF level, workload, mode), the learner, the issuer and the
/// awarding bodies. Concepts are kept as their URI and English (else first) label; nothing a
/// URI names is ever fetched.
public struct EuropeanDigitalCredential: Sendable, Hashable {
    /// The ECTS concept of the EU's education-credit scheme, as ELM 3 credit points name it.
    public static let ectsFramework = "http://data.europa.eu/snb/education-credit/6fcec5c5af"

    /// A SKOS concept: its URI and label.
    public struct Concept: Sendable, Hashable {
        public var id: String
        public var label: String?

        public init(id: String, label: String? = nil) {
            self.id = id
            self.label = label
        }

        /// The label, else the URI.
        public var text: String { label ?? id }
    }

    /// An organisation (issuer, awarding body).
    public struct Organisation: Sendable, Hashable {
        public var id: String
        /// `legalName`, else `altLabel`.
        public var name: String?
        /// The countries of its addresses (`location.address.countryCode`).
        public var countries: [Concept]
        /// Its accreditations (`accreditation`): the quality assurance behind it.
        public var accreditations: [Concept]
    }

    /// A credit point (`creditPoint`): a number of points in a framework.
    public struct CreditPoint: Sendable, Hashable {
        public var framework: Concept
        public var point: Rational
        /// Whether the framework is ECTS.
        public var isECTS: Bool { framework.id == EuropeanDigitalCredential.ectsFramework }
    }

    /// A learning outcome and the ESCO skills it names.
    public struct LearningOutcome: Sendable, Hashable {
        public var id: String?
        public var title: String?
        public var escoSkills: [Concept]
    }

    /// What an achievement is an instance of (`LearningAchievementSpecification`, `Qualification`).
    public struct Specification: Sendable, Hashable {
        public var id: String
        public var type: String?
        public var title: String?
        public var description: String?
        public var creditPoints: [CreditPoint]
        public var learningOutcomes: [LearningOutcome]
        /// `volumeOfLearning`, an ISO 8601 duration as written (`PT60H`).
        public var volumeOfLearning: String?
        /// `eqfLevel` (or an `educationLevel` in the EQF scheme): 1…8.
        public var eqfLevel: Int?
        /// `mode` (online, blended, in person…).
        public var modes: [Concept]
        /// `learningSetting` (formal, non-formal).
        public var learningSettings: [Concept]
        /// `accreditation`: the quality assurance behind the specification.
        public var accreditations: [Concept]

        /// The ECTS credit, when a credit point is in ECTS.
        public var ects: Rational? { creditPoints.first(where: \.isECTS)?.point }
    }

    /// One `LearningAchievement`.
    public struct Achievement: Sendable, Hashable {
        public var id: String
        public var title: String?
        public var specification: Specification?
        /// `awardedBy.awardingBody`.
        public var awardingBodies: [Organisation]
        /// `awardedBy.awardingDate`.
        public var awardingDate: OpenBadgesTimestamp?
        /// The assessments that prove it (`provenBy`): their type (`specifiedBy.dcType`), else title.
        public var assessments: [Concept]
        /// The grade of the first assessment (`provenBy.grade.noteLiteral`).
        public var grade: String?
        /// The achievement it is a part of (`hasPart` of another, or its own `isPartOf`).
        public var partOf: String?
        /// The ids of its parts (`hasPart`), in order.
        public var parts: [String]

        /// The id a badge catalogue knows it by: its specification's id, else its own.
        public var achievementID: String { specification?.id ?? id }
    }

    /// The learner (`credentialSubject`).
    public struct Learner: Sendable, Hashable {
        public var id: String?
        /// `fullName`, else `givenName familyName`.
        public var name: String?
        /// The e-mail of `contactPoint.emailAddress`, without `mailto:`.
        public var email: String?
    }

    public var id: String?
    public var types: [String]
    /// The credential's own title (`displayParameter.title`).
    public var title: String?
    public var issuer: Organisation
    public var learner: Learner
    /// `issued`, `issuanceDate` or `validFrom`.
    public var issued: OpenBadgesTimestamp
    /// `validUntil` or `expirationDate`.
    public var expires: OpenBadgesTimestamp?
    /// Every learning achievement: each claim, then its parts depth first.
    public var achievements: [Achievement]
    /// The types of claims that are not learning achievements (`LearningActivity`, …): kept for
    /// reports, never counted.
    public var otherClaims: [String]
    /// The ids of the achievements `hasClaim` names directly.
    public var claimIDs: [String]
}
