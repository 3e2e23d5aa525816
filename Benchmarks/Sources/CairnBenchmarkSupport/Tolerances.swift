import Benchmark
import Foundation

/// How far a run may move from the committed baseline before `baseline check` calls it a
/// regression (or an improvement), per metric. They live in `Thresholds/tolerances.json`, not in
/// code, so that they can be read and tuned in one place without rebuilding: each benchmark
/// executable reads the file when package-benchmark starts it, and package-benchmark stores the
/// tolerances with the results of the run. `baseline check reference current` compares two
/// stored runs without starting any executable, so it applies the tolerances recorded with
/// `current`: a change to the file takes effect from the next run.
///
/// `CAIRN_BENCHMARK_TOLERANCES` names another file to read instead (used to show that a run
/// under an impossible tolerance fails the check).
public struct Tolerances: Sendable {
    /// The file's shape: `{"metrics": {"wallClock": {"relative": {"p50": 35}}, …}}`; relative
    /// tolerances are percentages, absolute ones are in the metric's own unit (a count, bytes,
    /// nanoseconds).
    private struct File: Decodable {
        struct Entry: Decodable {
            var relative: [String: Double]?
            var absolute: [String: Int]?
        }

        var metrics: [String: Entry]
    }

    private let entries: [String: File.Entry]
    public let source: URL

    public static var defaultFile: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // CairnBenchmarkSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // Benchmarks
            .appendingPathComponent("Thresholds/tolerances.json")
    }

    /// Reads the tolerances; a benchmark without its tolerances would be checked against
    /// package-benchmark's strict defaults, so a missing or unreadable file stops the run.
    public static func load() -> Tolerances {
        let source = ProcessInfo.processInfo.environment["CAIRN_BENCHMARK_TOLERANCES"].map {
            URL(fileURLWithPath: $0)
        } ?? defaultFile
        do {
            let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: source))
            return Tolerances(entries: file.metrics, source: source)
        } catch {
            stop("cannot read the benchmark tolerances at \(source.path): \(error)")
        }
    }

    /// The thresholds for each of `metrics`, as the benchmark's configuration carries them.
    public func thresholds(for metrics: [BenchmarkMetric]) -> [BenchmarkMetric: BenchmarkThresholds] {
        var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [:]
        for metric in metrics {
            guard let entry = entries[metric.rawDescription] else {
                Self.stop("\(source.path) gives no tolerance for the metric \"\(metric.rawDescription)\"")
            }
            thresholds[metric] = BenchmarkThresholds(
                relative: Dictionary(uniqueKeysWithValues: (entry.relative ?? [:]).map { (percentile($0.key), $0.value) }),
                absolute: Dictionary(uniqueKeysWithValues: (entry.absolute ?? [:]).map { (percentile($0.key), $0.value) }))
        }
        return thresholds
    }

    private func percentile(_ name: String) -> BenchmarkResult.Percentile {
        switch name {
        case "p0": .p0
        case "p25": .p25
        case "p50": .p50
        case "p75": .p75
        case "p90": .p90
        case "p99": .p99
        case "p100": .p100
        default: Self.stop("\(source.path): unknown percentile \"\(name)\" (expected p0, p25, p50, p75, p90, p99 or p100)")
        }
    }

    private static func stop(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Cairn benchmarks: \(message)\n".utf8))
        exit(78)  // EX_CONFIG
    }
}
