public import CairnCore
import CairnSyntax
import Foundation

/// Reads a folder of ESCO's CSV export for one language (`<name>_<language>.csv`) into a
/// ``FrameworkSink``.
///
/// Files used, with their columns found by header name:
/// - `skills_xx.csv` — skills (`conceptUri`, `preferredLabel` required; `altLabels`,
///   `hiddenLabels`, `skillType`, `reuseLevel`, `description` else `definition`). When it is
///   missing, the skill collections (`digitalSkillsCollection_xx.csv`,
///   `greenSkillsCollection_xx.csv`, … every `*SkillsCollection_xx.csv`) stand in for it, and
///   their `broaderConceptUri` gives broader links to other skills when the pillar file is missing too;
/// - `skillGroups_xx.csv` — the skill groups of the hierarchy, sent as skills too (with their
///   `code`, such as `S1.1`), so broader links lead to labelled concepts;
/// - `occupations_xx.csv` — occupations (`conceptUri`, `preferredLabel` required; `iscoGroup`,
///   `altLabels`, `hiddenLabels`, `description` else `definition`); when missing,
///   `*OccupationsCollection_xx.csv` files stand in;
/// - `broaderRelationsSkillPillar_xx.csv` — `conceptUri` is narrower than `broaderUri`;
/// - `occupationSkillRelations_xx.csv` — `occupationUri`, `relationType` (`essential` or
///   `optional`; others are counted as left out), `skillUri`.
///
/// Multi-valued cells (alternative and hidden labels) are split on line breaks and on ` | `
/// (the collections' separator). A concept listed in several files is sent once, from the
/// first file read. Other files (ISCO groups, occupation pillar, skill–skill relations,
/// hierarchy, concept schemes) are listed in the report's notes as not read.
///
/// Bad records (a wrong number of fields, no URI, no preferred label) are skipped and all
/// reported together: reading goes on, and ``FormatErrors`` is thrown at the end, before the
/// sink is finished. Malformed CSV or a missing required column also throws.
public enum ESCOCSVPackage {
    /// The language codes of the CSV files in `folder` (`en` for `occupations_en.csv`), sorted.
    public static func languages(in folder: String) throws -> [String] {
        Array(Set(try entries(in: folder).map(\.language))).sorted()
    }

    /// Reads the files of one language in `path` (a folder, or a single ESCO CSV file).
    ///
    /// - Parameters:
    ///   - language: The language of the files to read; nil picks one in `languages`, else
    ///     `en`, else the first in alphabetical order.
    ///   - languages: The languages wanted (used only when `language` is nil).
    ///   - version: The ESCO version; nil takes a number such as `1.2.0` from the folder name.
    /// - Returns: What was sent and what was left out.
    @discardableResult
    public static func read<Sink: FrameworkSink>(path: String, language: String? = nil,
                                                 languages: Set<String>? = nil, version: String? = nil,
                                                 into sink: inout Sink) throws -> FrameworkReadReport {
        let available = try entries(in: path)
        let all = Set(available.map(\.language))
        let filter = LanguageFilter(languages)
        let wanted = languages == nil ? all : all.filter { filter.accepts($0) }
        guard let chosen = language?.lowercased()
                ?? (wanted.contains("en") ? "en" : wanted.sorted().first)
                ?? (all.contains("en") ? "en" : all.sorted().first) else {
            throw FormatErrors(FormatError(location: SourceLocation(file: path),
                                           message: "expected ESCO CSV files named like skills_en.csv, found none"))
        }
        let files = available.filter { $0.language == chosen }
        var byName: [String: Entry] = [:]
        for file in files { byName[file.name.lowercased()] = file }

        var reader = Reader(feed: SinkFeed(sink: sink, header: FrameworkHeader(
            id: "esco", name: "ESCO",
            version: version ?? versionNumber(in: URL(fileURLWithPath: path).lastPathComponent),
            source: path)), language: chosen)
        try reader.feed.beginIfNeeded()
        var used = Set<String>()

        let pillar = byName["broaderrelationsskillpillar"]
        /// Reads `main` (`skills`, `occupations`), or else the collection files standing in for it.
        func readMainOrCollections(_ main: String, collections suffix: String, kind: ConceptKind,
                                   broaderFromCollection: Bool) throws {
            if let entry = byName[main] {
                try reader.readConcepts(entry, kind: kind, broaderFromCollection: false)
                used.insert(entry.name)
                return
            }
            let collections = files.filter { $0.name.lowercased().hasSuffix(suffix) }.sorted { $0.name < $1.name }
            reader.feed.report.notes.append("\(main)_\(chosen).csv is missing: \(main) were read from "
                + (collections.isEmpty ? "no collection file" : collections.map(\.fileName).joined(separator: ", ")))
            for collection in collections {
                try reader.readConcepts(collection, kind: kind, broaderFromCollection: broaderFromCollection)
                used.insert(collection.name)
            }
        }
        try readMainOrCollections("skills", collections: "skillscollection", kind: .skill,
                                  broaderFromCollection: pillar == nil)
        if let groups = byName["skillgroups"] {
            try reader.readConcepts(groups, kind: .skill, broaderFromCollection: false)
            used.insert(groups.name)
        }
        try readMainOrCollections("occupations", collections: "occupationscollection", kind: .occupation,
                                  broaderFromCollection: false)
        if let pillar {
            try reader.readBroader(pillar)
            used.insert(pillar.name)
        } else {
            reader.feed.report.notes.append("broaderRelationsSkillPillar_\(chosen).csv is missing")
        }
        if let relations = byName["occupationskillrelations"] {
            try reader.readRelations(relations)
            used.insert(relations.name)
        } else {
            reader.feed.report.notes.append("occupationSkillRelations_\(chosen).csv is missing: no occupation–skill relations")
        }
        let unused = files.filter { !used.contains($0.name) }.map(\.fileName).sorted()
        if !unused.isEmpty { reader.feed.report.notes.append("not read: " + unused.joined(separator: ", ")) }
        return try reader.feed.close(problems: reader.problems, into: &sink)
    }

