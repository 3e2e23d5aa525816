public import CairnCore
public import CairnCredentials
public import CairnSyntax
import Foundation

/// What `cairn badges inspect` shows of one Open Badges file: what a person needs to judge it.
public struct BadgeInspection: Sendable {
    public var file: OpenBadgesFile
    public var verification: CredentialVerification
    public var asOf: CalendarDate

    public init(file: OpenBadgesFile, verification: CredentialVerification, asOf: CalendarDate) {
        self.file = file
        self.verification = verification
        self.asOf = asOf
    }

    private var credential: OpenBadgesCredential { file.credential }

    /// `{"badge": {"id", "name", "issuer", "alignments": [{"framework", "code", "name"}], "credits"},
    /// "earned": {"issued", "expires", "revoked", "result"}}` (the README's JSON contract), plus the credential's
    /// format, id, criteria, evidence, status, proofs, and for a CLR its nested credentials.
    public var json: JSONValue {
        BadgeInspection.json(credential, verification: verification, envelope: file.envelope)
    }

    package static func json(_ credential: OpenBadgesCredential, verification: CredentialVerification,
                     envelope: OpenBadgesFile.Envelope?) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let achievement = credential.achievement {
            let issuer = achievement.issuer.flatMap { $0.id.isEmpty ? nil : $0 } ?? credential.issuer
            var badge: [(String, JSONValue)] = [
                ("id", .string(achievement.id)), ("name", .string(achievement.name)),
                ("issuer", .string(issuer.id)), ("issuerName", issuer.name.map(JSONValue.string) ?? .null),
                ("alignments", .array(achievement.alignments.map { alignment in
                    let reference = alignment.skillReference
                    var entry: [(String, JSONValue)] = [
                        ("framework", reference.map { .string($0.framework) } ?? .null),
                        ("code", reference.map { .string($0.code) } ?? .null),
                        ("name", alignment.targetName.map(JSONValue.string) ?? .null),
                    ]
                    if let level = reference?.level { entry.append(("level", .number(Rational(level)))) }
                    if let url = alignment.targetURL { entry.append(("url", .string(url))) }
                    return .object(entry)
                })),
                ("credits", achievement.creditsAvailable.map(JSONValue.number) ?? .null),
            ]
            badge.append(("description", achievement.description.map(JSONValue.string) ?? .null))
            badge.append(("criteria", .object([
                ("url", achievement.criteriaURL.map(JSONValue.string) ?? .null),
                ("narrative", achievement.criteriaNarrative.map(JSONValue.string) ?? .null),
            ])))
            if let type = achievement.achievementType { badge.append(("achievementType", .string(type))) }
            if !achievement.tags.isEmpty { badge.append(("tags", .array(achievement.tags.map(JSONValue.string)))) }
            members.append(("badge", .object(badge)))
        } else {
            members.append(("badge", .null))
        }
        let result = credential.results.first.flatMap { $0.value ?? $0.achievedLevel ?? $0.status }
        members.append(("earned", .object([
            ("issued", .string(credential.issued.text)),
            ("expires", credential.expires.map { .string($0.text) } ?? .null),
            ("revoked", .bool(verification.status == .revoked)),
            ("result", result.map(JSONValue.string) ?? .null),
            ("creditsEarned", credential.creditsEarned.map(JSONValue.number) ?? .null),
            ("recipient", credential.recipient.map(JSONValue.string) ?? .null),
            ("evidence", .array(credential.evidence.map { evidence in
                .object([("id", evidence.id.map(JSONValue.string) ?? .null),
                         ("name", evidence.name.map(JSONValue.string) ?? .null),
                         ("narrative", evidence.narrative.map(JSONValue.string) ?? .null)])
            })),
        ])))
        members.append(("credential", .object([
            ("id", credential.id.map(JSONValue.string) ?? .null),
            ("format", .string(credential.format.rawValue)),
            ("envelope", envelope.map { .string($0.rawValue) } ?? .null),
            ("issuer", .string(credential.issuer.id)),
        ])))
        members.append(("status", .string(verification.status.rawValue)))
        members.append(("reason", .string(verification.reason)))
        members.append(("proofs", .array(verification.proofs.map(\.json))))
        if !credential.associations.isEmpty {
            members.append(("associations", .array(credential.associations.map {
                .object([("type", .string($0.type)), ("source", .string($0.source)), ("target", .string($0.target))])
            })))
        }
        if let europass = credential.europass {
            members.append(("microCredentialElements", .array(europass.microCredentialElements.map { found in
                .object([
                    ("achievement", .string(found.achievementID)),
                    ("title", found.title.map(JSONValue.string) ?? .null),
                    ("elements", .array(found.elements.map { element in
                        .object([("element", .string(element.name)), ("present", .bool(element.isPresent)),
                                 ("value", element.value.map(JSONValue.string) ?? .null), ("property", .string(element.property))])
                    })),
                    ("missing", .array(found.missing.map(JSONValue.string))),
                ])
            })))
        }
        if !credential.notes.isEmpty { members.append(("notes", .array(credential.notes.map(JSONValue.string)))) }
        if !credential.nested.isEmpty {
            members.append(("nested", .array(zip(credential.nested, verification.nested).map { nested, outcome in
                nested.credential.map { json($0, verification: outcome, envelope: nil) }
                    ?? .object([("status", .string(outcome.status.rawValue)), ("reason", .string(outcome.reason))])
            })))
        }
        return .object(members)
    }

    /// A page a person reads: the achievement and its issuer, criteria, evidence, dates and
    /// status on the as-of date, credits, alignments, ids, proofs, and a CLR's contents.
    public var text: String {
        var lines = ["\(file.file): \(credential.format.rawValue), \(file.envelope.rawValue)"]
        BadgeInspection.describe(credential, verification: verification, asOf: asOf, indent: "", into: &lines)
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ credential: OpenBadgesCredential, verification: CredentialVerification,
                                 asOf: CalendarDate, indent: String, into lines: inout [String]) {
        func line(_ label: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append(indent + label.padding(toLength: 13, withPad: " ", startingAt: 0) + value)
        }
        let achievement = credential.achievement
        line("Badge", achievement.map { "\($0.name)" } ?? credential.name ?? "(no achievement)")
        line("Description", achievement?.description)
        let issuer = achievement?.issuer.flatMap { $0.id.isEmpty ? nil : $0 } ?? credential.issuer
        line("Issuer", [issuer.name, issuer.id.isEmpty ? nil : "<\(issuer.id)>"].compactMap { $0 }.joined(separator: " "))
        line("Criteria", [achievement?.criteriaNarrative, achievement?.criteriaURL].compactMap { $0 }.joined(separator: " — "))
        line("Type", achievement?.achievementType)
        line("Tags", achievement.map { $0.tags.joined(separator: ", ") })
        line("Recipient", credential.recipient)
        line("Issued", "\(credential.issued) (counts from \(credential.issued.date))")
        line("Expires", credential.expires.map { "\($0) (no longer counts from \($0.date))" } ?? "never")
        line("Status", "\(verification.status.rawValue) on \(asOf): \(verification.reason)")
        line("Credits", [achievement?.creditsAvailable.map { "\($0)\(achievement?.creditUnit.map { " \($0)" } ?? "") available" },
                         credential.creditsEarned.map { "\($0) earned" }].compactMap { $0 }.joined(separator: ", ")
             + ((achievement?.creditsAvailable != nil && achievement?.creditUnit == nil) || credential.creditsEarned != nil
                ? " (Open Badges credits carry no unit; the catalogue or policy says which)" : ""))
        for result in credential.results {
            line("Result", [result.value, result.achievedLevel, result.status].compactMap { $0 }.joined(separator: ", "))
        }
        line("Term", credential.term)
        for alignment in achievement?.alignments ?? [] {
            let reference = alignment.skillReference.map { "\($0.framework):\($0.code)" + ($0.level.map { " level \($0)" } ?? "") }
            line("Alignment", [alignment.targetName, reference.map { "[\($0)]" }].compactMap { $0 }.joined(separator: " "))
        }
        for evidence in credential.evidence {
            line("Evidence", [evidence.name, evidence.narrative, evidence.id].compactMap { $0 }.joined(separator: " — "))
        }
        if let endorsement = credential.endorsement {
            line("Endorses", endorsement.subject + (endorsement.comment.map { ": \($0)" } ?? ""))
        }
        line("Achievement", achievement?.id)
        line("Credential", credential.id)
        for proof in verification.proofs { line("Proof", proof.summary) }
        for association in credential.associations {
            line("Association", "\(association.source) \(association.type) \(association.target)")
        }
        for listed in credential.listedAchievements { line("Lists", "\(listed.name) <\(listed.id)>") }
        for note in credential.notes { line("Note", note) }
        for found in credential.europass?.microCredentialElements ?? [] {
            let present = found.elements.filter(\.isPresent).count
            lines.append(indent + "EU micro-credential elements (Council Recommendation 2022, Annex I) of \"\(found.title ?? found.achievementID)\": "
                         + "\(present) of \(found.elements.count) present"
                         + (found.missing.isEmpty ? "" : "; missing: " + found.missing.joined(separator: ", ")))
            for element in found.elements {
                lines.append(indent + "  " + (element.isPresent ? "present  " : "missing  ")
                             + element.name.padding(toLength: 31, withPad: " ", startingAt: 0)
                             + (element.value ?? "(\(element.property))"))
            }
        }
        for (nested, outcome) in zip(credential.nested, verification.nested) {
            lines.append(indent + "Nested credential \(nested.index + 1):")
            if let inner = nested.credential {
                describe(inner, verification: outcome, asOf: asOf, indent: indent + "  ", into: &lines)
            } else {
                lines.append(indent + "  " + (nested.problem ?? "unreadable"))
            }
        }
    }
}
