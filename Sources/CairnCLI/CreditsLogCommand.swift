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
/// before, sequence numbers, timestamps and (with the key) MACs; prints the head to keep elsewhere.
struct CreditsLogVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify the whole credit decision log and print its head digest.",
        discussion: """
            Exits 0 when every decision matches its digest and its chain link, the sequence has no \
            gap and the timestamps never go back (and, with --expect-head, the log still holds the \
            head given; with --log-key, every MAC is the key's); 65 naming the first decision that \
            fails otherwise; 66 when there is no store or no key file. Anyone who can rewrite the \
            whole store can rewrite the whole chain: keep the printed head somewhere the store's \
            writers cannot change and check it with --expect-head, or keep the log with a key.
            """)

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @OptionGroup var logKey: LogKeyOptions

    @Option(name: .customLong("expect-head"),
            help: ArgumentHelp("The head kept from an earlier verify or history: the log must still hold it (end there or after it).",
                               valueName: "digest"))
    var expectedHead: String?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let path = storeOptions.storePath
            let key = try logKey.key()
            let expectedHead = self.expectedHead?.lowercased()
            if let expectedHead, expectedHead.count != 64 || !expectedHead.allSatisfy(\.isHexDigit) {
                throw CommandFailure(lines: ["--expect-head: expected a head as verify prints it (64 hex digits), "
                                             + "found \"\(expectedHead.prefix(80))\""], code: 64)
            }
            let verification: ChainVerification
            let macs: MACSummary
            do {
                guard let log = try storeOptions.openExisting().map(DecisionLog.init(store:)) else {
                    throw CommandFailure(lines: ["\(path): no such store, so no decision log"], code: 66)
                }
                verification = try log.verifyChain(key: key)
                macs = try log.macSummary()
                if let expectedHead, case .intact = verification,
                   try !log.containsLink(expectedHead) {
                    throw CommandFailure(lines: ["\(path): the log no longer holds the head \(expectedHead): "
                                                 + "a decision up to it was removed or rewritten since it was kept"], code: 65)
                }
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            switch (verification, format) {
            case (.intact(let count, let head), .text):
                emit("intact: \(count) decisions in \(path)\nhead: \(head ?? "(empty log)")\n"
                     + "MACs: \(Self.macText(macs, decisions: count, checked: key != nil))\n")
            case (.intact, .json):
                emit(StoreListing.chainJSON(store: path, verification: verification, macs: macs, macsChecked: key != nil).serialized() + "\n")
            case (.broken(let sequence, let reason), _):
                throw CommandFailure(lines: ["\(path): the decision log is broken at decision \(sequence): \(reason)"],
                                     code: 65)
            }
        }
    }

    /// What was proven about the MACs: checked with the key, or not, and which decisions carry one.
    static func macText(_ macs: MACSummary, decisions: Int, checked: Bool) -> String {
        guard let first = macs.firstKeyed else {
            return "none recorded (no decision was recorded with --log-key)"
        }
        let range = first == Int64(decisions) ? "decision \(first)" : "decisions \(first)–\(decisions)"
        let earlier = first > 1 ? "; decisions before \(first) were recorded without a key and are vouched for by the chain" : ""
        return checked
            ? "checked with the key for \(range)\(earlier)"
            : "not checked (no --log-key given); \(range) carry one"
    }
}
