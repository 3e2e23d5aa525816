import CairnCore
import CairnSyntax

extension OpenBadgesCredential {
    /// Reads an Open Badges 2.0 Assertion (JSON-LD compact form as issued). The BadgeClass and
    /// Issuer may be embedded or referenced by URL; references are looked up in `documents`
    /// and, when absent, listed in ``unresolved``.
    static func readOpenBadges2(_ json: JSONNode, reader: CredentialJSONReader, documents: LocalDocuments,
                                signed token: String?) -> OpenBadgesCredential? {
        let types = reader.strings(json["type"], "type")
        if let other = types.first(where: { ["BadgeClass", "Issuer", "Profile", "CryptographicKey", "RevocationList"].contains($0) }) {
            reader.fail("this is an Open Badges 2.0 \(other), not an assertion; give the assertion "
                        + "(the documents it refers to are found by their id)", at: json)
            return nil
        }
        if !types.contains("Assertion") {
            reader.fail("an Open Badges 2.0 assertion must have type \"Assertion\", found \(types)", at: json)
        }
        let id = reader.string(json["id"], "id")
        let issued = reader.required(json, "issuedOn", in: "the assertion").flatMap { reader.timestamp($0, "issuedOn") }
        let expires = reader.timestamp(json["expires"], "expires")
        let recipient = json["recipient"].flatMap { node -> String? in
            guard node.members != nil else { return reader.string(node, "recipient") }
            return reader.string(node["identity"], "recipient.identity")
        }
        _ = reader.required(json, "recipient", in: "the assertion")
        var unresolved: [String] = []
        var achievement: OpenBadgesAchievement?
        var issuer: OpenBadgesProfile?
        if let badgeNode = reader.required(json, "badge", in: "the assertion"),
           let badge = resolve(badgeNode, "badge", reader: reader, documents: documents, unresolved: &unresolved) {
            achievement = badgeClass(badge, reader: reader)
            if let issuerNode = reader.required(badge, "issuer", in: "the BadgeClass") {
                issuer = resolve(issuerNode, "issuer", reader: reader, documents: documents, unresolved: &unresolved)
                    .map { profile($0, reader: reader) }
                    ?? reader.identifier(issuerNode, "issuer").map { OpenBadgesProfile(id: $0) }
            }
            achievement?.issuer = issuer
        }
        if let list = issuer?.revocationList, documents.document(for: list) == nil {
            unresolved.append("the issuer's revocation list \(list)")
        }
        let evidence = json["evidence"].map { node in
            node.asList.compactMap { element -> OpenBadgesEvidence? in
                if let url = element.string { return OpenBadgesEvidence(id: url) }
                guard element.members != nil else {
                    reader.fail("\"evidence\" must be a URL or an object, found \(element.kindDescription)", at: element)
                    return nil
                }
                return OpenBadgesEvidence(id: reader.string(element["id"], "evidence.id"),
                                          name: reader.text(element["name"], "evidence.name"),
                                          narrative: reader.text(element["narrative"], "evidence.narrative"),
                                          description: reader.text(element["description"], "evidence.description"))
            }
        } ?? []
        var verification = Verification.none
        if let verify = json["verification"] {
            let kind = reader.string(verify["type"], "verification.type")?.lowercased()
            if kind == "signed" || token != nil {
                verification = token.map { .jws(token: $0, creator: reader.string(verify["creator"], "verification.creator")) }
                    ?? .none
                if token == nil {
                    reader.fail("a signed assertion must be read from its JWS, not from plain JSON", at: verify)
                }
            } else if kind == "hosted" {
                verification = .hosted
            }
        } else if let token {
            verification = .jws(token: token, creator: nil)
        }
        let revoked = reader.bool(json["revoked"], "revoked") ?? false
        guard let issued else { return nil }
        var credential = OpenBadgesCredential(
            format: .openBadges2Assertion, id: id, types: types, name: nil,
            issuer: issuer ?? OpenBadgesProfile(id: ""), achievement: achievement, recipient: recipient,
            issued: issued, expires: expires, revokedInDocument: revoked,
            revocationReason: reader.string(json["revocationReason"], "revocationReason"),
            creditsEarned: nil, results: [], term: nil, evidence: evidence, statusEntries: [],
            verification: verification, nested: [], listedAchievements: [], associations: [],
            document: json)
        credential.recipientSalt = json["recipient"].flatMap { reader.string($0["salt"], "recipient.salt") }
        credential.unresolved = unresolved
        if let narrative = reader.text(json["narrative"], "narrative") {
            credential.evidence.insert(OpenBadgesEvidence(narrative: narrative), at: 0)
        }
        return credential
    }

