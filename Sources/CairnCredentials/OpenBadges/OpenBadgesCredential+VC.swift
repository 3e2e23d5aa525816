import CairnCore
import CairnSyntax

extension OpenBadgesCredential {
    /// The JWT claims that stand for credential fields in a VC-JWT (VC Data Model 1.1 §6.3.1).
    struct JWTClaims {
        var token: String
        var notBefore: OpenBadgesTimestamp?
        var expires: OpenBadgesTimestamp?
        var issuer: String?
        var id: String?
    }

    /// Reads an OB 3.0 `OpenBadgeCredential`/`AchievementCredential`, a CLR 2.0 `ClrCredential`
    /// or an OB 3.0 `EndorsementCredential`, in the VC 2.0 (`validFrom`/`validUntil`) or VC 1.1
    /// (`issuanceDate`/`expirationDate`) form. `jwt` carries a VC-JWT's registered claims.
    static func readVerifiableCredential(_ json: JSONNode, reader: CredentialJSONReader, jwt: JWTClaims?,
                                         nestedReader: (JSONNode, Int) -> NestedCredential) -> OpenBadgesCredential? {
        let types = reader.strings(json["type"], "type")
        let format: Format
        if types.contains("ClrCredential") {
            format = .clr2Credential
        } else if types.contains("EndorsementCredential") {
            format = .endorsementCredential
        } else if types.contains("OpenBadgeCredential") || types.contains("AchievementCredential") {
            format = .openBadges3Credential
        } else {
            reader.fail("expected a credential of type OpenBadgeCredential, AchievementCredential, ClrCredential "
                        + "or EndorsementCredential, found type \(types)", at: json["type"] ?? json)
            return nil
        }
        if !types.contains("VerifiableCredential") {
            reader.fail("a verifiable credential's type must include \"VerifiableCredential\"", at: json["type"] ?? json)
        }
        let contexts = reader.strings(json["@context"], "@context")
        if json["@context"] != nil, let first = contexts.first,
           first != "https://www.w3.org/ns/credentials/v2", first != "https://www.w3.org/2018/credentials/v1" {
            reader.fail("the first @context must be the VC 2.0 or VC 1.1 context, found \"\(first)\"", at: json["@context"] ?? json)
        }
        let issuerNode = json["issuer"]
        var issuer = issuerNode.map { node -> OpenBadgesProfile in
            guard node.string == nil else { return OpenBadgesProfile(id: node.string ?? "") }
            guard node.members != nil else {
                reader.fail("\"issuer\" must be an id or a profile object, found \(node.kindDescription)", at: node)
                return OpenBadgesProfile(id: "")
            }
            return profile(node, reader: reader)
        }
        if issuer == nil, let claimed = jwt?.issuer { issuer = OpenBadgesProfile(id: claimed) }
        if issuer == nil { reader.fail("the credential has no \"issuer\"", at: json) }

        let issued = reader.timestamp(json["validFrom"], "validFrom")
            ?? reader.timestamp(json["issuanceDate"], "issuanceDate")
            ?? jwt?.notBefore
        if issued == nil, json["validFrom"] == nil, json["issuanceDate"] == nil {
            reader.fail("the credential has no \"validFrom\" (VC 2.0) or \"issuanceDate\" (VC 1.1)", at: json)
        }
        let expires = reader.timestamp(json["validUntil"], "validUntil")
            ?? reader.timestamp(json["expirationDate"], "expirationDate")
            ?? jwt?.expires

        guard let subject = reader.required(json, "credentialSubject", in: "the credential") else { return nil }
        if subject.members == nil {
            reader.fail("\"credentialSubject\" must be an object, found \(subject.kindDescription)", at: subject)
            return nil
        }
        var achievement: OpenBadgesAchievement?
        if let node = subject["achievement"], format != .clr2Credential {
            if node.members != nil {
                achievement = self.achievement(node, reader: reader)
            } else {
                reader.fail("\"credentialSubject.achievement\" must be an object, found \(node.kindDescription)", at: node)
            }
        }
        let results = reader.objects(subject["result"], "result").map { node in
            OpenBadgesResult(resultDescription: reader.identifier(node["resultDescription"], "resultDescription"),
                             value: scalarText(node["value"], "value", reader: reader),
                             achievedLevel: reader.identifier(node["achievedLevel"], "achievedLevel"),
                             status: reader.string(node["status"], "status"))
        }
        let evidence = reader.objects(json["evidence"], "evidence").map { node in
            OpenBadgesEvidence(id: reader.string(node["id"], "evidence.id"), name: reader.text(node["name"], "evidence.name"),
                               narrative: reader.text(node["narrative"], "evidence.narrative"),
                               description: reader.text(node["description"], "evidence.description"))
        }
        let status = statusEntries(json, reader: reader)
        var nested: [NestedCredential] = []
        var listed: [OpenBadgesAchievement] = []
        var associations: [OpenBadgesAssociation] = []
        if format == .clr2Credential {
            nested = (subject["verifiableCredential"]?.asList ?? []).enumerated().map { nestedReader($1, $0) }
            listed = reader.objects(subject["achievement"], "achievement").compactMap { OpenBadgesCredential.achievement($0, reader: reader) }
            associations = reader.objects(subject["association"], "association").compactMap { node in
                guard let type = reader.string(node["associationType"], "associationType"),
                      let source = reader.string(node["sourceId"], "sourceId"),
                      let target = reader.string(node["targetId"], "targetId") else {
                    reader.fail("an association needs associationType, sourceId and targetId", at: node)
                    return nil
                }
                return OpenBadgesAssociation(type: type, source: source, target: target)
            }
        }
        var verification = Verification.none
        if let jwt {
            verification = .jws(token: jwt.token, creator: nil)
        } else if let proof = json["proof"] {
            verification = .embeddedProof(count: proof.asList.count)
        }
        guard let issuer, let issued else { return nil }
        var credential = OpenBadgesCredential(
            format: format, id: reader.string(json["id"], "id") ?? jwt?.id, types: types,
            name: reader.text(json["name"], "name"), issuer: issuer, achievement: achievement,
            recipient: reader.string(subject["id"], "credentialSubject.id")
                ?? subject["identifier"].flatMap { reader.string($0.asList.first?["identityHash"], "identifier.identityHash") },
            issued: issued, expires: expires,
            revokedInDocument: false, revocationReason: nil,
            creditsEarned: reader.credits(subject["creditsEarned"], "creditsEarned"), results: results,
            term: reader.string(subject["term"], "term"), evidence: evidence, statusEntries: status,
            verification: verification, nested: nested, listedAchievements: listed, associations: associations,
            document: json)
        if subject["id"] == nil, let identifier = subject["identifier"]?.asList.first {
            credential.recipientSalt = reader.string(identifier["salt"], "identifier.salt")
        }
        if format == .endorsementCredential {
            credential.endorsement = Endorsement(subject: reader.string(subject["id"], "credentialSubject.id") ?? "",
                                                 comment: reader.text(subject["endorsementComment"], "endorsementComment"))
        }
        return credential
    }

