import CairnCore
import CairnSyntax

extension EuropeanDigitalCredential {
    /// At most this many learning achievements are read from one credential: a transcript has
    /// dozens; more is a file made to exhaust the reader.
    public static let maximumAchievements = 1_000
    /// At most this many levels of `hasPart` under a claim.
    public static let maximumPartDepth = 32

    /// Whether `json` is typed `EuropeanDigitalCredential`.
    static func isEuropass(_ json: JSONNode) -> Bool {
        (json["type"]?.asList ?? []).compactMap(\.string).contains("EuropeanDigitalCredential")
    }

    /// Reads a credential, recording every problem with its place in `reader`; `nil` when
    /// there is too little to go on. `notes` gets what is read but not used (a credit point in
    /// another framework than ECTS), with its place.
    static func read(_ json: JSONNode, reader: CredentialJSONReader, notes: inout [String]) -> EuropeanDigitalCredential? {
        let types = reader.strings(json["type"], "type")
        guard types.contains("EuropeanDigitalCredential") else {
            reader.fail("expected a credential of type EuropeanDigitalCredential, found type \(types)", at: json["type"] ?? json)
            return nil
        }
        let issuer = reader.required(json, "issuer", in: "the credential").map { organisation($0, "issuer", reader: reader) }
        let issued = reader.timestamp(json["issued"], "issued") ?? reader.timestamp(json["issuanceDate"], "issuanceDate")
            ?? reader.timestamp(json["validFrom"], "validFrom")
        if json["issued"] == nil, json["issuanceDate"] == nil, json["validFrom"] == nil {
            reader.fail("the credential has no \"issuanceDate\", \"issued\" or \"validFrom\"", at: json)
        }
        let expires = reader.timestamp(json["validUntil"], "validUntil") ?? reader.timestamp(json["expirationDate"], "expirationDate")
        guard let subject = reader.required(json, "credentialSubject", in: "the credential") else { return nil }
        guard subject.members != nil else {
            reader.fail("\"credentialSubject\" must be an object, found \(subject.kindDescription)", at: subject)
            return nil
        }
        var walk = AchievementWalk(reader: reader)
        if let claims = reader.required(subject, "hasClaim", in: "the credentialSubject") {
            for claim in claims.asList {
                guard claim.members != nil else {
                    reader.fail("\"hasClaim\" must hold claim objects, found \(claim.kindDescription)", at: claim)
                    continue
                }
                if let id = walk.read(claim, partOf: nil, depth: 0) { walk.claimIDs.append(id) }
            }
        }
        notes += walk.notes
        guard let issuer, let issued else { return nil }
        let learner = Learner(
            id: reader.string(subject["id"], "credentialSubject.id"),
            name: reader.text(subject["fullName"], "fullName") ?? {
                let parts = [reader.text(subject["givenName"], "givenName"), reader.text(subject["familyName"], "familyName")]
                    .compactMap { $0 }
                return parts.isEmpty ? nil : parts.joined(separator: " ")
            }(),
            email: reader.objects(subject["contactPoint"], "contactPoint").lazy
                .compactMap { reader.identifier($0["emailAddress"], "emailAddress") }
                .map { $0.hasPrefix("mailto:") ? String($0.dropFirst(7)) : $0 }.first)
        let title = json["displayParameter"].flatMap { reader.text($0["title"], "displayParameter.title") }
        return EuropeanDigitalCredential(
            id: reader.string(json["id"], "id"), types: types, title: title, issuer: issuer, learner: learner,
            issued: issued, expires: expires, achievements: walk.achievements, otherClaims: walk.otherClaims,
            claimIDs: walk.claimIDs)
    }

    /// A concept written as its URI or as an object with `id` and `prefLabel`.
    static func concept(_ node: JSONNode, _ key: String, reader: CredentialJSONReader) -> Concept? {
        if let id = node.string { return Concept(id: id) }
        guard node.members != nil else {
            reader.fail("\"\(key)\" must be a concept (a URI or an object with an id), found \(node.kindDescription)", at: node)
            return nil
        }
        guard let id = reader.required(node, "id", in: "the \"\(key)\" concept").flatMap({ reader.string($0, "\(key).id") }) else {
            return nil
        }
        return Concept(id: id, label: reader.text(node["prefLabel"], "\(key).prefLabel"))
    }

    static func concepts(_ node: JSONNode?, _ key: String, reader: CredentialJSONReader) -> [Concept] {
        guard let node, !node.isNull else { return [] }
        return node.asList.compactMap { concept($0, key, reader: reader) }
    }

