public import CairnCore
public import CairnSyntax
import Foundation

extension CreditTranscript {
    /// The transcript in the JSON contract the README gives for `--format json`: `policy`, `learner`, `asOf`, `unit`,
    /// `total`, `lines` (`badge` or `pathway`, `credits`, `counted`, `reason`), plus the policy's
    /// version and title, the exact total as text, whether the cap choice is proven best, and
    /// for each line its name, issue date, decision code, rule, equivalent course, result,
    /// grade and the caps that cut it.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("policy", .string(policy)),
            ("policyVersion", .string(policyVersion)),
            ("title", policyTitle.map(JSONValue.string) ?? .null),
            ("institution", institution.map { .string($0.name) } ?? .null),
            ("learner", .string(learner)),
            ("asOf", .string(asOf.description)),
            ("unit", .string(unit.name)),
            ("total", .number(total)),
            ("totalExact", .string(total.description)),
            ("unroundedTotal", .string(unroundedTotal.description)),
            ("exact", .bool(isExact)),
            ("lines", .array(lines.map(\.json))),
        ]
        // Only when there are some, so a transcript without exceptions keeps its recorded digest.
        if !notes.isEmpty { members.append(("notes", .array(notes.map(JSONValue.string)))) }
        return .object(members)
    }

    /// One row per badge or stack, for a student information system: exact credits both as a
    /// decimal (12 places when it does not terminate) and as a fraction; then one row of kind
    /// `total` with the credit granted (its reason says what it was rounded from, when it was).
    public var csv: String {
        var writer = CSVWriter(header: ["learner", "policy", "policy_version", "as_of", "kind", "id", "name", "issued",
                                        "rule", "equivalent_to", "result", "grade", "credits", "credits_exact", "unit",
                                        "counted", "decision", "reason"])
        for line in lines {
            let (kind, issued): (String, String) = switch line.subject {
            case .badge(_, _, let issued): ("badge", issued.description)
            case .pathway: ("pathway", "")
            }
            writer.append([learner, policy, policyVersion, asOf.description, kind, line.subject.id, line.subject.name,
                           issued, line.rule ?? "", line.equivalentTo ?? "", line.result?.description ?? "",
                           line.grade ?? "", JSONValue.format(line.credits), line.credits.description, unit.name,
                           line.counted ? "true" : "false", line.decision.rawValue, line.reason])
        }
        writer.append([learner, policy, policyVersion, asOf.description, "total", "", "Total", "", "", "", "", "",
                       JSONValue.format(total), total.description, unit.name, "", "",
                       total == unroundedTotal ? "the counted lines" : "the counted lines (\(unroundedTotal)), rounded"])
        return writer.text
    }
}

extension CreditLine {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = []
        switch subject {
        case .badge(let id, let name, let issued):
            members += [("badge", .string(id)), ("name", .string(name)), ("issued", .string(issued.description))]
        case .pathway(let id, let title):
            members += [("pathway", .string(id)), ("name", .string(title))]
        }
        members += [
            ("credits", .number(credits)),
            ("creditsExact", .string(credits.description)),
            ("counted", .bool(counted)),
            ("decision", .string(decision.rawValue)),
            ("reason", .string(reason)),
            ("rule", rule.map(JSONValue.string) ?? .null),
            ("equivalentTo", equivalentTo.map(JSONValue.string) ?? .null),
            ("result", result.map { .string($0.description) } ?? .null),
            ("grade", grade.map(JSONValue.string) ?? .null),
        ]
        if !cutBy.isEmpty { members.append(("cutBy", .array(cutBy.map(JSONValue.string)))) }
        return .object(members)
    }
}

/// The transcript as a registrar would sign it.
public struct CreditTranscriptTextReport: Sendable {
    public var transcript: CreditTranscript
    /// The policy, to explain each rule (`--explain`); `nil` leaves explanations out.
    public var explainedPolicy: CreditPolicy?
    /// The decision-log entry (`#sequence, digest`), when the transcript was recorded.
    public var recordedDigest: String?

    public init(transcript: CreditTranscript, explaining policy: CreditPolicy? = nil, recordedDigest: String? = nil) {
        self.transcript = transcript
        self.explainedPolicy = policy
        self.recordedDigest = recordedDigest
    }

