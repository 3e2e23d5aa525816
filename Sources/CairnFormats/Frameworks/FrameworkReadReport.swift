import CairnCore

/// What a framework reader sent to its sink, and what it read but left out.
public struct FrameworkReadReport: Hashable, Sendable, CustomStringConvertible {
    /// Skill records sent (one per distinct skill).
    public var skills = 0
    /// Occupation records sent.
    public var occupations = 0
    /// Labels sent (after the language filter and removal of exact duplicates).
    public var labels = 0
    /// Broader links sent.
    public var broaderLinks = 0
    /// Occupation–skill relations sent (distinct occupation, skill and kind).
    public var relations = 0
    /// The files read, in order (for CSV folders, their names).
    public var files: [String] = []
    /// Things read but kept out of the model, by what they were, such as
    /// `CASE association exactMatchOf` or `incomplete AssociationObject`.
    public var ignored: [String: Int] = [:]
    /// Remarks on how the input was read, such as a missing file and what stood in for it.
    public var notes: [String] = []

    public init() {}

    mutating func ignore(_ what: String, _ count: Int = 1) {
        guard count > 0 else { return }
        ignored[what, default: 0] += count
    }

    /// One line: the counts, then what was left out.
    public var description: String {
        var text = "\(skills) skills, \(occupations) occupations, \(labels) labels, "
            + "\(broaderLinks) broader links, \(relations) relations"
        if !ignored.isEmpty {
            text += "; left out: " + ignored.sorted { $0.key < $1.key }
                .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        return text
    }
}

/// Which labels and descriptions a reader keeps: `nil` keeps every language.
///
/// A language tag passes when it equals a wanted tag or starts with it and `-` (RFC 4647 basic
/// filtering: `en` lets `en-us` through). Text without a language tag always passes.
struct LanguageFilter: Sendable {
    let languages: Set<String>?

    init(_ languages: Set<String>?) {
        self.languages = languages.map { Set($0.map { $0.lowercased() }) }
    }

    func accepts(_ language: String) -> Bool {
        guard let languages, !language.isEmpty else { return true }
        let tag = language.lowercased()
        if languages.contains(tag) { return true }
        return languages.contains { tag.hasPrefix($0 + "-") }
    }
}

/// A text in some language, ranked so a reader keeps one per concept: English first, then text
/// without a language, then other languages in tag order; among equals the lower `rank`
/// (the property's preference), then the first read.
struct RankedText: Hashable, Sendable {
    var text: String
    var language: String
    var rank: Int

    private var key: (Int, Int, String) {
        let languageRank = language == "en" ? 0 : language.isEmpty ? 1 : 2
        return (languageRank, rank, language)
    }

    func isBetter(than other: RankedText) -> Bool { key < other.key }

    static func best(_ current: RankedText?, _ candidate: RankedText) -> RankedText {
        guard let current else { return candidate }
        return candidate.isBetter(than: current) ? candidate : current
    }
}

/// Wraps a sink so ``FrameworkSink/begin(_:)`` is sent once, just before the first other call,
/// with the header as known by then; and counts what is sent. Labels are deduplicated.
struct SinkFeed<Sink: FrameworkSink> {
    var sink: Sink
    var header: FrameworkHeader
    private(set) var begun = false
    var report = FrameworkReadReport()
    private var sentLabels = Set<Int>()

    init(sink: Sink, header: FrameworkHeader) {
        self.sink = sink
        self.header = header
    }

    /// Hands the sink back; finishes it when the file had no problems, else throws them all.
    mutating func close(problems: [FormatError], into target: inout Sink) throws -> FrameworkReadReport {
        defer { target = sink }
        guard problems.isEmpty else { throw FormatErrors(problems) }
        try finish()
        return report
    }

    mutating func beginIfNeeded() throws {
        guard !begun else { return }
        begun = true
        try sink.begin(header)
    }

    mutating func label(_ label: ConceptLabel) throws {
        var hasher = Hasher()
        hasher.combine(label)
        guard sentLabels.insert(hasher.finalize()).inserted else { return }
        try beginIfNeeded()
        try sink.label(label)
        report.labels += 1
    }

    mutating func skill(_ record: SkillRecord) throws {
        try beginIfNeeded()
        try sink.skill(record)
        report.skills += 1
    }

    mutating func occupation(_ record: OccupationRecord) throws {
        try beginIfNeeded()
        try sink.occupation(record)
        report.occupations += 1
    }

    mutating func broader(narrower: String, broader: String) throws {
        try beginIfNeeded()
        try sink.broader(narrower: narrower, broader: broader)
        report.broaderLinks += 1
    }

    mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        try beginIfNeeded()
        try sink.relation(occupation: occupation, skill: skill, kind: kind)
        report.relations += 1
    }

    mutating func finish() throws {
        try beginIfNeeded()
        try sink.finish()
        sentLabels = []
    }
}

/// Extracts a version such as `1.2.0` from text like `esco_v1.2.0.rdf` or `v1.2`.
func versionNumber(in text: String) -> String? {
    let characters = Array(text)
    var index = 0
    while index < characters.count {
        let startsHere = characters[index].isNumber
            && (index == 0 || !characters[index - 1].isNumber && characters[index - 1] != ".")
        if startsHere {
            var end = index
            var dots = 0
            while end < characters.count, characters[end].isNumber
                    || (characters[end] == "." && end + 1 < characters.count && characters[end + 1].isNumber) {
                if characters[end] == "." { dots += 1 }
                end += 1
            }
            if dots >= 1 { return String(characters[index..<end]) }
            index = end
        } else {
            index += 1
        }
    }
    return nil
}