    /// A verifiable credential's `credentialStatus` entries (one object or a list).
    static func statusEntries(_ json: JSONNode, reader: CredentialJSONReader) -> [CredentialStatusEntry] {
        reader.objects(json["credentialStatus"], "credentialStatus").map { node in
            CredentialStatusEntry(type: reader.strings(node["type"], "credentialStatus.type").first ?? "",
                                  id: reader.string(node["id"], "credentialStatus.id"),
                                  statusListCredential: reader.string(node["statusListCredential"], "statusListCredential"),
                                  statusListIndex: reader.integer(node["statusListIndex"], "statusListIndex"),
                                  statusPurpose: reader.string(node["statusPurpose"], "statusPurpose"))
        }
    }

    static func achievement(_ node: JSONNode, reader: CredentialJSONReader) -> OpenBadgesAchievement? {
        let id = reader.string(node["id"], "achievement.id")
        let name = reader.required(node, "name", in: "the achievement").flatMap { reader.text($0, "achievement.name") }
        let criteria = node["criteria"]
        let resultDescriptions = reader.objects(node["resultDescription"], "resultDescription").map { item in
            OpenBadgesAchievement.ResultDescription(
                id: reader.string(item["id"], "resultDescription.id"),
                name: reader.text(item["name"], "resultDescription.name"),
                resultType: reader.string(item["resultType"], "resultType"),
                allowedValues: reader.strings(item["allowedValue"], "allowedValue")
                    + reader.objects(item["rubricCriterionLevel"], "rubricCriterionLevel").compactMap {
                        reader.text($0["name"], "rubricCriterionLevel.name")
                    },
                requiredValue: scalarText(item["requiredValue"], "requiredValue", reader: reader),
                requiredLevel: reader.identifier(item["requiredLevel"], "requiredLevel"))
        }
        guard let name else { return nil }
        if id == nil { reader.fail("the achievement has no \"id\"", at: node) }
        return OpenBadgesAchievement(
            id: id ?? "", name: name, description: reader.text(node["description"], "achievement.description"),
            criteriaURL: criteria.flatMap { reader.string($0["id"], "criteria.id") },
            criteriaNarrative: criteria.flatMap { reader.text($0["narrative"], "criteria.narrative") },
            alignments: reader.objects(node["alignment"], "alignment").map { alignment($0, reader: reader) },
            creditsAvailable: reader.credits(node["creditsAvailable"], "creditsAvailable"),
            achievementType: reader.string(node["achievementType"], "achievementType"),
            tags: reader.strings(node["tag"], "tag"), resultDescriptions: resultDescriptions,
            issuer: node["creator"].map { profile($0, reader: reader) }, image: imageURL(node["image"]))
    }

    /// A value that issuers write as a string or a number (`"B+"`, `92`).
    private static func scalarText(_ node: JSONNode?, _ key: String, reader: CredentialJSONReader) -> String? {
        guard let node, !node.isNull else { return nil }
        if let number = node.numberText { return number }
        return reader.string(node, key)
    }
}