    static func organisation(_ node: JSONNode, _ key: String, reader: CredentialJSONReader) -> Organisation {
        if let id = node.string { return Organisation(id: id, name: nil, countries: [], accreditations: []) }
        guard node.members != nil else {
            reader.fail("\"\(key)\" must be an organisation (an id or an object), found \(node.kindDescription)", at: node)
            return Organisation(id: "", name: nil, countries: [], accreditations: [])
        }
        let countries = reader.objects(node["location"], "\(key).location").flatMap { location in
            reader.objects(location["address"], "\(key).location.address").flatMap { address in
                concepts(address["countryCode"], "countryCode", reader: reader)
            }
        }
        return Organisation(
            id: reader.string(node["id"], "\(key).id") ?? "",
            name: reader.text(node["legalName"], "\(key).legalName") ?? reader.text(node["altLabel"], "\(key).altLabel"),
            countries: countries, accreditations: accreditations(node["accreditation"], reader: reader))
    }

    /// `accreditation`: each as its id and title (else its type's label).
    static func accreditations(_ node: JSONNode?, reader: CredentialJSONReader) -> [Concept] {
        guard let node, !node.isNull else { return [] }
        return node.asList.compactMap { accreditation in
            if let id = accreditation.string { return Concept(id: id) }
            guard accreditation.members != nil else {
                reader.fail("\"accreditation\" must be an id or an Accreditation object, found \(accreditation.kindDescription)",
                            at: accreditation)
                return nil
            }
            let type = accreditation["dcType"].flatMap { concept($0, "accreditation.dcType", reader: reader) }
            return Concept(id: reader.string(accreditation["id"], "accreditation.id") ?? "",
                           label: reader.text(accreditation["title"], "accreditation.title") ?? type?.label)
        }
    }
}

/// Reads the achievements of `hasClaim` and their `hasPart`s, depth first, guarding against
/// cycles (an achievement among its own parts), depth and count.
private struct AchievementWalk {
    let reader: CredentialJSONReader
    var achievements: [EuropeanDigitalCredential.Achievement] = []
    var otherClaims: [String] = []
    var claimIDs: [String] = []
    var notes: [String] = []
    /// The ids of the achievements being read, outermost first.
    private var path: [String] = []
    private var read: Set<String> = []

    init(reader: CredentialJSONReader) {
        self.reader = reader
    }

    /// Reads `node` and its parts; returns its id (also for one already read, or a cycle).
    mutating func read(_ node: JSONNode, partOf parent: String?, depth: Int) -> String? {
        let types = reader.strings(node["type"], "type")
        guard types.contains("LearningAchievement") else {
            if parent == nil {
                otherClaims.append(types.first ?? "(untyped)")
            } else {
                reader.fail("\"hasPart\" of a LearningAchievement must hold LearningAchievements, found type \(types)",
                            at: node["type"] ?? node)
            }
            return nil
        }
        guard let id = reader.required(node, "id", in: "the LearningAchievement").flatMap({ reader.string($0, "id") }) else {
            return nil
        }
        if path.contains(id) {
            reader.fail("\"hasPart\" makes a cycle: " + (path + [id]).joined(separator: " → "), at: node)
            return id
        }
        if read.contains(id) { return id }
        guard depth <= EuropeanDigitalCredential.maximumPartDepth else {
            reader.fail("\"hasPart\" is nested more than \(EuropeanDigitalCredential.maximumPartDepth) levels deep", at: node)
            return nil
        }
        guard achievements.count < EuropeanDigitalCredential.maximumAchievements else {
            reader.fail("the credential holds more than \(EuropeanDigitalCredential.maximumAchievements.groupedDigits) learning achievements",
                        at: node)
            return nil
        }
        read.insert(id)
        let index = achievements.count
        achievements.append(achievement(node, id: id, partOf: parent ?? reader.identifier(node["isPartOf"], "isPartOf")))
        path.append(id)
        var parts: [String] = []
        for part in node["hasPart"]?.asList ?? [] {
            if let reference = part.string {
                parts.append(reference)
            } else if part.members != nil {
                if let partID = read(part, partOf: id, depth: depth + 1) { parts.append(partID) }
            } else {
                reader.fail("\"hasPart\" must hold LearningAchievements or their ids, found \(part.kindDescription)", at: part)
            }
        }
        path.removeLast()
        achievements[index].parts = parts
        return id
    }

