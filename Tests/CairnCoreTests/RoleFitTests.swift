@testable import CairnCore
import CairnTestSupport
import PropertyBased
import Testing

/// Role fit on small, hand-checked cases, and the fast matrix against the exact fit.
@Suite("Role fit")
struct RoleFitTests {
    static let asOf = Fixture.date("2026-11-29")

    static func skill(_ code: String, _ framework: String = "esco", level: Int? = nil, narrower: Bool = false) -> SkillReference {
        SkillReference(framework: framework, code: code, level: level, includeNarrower: narrower)
    }

    static func role(_ id: String, essential: [(SkillReference, Int)], optional: [SkillReference] = []) -> RoleProfile {
        RoleProfile(id: id, title: id.uppercased(), origin: .employer,
                    skills: essential.map { RoleSkill(skill: $0.0, isEssential: true, weight: Rational($0.1)) }
                        + optional.map { RoleSkill(skill: $0, isEssential: false) })
    }

    static func learner(_ badges: [(String, [SkillReference], String?)]) -> (LearnerSkills, Catalog) {
        var classes: [BadgeClass] = []
        var earned: [EarnedBadge] = []
        for (id, alignments, expires) in badges {
            classes.append(Fixture.badge(id, alignments: alignments))
            earned.append(Fixture.earned(id, "2025-01-01", expires: expires))
        }
        let catalog = Fixture.catalog(classes)
        return (LearnerSkills(Fixture.learner(earned), catalog: catalog, asOf: asOf), catalog)
    }

    @Test("weighted coverage and the documented score: (3 × essential + optional) / 4")
    func arithmetic() throws {
        let role = Self.role("r", essential: [(Self.skill("a"), 2), (Self.skill("b"), 1)], optional: [Self.skill("c"), Self.skill("d")])
        let (skills, _) = Self.learner([("x", [Self.skill("a"), Self.skill("c")], nil)])
        let fit = try #require(RoleFitEngine(roles: [role], frameworks: []).fits(skills).first)
        #expect(fit.essentialCoverage == Rational(2, 3))
        #expect(fit.optionalCoverage == Rational(1, 2))
        #expect(fit.score == Rational(5, 8))          // (3 × 2/3 + 1/2) / 4
        #expect(fit.missingEssential.map(\.skill.code) == ["b"])
        #expect(fit.covered.map(\.badges) == [["x"], ["x"]])
    }

    @Test("levels: a skill held below the level asked for is a shortfall, not a cover")
    func levels() throws {
        let role = Self.role("r", essential: [(Self.skill("DTAN", "sfia", level: 4), 1)])
        let engine = RoleFitEngine(roles: [role], frameworks: [])
        let (low, _) = Self.learner([("x", [Self.skill("DTAN", "sfia", level: 3)], nil)])
        let short = try #require(engine.fits(low).first)
        #expect(short.levelShortfalls.map(\.heldLevel) == [3])
        #expect(short.essentialCoverage == .zero)
        let (high, _) = Self.learner([("y", [Self.skill("DTAN", "sfia", level: 5)], nil)])
        #expect(engine.fits(high).first?.essentialCoverage == .one)
    }

    @Test("a skill covered only by a lapsed badge is lapsed, not covered")
    func lapsed() throws {
        let role = Self.role("r", essential: [(Self.skill("a"), 1), (Self.skill("b"), 1)])
        let (skills, _) = Self.learner([("old", [Self.skill("a")], "2026-01-01"), ("new", [Self.skill("b")], nil)])
        let fit = try #require(RoleFitEngine(roles: [role], frameworks: []).fits(skills).first)
        #expect(fit.lapsed.map(\.skill.code) == ["a"])
        #expect(fit.covered.map(\.skill.skill.code) == ["b"])
        #expect(fit.essentialCoverage == Rational(1, 2))
    }

    @Test("a badge aligned to a narrower skill covers a broader one only where the profile allows it")
    func narrower() throws {
        let framework = Framework(id: "esco", name: "ESCO", skills: [
            Skill(id: "broad", preferredLabels: ["en": "broad"]),
            Skill(id: "middle", preferredLabels: ["en": "middle"], broader: ["broad"]),
            Skill(id: "leaf", preferredLabels: ["en": "leaf"], broader: ["middle"]),
        ])
        let allows = Self.role("allows", essential: [(Self.skill("broad", narrower: true), 1)])
        let exact = Self.role("exact", essential: [(Self.skill("broad"), 1)])
        let (skills, _) = Self.learner([("x", [Self.skill("leaf")], nil)])
        let fits = RoleFitEngine(roles: [allows, exact], frameworks: [framework]).fits(skills)
        #expect(fits.map(\.role) == ["allows", "exact"])
        #expect(fits.map(\.essentialCoverage) == [.one, .zero])
    }

