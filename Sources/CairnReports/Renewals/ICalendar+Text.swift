import CairnSyntax
/// RFC 5545 text: TEXT escaping (§3.3.11) and content-line folding (§3.1).
extension ICalendar {
    /// The longest physical line, in octets of UTF-8, not counting its CRLF (RFC 5545 §3.1).
    static let lineOctetLimit = 75

    /// One content line before folding: its name and parameters, then its value as atoms,
    /// the pieces a fold must not split (one Unicode scalar, or one escape such as `\,`).
    struct ContentLine {
        var head: String
        var value: [String]

        /// A value written as it is: dates, durations, keywords.
        static func raw(_ head: String, _ value: String) -> ContentLine {
            ContentLine(head: head, value: value.unicodeScalars.map { String($0) })
        }

        /// A TEXT value, escaped.
        package static func text(_ head: String, _ value: String) -> ContentLine {
            ContentLine(head: head, value: ICalendar.escapedAtoms(value))
        }

        /// A list of TEXT values (`CATEGORIES`): each escaped, separated by commas.
        static func textList(_ head: String, _ values: [String]) -> ContentLine {
            var atoms: [String] = []
            for (index, value) in values.enumerated() {
                if index > 0 { atoms.append(",") }
                atoms += ICalendar.escapedAtoms(value)
            }
            return ContentLine(head: head, value: atoms)
        }

        /// The line folded at ``ICalendar/lineOctetLimit`` octets, each physical line ending in
        /// CRLF and each continuation starting with one space.
        ///
        /// A fold never splits a character or an escape, and does not fall just before a space
        /// or tab, so a continuation starts with exactly one blank and readers that strip all
        /// leading blanks when unfolding read the same text. The one exception is a run of
        /// blanks longer than a line, where every fold falls inside the run.
        var folded: String {
            let atoms = head.unicodeScalars.map { String($0) } + [":"] + value
            var result = ""
            var start = 0
            var capacity = ICalendar.lineOctetLimit
            while start < atoms.count {
                var end = start
                var used = 0
                while end < atoms.count, used + atoms[end].utf8.count <= capacity {
                    used += atoms[end].utf8.count
                    end += 1
                }
                if end < atoms.count, ContentLine.isBlank(atoms[end]) {
                    var earlier = end - 1
                    while earlier > start, ContentLine.isBlank(atoms[earlier]) { earlier -= 1 }
                    if earlier > start { end = earlier }
                }
                if start > 0 { result += "\r\n " }
                result += atoms[start..<end].joined()
                start = end
                capacity = ICalendar.lineOctetLimit - 1
            }
            return result + "\r\n"
        }

        private static func isBlank(_ atom: String) -> Bool {
            atom == " " || atom == "\t"
        }
    }

    /// `text` escaped as RFC 5545 TEXT, as atoms: `\` `;` `,` become `\\` `\;` `\,`; a line
    /// break (CRLF, CR or LF) becomes `\n`. Other control characters, which TEXT cannot hold,
    /// are left out; a tab is kept.
    static func escapedAtoms(_ text: String) -> [String] {
        var atoms: [String] = []
        var afterCarriageReturn = false
        for scalar in text.unicodeScalars {
            defer { afterCarriageReturn = scalar == "\r" }
            switch scalar {
            case "\\": atoms.append("\\\\")
            case ";": atoms.append("\\;")
            case ",": atoms.append("\\,")
            case "\r": atoms.append("\\n")
            case "\n": if !afterCarriageReturn { atoms.append("\\n") }
            case "\t": atoms.append("\t")
            case "\u{00}"..."\u{1F}", "\u{7F}": continue
            default: atoms.append(String(scalar))
            }
        }
        return atoms
    }
}
