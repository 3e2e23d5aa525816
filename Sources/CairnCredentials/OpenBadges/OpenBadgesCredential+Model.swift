public import CairnCore
import CairnSyntax

extension OpenBadgesCredential {
    /// The achievement as a Cairn badge class: id, name, issuer, type (`achievementType`
    /// lower-cased, else `skill`), alignments resolved to
    /// framework skills, tags, and `creditsAvailable` in the achievement's own unit (Europass:
    /// ECTS), else `creditUnit` (Open Badges 3.0 credits carry no unit: the catalogue or policy
    /// says which; ``CreditUnit/unspecified`` otherwise).
    public func badgeClass(creditUnit: CreditUnit? = nil) -> BadgeClass? {
        guard let achievement else { return nil }
        let issuer = achievement.issuer.map { $0.id.isEmpty ? self.issuer : $0 } ?? self.issuer
        return achievement.badgeClass(id: achievement.id, issuer: Issuer(id: issuer.id, name: issuer.name ?? issuer.id),
                                      creditUnit: creditUnit)
    }

    /// The credential as an earned badge of the class `classID`.
    ///
    /// `revoked` is what the status check found (the assertion's own `revoked` flag counts too).
    /// The expiry is the UTC date of `expires`/`validUntil`/`expirationDate`/`exp`.
    public func earnedBadge(classID: String, revoked: Bool, source: SourceLocation?) -> EarnedBadge {
        let result = results.first.flatMap { result -> BadgeResult? in
            if let value = result.value {
                return Rational(parsing: value).map(BadgeResult.number) ?? .label(value)
            }
            return (result.achievedLevel ?? result.status).map(BadgeResult.label)
        }
        var earned = EarnedBadge(badgeClassID: classID, issued: issued.date, expires: expires?.date,
                                 revoked: revoked || revokedInDocument, result: result,
                                 evidence: evidence.compactMap { $0.id ?? $0.narrative }, source: source)
        earned.credentialID = id
        return earned
    }
}

extension OpenBadgesAchievement {
    /// The achievement as a Cairn badge class named `id`: name, description, type
    /// (`achievementType` lower-cased, else `skill`), tags, alignments resolved to framework
    /// skills (``OpenBadgesAlignment/skillReference``), `creditsAvailable` in its own unit (an
    /// ELM credit point is ECTS), else `creditUnit`, else ``CreditUnit/unspecified``, the first result description's values as its
    /// result scale, and the criteria narrative.
    public func badgeClass(id: String, issuer: Issuer, creditUnit: CreditUnit?) -> BadgeClass {
        var badge = BadgeClass(
            id: id, name: name, issuer: issuer,
            type: achievementType.map { $0.lowercased() } ?? "skill",
            tags: tags,
            alignments: alignments.compactMap(\.skillReference),
            credits: creditsAvailable.map { Credits($0, self.creditUnit ?? creditUnit ?? .unspecified) },
            description: description,
            resultScale: resultDescriptions.first?.allowedValues ?? [])
        badge.criteria = criteriaNarrative
        badge.image = image
        return badge
    }
}
