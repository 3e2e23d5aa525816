import ArgumentParser
import Cairn
import CairnStore
import Foundation

/// `cairn credits log`: the decision log as a whole.
struct CreditsLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Check the credit decision log as a whole.",
        subcommands: [CreditsLogVerifyCommand.self])
}

/// `cairn credits log verify`: every decision against its digest, every link against the one
/// before, sequence numbers and timestamps; prints the head to keep elsewhere.
struct CreditsLogVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the whole credit decision log and print its head digest.",
        discussion: """
            Exits 0 when every decision matches its digest and its chain link, the sequence has no \
            gap and the timestamps never go back (and, with --expect-head, the head is the one \
            given); 65 naming the first decision that fails otherwise. Anyone who can rewrite the \
            whole store can rewrite the whole chain: keep the printed head somewhere the store's \
            writers cannot change, and check it with --expect-head.
            """)

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(name: .customLong("expect-head"),
            help: ArgumentHelp("The head digest kept from an earlier verify: the log must still end there or after it.",
                               valueName: "digest"))
    var expectedHead: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let path = storeOptions.storePath
            let verification: ChainVerification
            do {
                guard let log = try DecisionLog.existing(at: path) else {
                    throw CommandFailure(lines: ["\(path): no such store, so no decision log"], code: 66)
                }
                verification = try log.verifyChain()
                if let expectedHead, case .intact = verification,
                   try !log.containsLink(expectedHead) {
                    throw CommandFailure(lines: ["\(path): the log no longer holds the head \(expectedHead): "
                                                 + "decisions were removed or rewritten since it was kept"], code: 65)
                }
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            switch (verification, format) {
            case (.intact(let count, let head), .text):
                emit("intact: \(count) decisions in \(path)\nhead: \(head ?? "(empty log)")\n")
            case (.intact(let count, let head), .json):
                emit(JSONValue.object([("store", .string(path)), ("intact", .bool(true)),
                                       ("decisions", .number(Rational(count))),
                                       ("head", head.map(JSONValue.string) ?? .null)]).serialized() + "\n")
            case (.broken(let sequence, let reason), _):
                throw CommandFailure(lines: ["\(path): the decision log is broken at decision \(sequence): \(reason)"],
                                     code: 65)
            }
        }
    }
}
