import ArgumentParser
import CairnStore

/// `--log-key FILE`: the secret key a decision log is kept with (see ``DecisionLogKey``).
struct LogKeyOptions: ParsableArguments {
    @Option(name: .customLong("log-key"),
            help: ArgumentHelp("A file holding the decision log's secret key (32 to 4096 bytes, kept outside the store): "
                               + "decisions are recorded with an HMAC of their chain link, and verify checks them.",
                               valueName: "file"))
    var path: String?

    /// The key, or `nil` without `--log-key`; a missing file exits 66, a key of the wrong size 65.
    func key() throws -> DecisionLogKey? {
        guard let path else { return nil }
        do {
            return try DecisionLogKey(contentsOf: path)
        } catch {
            throw CommandFailure(lines: [error.description], code: error.reason == .notFound ? 66 : 65)
        }
    }
}
