import Cairn
import Foundation

/// (a) The bundled certificate pathway against 10,000 generated learners of about 30 badges
/// each, drawn from every bundled catalogue. The learners are audited in slices of
/// `sliceSize`, one slice per benchmark iteration, so that an iteration is short enough to
/// sample many times and its throughput, scaled by the slice size, is audits per second.
public struct BatchAuditWorkload: Sendable {
    public static let pathway = "certificate-applied-data-practice"
    public static let learnerCount = 10_000
    /// Matches the benchmarks' `scalingFactor` (.kilo): one iteration audits this many learners.
    public static let sliceSize = 1_000

    private let compiled: CompiledPathway
    private let records: [LearnerRecord]
    private let asOf: CalendarDate

    public init(repositoryRoot: URL = CairnRepository.root) throws {
        let workspace = try Workspace(at: repositoryRoot)
        compiled = try workspace.compiledPathway(Self.pathway)
        asOf = try FixedDate.asOf()
        records = Self.learners(workspace.catalog, asOf: asOf)
    }

    public var sliceCount: Int { records.count / Self.sliceSize }

    public var averageBadgesPerLearner: Double {
        Double(records.map(\.badges.count).reduce(0, +)) / Double(records.count)
    }

    /// Audits slice `index` (taken modulo the number of slices) one learner after another on
    /// the calling thread; returns how many were complete, so the work cannot be optimised away.
    public func auditOnOneCore(slice index: Int) -> Int {
        var complete = 0
        for record in slice(index) where compiled.audit(record, asOf: asOf).isComplete { complete += 1 }
        return complete
    }

    /// Audits slice `index` spread over every core, as `cairn audit` does for many learners.
    public func auditOnAllCores(slice index: Int) async -> Int {
        await compiled.audits(Array(slice(index)), asOf: asOf).count { $0.isComplete }
    }

    private func slice(_ index: Int) -> ArraySlice<LearnerRecord> {
        let start = (index % sliceCount) * Self.sliceSize
        return records[start..<(start + Self.sliceSize)]
    }

    /// `count` generated learners of 25–35 badges drawn from every class of `catalog`, issued in
    /// the five years before `asOf`, one in forty revoked: the same learners for the same count.
    static func learners(_ catalog: Catalog, asOf: CalendarDate, count learnerCount: Int = learnerCount) -> [LearnerRecord] {
        var random = SplitMix64(seed: 2026)
        let classes = catalog.badgeClasses.values.sorted { $0.id < $1.id }
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
}
