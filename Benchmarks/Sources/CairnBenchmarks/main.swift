import Cairn
import Foundation

// Cairn's benchmarks. Figures are wall-clock times on this machine in release mode; they are
// reported, never asserted in tests.
//
//   swift run -c release --package-path Benchmarks cairn-benchmarks [batch|adversarial|all]

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

if which == "batch" || which == "all" {
    try await BatchAuditBenchmark(workspaceRoot: root).run()
}
if which == "adversarial" || which == "all" {
    AdversarialBenchmark().run()
}
