import CairnCore
import CairnSyntax

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
    package var text: String
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

/// Any sink, behind one concrete type: the mappers' per-statement code works on this, so it is
/// compiled (and specialised) once in this module rather than run as unspecialised generic code
/// for a sink type from another module.
struct ErasedFrameworkSink: FrameworkSink {
    var base: any FrameworkSink

    init(_ base: any FrameworkSink) {
        self.base = base
    }

    /// The sink, as the type it was made from.
    func unwrap<Sink: FrameworkSink>(as type: Sink.Type) -> Sink {
        base as! Sink
    }

    mutating func begin(_ header: FrameworkHeader) throws { try base.begin(header) }
    mutating func skill(_ skill: SkillRecord) throws { try base.skill(skill) }
    mutating func occupation(_ occupation: OccupationRecord) throws { try base.occupation(occupation) }
    mutating func label(_ label: ConceptLabel) throws { try base.label(label) }
    mutating func broader(narrower: String, broader: String) throws { try base.broader(narrower: narrower, broader: broader) }
    mutating func relation(occupation: String, skill: String, kind: SkillRelationKind) throws {
        try base.relation(occupation: occupation, skill: skill, kind: kind)
    }
    mutating func finish() throws { try base.finish() }
}

/// 64-bit fingerprints of the labels sent, to send each exact duplicate once: an open-addressing
/// table of fingerprints, each computed with a few multiplications per 8 bytes of text (far
/// cheaper than `Hasher` over the label and then again over the hash for a `Set`).
struct LabelFingerprints {
    private var slots: [UInt64] = []
    private var count = 0

    /// Adds the label's fingerprint; whether it was new.
    mutating func insert(_ label: ConceptLabel) -> Bool {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(label.kind == .preferred ? 1 : label.kind == .alternative ? 2 : 3)
        hash = Self.mix(label.concept, hash)
        hash = Self.mix(label.language, hash)
        hash = Self.mix(label.text, hash)
        if hash == 0 { hash = 1 }  // 0 marks an empty slot
        if count * 4 >= slots.count * 3 { grow() }
        return place(hash)
    }

    private mutating func place(_ hash: UInt64) -> Bool {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash >> 7) & mask
        let inserted = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let slot = slots[index]
                if slot == hash { return false }
                if slot == 0 {
                    slots[index] = hash
                    return true
                }
                index = (index + 1) & mask
            }
        }
        if inserted { count += 1 }
        return inserted
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: max(1024, old.count * 2))
        count = 0
        for hash in old where hash != 0 { _ = place(hash) }
    }

    private static func mix(_ text: String, _ seed: UInt64) -> UInt64 {
        var text = text
        return text.withUTF8 { bytes in
            var hash = seed ^ (UInt64(bytes.count) &* 0xFF51_AFD7_ED55_8CCD)
            var index = 0
            let count = bytes.count
            let raw = UnsafeRawBufferPointer(bytes)
            while index + 8 <= count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                hash = (hash ^ word) &* 0x9FB2_1C65_1E98_DF25
                hash ^= hash >> 29
                index += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(bytes[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail ^ 0xA5) &* 0x9FB2_1C65_1E98_DF25
            hash ^= hash >> 32
            hash = hash &* 0xC4CE_B9FE_1A85_EC53
            return hash ^ (hash >> 29)
        }
    }
}

/// Wraps a sink so ``FrameworkSink/begin(_:)`` is sent once, just before the first other call,
/// with the header as known by then; and counts what is sent. Labels are deduplicated.
struct SinkFeed<Sink: FrameworkSink> {
    var sink: Sink
    var header: FrameworkHeader
    private(set) var begun = false
    var report = FrameworkReadReport()
    private var sentLabels = LabelFingerprints()

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
        guard sentLabels.insert(label) else { return }
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
        sentLabels = LabelFingerprints()
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
