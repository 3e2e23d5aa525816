// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so `swift build` and `swift test` of Cairn never build
// them. Run in release mode from the repository root:
//   swift run -c release --package-path Benchmarks cairn-benchmarks
let package = Package(
    name: "CairnBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Cairn", path: "..")],
    targets: [
        .executableTarget(
            name: "cairn-benchmarks",
            dependencies: [.product(name: "Cairn", package: "Cairn")],
            path: "Sources/CairnBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
