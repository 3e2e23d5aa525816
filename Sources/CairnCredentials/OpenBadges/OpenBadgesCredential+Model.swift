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
        return BadgeClass(
            id: achievement.id, name: achievement.name,
            issuer: Issuer(id: issuer.id, name: issuer.name ?? issuer.id),
            type: achievement.achievementType.map { $0.lowercased() } ?? "skill",
            tags: achievement.tags,
            alignments: achievement.alignments.compactMap(\.skillReference),
            credits: achievement.creditsAvailable.map { Credits($0, achievement.creditUnit ?? creditUnit ?? .unspecified) },
            description: achievement.description,
            resultScale: achievement.resultDescriptions.first?.allowedValues ?? [])
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
