import Foundation

/// Ids for definitions made from another system's files (a CTDL or Badgr pathway, an issuer's
/// Open Badges achievements), built from their names the same way wherever Cairn imports, and
/// never one already taken.
public struct DefinitionID: Sendable {
    /// The longest id made from a name.
    public static let maximumLength = 64

    private var taken: Set<String>
    /// For each base, the suffix to try next: a file of thousands of badges with one name costs
    /// one step per badge, not one per badge already named so.
    private var nextSuffix: [String: Int] = [:]

    /// Ids are made avoiding `taken` (the workspace's, say) and every id made before.
    public init(taken: some Sequence<String> = []) {
        self.taken = Set(taken)
    }

    /// The slug of `text` (`fallback` when it has none), with `-2`, `-3`… when it is taken; the id
    /// returned is taken from then on.
    public mutating func fresh(_ text: String, fallback: String) -> String {
        let slug = Self.slug(text)
        let base = slug.isEmpty ? fallback : slug
        var candidate = base
        if taken.contains(base) {
            var counter = nextSuffix[base] ?? 2
            candidate = "\(base)-\(counter)"
            while taken.contains(candidate) {
                counter += 1
                candidate = "\(base)-\(counter)"
            }
            nextSuffix[base] = counter + 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// Lower-case ASCII letters and digits joined by single hyphens, accents dropped first:
    /// `Data Analysis: Foundations` → `data-analysis-foundations`, `Café Ünïcode` → `cafe-unicode`;
    /// at most ``maximumLength`` characters, empty when the text has no letter or digit.
    public static func slug(_ text: String) -> String {
        var slug = ""
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                guard slug.count < maximumLength else { break }
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }
}