    @Test("ranking: score, then essential coverage, then title; the same order every time")
    func ranking() throws {
        let roles = [
            Self.role("b-tie", essential: [(Self.skill("a"), 1), (Self.skill("z"), 1)]),
            Self.role("a-tie", essential: [(Self.skill("a"), 1), (Self.skill("y"), 1)]),
            Self.role("best", essential: [(Self.skill("a"), 1)]),
            Self.role("optional-heavy", essential: [(Self.skill("q"), 1)], optional: [Self.skill("a")]),
        ]
        let (skills, _) = Self.learner([("x", [Self.skill("a")], nil)])
        let fits = RoleFitEngine(roles: roles, frameworks: []).fits(skills)
        #expect(fits.map(\.role) == ["best", "a-tie", "b-tie", "optional-heavy"])
    }

    @Test("an employer profile starts from an occupation, drops skills and adds its own")
    func employerProfile() throws {
        let occupation = RoleProfile(occupation: Occupation(id: "occ", preferredLabels: ["en": "analyst"],
                                                            essentialSkills: ["a", "b"], optionalSkills: ["c"]),
                                     framework: "esco")
        let own = RoleProfile(id: "mine", title: "Mine", origin: .employer,
                              skills: [RoleSkill(skill: Self.skill("DTAN", "sfia", level: 3), isEssential: true, weight: Rational(2))],
                              basedOn: "occ", dropped: ["b"])
        let resolved = try #require(own.resolved(occupations: ["occ": occupation]))
        #expect(resolved.skills.map(\.skill.code) == ["a", "c", "DTAN"])
        #expect(resolved.skills.first?.skill.includeNarrower == true)
        #expect(own.resolved(occupations: [:]) == nil)
    }

    @Test("the badges that close the most essential gaps: the fewest, where greedy takes three")
    func recommendations() throws {
        let gaps = (1...6).map { Self.skill("s\($0)") }
        let role = Self.role("r", essential: gaps.map { ($0, 1) })
        let (skills, _) = Self.learner([])
        let fit = try #require(RoleFitEngine(roles: [role], frameworks: []).fits(skills).first)
        let catalog = Fixture.catalog([
            Fixture.badge("x-wide", alignments: [1, 2, 3, 4].map { gaps[$0 - 1] }),
            Fixture.badge("y", alignments: [1, 2, 5].map { gaps[$0 - 1] }),
            Fixture.badge("z", alignments: [3, 4, 6].map { gaps[$0 - 1] }),
        ])
        let recommendation = BadgeRecommendation(closing: fit, catalog: catalog, held: [])
        #expect(recommendation.isExact)
        #expect(Set(recommendation.badges.map(\.badge)) == ["y", "z"])
        #expect(recommendation.uncovered.isEmpty)
        let greedy = BadgeRecommendation.greedyCover([[0, 1, 2, 3], [0, 1, 4], [2, 3, 5]], target: Set(0...5))
        #expect(greedy.count == 3)
    }

    @Test("the matrix scores equal the exact fits, on random instances")
    func matrixMatchesExact() async throws {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            var random = SplitMix64(seed: seed)
            let codes = (0..<12).map { "k\($0)" }
            let roles = (0..<6).map { index in
                RoleProfile(id: "r\(index)", title: "R\(index)", origin: .employer, skills: codes.indices.compactMap { position in
                    random.below(3) == 0 ? RoleSkill(skill: Self.skill(codes[position], level: random.below(4) == 0 ? 2 : nil),
                                                      isEssential: random.below(2) == 0, weight: Rational(1 + random.below(3))) : nil
                })
            }
            let evidence = (0..<random.below(8)).map { _ in
                LearnerSkills.Evidence(skill: Self.skill(codes[random.below(codes.count)], level: random.below(4)), badge: "b")
            }
            let skills = LearnerSkills(learner: "l", valid: evidence, lapsed: [])
            let engine = RoleFitEngine(roles: roles, frameworks: [])
            var scratch = RoleFitEngine.Scratch(for: engine)
            let fast = engine.scores(skills, scratch: &scratch)
            let exact = engine.fits(skills)
            for (index, role) in roles.enumerated() {
                let fit = try #require(exact.first { $0.role == role.id })
                #expect(abs(Double(fast[index]) - fit.score.doubleValue) < 1e-6, "seed \(seed) role \(role.id)")
            }
        }
    }
}
