/// The mandatory elements of a micro-credential (Council Recommendation of 16 June 2022 on a
/// European approach to micro-credentials, Annex I, part I), found in a Europass credential:
/// which are present, with their value, and which are missing.
///
/// Where each lives in ELM 3 (as the Commission's Annex I sample writes it):
/// learner — `credentialSubject.fullName` (or given and family name, else its id); title — the
/// achievement's `title` (else its specification's); country of the issuer — `issuer.location.address.countryCode`;
/// awarding body — `awardedBy.awardingBody`; date of issue — `issuanceDate`/`issued`/`validFrom`
/// (else `awardingDate`); learning outcomes — `specifiedBy.learningOutcome`; workload —
/// `specifiedBy.creditPoint` in ECTS, else `volumeOfLearning`; level — `specifiedBy.eqfLevel`;
/// type of assessment — `provenBy.specifiedBy.dcType` (else its title); form of participation —
/// `specifiedBy.mode`; quality assurance — an `accreditation` of the specification, the awarding
/// body or the issuer.
public struct MicroCredentialElements: Sendable, Hashable {
    /// One element and what the credential says of it.
    public struct Element: Sendable, Hashable {
        /// The element as the Recommendation names it.
        public var name: String
        /// Where ELM 3 keeps it.
        public var property: String
        /// What the credential says, or `nil` when it says nothing.
        public var value: String?
        public var isPresent: Bool { value != nil }
    }

    /// The achievement the elements are of.
    public var achievementID: String
    public var title: String?
    public var elements: [Element]

    /// The names of the elements the credential lacks.
    public var missing: [String] { elements.filter { !$0.isPresent }.map(\.name) }

    public init(credential: EuropeanDigitalCredential, achievement: EuropeanDigitalCredential.Achievement) {
        let specification = achievement.specification
        let awarding = achievement.awardingBodies.compactMap { $0.name ?? ($0.id.isEmpty ? nil : $0.id) }
        let countries = credential.issuer.countries.map(\.text)
        let outcomes = specification?.learningOutcomes.compactMap(\.title) ?? []
        let workload = specification?.ects.map { "\($0) ECTS" }
            ?? specification?.volumeOfLearning.map { "\($0) (volume of learning; no ECTS credit point)" }
        let assurance = (specification?.accreditations ?? []) + achievement.awardingBodies.flatMap(\.accreditations)
            + credential.issuer.accreditations
        func list(_ values: [String]) -> String? { values.isEmpty ? nil : values.joined(separator: "; ") }
        achievementID = achievement.id
        title = achievement.title ?? specification?.title
        elements = [
            Element(name: "Identification of the learner", property: "credentialSubject.fullName",
                    value: credential.learner.name ?? credential.learner.id),
            Element(name: "Title of the micro-credential", property: "hasClaim.title", value: title),
            Element(name: "Country/region of the issuer", property: "issuer.location.address.countryCode", value: list(countries)),
            Element(name: "Awarding body", property: "hasClaim.awardedBy.awardingBody", value: list(awarding)),
            Element(name: "Date of issuing", property: "issuanceDate, issued or validFrom",
                    value: credential.issued.text),
            Element(name: "Learning outcomes", property: "specifiedBy.learningOutcome", value: list(outcomes)),
            Element(name: "Notional workload (ECTS)", property: "specifiedBy.creditPoint, else volumeOfLearning", value: workload),
            Element(name: "Level (EQF)", property: "specifiedBy.eqfLevel", value: specification?.eqfLevel.map { "EQF level \($0)" }),
            Element(name: "Type of assessment", property: "hasClaim.provenBy.specifiedBy.dcType",
                    value: list(achievement.assessments.map(\.text))),
            Element(name: "Form of participation", property: "specifiedBy.mode",
                    value: list((specification?.modes ?? []).map(\.text))),
            Element(name: "Type of quality assurance", property: "accreditation of the specification, awarding body or issuer",
                    value: list(assurance.map(\.text))),
        ]
    }
}

extension EuropeanDigitalCredential {
    /// The micro-credential elements of each claimed achievement (`hasClaim`, not its parts).
    public var microCredentialElements: [MicroCredentialElements] {
        claimIDs.compactMap { id in
            achievements.first { $0.id == id }.map { MicroCredentialElements(credential: self, achievement: $0) }
        }
    }
}