    public var text: String {
        let t = transcript
        var out: [String] = []
        out.append([t.institution?.name, t.policyTitle].compactMap { $0 }.joined(separator: " — "))
        out.append("Policy \(t.policy), version \(t.policyVersion) · credit in \(t.unit)")
        out.append("Learner \(t.learner) · as of \(t.asOf)")
        out.append("")
        let counted = t.lines.filter(\.counted)
        let widths = (name: max(24, (t.lines.map { Self.name($0).count }.max() ?? 0)),
                      rule: explainedPolicy == nil ? 0 : max(4, t.lines.compactMap { $0.rule?.count }.max() ?? 0))
        func row(_ date: String, _ name: String, _ rule: String, _ equivalent: String, _ grade: String, _ credits: String) -> String {
            var text = date.padding(toLength: 11, withPad: " ", startingAt: 0)
                + name.padding(toLength: widths.name + 2, withPad: " ", startingAt: 0)
            if widths.rule > 0 { text += rule.padding(toLength: widths.rule + 2, withPad: " ", startingAt: 0) }
            text += equivalent.padding(toLength: 40, withPad: " ", startingAt: 0)
                + grade.padding(toLength: 6, withPad: " ", startingAt: 0) + credits
            return text.trimmingTrailingSpaces
        }
        out.append("Credit granted")
        if counted.isEmpty {
            out.append("  (none)")
        } else {
            out.append("  " + row("Issued", "Badge or stack", "Rule", "Counts as", "Grade", t.unit.name))
            for line in counted {
                out.append("  " + row(Self.date(line), Self.name(line), line.rule ?? "", line.equivalentTo ?? "",
                                      line.grade ?? "", Self.amount(line.credits)))
            }
        }
        let notCounted = t.lines.filter { !$0.counted }
        if !notCounted.isEmpty {
            out.append("")
            out.append("Not counted")
            for line in notCounted {
                let worth = line.credits > .zero ? " (\(Self.amount(line.credits)) \(t.unit))" : ""
                out.append("  " + Self.date(line).padding(toLength: 11, withPad: " ", startingAt: 0)
                           + Self.name(line) + worth + ": " + line.reason)
            }
        }
        out.append("")
        var total = "Total credit: \(Self.amount(t.total)) \(t.unit)"
        if t.total != t.unroundedTotal { total += " (rounded from \(Self.amount(t.unroundedTotal)))" }
        out.append(total)
        if !t.isExact { out.append("Note: the choice under the caps reached its step budget; this total is the best found, not proven the largest.") }
        for note in t.notes { out.append("Note: \(note)") }
        if let policy = explainedPolicy {
            out.append("")
            out.append("Rules of \(policy.id) (the first that matches decides):")
            for rule in policy.rules {
                out.append("  \(rule.id): \(Self.describe(rule.match)) → \(rule.credits)"
                           + (rule.equivalentTo.map { ", counts as \($0)" } ?? ""))
            }
            for stack in policy.stacks {
                out.append("  stack:\(stack.pathway): block \(stack.credits?.description ?? "the pathway's credits"), \(stack.mode.rawValue)s its badges")
            }
            for cap in policy.caps { out.append("  cap: \(cap)") }
        }
        if let recordedDigest {
            out.append("")
            out.append("Recorded in the decision log as \(recordedDigest)")
        }
        out.append("")
        out.append("Certified by ______________________________  Date ______________")
        return out.joined(separator: "\n") + "\n"
    }

    private static func date(_ line: CreditLine) -> String {
        if case .badge(_, _, let issued) = line.subject { return issued.description }
        return "stack"
    }

    private static func name(_ line: CreditLine) -> String {
        "\(line.subject.name) [\(line.subject.id)]"
    }

    /// An exact amount: a terminating decimal as written, else the fraction and a decimal approximation.
    static func amount(_ value: Rational) -> String {
        value.terminatingDecimal ?? "\(value) (≈ \(JSONValue.format(value)))"
    }

    private static func describe(_ filter: BadgeFilter) -> String {
        var parts: [String] = []
        if !filter.badges.isEmpty { parts.append("badge " + filter.badges.joined(separator: "|")) }
        if !filter.issuers.isEmpty { parts.append("issuer " + filter.issuers.joined(separator: "|")) }
        if !filter.tags.isEmpty { parts.append("tag " + filter.tags.joined(separator: "|")) }
        if !filter.types.isEmpty { parts.append("type " + filter.types.joined(separator: "|")) }
        if !filter.skills.isEmpty { parts.append("skill " + filter.skills.map(\.description).joined(separator: "|")) }
        return parts.isEmpty ? "any badge" : parts.joined(separator: " and ")
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
