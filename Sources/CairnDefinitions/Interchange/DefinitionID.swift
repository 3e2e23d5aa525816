import Foundation

/// Ids for definitions made from another system's files (a CTDL or Badgr pathway, an issuer's
/// Open Badges achievements), built from their names the same way wherever Cairn imports.
public enum DefinitionID {
    /// The longest id made from a name.
    public static let maximumLength = 64

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

    /// The slug of `text` (`fallback` when it has none), with `-2`, `-3`… when `taken` holds it
    /// already; the id returned is added to `taken`.
    public static func fresh(_ text: String, fallback: String, taken: inout Set<String>) -> String {
        let slug = slug(text)
        let base = slug.isEmpty ? fallback : slug
        var candidate = base
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }
}
