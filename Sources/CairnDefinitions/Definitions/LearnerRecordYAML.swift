public import CairnCore
import CairnSyntax
import Foundation

/// Writes a learner record as the YAML file Cairn reads (`learner` and `badges`), so a record
/// kept in the store can be audited, edited or archived as a file and audits the same.
public enum LearnerRecordYAML {
    /// The record as YAML: strings are double-quoted (JSON escapes, which YAML reads), dates and
    /// numeric results are written bare; `comment` becomes a `#` line at the top. An earning whose
    /// credential is not proven is written only as a comment: a record file is trusted as written.
    public static func text(_ record: LearnerRecord, comment: String? = nil) -> String {
        var lines: [String] = []
        if let comment { lines += comment.split(separator: "\n").map { "# \($0)" } }
        lines.append("learner: \(string(record.learner))")
        if let email = record.email { lines.append("email: \(string(email))") }
        if let did = record.did { lines.append("did: \(string(did))") }
        if let year = record.catalogueYear { lines.append("catalogueYear: \(year)") }
        if let enrolled = record.enrolled { lines.append("enrolled: \(enrolled)") }
        guard !record.badges.isEmpty else { return (lines + ["badges: []"]).joined(separator: "\n") + "\n" }
        lines.append("badges:")
        for earning in record.badges {
            var fields = ["badge: \(string(earning.badgeClassID))"]
            fields += earning.status.isPending ? ["status: \(earning.status.rawValue)", "expected: \(earning.issued)"]
                                               : ["issued: \(earning.issued)"]
            if let expires = earning.expires { fields.append("expires: \(expires)") }
            if earning.revoked { fields.append("revoked: true") }
            switch earning.result {
            case .number(let number)?:
                fields.append("result: " + YAMLScalar.number(number))
            case .label(let label)?:
                fields.append("result: \(string(label))")
            case nil: break
            }
            if !earning.evidence.isEmpty { fields.append("evidence: " + YAMLScalar.strings(earning.evidence)) }
            // An earning whose credential is not proven must not become a stated one in a file
            // that is trusted as written: it is kept as a comment, with the reason.
            if let unproven = earning.unproven {
                lines.append("  # not proven, never counted (\(unproven.replacingOccurrences(of: "\n", with: " "))):")
                lines.append("  # - { " + fields.joined(separator: ", ") + " }")
            } else {
                lines.append("  - { " + fields.joined(separator: ", ") + " }")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func string(_ text: String) -> String { YAMLScalar.string(text) }
}