    private mutating func achievement(_ node: JSONNode, id: String, partOf: String?) -> EuropeanDigitalCredential.Achievement {
        let reader = self.reader
        let awarding = reader.objects(node["awardedBy"], "awardedBy")
        let assessments = reader.objects(node["provenBy"], "provenBy")
        var specification: EuropeanDigitalCredential.Specification?
        if let specifiedBy = node["specifiedBy"] {
            if let first = specifiedBy.asList.first, first.members != nil {
                specification = self.specification(first)
            } else {
                if let id = specifiedBy.string ?? specifiedBy.asList.first?.string {
                    specification = EuropeanDigitalCredential.Specification(
                        id: id, type: nil, title: nil, description: nil, creditPoints: [], learningOutcomes: [],
                        volumeOfLearning: nil, eqfLevel: nil, modes: [], learningSettings: [], accreditations: [])
                } else {
                    reader.fail("\"specifiedBy\" must be a specification object or its id, found \(specifiedBy.kindDescription)",
                                at: specifiedBy)
                }
            }
        }
        return EuropeanDigitalCredential.Achievement(
            id: id, title: reader.text(node["title"], "title"), specification: specification,
            awardingBodies: awarding.flatMap { process in
                (process["awardingBody"]?.asList ?? []).map { EuropeanDigitalCredential.organisation($0, "awardingBody", reader: reader) }
            },
            awardingDate: awarding.compactMap { reader.timestamp($0["awardingDate"], "awardingDate") }.first,
            assessments: assessments.compactMap { assessment in
                let spec = assessment["specifiedBy"]?.asList.first
                let type = spec?["dcType"].flatMap { EuropeanDigitalCredential.concept($0, "dcType", reader: reader) }
                let title = reader.text(spec?["title"] ?? assessment["title"], "title")
                return type ?? title.map { EuropeanDigitalCredential.Concept(id: reader.string(assessment["id"], "id") ?? "", label: $0) }
            },
            grade: assessments.compactMap { assessment in
                assessment["grade"].flatMap { grade in
                    grade.string ?? reader.text(grade["noteLiteral"], "grade.noteLiteral")
                }
            }.first,
            partOf: partOf, parts: [])
    }

    private mutating func specification(_ node: JSONNode) -> EuropeanDigitalCredential.Specification? {
        guard let id = reader.required(node, "id", in: "the achievement's specification").flatMap({ reader.string($0, "specifiedBy.id") })
        else { return nil }
        var points: [EuropeanDigitalCredential.CreditPoint] = []
        for credit in reader.objects(node["creditPoint"], "creditPoint") {
            let framework = reader.required(credit, "framework", in: "the creditPoint")
                .flatMap { EuropeanDigitalCredential.concept($0, "framework", reader: reader) }
            let point = reader.required(credit, "point", in: "the creditPoint").flatMap { reader.credits($0, "point") }
            guard let framework, let point else { continue }
            let value = EuropeanDigitalCredential.CreditPoint(framework: framework, point: point)
            if !value.isECTS {
                notes.append("\(reader.location(credit)): \(point) credit points in \(framework.text) <\(framework.id)> "
                             + "are not ECTS; Cairn counts ECTS only")
            }
            points.append(value)
        }
        var eqf: Int?
        let levels = EuropeanDigitalCredential.concepts(node["eqfLevel"], "eqfLevel", reader: reader)
            + EuropeanDigitalCredential.concepts(node["educationLevel"], "educationLevel", reader: reader)
                .filter { $0.id.contains("/snb/eqf/") }
        if let level = levels.first {
            let last = level.id.split(separator: "/").last.map(String.init) ?? ""
            if let number = Int(last), (1...8).contains(number) {
                eqf = number
            } else {
                reader.fail("the EQF level must be a concept http://data.europa.eu/snb/eqf/1 … /8, found \(level.id)",
                            at: node["eqfLevel"] ?? node["educationLevel"] ?? node)
            }
        }
        let outcomes = reader.objects(node["learningOutcome"], "learningOutcome").map { outcome in
            EuropeanDigitalCredential.LearningOutcome(
                id: reader.string(outcome["id"], "learningOutcome.id"), title: reader.text(outcome["title"], "learningOutcome.title"),
                escoSkills: EuropeanDigitalCredential.concepts(outcome["relatedESCOSkill"], "relatedESCOSkill", reader: reader))
        }
        return EuropeanDigitalCredential.Specification(
            id: id, type: reader.strings(node["type"], "specifiedBy.type").first,
            title: reader.text(node["title"], "specifiedBy.title"), description: reader.text(node["description"], "description"),
            creditPoints: points, learningOutcomes: outcomes,
            volumeOfLearning: reader.string(node["volumeOfLearning"], "volumeOfLearning"), eqfLevel: eqf,
            modes: EuropeanDigitalCredential.concepts(node["mode"], "mode", reader: reader),
            learningSettings: EuropeanDigitalCredential.concepts(node["learningSetting"], "learningSetting", reader: reader),
            accreditations: EuropeanDigitalCredential.accreditations(node["accreditation"], reader: reader))
    }
}
