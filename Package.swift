// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target: Swift 6 language mode with
/// strict concurrency, and upcoming features that make intent explicit. With
/// `InternalImportsByDefault` a module's own dependencies stay out of its public API unless a
/// file says `public import`; with `MemberImportVisibility` a file uses only the members of
/// modules it imports itself.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Cairn",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Cairn", targets: ["Cairn"]),
        .library(name: "CairnCore", targets: ["CairnCore"]),
        .library(name: "CairnServer", targets: ["CairnServer"]),
        .executable(name: "cairn", targets: ["CairnCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        // The server: Hummingbird 2 without its swift-configuration trait (Cairn reads its own options).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The shared store: PostgreSQL through its Swift client (no libpq).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "CairnCore",
            dependencies: [.product(name: "BigInt", package: "BigInt"), "CClp"],
            swiftSettings: swiftSettings),
        // COIN-OR CLP, the linear-programming solver behind the exact audits of adversarial
        // pathways (AssignmentProgram, ProgramSearch).
        .systemLibrary(
            name: "CClp",
            pkgConfig: "clp",
            providers: [.apt(["coinor-libclp-dev"]), .brew(["clp"])]),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        .target(
            name: "CairnSyntax",
            dependencies: ["CairnCore", "CZlib"],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnRDF",
            dependencies: ["CairnCore", "CairnSyntax", "CLibXML2", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnCredentials",
            dependencies: [
                "CairnCore", "CairnSyntax", "CairnRDF",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            resources: [.copy("LinkedData/Contexts")],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnIssuing",
            dependencies: [
                "CairnCore", "CairnSyntax", "CairnRDF", "CairnCredentials", "CZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnFrameworks",
            dependencies: ["CairnCore", "CairnSyntax", "CairnRDF"],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnDefinitions",
            dependencies: ["CairnCore", "CairnSyntax", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnReports",
            dependencies: ["CairnCore", "CairnSyntax", "CairnCredentials"],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnStore",
            dependencies: [
                "CairnCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnPostgres",
            dependencies: [
                "CairnCore", "CairnStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Cairn",
            dependencies: [
                "CairnCore", "CairnSyntax", "CairnRDF", "CairnCredentials", "CairnIssuing", "CairnFrameworks",
                "CairnDefinitions", "CairnReports", "CairnStore", "CairnPostgres",
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnServer",
            dependencies: [
                "Cairn", "CairnCore", "CairnSyntax", "CairnCredentials", "CairnReports", "CairnStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "CairnCLI",
            dependencies: [
                "Cairn", "CairnServer", "CairnSyntax", "CairnCredentials", "CairnFrameworks", "CairnReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "CairnTestSupport",
            dependencies: ["CairnCore", "CairnSyntax", "CZlib"],
            path: "Tests/CairnTestSupport",
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnCoreTests",
            dependencies: [
                "CairnCore", "CairnTestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "BigInt", package: "BigInt"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnSyntaxTests",
            dependencies: ["CairnSyntax", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnRDFTests",
            dependencies: ["CairnRDF", "CairnSyntax", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnCredentialsTests",
            dependencies: [
                "CairnCredentials", "CairnRDF", "CairnSyntax", "CairnTestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnIssuingTests",
            dependencies: [
                "CairnIssuing", "CairnCredentials", "CairnSyntax", "CairnCore", "CairnTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnFrameworksTests",
            dependencies: ["CairnFrameworks", "CairnRDF", "CairnSyntax", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnDefinitionsTests",
            dependencies: ["CairnDefinitions", "CairnSyntax", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnReportsTests",
            dependencies: ["CairnReports", "CairnSyntax", "CairnCredentials", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnStoreTests",
            dependencies: ["CairnStore", "CairnPostgres", "CairnFrameworks", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnTests",
            dependencies: [
                "Cairn", "CairnTestSupport", "CairnSyntax", "CairnCredentials", "CairnFrameworks", "CairnReports",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnServerTests",
            dependencies: ["CairnServer", "Cairn", "CairnStore", "CairnTestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CairnCLITests",
            dependencies: ["CairnTestSupport", "CairnStore", "CairnPostgres", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
    ]
)
