import Cairn
import Foundation

// Cairn's benchmarks. Figures are wall-clock times on this machine in release mode; they are
// reported, never asserted in tests.
//
//   swift run -c release --package-path Benchmarks cairn-benchmarks [batch|adversarial|all]
//   swift run -c release --package-path Benchmarks cairn-benchmarks roles
//   swift run -c release --package-path Benchmarks cairn-benchmarks plans
//   swift run -c release --package-path Benchmarks cairn-benchmarks generate-esco PATH [--scale S]
//   swift run -c release --package-path Benchmarks cairn-benchmarks parse PATH
//   swift run -c release --package-path Benchmarks cairn-benchmarks open-search STORE TEXT
//
// The last three are the library's share of `Benchmarks/frameworks.sh`.

let arguments = Array(CommandLine.arguments.dropFirst())
let which = arguments.first ?? "all"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cairn-benchmarks: \(message)\n".utf8))
    FileHandle.standardError.write(Data("""
        usage: cairn-benchmarks [batch|adversarial|all]
               cairn-benchmarks roles
               cairn-benchmarks plans
               cairn-benchmarks generate-esco PATH [--scale S]
               cairn-benchmarks parse PATH
               cairn-benchmarks open-search STORE TEXT

        """.utf8))
    exit(64)
}

func failing(_ body: () throws -> Void) {
    do {
        try body()
    } catch {
        FileHandle.standardError.write(Data("cairn-benchmarks: \(error)\n".utf8))
        exit(1)
    }
}

switch which {
case "batch", "adversarial", "all":
    guard arguments.count <= 1 else { usage("\(which) takes no arguments") }
    if which == "batch" || which == "all" {
        try await BatchAuditBenchmark(workspaceRoot: root).run()
    }
    if which == "adversarial" || which == "all" {
        AdversarialBenchmark().run()
    }
case "plans":
    guard arguments.count <= 1 else { usage("plans takes no arguments") }
    failing { try PlanBenchmark().run() }
case "roles":
    guard arguments.count <= 1 else { usage("roles takes no arguments") }
    try await RoleMatrixBenchmark().run()
case "generate-esco":
    var rest = arguments.dropFirst()
    var scale = 1.0
    if let flag = rest.firstIndex(of: "--scale") {
        guard flag + 1 < rest.endIndex, let value = Double(rest[flag + 1]), value > 0, value.isFinite else {
            usage("--scale expects a positive number")
        }
        scale = value
        rest.removeSubrange(flag...(flag + 1))
    }
    guard rest.count == 1, let path = rest.first else { usage("generate-esco expects one PATH") }
    failing { try FrameworkBenchmarks.generate(path: path, scale: scale) }
case "parse":
    guard arguments.count == 2 else { usage("parse expects one PATH") }
    failing { try FrameworkBenchmarks.parse(path: arguments[1]) }
case "open-search":
    guard arguments.count == 3 else { usage("open-search expects STORE and TEXT") }
    failing { try FrameworkBenchmarks.openSearch(store: arguments[1], text: arguments[2]) }
default:
    usage("unknown benchmark \"\(which)\"")
}
