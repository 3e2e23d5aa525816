import CairnCore
public import CairnStore
public import CairnSyntax
public import Foundation

/// The JSON the store's contents are shown as, by the CLI (`--format json`) and the server alike.
public enum StoreListing {
    /// `[{"learner", "name", "email", "earnings", "source"}]`.
    public static func learnersJSON(_ learners: [StoredLearner]) -> JSONValue {
        .array(learners.map { learner in
            .object([("learner", .string(learner.id)), ("name", learner.name.map(JSONValue.string) ?? .null),
                     ("email", learner.email.map(JSONValue.string) ?? .null),
                     ("earnings", .number(Rational(learner.earningCount))),
                     ("source", learner.source.map { .string($0.description) } ?? .null)])
        })
    }

    /// One learner with every earning and where it came from.
    public static func learnerJSON(_ found: StoredLearner, earnings: [StoredEarning]) -> JSONValue {
        JSONValue.object([
            ("learner", .string(found.id)), ("name", found.name.map(JSONValue.string) ?? .null),
            ("email", found.email.map(JSONValue.string) ?? .null),
            ("catalogueYear", found.catalogueYear.map { .number(Rational($0)) } ?? .null),
            ("enrolled", found.enrolled.map { .string($0.description) } ?? .null),
            ("earnings", .array(earnings.map { stored in
                .object([("badge", .string(stored.earning.badgeClassID)), ("issued", .string(stored.earning.issued.description)),
                         ("expires", stored.earning.expires.map { .string($0.description) } ?? .null),
                         ("revoked", .bool(stored.earning.revoked)),
                         ("status", .string(stored.earning.status.rawValue)),
                         ("result", stored.earning.result.map { .string($0.description) } ?? .null),
                         ("evidence", .array(stored.earning.evidence.map(JSONValue.string))),
                         ("origin", .string(stored.origin.rawValue)),
                         ("verification", stored.verification.map(JSONValue.string) ?? .null),
                         ("credentialSHA256", stored.credentialSHA256.map(JSONValue.string) ?? .null),
                         ("source", stored.earning.source.map { .string($0.description) } ?? .null)])
            })),
        ])
    }

    /// What changed between two versions of an earning, in words ("expires 2027-01-01 → 2028-01-01, revoked").
    public static func differences(_ before: StoredEarning, _ after: StoredEarning) -> String {
        var parts: [String] = []
        if before.earning.expires != after.earning.expires {
            parts.append("expires \(before.earning.expires?.description ?? "never") → \(after.earning.expires?.description ?? "never")")
        }
        if before.earning.revoked != after.earning.revoked { parts.append(after.earning.revoked ? "revoked" : "no longer revoked") }
        if before.earning.result != after.earning.result {
            parts.append("result \(before.earning.result?.description ?? "none") → \(after.earning.result?.description ?? "none")")
        }
        if before.earning.evidence != after.earning.evidence { parts.append("evidence changed") }
        if before.verification != after.verification {
            parts.append("verification \(before.verification ?? "stated") → \(after.verification ?? "stated")")
        }
        if before.credentialSHA256 != after.credentialSHA256 { parts.append("credential file changed") }
        return parts.isEmpty ? "details changed" : parts.joined(separator: ", ")
    }

