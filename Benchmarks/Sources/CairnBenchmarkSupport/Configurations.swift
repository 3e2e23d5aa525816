import Benchmark

/// The figures Cairn's benchmarks report that are not times, or are times package-benchmark
/// cannot take itself (a part of a call, or the worst of only the proven instances). Each is
/// recorded with `benchmark.measurement` and compared with the baseline like any other metric;
/// their names are the keys of `Thresholds/tolerances.json`.
public enum CairnMetric {
    /// Instances (or learners) whose answer the search proved optimal within its budget.
    public static let provenOptimal = BenchmarkMetric.custom(
        "proven optimal", polarity: .prefersLarger, useScalingFactor: false)
    /// Instances whose answer is reported `"exact": false`: the budget ran out before a proof.
    public static let notProven = BenchmarkMetric.custom(
        "not proven (exact: false)", polarity: .prefersSmaller, useScalingFactor: false)
    /// The median time of the proven instances alone, in microseconds (each instance's time as
    /// the benchmark takes it, e.g. its best of several runs).
    public static let medianProvenMicroseconds = BenchmarkMetric.custom(
        "median proven (µs)", polarity: .prefersSmaller, useScalingFactor: false)
    /// The worst time of the proven instances alone, in microseconds (the instances that reach
    /// the budget are in the wall clock's top percentiles instead).
    public static let worstProvenMicroseconds = BenchmarkMetric.custom(
        "worst proven (µs)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Branches the plan search explored, one sample per learner.
    public static let branchesExplored = BenchmarkMetric.custom(
        "branches explored", polarity: .prefersSmaller, useScalingFactor: false)
    /// The plan search alone (the whole call less its audit), in microseconds, one sample per learner.
    public static let planSearchMicroseconds = BenchmarkMetric.custom(
        "search (µs)", polarity: .prefersSmaller, useScalingFactor: false)
    /// Megabytes of role-matrix CSV written.
    public static let csvMegabytes = BenchmarkMetric.custom(
        "CSV written (MB)", polarity: .prefersSmaller, useScalingFactor: false)

    /// Microseconds in `duration`, rounded, as custom metrics take whole numbers.
    public static func microseconds(_ duration: Duration) -> Int {
        Int((duration / .microseconds(1)).rounded())
    }
}

extension Benchmark.Configuration {
    /// Many short iterations, each doing `scalingFactor` operations, for as long as
    /// `maxDuration`: throughput is then operations per second.
    public static func sampled(
        metrics: [BenchmarkMetric], tolerances: Tolerances, timeUnits: BenchmarkTimeUnits,
        scalingFactor: BenchmarkScalingFactor = .one, warmupIterations: Int = 3, maxDuration: Duration,
        maxIterations: Int = 10_000
    ) -> Self {
        Self(metrics: metrics, timeUnits: timeUnits, units: countUnits(metrics), warmupIterations: warmupIterations,
             scalingFactor: scalingFactor, maxDuration: maxDuration, maxIterations: maxIterations,
             thresholds: tolerances.thresholds(for: metrics))
    }

    /// Exactly one pass over `instances` fixed instances, one instance per iteration (iteration
    /// i measures instance i modulo the count): no warm-up, which would shift the pass, and a
    /// time limit far beyond any pass, so that the percentiles are over the whole set (p50 the
    /// median instance, p100 the worst) and the figures about the whole set can be recorded at
    /// its end.
    public static func onePass(
        over instances: Int, metrics: [BenchmarkMetric], tolerances: Tolerances, timeUnits: BenchmarkTimeUnits
    ) -> Self {
        Self(metrics: metrics, timeUnits: timeUnits, units: countUnits(metrics), warmupIterations: 0,
             scalingFactor: .one, maxDuration: .seconds(3_600), maxIterations: instances,
             thresholds: tolerances.thresholds(for: metrics))
    }

    /// Custom metrics shown as plain numbers (57, not "57 #"; 20480 µs, not "20 K").
    private static func countUnits(_ metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkUnits] {
        var units: [BenchmarkMetric: BenchmarkUnits] = [:]
        for metric in metrics {
            if case .custom = metric { units[metric] = .count }
        }
        return units
    }
}

/// Over one pass of a fixed set of instances (one per iteration, see `onePass`), counts the
/// answers proven optimal and keeps the proven instances' times; when the last instance of the
/// pass is recorded, reports the counts (and, if asked, the median and worst proven times) as
/// custom metrics, once per pass.
public final class ProofTally {
    private let instanceCount: Int
    private let reportsProvenTimes: Bool
    private var provenTimes: [Duration] = []
    private var unproven = 0

    public init(instanceCount: Int, reportsProvenTimes: Bool) {
        self.instanceCount = instanceCount
        self.reportsProvenTimes = reportsProvenTimes
    }

    /// The metrics this tally reports, for the benchmark's configuration.
    public var metrics: [BenchmarkMetric] {
        [CairnMetric.provenOptimal, CairnMetric.notProven]
            + (reportsProvenTimes ? [CairnMetric.medianProvenMicroseconds, CairnMetric.worstProvenMicroseconds] : [])
    }

    public func record(provenOptimal: Bool, elapsed: Duration = .zero, in benchmark: Benchmark) {
        if provenOptimal { provenTimes.append(elapsed) } else { unproven += 1 }
        guard provenTimes.count + unproven == instanceCount else { return }
        benchmark.measurement(CairnMetric.provenOptimal, provenTimes.count)
        benchmark.measurement(CairnMetric.notProven, unproven)
        let sorted = provenTimes.sorted()
        if reportsProvenTimes, let worst = sorted.last {
            benchmark.measurement(CairnMetric.medianProvenMicroseconds, CairnMetric.microseconds(sorted[sorted.count / 2]))
            benchmark.measurement(CairnMetric.worstProvenMicroseconds, CairnMetric.microseconds(worst))
        }
        provenTimes = []
        unproven = 0
    }
}
