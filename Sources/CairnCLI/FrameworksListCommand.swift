import ArgumentParser
import Cairn
import CairnReports
import CairnStore
import Foundation

/// `cairn frameworks list`: the frameworks imported into the store.
struct FrameworksListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the frameworks imported into the store, with their sizes.")

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let frameworks = try storeOptions.openExisting()?.frameworks() ?? []
            switch format {
            case .json:
                emit(JSONValue.object([("frameworks", .array(frameworks.map(\.json)))]).serialized() + "\n")
            case .text:
                emit(text(frameworks))
            }
        }
    }

    private func text(_ frameworks: [FrameworkSummary]) -> String {
        guard !frameworks.isEmpty else {
            return "No frameworks in \(storeOptions.storePath); import one with `cairn frameworks import FILE`.\n"
        }
        return TextTable(header: ["ID", "NAME", "VERSION", "SKILLS", "OCCUPATIONS", "RELATIONS", "LABELS", "IMPORTED"],
                  rows: frameworks.map { framework in
                      [framework.id, framework.name, framework.version ?? "-", framework.skills.groupedDigits,
                       framework.occupations.groupedDigits, framework.relations.groupedDigits, framework.labels.groupedDigits,
                       framework.importedAt ?? "-"]
                  }, rightAligned: [3, 4, 5, 6]).text
    }
}

/// `--workspace` and `--store`, shared by the commands that use the framework store.
struct FrameworkStoreOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions

    /// The store, as messages name it (a file path, or a PostgreSQL URL without its password).
    var storePath: String {
        (try? workspace.storeLocation.description) ?? "the store"
    }

    /// Opens (creating when missing) the store.
    func open() throws -> any Store {
        try workspace.openStore()
    }

    /// Opens the store when it exists; `nil` (and no file created) when a SQLite file does not.
    func openExisting() throws -> (any Store)? {
        guard try workspace.storeLocation.exists else { return nil }
        return try open()
    }

    /// Opens an existing store, or fails with a message saying how to make one.
    func openForReading() throws -> any Store {
        guard let store = try openExisting() else {
            throw CommandFailure(lines: ["\(storePath): no framework store here; import a framework first with "
                                         + "`cairn frameworks import FILE`"], code: 66)
        }
        return store
    }

    /// Checks that `framework`, when given, is in the store: an unknown id is a usage error (64).
    func requireFramework(_ framework: String?, in store: any Store) throws {
        guard let framework else { return }
        let known = try store.frameworks().map(\.id)
        guard known.contains(framework.lowercased()) else {
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            throw CommandFailure(lines: ["unknown framework \"\(framework)\"; the store holds: \(list)"], code: 64)
        }
    }
}

extension CommandFailure {
    /// A store problem: a file that cannot be opened is 66, a file that is not a (current) store
    /// is invalid input (65), as is a request the store's contents refuse; anything else SQLite
    /// refused is internal (70).
    init(_ error: StoreError) {
        switch error.reason {
        case .cannotOpen: self.init(lines: [error.description], code: 66)
        case .notACairnStore, .schemaTooNew, .noFrameworkHeader, .refused: self.init(lines: [error.description], code: 65)
        case .database: self.init(lines: [error.description], code: 70)
        }
    }
}

extension FrameworkSummary {
    var json: JSONValue {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("version", version.map(JSONValue.string) ?? .null),
            ("source", source.map(JSONValue.string) ?? .null),
            ("importedAt", importedAt.map(JSONValue.string) ?? .null),
            ("skills", .number(Rational(skills))), ("occupations", .number(Rational(occupations))),
            ("relations", .number(Rational(relations))), ("labels", .number(Rational(labels))),
            ("broaderLinks", .number(Rational(broaderLinks))),
        ])
    }
}

