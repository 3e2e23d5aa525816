import Cairn
import Foundation

/// Role fit at ESCO scale: every occupation of a generated full-size ESCO (13,939 skills under
/// a skill-group hierarchy, 3,039 occupations, about 129,000 essential and optional relations)
/// against 10,000 generated learners of 30 badges each, as `cairn roles matrix` computes it.
struct RoleMatrixBenchmark {
    var skills = 13_939
    var groups = 640
    var occupations = 3_039
    var relations = 129_004
    var learners = 10_000
    var badgesPerLearner = 30
    var badgeClasses = 800

    func run() async throws {
        var random = SplitMix64(seed: 0x0DD_BA11)
        let skillURI = { (index: Int) in "http://data.europa.eu/esco/skill/s\(index)" }
        let groupURI = { (index: Int) in "http://data.europa.eu/esco/skill/g\(index)" }
        // Skills under groups, groups under 40 top groups: the skill pillar's shape.
        var frameworkSkills: [Skill] = []
        for index in 0..<skills {
            frameworkSkills.append(Skill(id: skillURI(index), preferredLabels: ["en": "skill \(index)"],
                                         broader: [groupURI(random.below(groups))]))
        }
        for index in 0..<groups {
            frameworkSkills.append(Skill(id: groupURI(index), preferredLabels: ["en": "group \(index)"],
                                         broader: index >= 40 ? [groupURI(random.below(40))] : []))
        }
        // Popular skills are asked for by many occupations: pick by a skewed distribution.
        func popularSkill() -> Int {
            let uniform = Double(random.next() % 1_000_000) / 1_000_000
            return min(skills - 1, Int(Double(skills) * uniform * uniform))
        }
        var roles: [RoleProfile] = []
        let perOccupation = relations / occupations
        for index in 0..<occupations {
            var chosen: Set<Int> = []
            while chosen.count < perOccupation + (index < relations % occupations ? 1 : 0) { chosen.insert(popularSkill()) }
            let ordered = chosen.sorted()
            roles.append(RoleProfile(
                id: "http://data.europa.eu/esco/occupation/o\(index)", title: "occupation \(index)", origin: .escoOccupation,
                skills: ordered.enumerated().map { position, skill in
                    RoleSkill(skill: SkillReference(framework: "esco", code: skillURI(skill), includeNarrower: true),
                              isEssential: position % 3 == 0)
                }))
        }
        // Badge classes aligned to one to three skills (some to a group); learners hold 30 each.
        let alignments: [[SkillReference]] = (0..<badgeClasses).map { _ in
            (0..<(1 + random.below(3))).map { _ in
                random.below(10) == 0 ? SkillReference(framework: "esco", code: groupURI(random.below(groups)))
                    : SkillReference(framework: "esco", code: skillURI(popularSkill()))
            }
        }
        let people: [LearnerSkills] = (0..<learners).map { index in
            var evidence: [LearnerSkills.Evidence] = []
            for _ in 0..<badgesPerLearner {
                let badge = random.below(badgeClasses)
                evidence += alignments[badge].map { LearnerSkills.Evidence(skill: $0, badge: "b\(badge)") }
            }
            return LearnerSkills(learner: "learner-\(index)", valid: evidence, lapsed: [])
        }
        let framework = Framework(id: "esco", name: "ESCO (generated)", skills: frameworkSkills)
        print("Role matrix: \(learners) learners × \(roles.count) occupations "
              + "(\(roles.reduce(0) { $0 + $1.skills.count }) relations, \(frameworkSkills.count) skills)")

        var engine: RoleFitEngine?
        let build = seconds { engine = RoleFitEngine(roles: roles, frameworks: [framework]) }
        guard let engine else { return }
        print("  index the roles once:            \(formatted(build * 1000, decimals: 0)) ms")

        let cores = ProcessInfo.processInfo.activeProcessorCount
        for concurrency in [1, cores] where concurrency == 1 || cores > 1 {
            var checksum = 0.0
            let compute = try await seconds {
                try await engine.scoreMatrix(people, concurrency: concurrency) { _, rows in
                    for row in rows { checksum += Double(row.reduce(0, +)) }
                }
            }
            print("  scores only, \(concurrency) core\(concurrency == 1 ? ": " : "s:")              "
                  + "\(formatted(compute, decimals: 2)) s (checksum \(formatted(checksum, decimals: 1)))")
        }
        let sink = FileHandle(forWritingAtPath: "/dev/null") ?? FileHandle.standardOutput
        var bytes = 0
        let withCSV = try await seconds {
            sink.write(Data(RoleMatrixCSV.header(roles: roles).utf8))
            try await engine.scoreMatrix(people, concurrency: cores) { first, rows in
                var text = ""
                for (offset, row) in rows.enumerated() {
                    text += RoleMatrixCSV.row(learner: people[first + offset].learner, scores: row)
                }
                bytes += text.utf8.count
                sink.write(Data(text.utf8))
            }
        }
        print("  with the CSV written, \(cores) cores:    \(formatted(withCSV, decimals: 2)) s "
              + "(\(formatted(Double(bytes) / 1_000_000, decimals: 0)) MB of CSV)")
        print("  peak memory (max RSS):           \(formatted(Double(peakResidentBytes()) / 1_048_576, decimals: 0)) MB")
    }

    private func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