    /// An embedded object, or the local document a URL names.
    static func resolve(_ node: JSONNode, _ key: String, reader: CredentialJSONReader,
                                documents: LocalDocuments, unresolved: inout [String]) -> JSONNode? {
        if node.members != nil, node["name"] != nil || node["type"] != nil { return node }
        guard let url = reader.identifier(node, key) else { return nil }
        guard let document = documents.document(for: url) else {
            unresolved.append("the \(key == "badge" ? "BadgeClass" : "Issuer") \(url)")
            return nil
        }
        return document.json
    }

    static func badgeClass(_ node: JSONNode, reader: CredentialJSONReader) -> OpenBadgesAchievement? {
        let id = reader.string(node["id"], "badge.id")
        let name = reader.required(node, "name", in: "the BadgeClass").flatMap { reader.text($0, "badge.name") }
        var criteriaURL: String?
        var narrative: String?
        if let criteria = node["criteria"] {
            if let url = criteria.string {
                criteriaURL = url
            } else {
                criteriaURL = reader.string(criteria["id"], "criteria.id")
                narrative = reader.text(criteria["narrative"], "criteria.narrative")
            }
        }
        let alignments = reader.objects(node["alignment"], "alignment").map { alignment($0, reader: reader) }
        guard let name else { return nil }
        return OpenBadgesAchievement(
            id: id ?? "", name: name, description: reader.text(node["description"], "description"),
            criteriaURL: criteriaURL, criteriaNarrative: narrative, alignments: alignments, creditsAvailable: nil,
            achievementType: nil, tags: reader.strings(node["tags"], "tags"), resultDescriptions: [], issuer: nil,
            image: imageURL(node["image"]))
    }

    static func profile(_ node: JSONNode, reader: CredentialJSONReader) -> OpenBadgesProfile {
        if let id = node.string { return OpenBadgesProfile(id: id) }
        return OpenBadgesProfile(
            id: reader.string(node["id"], "issuer.id") ?? "", name: reader.text(node["name"], "issuer.name"),
            url: reader.identifier(node["url"], "issuer.url"), email: reader.string(node["email"], "issuer.email"),
            publicKeys: (node["publicKey"]?.asList ?? []).compactMap { reader.identifier($0, "publicKey") },
            revocationList: reader.identifier(node["revocationList"], "revocationList"))
    }

    static func alignment(_ node: JSONNode, reader: CredentialJSONReader) -> OpenBadgesAlignment {
        OpenBadgesAlignment(targetName: reader.text(node["targetName"], "targetName"),
                            targetURL: reader.string(node["targetUrl"], "targetUrl"),
                            targetCode: reader.string(node["targetCode"], "targetCode"),
                            targetFramework: reader.text(node["targetFramework"], "targetFramework"),
                            targetDescription: reader.text(node["targetDescription"], "targetDescription"),
                            targetType: reader.string(node["targetType"], "targetType"))
    }

    static func imageURL(_ node: JSONNode?) -> String? {
        guard let node else { return nil }
        let url = node.string ?? node["id"]?.string
        // A data: URL is the picture itself; it is not worth showing as text.
        return url.map { $0.hasPrefix("data:") ? "(embedded image)" : $0 }
    }
}