    public static func importJSON(_ report: LearnerImportReport, outcomes: [(file: String, kind: LearnerFileKind, summary: String)],
                     refused: [LearnerFileReading]) -> JSONValue {
        func earning(_ stored: StoredEarning) -> JSONValue {
            .object([("learner", .string(stored.learner)), ("badge", .string(stored.earning.badgeClassID)),
                     ("issued", .string(stored.earning.issued.description)),
                     ("source", stored.earning.source.map { .string($0.description) } ?? .null)])
        }
        return .object([
            ("imported", .array(outcomes.map { .object([("file", .string($0.file)), ("kind", .string($0.kind.rawValue))]) })),
            ("refused", .array(refused.map { reading in
                .object([("file", .string(reading.file)), ("kind", .string(reading.kind.rawValue)),
                         ("problems", .array(reading.problems.map { .string($0.description) }))])
            })),
            ("learnersAdded", .number(Rational(report.learnersAdded))),
            ("learnersUpdated", .number(Rational(report.learnersUpdated))),
            ("added", .number(Rational(report.added))),
            ("unchanged", .number(Rational(report.unchanged))),
            ("changed", .array(report.changed.map { change in
                .object([("earning", earning(change.after)), ("change", .string(differences(change.before, change.after)))])
            })),
            ("revoked", .array(report.revoked.map(earning))),
            ("removed", .array(report.removed.map(earning))),
        ])
    }

    /// `{"learner", "decisions": [{"sequence", "recordedAt", "policy", "policyVersion", "asOf", "unit",
    /// "total", "digest", "inputs": [{"path", "sha256"}]}], "head"}`; `total` is the exact text
    /// recorded (`7/3` stays a fraction); `head` is the whole log's newest link (`null` when empty).
    public static func decisionsJSON(learner: String, decisions: [CreditDecision], head: String?) -> JSONValue {
        .object([
            ("learner", .string(learner)),
            ("head", head.map(JSONValue.string) ?? .null),
            ("decisions", .array(decisions.map { decision in
                .object([
                    ("sequence", decision.sequence.map { .number(Rational(Int($0))) } ?? .null),
                    ("recordedAt", .string(decision.recordedAt)),
                    ("recordedBy", decision.recordedBy.map(JSONValue.string) ?? .null),
                    ("policy", .string(decision.policyID)),
                    ("policyVersion", .string(decision.policyVersion)),
                    ("asOf", .string(decision.asOf)),
                    ("unit", .string(decision.unit)),
                    ("total", .string(decision.total)),
                    ("digest", .string(decision.digest)),
                    ("inputs", .array(decision.inputs.map { input in
                        .object([("path", .string(input.path)), ("sha256", .string(input.sha256))])
                    })),
                ])
            })),
        ])
    }

    /// A decision log's verification: `{"store", "intact", "decisions", "head", "macsChecked",
    /// "macDecisions", "firstMACDecision"}`, or `{"store", "intact": false, "brokenAt", "reason"}`.
    public static func chainJSON(store: String, verification: ChainVerification, macs: MACSummary, macsChecked: Bool) -> JSONValue {
        switch verification {
        case .intact(let count, let head):
            .object([("store", .string(store)), ("intact", .bool(true)),
                     ("decisions", .number(Rational(count))),
                     ("head", head.map(JSONValue.string) ?? .null),
                     ("macsChecked", .bool(macsChecked)),
                     ("macDecisions", .number(Rational(macs.keyed))),
                     ("firstMACDecision", macs.firstKeyed.map { .number(Rational(Int($0))) } ?? .null)])
        case .broken(let sequence, let reason):
            .object([("store", .string(store)), ("intact", .bool(false)),
                     ("brokenAt", .number(Rational(Int(sequence)))), ("reason", .string(reason))])
        }
    }

    /// `{"id", "role", "learner", "label", "createdAt", "expiresAt", "revokedAt", "active"}`; never the secret.
    public static func tokenJSON(_ token: APIToken, now: Date) -> JSONValue {
        let formatter = ISO8601DateFormatter()
        func time(_ date: Date?) -> JSONValue { date.map { .string(formatter.string(from: $0)) } ?? .null }
        return .object([("id", .string(token.id)), ("role", .string(token.role.rawValue)),
                        ("learner", token.learner.map(JSONValue.string) ?? .null), ("label", token.label.map(JSONValue.string) ?? .null),
                        ("createdAt", time(token.createdAt)), ("expiresAt", time(token.expiresAt)),
                        ("revokedAt", time(token.revokedAt)), ("active", .bool(token.isActive(at: now)))])
    }
}
