import CairnBenchmarkWorkloads
import Foundation

// The tools `Benchmarks/frameworks.sh` times with /usr/bin/time (its own process, so it is not
// a package-benchmark target and runs without the malloc interposer), and listings of the
// adversarial instances: every one of a family with its time, or those not proven optimal. Every timed benchmark is a package-benchmark
// target under Benchmarks/Benchmarks/; run them with `swift package --package-path Benchmarks
// benchmark`.
//
//   swift run -c release --package-path Benchmarks cairn-benchmarks generate-esco PATH [--scale S]
//   swift run -c release --package-path Benchmarks cairn-benchmarks parse PATH
//   swift run -c release --package-path Benchmarks cairn-benchmarks open-search STORE TEXT
//   swift run -c release --package-path Benchmarks cairn-benchmarks unproven
//   swift run -c release --package-path Benchmarks cairn-benchmarks adversarial FAMILY
//   swift run -c release --package-path Benchmarks cairn-benchmarks generate-sis PATH LEARNERS
//   swift run -c release --package-path Benchmarks cairn-benchmarks generate-records FOLDER LEARNERS

let arguments = Array(CommandLine.arguments.dropFirst())

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("cairn-benchmarks: \(message)\n".utf8))
    FileHandle.standardError.write(Data("""
        usage: cairn-benchmarks generate-esco PATH [--scale S]
               cairn-benchmarks sign COUNT
               cairn-benchmarks parse PATH
               cairn-benchmarks open-search STORE TEXT
               cairn-benchmarks unproven
               cairn-benchmarks adversarial FAMILY
               cairn-benchmarks generate-sis PATH LEARNERS
               cairn-benchmarks generate-records FOLDER LEARNERS

        The timed benchmarks run under package-benchmark:
               swift package --package-path Benchmarks benchmark

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

/// The instances of one adversarial family — every one, or only those the search could not
/// prove optimal within its budget — with size, progress and time (the best of three runs for a
/// proven one; one run for one that reached the budget), then the family's tally.
func listAdversarialInstances(_ family: AdversarialWorkload.Family, onlyUnproven: Bool) throws {
    let workload = try AdversarialWorkload(family: family)
    var times: [Double] = []
    var proven = 0
    for (index, instance) in workload.instances.enumerated() {
        var outcome: AdversarialWorkload.Outcome?
        var best = seconds { outcome = workload.audit(index) }
        guard let outcome else { continue }
        if outcome.isProvenOptimal {
            proven += 1
            for _ in 1...2 { best = min(best, seconds { _ = workload.audit(index) }) }
        }
        times.append(best)
        guard !onlyUnproven || !outcome.isProvenOptimal else { continue }
        print("  seed \(instance.seed): \(instance.leaves) leaves, \(instance.badges) badges: best found "
              + "\(outcome.progress) (≈ \(formatted(outcome.progressValue, decimals: 4))) "
              + "\(outcome.isProvenOptimal ? "proven" : "NOT proven, \"exact\": false") in \(formatted(best * 1000, decimals: 2)) ms")
    }
    times.sort()
    let median = times.isEmpty ? 0 : times[(times.count - 1) / 2]
    print("\(family): \(proven) of \(workload.instances.count) proven optimal; median \(formatted(median * 1000, decimals: 2)) ms, "
          + "worst \(formatted((times.last ?? 0) * 1000, decimals: 2)) ms")
}

switch arguments.first {
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
case "unproven":
    guard arguments.count == 1 else { usage("unproven takes no arguments") }
    failing { for family in AdversarialWorkload.Family.allCases { try listAdversarialInstances(family, onlyUnproven: true) } }
case "adversarial":
    let families = Dictionary(uniqueKeysWithValues: AdversarialWorkload.Family.allCases.map { ("\($0)", $0) })
    guard arguments.count == 2, let family = families[arguments[1]] else {
        usage("adversarial expects a family: \(families.keys.sorted().joined(separator: ", "))")
    }
    failing { try listAdversarialInstances(family, onlyUnproven: false) }
case "generate-sis":
    guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else { usage("generate-sis expects PATH and a learner count") }
    failing { try CohortWorkload.generateExport(path: arguments[1], learners: count) }
case "generate-records":
    guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else { usage("generate-records expects FOLDER and a learner count") }
    failing { try CohortWorkload.generateRecords(folder: arguments[1], learners: count) }
case "time-import":
    guard arguments.count == 3 else { usage("time-import expects an export PATH and a STORE to create") }
    failing { try CohortWorkload.timeImport(path: arguments[1], store: arguments[2]) }
case "time-cohort":
    guard arguments.count == 2 else { usage("time-cohort expects a STORE") }
    failing { try CohortWorkload.timeCohort(store: arguments[1]) }
case "sign":
    guard arguments.count == 2, let count = Int(arguments[1]), count > 0 else { usage("sign expects a credential count") }
    failing { try IssuingWorkload.run(count: count) }
case let other?:
    usage("unknown command \"\(other)\"")
case nil:
    usage("expects a command")
}
