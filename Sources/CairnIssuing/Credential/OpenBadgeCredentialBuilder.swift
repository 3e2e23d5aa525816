public import CairnCore
public import CairnSyntax

/// Writes the Open Badges 3.0 `OpenBadgeCredential` for a completed stack, unsigned.
///
/// Every property it writes is a term of the contexts it names (VC 2.0 and OB 3.0.3), so that
/// JSON-LD expansion keeps all of it and a Data Integrity proof signs all of it: a property the
/// contexts do not define would be dropped by expansion and could then be changed without
/// breaking the proof.
public struct OpenBadgeCredentialBuilder: Sendable {
    /// The contexts of every credential Cairn issues (all bundled, so signing never needs the network).
    public static let contexts = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        // Defines `1EdTechJsonSchemaValidator2019`, the type of `credentialSchema`: without it the
        // type would be a relative IRI that JSON-LD processors treat differently.
        "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
    ]
    /// The 1EdTech JSON Schema an issued credential follows (named in `credentialSchema`).
    public static let schemaURL =
        "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

    /// The issuer as the credential names it: the catalogue's issuer of the awarded class.
    public var issuer: Issuer
    /// A `BitstringStatusListEntry` for the credential: its list's URL and its index there.
    public var status: (list: String, index: Int)?

    public init(issuer: Issuer, status: (list: String, index: Int)? = nil) {
        self.issuer = issuer
        self.status = status
    }

    /// The credential for `completion`.
    ///
    /// - Parameters:
    ///   - id: the credential's id (`urn:uuid:…`).
    ///   - recipient: who the credential names.
    ///   - awardedAt: when it is issued, as an XML Schema date-time (`2026-12-06T10:00:00Z`).
    ///   - result: the learner's result on the awarded class's scale, when the issuer gives one.
    ///   - catalog: for the names of aligned skills.
    public func credential(for completion: StackCompletion, id: String, recipient: CredentialRecipient,
                           awardedAt: String, result: String? = nil, catalog: Catalog) -> JSONValue {
        let awarded = completion.awarded
        var members: [(String, JSONValue)] = [
            ("@context", .array(Self.contexts.map(JSONValue.string))),
            ("id", .string(id)),
            ("type", .array([.string("VerifiableCredential"), .string("OpenBadgeCredential")])),
            ("issuer", .object([("id", .string(issuer.id)), ("type", .array([.string("Profile")])),
                                ("name", .string(issuer.name))])),
            ("validFrom", .string(Self.timestamp(completion.completedOn))),
        ]
        if let until = completion.validUntil { members.append(("validUntil", .string(Self.timestamp(until)))) }
        members += [
            ("awardedDate", .string(awardedAt)),
            ("name", .string(awarded.name)),
            ("credentialSubject", subject(completion, recipient: recipient, result: result, catalog: catalog)),
        ]
        if !completion.components.isEmpty {
            members.append(("evidence", .array(completion.components.map(Self.evidence))))
        }
        if let status {
            members.append(("credentialStatus", .object([
                ("id", .string("\(status.list)#\(status.index)")),
                ("type", .string("BitstringStatusListEntry")),
                ("statusPurpose", .string("revocation")),
                ("statusListIndex", .string(String(status.index))),
                ("statusListCredential", .string(status.list)),
            ])))
        }
        members.append(("credentialSchema", .array([.object([
            ("id", .string(Self.schemaURL)), ("type", .string("1EdTechJsonSchemaValidator2019")),
        ])])))
        return .object(members)
    }

    /// The achievement's id: the awarded class's first Open Badges id, else one under the issuer's URL.
    public func achievementID(of badgeClass: BadgeClass) -> String {
        if let first = badgeClass.achievementIDs.first { return first }
        let base = issuer.id.hasSuffix("/") ? String(issuer.id.dropLast()) : issuer.id
        if base.hasPrefix("https://") || base.hasPrefix("http://") { return "\(base)/achievements/\(badgeClass.id)" }
        return "urn:cairn:achievement:\(badgeClass.id)"
    }

    private func subject(_ completion: StackCompletion, recipient: CredentialRecipient, result: String?,
                         catalog: Catalog) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if case .did(let did) = recipient { members.append(("id", .string(did))) }
        members.append(("type", .array([.string("AchievementSubject")])))
        if let hash = recipient.identityHash, let type = recipient.identityType {
            var identity: [(String, JSONValue)] = [
                ("type", .string("IdentityObject")), ("hashed", .bool(true)),
                ("identityHash", .string(hash)), ("identityType", .string(type)),
            ]
            if let salt = recipient.salt { identity.append(("salt", .string(salt))) }
            members.append(("identifier", .array([.object(identity)])))
        }
        let credits = completion.pathway.credits ?? completion.awarded.credits
        if let credits { members.append(("creditsEarned", .number(credits.value))) }
        members.append(("achievement", achievement(completion, credits: credits, catalog: catalog)))
        if let result, !completion.awarded.resultScale.isEmpty {
            members.append(("result", .array([.object([
                ("type", .array([.string("Result")])),
                ("resultDescription", .string(resultDescriptionID(completion.awarded))),
                ("value", .string(result)),
            ])])))
        }
        return .object(members)
    }

    private func resultDescriptionID(_ badgeClass: BadgeClass) -> String {
        achievementID(of: badgeClass) + "#result"
    }

    private func achievement(_ completion: StackCompletion, credits: Credits?, catalog: Catalog) -> JSONValue {
        let awarded = completion.awarded
        var description = awarded.description ?? "Awarded for completing \(completion.pathway.title)."
        if let credits { description += " Worth \(credits.value) \(credits.unit.name)." }
        var members: [(String, JSONValue)] = [
            ("id", .string(achievementID(of: awarded))),
            ("type", .array([.string("Achievement")])),
            ("achievementType", .string(Self.achievementType(awarded.type))),
            ("name", .string(awarded.name)),
            ("description", .string(description)),
            ("criteria", .object([("narrative", .string(completion.criteria))])),
        ]
        if let image = awarded.image {
            members.append(("image", .object([("id", .string(image)), ("type", .string("Image"))])))
        }
        let alignments = Self.alignments(of: completion, catalog: catalog).compactMap { Self.alignment($0, catalog: catalog) }
        if !alignments.isEmpty { members.append(("alignment", .array(alignments))) }
        if let credits { members.append(("creditsAvailable", .number(credits.value))) }
        if !awarded.tags.isEmpty { members.append(("tag", .array(awarded.tags.map(JSONValue.string)))) }
        if let version = completion.pathway.version { members.append(("version", .string(version))) }
        if !awarded.resultScale.isEmpty {
            members.append(("resultDescription", .array([.object([
                ("id", .string(resultDescriptionID(awarded))),
                ("type", .array([.string("ResultDescription")])),
                ("name", .string("Result")),
                ("resultType", .string("PerformanceLevel")),
                ("allowedValue", .array(awarded.resultScale.map(JSONValue.string))),
            ])])))
        }
        return .object(members)
    }

    /// The skills the credential aligns to: the awarded class's own alignments, or, when its
    /// catalogue gives it none, those of the component badges counted (each once, in the
    /// order counted) — a stack certifies the skills its components do.
    static func alignments(of completion: StackCompletion, catalog: Catalog) -> [SkillReference] {
        guard completion.awarded.alignments.isEmpty else { return completion.awarded.alignments }
        var seen: Set<SkillReference> = []
        return completion.components.flatMap { catalog.badgeClasses[$0.badge]?.alignments ?? [] }
            .filter { seen.insert($0).inserted }
    }

    /// The Open Badges achievement type for a catalogue's badge type: the vocabulary's own word
    /// when it is one, `Competency` for a skill badge, else an `ext:` extension.
    static func achievementType(_ type: String) -> String {
        let vocabulary = ["Achievement", "ApprenticeshipCertificate", "Assessment", "Assignment", "AssociateDegree",
                          "Award", "Badge", "BachelorDegree", "Certificate", "CertificateOfCompletion", "Certification",
                          "CommunityService", "Competency", "Course", "CoCurricular", "Degree", "Diploma",
                          "DoctoralDegree", "Fieldwork", "GeneralEducationDevelopment", "JourneymanCertificate",
                          "LearningProgram", "License", "Membership", "ProfessionalDoctorate",
                          "QualityAssuranceCredential", "MasterCertificate", "MasterDegree", "MicroCredential",
                          "ResearchDoctorate", "SecondarySchoolDiploma"]
        let folded = type.filter { $0 != "-" && $0 != " " }.lowercased()
        if let word = vocabulary.first(where: { $0.lowercased() == folded }) { return word }
        switch folded {
        case "skill": return "Competency"
        case "participation": return "Achievement"
        default:
            let safe = type.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_") }
            return safe.isEmpty ? "Achievement" : "ext:" + safe
        }
    }

    /// An OB 3.0 `Alignment` for a framework skill: ESCO by its URI, SFIA by its code (and
    /// level) under SFIA's published URLs; other frameworks when their code is a URL.
    static func alignment(_ reference: SkillReference, catalog: Catalog) -> JSONValue? {
        let framework = catalog.frameworks[reference.framework]
        let skill = catalog.skill(reference)
        let name = skill?.label() ?? reference.code
        let url: String
        var code = reference.code
        let frameworkName: String
        switch reference.framework.lowercased() {
        case "esco":
            guard reference.code.hasPrefix("http") else { return nil }
            url = reference.code
            frameworkName = "ESCO" + (framework?.version.map { " \($0)" } ?? "")
        case "sfia":
            let version = framework?.version ?? "9"
            url = skill.map(\.id).flatMap { $0.hasPrefix("http") ? $0 : nil }
                ?? "https://rdf.sfia-online.org/\(version)/skills/\(reference.code)"
            if let level = reference.level { code += String(level) }
            frameworkName = "SFIA " + version
        default:
            guard reference.code.hasPrefix("http") else { return nil }
            url = reference.code
            frameworkName = framework?.name ?? reference.framework
        }
        var members: [(String, JSONValue)] = [
            ("type", .array([.string("Alignment")])),
            ("targetName", .string(reference.level.map { "\(name) (level \($0))" } ?? name)),
            ("targetUrl", .string(url)),
            ("targetFramework", .string(frameworkName)),
            ("targetCode", .string(code)),
        ]
        if let description = skill?.description, !description.isEmpty {
            members.append(("targetDescription", .string(description)))
        }
        return .object(members)
    }

    static func evidence(_ component: StackCompletion.Component) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let id = component.credentialID { members.append(("id", .string(id))) }
        members += [
            ("type", .array([.string("Evidence")])),
            ("name", .string(component.name)),
            ("description", .string("Badge \(component.badge), issued \(component.issued)"
                + (component.result.map { ", result \($0)" } ?? "")
                + "; counted for: " + component.countedFor.joined(separator: "; "))),
            ("genre", .string("Badge")),
        ]
        return .object(members)
    }

    /// Midnight UTC at the start of `date`: a credential stands from the start of the day its
    /// stack was complete until the start of the day it lapses (Cairn's dates are half-open).
    public static func timestamp(_ date: CalendarDate) -> String {
        "\(date)T00:00:00Z"
    }
}
