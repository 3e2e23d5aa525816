import CairnCore
import CairnSyntax

extension EuropeanDigitalCredential {
    /// Reads a Europass credential — bare JSON-LD, or sealed in a JWS JSON serialization — as
    /// an ``OpenBadgesCredential`` of format ``OpenBadgesCredential/Format/europeanDigitalCredential``
    /// whose ``OpenBadgesCredential/nested`` credentials are its learning achievements, one
    /// badge each (like a CLR's), so that learner records, `verify` and `badges inspect` treat
    /// it as they treat Open Badges.
    ///
    /// - Throws: ``FormatErrors`` with the place of each problem.
    static func readCredential(_ json: JSONNode, file: String) throws(FormatErrors) -> OpenBadgesCredential {
        var document = json
        var verification = OpenBadgesCredential.Verification.none
        var place = file
        if JSONSerializedJWS.looksLikeJSONSerialization(json) {
            let jws: JSONSerializedJWS
            do { jws = try JSONSerializedJWS(json, file: file) } catch { throw FormatErrors(error) }
            place = file + " (JWS payload)"
            guard let payload = jws.payload else {
                throw FormatErrors(FormatError(location: SourceLocation(file: file), message: "the JWS payload is not base64url"))
            }
            do { document = try JSONParser.parse(payload, file: place) } catch { throw FormatErrors(error) }
            guard isEuropass(document) else {
                throw FormatErrors(FormatError(location: SourceLocation(file: place, line: document.line, column: document.column),
                                               message: "the JWS payload is not a EuropeanDigitalCredential"))
            }
            verification = .jwsJSON(jws)
        } else if json["proof"] != nil {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: json.line, column: json.column),
                                           message: "a Europass credential with an embedded \"proof\" is not read; "
                                           + "Cairn checks Europass seals in JWS JSON serialization (JAdES)"))
        }
        let reader = CredentialJSONReader(file: place)
        var notes: [String] = []
        let europass = read(document, reader: reader, notes: &notes)
        // Its status (revocation) is checked as an Open Badges credential's is: a status Cairn
        // cannot check leaves the credential uncounted unless --accept unverified.
        let status = OpenBadgesCredential.statusEntries(document, reader: reader)
        if !reader.problems.isEmpty { throw FormatErrors(reader.problems) }
        guard let europass else {
            throw FormatErrors(FormatError(location: reader.location(document), message: "expected a EuropeanDigitalCredential"))
        }
        var credential = europass.openBadgesCredential(document: document, verification: verification, notes: notes)
        credential.statusEntries = status
        return credential
    }

    /// The credential as an ``OpenBadgesCredential`` holding one nested badge per achievement.
    func openBadgesCredential(document: JSONNode, verification: OpenBadgesCredential.Verification,
                              notes: [String]) -> OpenBadgesCredential {
        let recipient = learner.email ?? learner.id
        let nested = achievements.enumerated().map { index, achievement in
            NestedCredential(index: index, credential: badge(achievement, recipient: recipient), problem: nil)
        }
        var credential = OpenBadgesCredential(
            format: .europeanDigitalCredential, id: id, types: types, name: title, issuer: issuer.profile,
            achievement: nil, recipient: recipient, issued: issued, expires: expires,
            revokedInDocument: false, revocationReason: nil, creditsEarned: nil, results: [], term: nil, evidence: [],
            statusEntries: [], verification: verification, nested: nested, listedAchievements: [],
            associations: associations, document: document)
        credential.europass = self
        credential.notes = notes
        return credential
    }

    /// `hasPart` as CLR-style associations: each part `isPartOf` its whole.
    var associations: [OpenBadgesAssociation] {
        achievements.compactMap { achievement in
            achievement.partOf.map { OpenBadgesAssociation(type: "isPartOf", source: achievement.id, target: $0) }
        }
    }

    /// One achievement as a badge: its specification's id is the achievement id a catalogue
    /// matches; its ECTS credit, ESCO skills, awarding body (else the issuer) and awarding date
    /// (else the credential's issue date) go with it.
    private func badge(_ achievement: Achievement, recipient: String?) -> OpenBadgesCredential {
        let specification = achievement.specification
        let awardedBy = achievement.awardingBodies.first { !$0.id.isEmpty } ?? issuer
        let alignments = (specification?.learningOutcomes ?? []).flatMap { outcome in
            outcome.escoSkills.map { skill in
                OpenBadgesAlignment(targetName: skill.label, targetURL: skill.id, targetCode: nil, targetFramework: "ESCO",
                                    targetDescription: outcome.title, targetType: "ceasn:Competency")
            }
        }
        var badge = OpenBadgesAchievement(
            id: achievement.achievementID, name: achievement.title ?? specification?.title ?? achievement.id,
            description: specification?.description, criteriaURL: nil,
            criteriaNarrative: specification.map { spec in
                spec.learningOutcomes.compactMap(\.title).joined(separator: "; ")
            }.flatMap { $0.isEmpty ? nil : $0 },
            alignments: alignments, creditsAvailable: specification?.ects, achievementType: nil, tags: [],
            resultDescriptions: [], issuer: awardedBy.profile, image: nil)
        if specification?.ects != nil { badge.creditUnit = .ects }
        var credential = OpenBadgesCredential(
            format: .europassAchievement, id: achievement.id, types: ["LearningAchievement"], name: achievement.title,
            issuer: awardedBy.profile, achievement: badge, recipient: recipient,
            issued: achievement.awardingDate ?? issued, expires: expires, revokedInDocument: false, revocationReason: nil,
            creditsEarned: nil, results: achievement.grade.map { [OpenBadgesResult(resultDescription: nil, value: $0,
                                                                                   achievedLevel: nil, status: nil)] } ?? [],
            term: nil, evidence: [], statusEntries: [], verification: .none, nested: [], listedAchievements: [],
            associations: achievement.partOf.map { [OpenBadgesAssociation(type: "isPartOf", source: achievement.id, target: $0)] } ?? [],
            document: JSONNode(.string(achievement.id)))
        credential.europass = nil
        return credential
    }
}

extension EuropeanDigitalCredential.Organisation {
    /// As an Open Badges issuer profile.
    var profile: OpenBadgesProfile { OpenBadgesProfile(id: id, name: name) }
}
