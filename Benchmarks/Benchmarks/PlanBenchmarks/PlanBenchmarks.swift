import Benchmark
import CairnBenchmarkSupport
import CairnBenchmarkWorkloads

/// Plans at size: one pass over 20 learners, each a 40-leaf pathway over a 500-badge catalogue,
/// minimising effort hours. The whole `plan` call includes one audit for today's progress, so
/// that audit is also measured alone, and the search's own time is the difference.
let benchmarks: @Sendable () -> Void = {
    let tolerances = Tolerances.load()

    let planTally = ProofTally(instanceCount: PlanWorkload.learnerCount, reportsProvenTimes: false)
    Benchmark(
        "Plan: whole call, 20 learners",
        configuration: .onePass(over: PlanWorkload.learnerCount,
                                metrics: [.wallClock, .mallocCountTotal, CairnMetric.planSearchMicroseconds,
                                          CairnMetric.branchesExplored] + planTally.metrics,
                                tolerances: tolerances, timeUnits: .milliseconds)
    ) { benchmark, workload in
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = try workload.plan(benchmark.currentIteration)
        let wholeCall = start.duration(to: clock.now)
        benchmark.stopMeasurement()
        // The search alone is the whole call less its audit, timed here once more on its own
        // (outside the measured region), as the audit benchmark below times it.
        let auditStart = clock.now
        blackHole(workload.auditTodaysProgress(benchmark.currentIteration))
        let audit = auditStart.duration(to: clock.now)
        benchmark.measurement(CairnMetric.planSearchMicroseconds, CairnMetric.microseconds(max(.zero, wholeCall - audit)))
        benchmark.measurement(CairnMetric.branchesExplored, outcome.branchesExplored)
        planTally.record(provenOptimal: outcome.isProvenOptimal, in: benchmark)
    } setup: {
        try PlanWorkload()
    }

    let auditTally = ProofTally(instanceCount: PlanWorkload.learnerCount, reportsProvenTimes: false)
    Benchmark(
        "Plan: its audit for today's progress, 20 learners",
        configuration: .onePass(over: PlanWorkload.learnerCount,
                                metrics: [.wallClock, .mallocCountTotal] + auditTally.metrics,
                                tolerances: tolerances, timeUnits: .milliseconds)
    ) { benchmark, workload in
        let isExact = workload.auditTodaysProgress(benchmark.currentIteration)
        benchmark.stopMeasurement()
        auditTally.record(provenOptimal: isExact, in: benchmark)
    } setup: {
        try PlanWorkload()
    }
}
