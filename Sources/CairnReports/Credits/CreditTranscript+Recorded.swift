public import CairnCore
public import CairnSyntax

extension CreditTranscript {
    /// A transcript read back from the JSON ``json`` wrote — how `credits history --show`
    /// reprints a recorded decision in text or CSV exactly as it was granted. The institution
    /// comes back by name only (the JSON holds no more).
    ///
    /// - Throws: ``FormatError`` (located in `file`) naming the first field that is missing or
    ///   not what the transcript JSON holds there.
    public init(recorded text: String, file: String) throws(FormatError) {
        let root: JSONNode
        do { root = try JSONParser.parse(text, file: file) } catch { throw error }
        func fail(_ what: String, _ node: JSONNode? = nil) -> FormatError {
            FormatError(location: SourceLocation(file: file, line: node?.line, column: node?.column),
                        message: "the recorded transcript has no valid \(what)")
        }
        func string(_ key: String, in node: JSONNode) throws(FormatError) -> String {
            guard let value = node[key]?.string else { throw fail("\"\(key)\"", node) }
            return value
        }
        func exact(_ key: String, in node: JSONNode) throws(FormatError) -> Rational {
            guard let value = Rational(parsing: try string(key, in: node)) else { throw fail("\"\(key)\"", node[key]) }
            return value
        }
        guard let asOf = CalendarDate(iso8601: try string("asOf", in: root)) else { throw fail("\"asOf\"", root["asOf"]) }
        var lines: [CreditLine] = []
        for line in root["lines"]?.elements ?? [] {
            let subject: CreditLine.Subject
            if let badge = line["badge"]?.string {
                guard let issued = line["issued"]?.string.flatMap(CalendarDate.init(iso8601:)) else { throw fail("\"issued\"", line) }
                subject = .badge(id: badge, name: try string("name", in: line), issued: issued)
            } else {
                subject = .pathway(id: try string("pathway", in: line), title: try string("name", in: line))
            }
            guard let decision = CreditLine.Decision(rawValue: try string("decision", in: line)) else {
                throw fail("\"decision\"", line["decision"])
            }
            let result = line["result"]?.string.map { text in Rational(parsing: text).map(BadgeResult.number) ?? .label(text) }
            lines.append(CreditLine(subject: subject, credits: try exact("creditsExact", in: line),
                                    counted: line["counted"]?.bool ?? false, decision: decision,
                                    reason: try string("reason", in: line), rule: line["rule"]?.string,
                                    equivalentTo: line["equivalentTo"]?.string, result: result, grade: line["grade"]?.string,
                                    cutBy: (line["cutBy"]?.elements ?? []).compactMap(\.string)))
        }
        self.init(policy: try string("policy", in: root), policyVersion: try string("policyVersion", in: root),
                  policyTitle: root["title"]?.string,
                  institution: root["institution"]?.string.map { Issuer(id: "", name: $0) },
                  learner: try string("learner", in: root), asOf: asOf, unit: CreditUnit(try string("unit", in: root)),
                  total: try exact("totalExact", in: root), unroundedTotal: try exact("unroundedTotal", in: root),
                  lines: lines, isExact: root["exact"]?.bool ?? true)
        notes = (root["notes"]?.elements ?? []).compactMap(\.string)
    }
}
