import Cairn
import Foundation

/// (a) The bundled certificate pathway against 10,000 generated learners of about 30 badges
/// each, drawn from every bundled catalogue: audits per second on one core and on all cores.
struct BatchAuditBenchmark {
    let workspaceRoot: URL
    let pathway = "certificate-applied-data-practice"
    let learnerCount = 10_000
    let asOf = CalendarDate(year: 2026, month: 11, day: 29) ?? CalendarDate(dayNumber: 0)

    func learners(_ workspace: Workspace) -> [LearnerRecord] {
        var random = SplitMix64(seed: 2026)
        let classes = workspace.catalog.badgeClasses.values.sorted { $0.id < $1.id }
        return (0..<learnerCount).map { index in
            let count = 25 + random.below(11)
            let badges = (0..<count).map { _ -> EarnedBadge in
                let badgeClass = classes[random.below(classes.count)]
                let scale = badgeClass.resultScale
                let issued = CalendarDate(dayNumber: asOf.dayNumber - 30 - random.below(5 * 365))
                let result: BadgeResult? = scale.isEmpty ? .number(Rational(40 + random.below(60)))
                    : .label(scale[random.below(scale.count)])
                return EarnedBadge(badgeClassID: badgeClass.id, issued: issued, revoked: random.below(40) == 0,
                                   result: result)
            }
            return LearnerRecord(learner: "learner-\(index)", badges: badges)
        }
    }

    func run() async throws {
        let workspace = try Workspace(at: workspaceRoot)
        let compiled = try workspace.compiledPathway(pathway)
        let records = learners(workspace)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        var completions = 0
        // Warm up, then take the best of three runs of each.
        for record in records.prefix(500) { _ = compiled.audit(record, asOf: asOf) }
        var oneCore = Double.infinity
        for _ in 0..<3 {
            var complete = 0
            oneCore = min(oneCore, seconds {
                for record in records where compiled.audit(record, asOf: asOf).isComplete { complete += 1 }
            })
            completions = complete
        }
        var allCores = Double.infinity
        for _ in 0..<3 {
            let elapsed = await seconds {
                let audits = await compiled.audits(records, asOf: asOf)
                precondition(audits.count == records.count)
            }
            allCores = min(allCores, elapsed)
        }
        let averageBadges = Double(records.map(\.badges.count).reduce(0, +)) / Double(records.count)
        print("(a) batch audit: pathway \(pathway), \(records.count) learners, \(formatted(averageBadges, decimals: 1)) badges each on average, \(completions) complete")
        print("    one core:  \(formatted(Double(records.count) / oneCore)) audits/s (\(formatted(oneCore * 1e6 / Double(records.count), decimals: 2)) µs per audit)")
        print("    \(cores) cores:   \(formatted(Double(records.count) / allCores)) audits/s")
    }
}
