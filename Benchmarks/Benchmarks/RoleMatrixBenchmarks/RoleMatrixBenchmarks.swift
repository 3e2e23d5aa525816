import Benchmark
import CairnBenchmarkSupport
import CairnBenchmarkWorkloads

/// Role fit at ESCO scale: 10,000 generated learners × 3,039 generated occupations, as `cairn
/// roles matrix` computes it. Each benchmark runs in its own process, so its peak resident
/// memory is the generated inputs plus that benchmark's work.
let benchmarks: @Sendable () -> Void = {
    let tolerances = Tolerances.load()
    let metrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal, .peakMemoryResident]

    Benchmark(
        "Role matrix: index the 3,039 roles",
        configuration: .sampled(metrics: metrics, tolerances: tolerances, timeUnits: .milliseconds,
                                maxDuration: .seconds(2), maxIterations: 20)
    ) { _, workload in
        blackHole(workload.indexRoles())
    } setup: {
        RoleMatrixWorkload()
    }

    // A second or more per iteration: one warm-up and a handful of samples.
    for (name, concurrency) in [("one core", 1), ("all cores", RoleMatrixWorkload.allCores)] {
        Benchmark(
            "Role matrix: all scores, \(name)",
            configuration: .sampled(metrics: metrics, tolerances: tolerances, timeUnits: .milliseconds,
                                    warmupIterations: 1, maxDuration: .seconds(8), maxIterations: 5)
        ) { _, prepared async in
            blackHole(await prepared.workload.scoreAll(with: prepared.index, concurrency: concurrency))
        } setup: {
            IndexedRoleMatrix()
        }
    }

    Benchmark(
        "Role matrix: all scores with the CSV written, all cores",
        configuration: .sampled(metrics: metrics + [CairnMetric.csvMegabytes], tolerances: tolerances,
                                timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(12),
                                maxIterations: 5)
    ) { benchmark, prepared async in
        let bytes = await prepared.workload.scoreAllWritingCSV(with: prepared.index,
                                                                concurrency: RoleMatrixWorkload.allCores)
        benchmark.measurement(CairnMetric.csvMegabytes, (bytes + 500_000) / 1_000_000)
    } setup: {
        IndexedRoleMatrix()
    }
}

/// The generated inputs with the roles indexed once, for the benchmarks that only score.
struct IndexedRoleMatrix {
    let workload = RoleMatrixWorkload()
    let index: RoleMatrixWorkload.RoleIndex

    init() { index = workload.indexRoles() }
}
