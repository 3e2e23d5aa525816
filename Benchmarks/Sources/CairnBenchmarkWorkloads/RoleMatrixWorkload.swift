import Cairn
import Foundation

/// Role fit at ESCO scale: every occupation of a generated full-size ESCO (13,939 skills under
/// 640 skill groups, 3,039 occupations, 129,004 essential and optional relations) against
/// 10,000 generated learners of 30 badges each (one to three aligned skills per badge, some
/// aligned to skill groups so narrower/broader matching is exercised), as `cairn roles matrix`
/// computes it.
public struct RoleMatrixWorkload: Sendable {
    public static let skillCount = 13_939
    public static let skillGroupCount = 640
    public static let occupationCount = 3_039
    public static let relationCount = 129_004
    public static let learnerCount = 10_000
    static let badgesPerLearner = 30
    static let badgeClassCount = 800

    /// The concurrency of the "all cores" figures.
    public static var allCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// The roles indexed once (their posting lists), ready to score learners against.
    public struct RoleIndex: Sendable {
        fileprivate let engine: RoleFitEngine
    }

    private let roles: [RoleProfile]
    private let framework: Framework
    private let learners: [LearnerSkills]

    public init() {
        var random = SplitMix64(seed: 0x0DD_BA11)
        let skillURI = { (index: Int) in "http://data.europa.eu/esco/skill/s\(index)" }
        let groupURI = { (index: Int) in "http://data.europa.eu/esco/skill/g\(index)" }
        // Skills under groups, groups under 40 top groups: the skill pillar's shape.
        var frameworkSkills: [Skill] = []
        for index in 0..<Self.skillCount {
            frameworkSkills.append(Skill(id: skillURI(index), preferredLabels: ["en": "skill \(index)"],
                                         broader: [groupURI(random.below(Self.skillGroupCount))]))
        }
        for index in 0..<Self.skillGroupCount {
            frameworkSkills.append(Skill(id: groupURI(index), preferredLabels: ["en": "group \(index)"],
                                         broader: index >= 40 ? [groupURI(random.below(40))] : []))
        }
        // Popular skills are asked for by many occupations: pick by a skewed distribution.
        func popularSkill() -> Int {
            let uniform = Double(random.next() % 1_000_000) / 1_000_000
            return min(Self.skillCount - 1, Int(Double(Self.skillCount) * uniform * uniform))
        }
        var roles: [RoleProfile] = []
        let perOccupation = Self.relationCount / Self.occupationCount
        for index in 0..<Self.occupationCount {
            var chosen: Set<Int> = []
            let wanted = perOccupation + (index < Self.relationCount % Self.occupationCount ? 1 : 0)
            while chosen.count < wanted { chosen.insert(popularSkill()) }
            roles.append(RoleProfile(
                id: "http://data.europa.eu/esco/occupation/o\(index)", title: "occupation \(index)", origin: .escoOccupation,
                skills: chosen.sorted().enumerated().map { position, skill in
                    RoleSkill(skill: SkillReference(framework: "esco", code: skillURI(skill), includeNarrower: true),
                              isEssential: position % 3 == 0)
                }))
        }
        // Badge classes aligned to one to three skills (some to a group); learners hold 30 each.
        let alignments: [[SkillReference]] = (0..<Self.badgeClassCount).map { _ in
            (0..<(1 + random.below(3))).map { _ in
                random.below(10) == 0 ? SkillReference(framework: "esco", code: groupURI(random.below(Self.skillGroupCount)))
                    : SkillReference(framework: "esco", code: skillURI(popularSkill()))
            }
        }
        learners = (0..<Self.learnerCount).map { index in
            var evidence: [LearnerSkills.Evidence] = []
            for _ in 0..<Self.badgesPerLearner {
                let badge = random.below(Self.badgeClassCount)
                evidence += alignments[badge].map { LearnerSkills.Evidence(skill: $0, badge: "b\(badge)") }
            }
            return LearnerSkills(learner: "learner-\(index)", valid: evidence, lapsed: [])
        }
        self.roles = roles
        framework = Framework(id: "esco", name: "ESCO (generated)", skills: frameworkSkills)
    }

    /// Relations actually generated (each occupation's skills are distinct).
    public var relations: Int { roles.reduce(0) { $0 + $1.skills.count } }

    /// Builds the roles' posting lists (for each skill, the roles that ask for it).
    public func indexRoles() -> RoleIndex {
        RoleIndex(engine: RoleFitEngine(roles: roles, frameworks: [framework]))
    }

    /// Every learner × role score over `concurrency` tasks, the rows only summed; returns the
    /// sum, so the work cannot be optimised away.
    public func scoreAll(with index: RoleIndex, concurrency: Int) async -> Double {
        var checksum = 0.0
        await index.engine.scoreMatrix(learners, concurrency: concurrency) { _, rows in
            for row in rows { checksum += Double(row.reduce(0, +)) }
        }
        return checksum
    }

    /// Every score, formatted as `cairn roles matrix` writes its CSV and written to /dev/null;
    /// returns the bytes of CSV written.
    public func scoreAllWritingCSV(with index: RoleIndex, concurrency: Int) async -> Int {
        let devNull = FileHandle(forWritingAtPath: "/dev/null")
        defer { try? devNull?.close() }
        let sink = devNull ?? FileHandle.standardError
        let header = RoleMatrixCSV.header(roles: roles)
        sink.write(Data(header.utf8))
        var bytes = header.utf8.count
        await index.engine.scoreMatrix(learners, concurrency: concurrency) { first, rows in
            var text = ""
            for (offset, row) in rows.enumerated() {
                text += RoleMatrixCSV.row(learner: learners[first + offset].learner, scores: row)
            }
            bytes += text.utf8.count
            sink.write(Data(text.utf8))
        }
        return bytes
    }
}
