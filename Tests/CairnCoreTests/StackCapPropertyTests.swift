import CairnCore
import CairnTestSupport
import Foundation
import Testing

/// Stacks under caps: a stack the caps leave out replaces nothing. Checked on the case that
/// once gave 0 ECTS, and on random policies against a brute-force reference of the same rule.
@Suite("Stacks under caps")
struct StackCapPropertyTests {
    static let asOf = Fixture.date("2026-11-29")

    @Test("a replace stack too large for the total cap leaves its badges counting (6 ECTS, not 0)")
    func cappedStackKeepsBadges() throws {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 3), Fixture.badge("b", credits: 3),
                                       Fixture.badge("c", credits: 2)],
                                      pathways: [Fixture.pathway("p", .all([.badge("a"), .badge("b"), .badge("c")]))])
        let record = Fixture.learner([Fixture.earned("a", "2025-01-01"), Fixture.earned("b", "2025-02-01"),
                                      Fixture.earned("c", "2025-03-01")])
        let policy = CreditPolicyTests.policy([CreditPolicyTests.rule("all")],
                                              caps: [CreditCap(scope: .total, limit: .amount(Rational(6)))],
                                              stacks: [StackRule(pathway: "p", credits: Credits(Rational(10), .ects))])
        let transcript = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(transcript.total == Rational(6))
        let stack = try #require(CreditPolicyTests.line(transcript, "p"))
        #expect(stack.decision == .cappedOut && !stack.counted)
        #expect(stack.reason.contains("count on their own"), "\(stack.reason)")
        #expect(!transcript.lines.contains { $0.decision == .replacedByStack }, "\(transcript.lines.map(\.reason))")
        // Without the stack rule the same learner gets the same 6.
        let plain = CreditPolicyTests.policy([CreditPolicyTests.rule("all")],
                                             caps: [CreditCap(scope: .total, limit: .amount(Rational(6)))])
        #expect(try plain.evaluate(record, catalog: catalog, asOf: Self.asOf).total == Rational(6))
    }

    @Test("a stack that fits still replaces its badges, even when they would be worth more")
    func fittingStackReplaces() throws {
        let catalog = Fixture.catalog([Fixture.badge("a", credits: 4), Fixture.badge("b", credits: 4)],
                                      pathways: [Fixture.pathway("p", .all([.badge("a"), .badge("b")]))])
        let record = Fixture.learner([Fixture.earned("a", "2025-01-01"), Fixture.earned("b", "2025-02-01")])
        let policy = CreditPolicyTests.policy([CreditPolicyTests.rule("all")],
                                              caps: [CreditCap(scope: .total, limit: .amount(Rational(100)))],
                                              stacks: [StackRule(pathway: "p", credits: Credits(Rational(5), .ects))])
        let transcript = try policy.evaluate(record, catalog: catalog, asOf: Self.asOf)
        #expect(transcript.total == Rational(5))
        #expect(CreditPolicyTests.line(transcript, "a")?.decision == .replacedByStack)
    }

    /// One random world: badges with credits and tags, pathways over some of them, a learner,
    /// and a policy with stacks and caps.
    struct World {
        var catalog: Catalog
        var record: LearnerRecord
        var policy: CreditPolicy
        var credits: [String: Int]
        var tags: [String: Set<String>]
        var pathwayBadges: [String: [String]]
        var stackCredits: [String: Int]
    }

    static func world(_ random: inout SplitMix64) -> World {
        let badgeCount = 3 + random.below(6)
        var badges: [BadgeClass] = []
        var credits: [String: Int] = [:]
        var tags: [String: Set<String>] = [:]
        for index in 0..<badgeCount {
            let id = "b\(index)"
            credits[id] = 1 + random.below(6)
            tags[id] = random.below(2) == 0 ? ["core"] : []
            badges.append(Fixture.badge(id, tags: Array(tags[id] ?? []), credits: credits[id]))
        }
        var pathways: [Pathway] = []
        var pathwayBadges: [String: [String]] = [:]
        var stacks: [StackRule] = []
        var stackCredits: [String: Int] = [:]
        for index in 0..<(1 + random.below(3)) {
            let members = (0..<badgeCount).filter { _ in random.below(3) == 0 }.map { "b\($0)" }
            let chosen = members.isEmpty ? ["b\(random.below(badgeCount))"] : members
            pathwayBadges["s\(index)"] = chosen
            pathways.append(Fixture.pathway("s\(index)", .all(chosen.map { .badge($0) })))
            stackCredits["s\(index)"] = 1 + random.below(14)
            stacks.append(StackRule(pathway: "s\(index)", credits: Credits(Rational(stackCredits["s\(index)"] ?? 0), .ects),
                                    mode: random.below(4) == 0 ? .add : .replace))
        }
        var caps = [CreditCap(scope: .total, limit: .amount(Rational(random.below(25))))]
        if random.below(2) == 0 { caps.append(CreditCap(scope: .tag("core"), limit: .amount(Rational(random.below(12))))) }
        let earned = (0..<badgeCount).filter { _ in random.below(5) != 0 }
            .map { Fixture.earned("b\($0)", "2025-01-\(String(format: "%02d", $0 + 1))") }
        let policy = CreditPolicyTests.policy([CreditPolicyTests.rule("all")], caps: caps, stacks: stacks)
        return World(catalog: Fixture.catalog(badges, pathways: pathways), record: Fixture.learner(earned),
                     policy: policy, credits: credits, tags: tags, pathwayBadges: pathwayBadges, stackCredits: stackCredits)
    }

    /// The reference: the same rule, by enumeration. Lines are stacks (policy order) then badges
    /// (issue order); each round keeps, among the selections every cap allows with the largest
    /// total, the lexicographically greatest; a granted replace stack the round leaves out gives
    /// its badges back, and the rounds repeat until no such stack is left out.
    static func referenceTotal(_ world: World) -> Rational {
        let held = world.record.badges.sorted { $0.issued < $1.issued }.map(\.badgeClassID)
        var granted: [(id: String, value: Int, replaces: [String])] = []
        var used: Set<String> = []
        for stack in world.policy.stacks {
            let members = world.pathwayBadges[stack.pathway] ?? []
            guard members.allSatisfy(held.contains), used.isDisjoint(with: members) else { continue }
            used.formUnion(members)
            granted.append((stack.pathway, world.stackCredits[stack.pathway] ?? 0, stack.mode == .replace ? members : []))
        }
        var cut: Set<String> = []
        while true {
            let replaced = Set(granted.filter { !cut.contains($0.id) }.flatMap(\.replaces))
            // (id, value, is a stack, in the tag cap)
            let items: [(String, Int, Bool, Bool)] = granted.filter { !cut.contains($0.id) }.map { ($0.id, $0.value, true, false) }
                + held.filter { !replaced.contains($0) }.map { ($0, world.credits[$0] ?? 0, false, world.tags[$0]?.contains("core") == true) }
            var best: (total: Int, chosen: [Bool])?
            for mask in 0..<(1 << items.count) {
                let chosen = (0..<items.count).map { mask & (1 << (items.count - 1 - $0)) != 0 }
                var total = 0, tagged = 0
                for (index, item) in items.enumerated() where chosen[index] {
                    total += item.1
                    if item.3 { tagged += item.1 }
                }
                var fits = true
                for cap in world.policy.caps {
                    guard case .amount(let limit) = cap.limit else { continue }
                    switch cap.scope {
                    case .total: fits = fits && Rational(total) <= limit
                    case .tag: fits = fits && Rational(tagged) <= limit
                    default: break
                    }
                }
                // Masks run from "none" upward, so a later mask of equal total is lexicographically greater.
                if fits, best == nil || total >= best!.total { best = (total, chosen) }
            }
            guard let best else { return .zero }
            let newlyCut = items.indices.filter { index in
                items[index].2 && !best.chosen[index] && !(granted.first { $0.id == items[index].0 }?.replaces.isEmpty ?? true)
            }.map { items[$0].0 }
            if newlyCut.isEmpty { return Rational(best.total) }
            cut.formUnion(newlyCut)
        }
    }

    @Test("random stacks and caps: the total is the reference's, and no left-out stack replaces a badge")
    func againstReference() throws {
        var random = SplitMix64(seed: 14)
        for trial in 0..<400 {
            let world = Self.world(&random)
            let transcript = try world.policy.evaluate(world.record, catalog: world.catalog, asOf: Self.asOf)
            #expect(transcript.total == Self.referenceTotal(world), "trial \(trial): \(transcript.lines.map { "\($0.subject.id) \($0.decision) \($0.credits)" })")
            let countedStacks = Set(transcript.lines.filter { $0.counted && $0.subject.id.hasPrefix("s") }.map(\.subject.id))
            for line in transcript.lines where line.decision == .replacedByStack {
                #expect(world.pathwayBadges.contains { countedStacks.contains($0.key) && $0.value.contains(line.subject.id) },
                        "trial \(trial): \(line.subject.id) replaced by a stack that does not count")
            }
        }
    }
}
