// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so `swift build` and `swift test` of Cairn never build
// them, and so that package-benchmark (and its malloc interposer) is never a dependency of Cairn.
// Run from the repository root, always in release mode (the plugin builds release by default):
//
//   swift package --package-path Benchmarks benchmark                  # every benchmark
//   bash Benchmarks/baseline-check.sh                                   # run and compare with the committed baseline
//   swift run -c release --package-path Benchmarks cairn-benchmarks …   # the tools Benchmarks/frameworks.sh uses
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "CairnBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Cairn", path: ".."),
        // The MallocInterposer trait alone: it counts mallocs without jemalloc, and leaving out
        // the RuntimeInterposer trait keeps swift-runtime-interposer (ARC counts, not needed
        // here) out of the dependency graph.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Every use of Cairn's API is here: the generated workloads and the operations measured on
        // them, shared by the benchmark targets and by `cairn-benchmarks`.
        .target(
            name: "CairnBenchmarkWorkloads",
            dependencies: [.product(name: "Cairn", package: "Cairn")],
            swiftSettings: swiftSettings),
        // What the benchmark targets share on package-benchmark's side: the tolerances read from
        // Thresholds/tolerances.json and the metrics each kind of benchmark reports.
        .target(
            name: "CairnBenchmarkSupport",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            swiftSettings: swiftSettings),
        // Not a benchmark target (it is not under Benchmarks/), so it has no malloc interposer:
        // the framework-import tools `frameworks.sh` times with /usr/bin/time.
        .executableTarget(
            name: "cairn-benchmarks",
            dependencies: ["CairnBenchmarkWorkloads"],
            swiftSettings: swiftSettings),
    ]
)

// The benchmark targets: package-benchmark runs every executable target under Benchmarks/.
for name in ["AuditBenchmarks", "PlanBenchmarks", "RoleMatrixBenchmarks"] {
    package.targets.append(.executableTarget(
        name: name,
        dependencies: [
            "CairnBenchmarkWorkloads", "CairnBenchmarkSupport",
            .product(name: "Benchmark", package: "benchmark"),
        ],
        path: "Benchmarks/\(name)",
        swiftSettings: swiftSettings,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
