// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every reader, in their own package so `swift build` and `swift test` of
// Cairn never build them. Each target is a library-style module holding
// `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`. The sanitizer flags are given on the
// command line (see run.sh) so that Cairn and its dependencies are instrumented too:
//   Fuzz/run.sh 60
// Cairn is reached through the link .build-fuzz/cairn -> ../.. that run.sh makes: SwiftPM names a
// package by its folder, and "Fuzz" would clash with a checkout folder named "fuzz".
let targets = [
    "FuzzDefinitions", "FuzzCredentialJSON", "FuzzJWT", "FuzzBakedPNG", "FuzzBakedSVG", "FuzzRDFXML",
    "FuzzESCOCSV", "FuzzSFIACSV", "FuzzSFIAXLSX", "FuzzCASE", "FuzzICalendar", "FuzzSISExport", "FuzzFormFields",
    "FuzzEuropass", "FuzzCTDLPathway", "FuzzBadgrPathway",
]

let package = Package(
    name: "CairnFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "Cairn", path: ".build-fuzz/cairn")],
    targets: [
        .target(
            name: "FuzzSupport",
            dependencies: [.product(name: "Cairn", package: "Cairn")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ] + targets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "Cairn", package: "Cairn")],
            swiftSettings: [.swiftLanguageMode(.v6)])
    }
)
