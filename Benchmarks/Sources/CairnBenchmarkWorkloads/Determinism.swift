import Cairn
import Foundation

/// A small deterministic generator, so every run measures the same inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Why a workload could not be built.
public enum WorkloadError: Error, CustomStringConvertible {
    case invalidDate(year: Int, month: Int, day: Int)
    case instanceDidNotCompile(seed: UInt64, reason: String)

    public var description: String {
        switch self {
        case let .invalidDate(year, month, day): "invalid fixed date \(year)-\(month)-\(day)"
        case let .instanceDidNotCompile(seed, reason): "instance \(seed) did not compile: \(reason)"
        }
    }
}

/// The fixed dates the workloads are generated around, so a run next year measures the same thing.
enum FixedDate {
    static func of(year: Int, month: Int, day: Int) throws(WorkloadError) -> CalendarDate {
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            throw .invalidDate(year: year, month: month, day: day)
        }
        return date
    }

    /// The day every audit and plan is run "as of".
    static func asOf() throws(WorkloadError) -> CalendarDate { try of(year: 2026, month: 11, day: 29) }
}

/// The repository that holds this benchmark package (its bundled pathways and catalogues are the
/// batch-audit workload), found from this source file's path at build time.
public enum CairnRepository {
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CairnBenchmarkWorkloads
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()  // Benchmarks
        .deletingLastPathComponent()
}

/// Seconds taken by `body`, on the monotonic clock (for the `cairn-benchmarks` tools, which
/// report their own times).
public func seconds(_ body: () throws -> Void) rethrows -> Double {
    try ContinuousClock().measure(body).seconds
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

public func formatted(_ value: Double, decimals: Int = 0) -> String {
    String(format: "%.\(decimals)f", value)
}
