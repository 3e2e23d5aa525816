import Cairn
import CairnTestSupport
import Foundation
import Testing

/// A learner's record kept in the store audits exactly like the same record read from a file:
/// random records over the bundled catalogues, written as learner record files and imported,
/// are read back (one by one and as a cohort) and audited against every bundled pathway.
@Suite("Stored records audit as their files do")
struct StoredRecordPropertyTests {
    static func randomRecord(_ index: Int, classes: [BadgeClass], random: inout SplitMix64) -> LearnerRecord {
        var seen: Set<String> = []
        var badges: [EarnedBadge] = []
        for _ in 0..<(random.below(14)) {
            let badgeClass = classes[random.below(classes.count)]
            let issued = CalendarDate(dayNumber: 19_000 + random.below(2_500))
            guard seen.insert("\(badgeClass.id) \(issued)").inserted else { continue }
            let result: BadgeResult? = switch random.below(3) {
            case 0: nil
            case 1: badgeClass.resultScale.isEmpty ? .number(Rational(40 + random.below(60)))
                : .label(badgeClass.resultScale[random.below(badgeClass.resultScale.count)])
            default: .number(Rational(random.below(200), 2))
            }
            badges.append(EarnedBadge(badgeClassID: badgeClass.id, issued: issued,
                                      expires: random.below(5) == 0 ? issued.adding(days: 200 + random.below(900)) : nil,
                                      revoked: random.below(12) == 0, result: result,
                                      evidence: random.below(4) == 0 ? ["https://e.example/\(index)"] : []))
        }
        return LearnerRecord(learner: "learner-\(index)", badges: badges)
    }

    @Test("200 random learners: the same audit on every bundled pathway, from the file and from the store", arguments: [2026, 7])
    func storedEqualsFile(seed: UInt64) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let workspace = try Workspace(at: CairnProcess.packageRoot)
        let classes = workspace.catalog.badgeClasses.values.sorted { $0.id < $1.id }
        var random = SplitMix64(seed: seed)
        let store = try SQLiteStore(path: folder.url.appendingPathComponent("store.sqlite").path)
        var fromFiles: [String: LearnerRecord] = [:]
        for index in 0..<200 {
            let record = Self.randomRecord(index, classes: classes, random: &random)
            let file = try folder.write("records/\(record.learner).yaml", LearnerRecordYAML.text(record))
            fromFiles[record.learner] = try workspace.learnerRecord(at: file)
            let reading = workspace.readLearnerFile(at: file, settings: LearnerImportSettings(), store: store)
            #expect(reading.problems.isEmpty, "\(reading.problems)")
            try store.importEarnings([try #require(reading.batch)])
        }
        let asOf = try #require(CalendarDate(year: 2026, month: 11, day: 29))
        let pathways = try workspace.catalog.sortedPathways.map { try workspace.compiledPathway($0.id) }
        var compared = 0
        try await workspace.forEachCohortChunk(.store(store), chunkSize: 37, transform: { $0 }, emit: { records in
            for stored in records {
                guard let file = fromFiles[stored.learner] else { Issue.record("unknown learner \(stored.learner)"); continue }
                let single = try store.learnerRecord(stored.learner)
                #expect(single.map { Set($0.badges.map(\.badgeClassID)) } == Set(file.badges.map(\.badgeClassID)))
                for pathway in pathways {
                    let expected = pathway.audit(file, asOf: asOf)
                    let actual = pathway.audit(stored, asOf: asOf)
                    #expect(actual.isComplete == expected.isComplete && actual.progress == expected.progress
                            && actual.root == expected.root, "\(stored.learner) on \(pathway.pathway.id)")
                    compared += 1
                }
            }
        })
        #expect(compared == 200 * pathways.count)
    }
}