    // MARK: - Files

    struct Entry {
        var path: String
        var fileName: String
        /// The name without `_xx.csv`.
        var name: String
        var language: String
    }

    static func entries(in path: String) throws -> [Entry] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw FormatErrors(FormatError(location: SourceLocation(file: path), message: "no such file or folder"))
        }
        let paths: [String]
        if isFolder.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
            paths = names.map { (path as NSString).appendingPathComponent($0) }
        } else {
            paths = [path]
        }
        return paths.compactMap { filePath in
            let fileName = (filePath as NSString).lastPathComponent
            guard fileName.lowercased().hasSuffix(".csv") else { return nil }
            let stem = String(fileName.dropLast(4))
            guard let underscore = stem.lastIndex(of: "_") else { return nil }
            let language = String(stem[stem.index(after: underscore)...]).lowercased()
            guard !language.isEmpty, language.count <= 8 else { return nil }
            return Entry(path: filePath, fileName: fileName, name: String(stem[..<underscore]), language: language)
        }.sorted { $0.fileName < $1.fileName }
    }

    // MARK: - Reading

    private enum ConceptKind { case skill, occupation }

    /// Reads one skills file's text (`skills_xx.csv` or a collection file) into a sink: what
    /// ``ESCOSkillsCSV`` does for a single file.
    static func readSkills<Sink: FrameworkSink>(csv: String, file: String, language: String, version: String?,
                                                into sink: inout Sink) throws {
        var table = try CSVTable(text: csv, file: file)
        var reader = Reader(feed: SinkFeed(sink: sink, header: FrameworkHeader(
            id: "esco", name: "ESCO", version: version, source: file)), language: language)
        try reader.feed.beginIfNeeded()
        try reader.readConcepts(&table, fileName: (file as NSString).lastPathComponent, kind: .skill,
                                broaderFromCollection: true)
        _ = try reader.feed.close(problems: reader.problems, into: &sink)
    }

    private struct Reader<Sink: FrameworkSink> {
        var feed: SinkFeed<Sink>
        let language: String
        var problems: [FormatError] = []
        var skills = Set<String>()
        var occupations = Set<String>()
        var broaderSeen = Set<String>()
        var relationsSeen = Set<String>()

        init(feed: SinkFeed<Sink>, language: String) {
            self.feed = feed
            self.language = language
        }

        mutating func readConcepts(_ entry: Entry, kind: ConceptKind, broaderFromCollection: Bool) throws {
            var table = try CSVTable(path: entry.path)
            try readConcepts(&table, fileName: entry.fileName, kind: kind, broaderFromCollection: broaderFromCollection)
        }

        mutating func readConcepts(_ table: inout CSVTable, fileName: String, kind: ConceptKind,
                                   broaderFromCollection: Bool) throws {
            try table.require(["conceptUri", "preferredLabel"])
            feed.report.files.append(fileName)
            let uri = table.column("conceptUri"), label = table.column("preferredLabel")
            let alt = table.column("altLabels"), hidden = table.column("hiddenLabels")
            let description = table.column("description"), definition = table.column("definition")
            let skillType = table.column("skillType"), reuse = table.column("reuseLevel")
            let isco = table.column("iscoGroup"), code = table.column("code")
            let broader = broaderFromCollection ? table.column("broaderConceptUri") : nil
            var repeated = 0
            while let record = try table.nextRecord() {
                guard record.fields.count == table.names.count else {
                    problems.append(FormatError(location: table.location(record), message:
                        "expected \(table.names.count) fields as in the header, found \(record.fields.count)"))
                    continue
                }
                guard let id = table.value(record, uri) else {
                    problems.append(FormatError(location: table.location(record), message: "expected a concept URI, found nothing"))
                    continue
                }
                guard let preferred = table.value(record, label) else {
                    problems.append(FormatError(location: table.location(record),
                                                message: "expected a preferred label for \(id), found nothing"))
                    continue
                }
                let isNew = kind == .skill ? skills.insert(id).inserted : occupations.insert(id).inserted
                guard isNew else {
                    repeated += 1
                    continue
                }
                let text = table.value(record, description) ?? table.value(record, definition)
                switch kind {
                case .skill:
                    try feed.skill(SkillRecord(id: id, skillType: table.value(record, skillType),
                                               reuseLevel: table.value(record, reuse), description: text,
                                               code: table.value(record, code)))
                case .occupation:
                    try feed.occupation(OccupationRecord(id: id, iscoGroup: table.value(record, isco), description: text))
                }
                try feed.label(ConceptLabel(concept: id, kind: .preferred, language: language, text: preferred))
                for value in table.value(record, alt).map(ESCOSkillsCSV.splitList) ?? [] {
                    try feed.label(ConceptLabel(concept: id, kind: .alternative, language: language, text: value))
                }
                for value in table.value(record, hidden).map(ESCOSkillsCSV.splitList) ?? [] {
                    try feed.label(ConceptLabel(concept: id, kind: .hidden, language: language, text: value))
                }
                for target in table.value(record, broader).map(ESCOSkillsCSV.splitList) ?? []
                where target.hasPrefix("http://data.europa.eu/esco/skill/") {
                    try sendBroader(narrower: id, broader: target)
                }
            }
            feed.report.ignore("concepts repeated in another file", repeated)
        }

        mutating func readBroader(_ entry: Entry) throws {
            var table = try CSVTable(path: entry.path)
            try table.require(["conceptUri", "broaderUri"])
            feed.report.files.append(entry.fileName)
            let narrower = table.column("conceptUri"), broader = table.column("broaderUri")
            while let record = try table.nextRecord() {
                guard let from = table.value(record, narrower), let to = table.value(record, broader) else {
                    problems.append(FormatError(location: table.location(record),
                                                message: "expected a conceptUri and a broaderUri, found an empty field"))
                    continue
                }
                try sendBroader(narrower: from, broader: to)
            }
        }

        mutating func readRelations(_ entry: Entry) throws {
            var table = try CSVTable(path: entry.path)
            try table.require(["occupationUri", "relationType", "skillUri"])
            feed.report.files.append(entry.fileName)
            let occupation = table.column("occupationUri"), type = table.column("relationType")
            let skill = table.column("skillUri")
            while let record = try table.nextRecord() {
                guard let from = table.value(record, occupation), let to = table.value(record, skill) else {
                    problems.append(FormatError(location: table.location(record),
                                                message: "expected an occupationUri and a skillUri, found an empty field"))
                    continue
                }
                let typeName = table.value(record, type)?.lowercased() ?? ""
                guard let kind = SkillRelationKind(rawValue: typeName) else {
                    feed.report.ignore("relations of type \(quoted(typeName))")
                    continue
                }
                guard relationsSeen.insert(from + " " + to + " " + typeName).inserted else { continue }
                try feed.relation(occupation: from, skill: to, kind: kind)
            }
        }

        mutating func sendBroader(narrower: String, broader: String) throws {
            guard broaderSeen.insert(narrower + " " + broader).inserted else {
                feed.report.ignore("repeated broader links")
                return
            }
            try feed.broader(narrower: narrower, broader: broader)
        }
    }
}
