import ArgumentParser
import Cairn
import CairnStore
import Foundation

/// `cairn skills search TEXT`: skills whose labels match, from the framework store.
struct SkillsSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the skills of the imported frameworks, and of the workspace's framework files, by label.",
        discussion: """
            Every word of TEXT must start a word of a label (preferred, alternative or hidden), in any \
            language unless --lang is given; case and accents do not matter. Skills matched by a \
            preferred label come first. The store's matches come first, then those only the \
            workspace's Frameworks/ files hold (which role fit and alignments use even before any import).
            """)

    @Argument(help: ArgumentHelp("Words to look for.", valueName: "text"))
    var text: String

    @Option(help: ArgumentHelp("Only skills of this framework (esco, sfia, ...).", valueName: "id"))
    var framework: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Only labels in this language, and show labels in it (default: match any language, show English).",
        valueName: "code"))
    var language: String?

    @Option(help: ArgumentHelp("The most skills to show.", valueName: "n"))
    var limit: Int = 20

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1, found \(limit)") }
    }

    func run() async throws {
        try await reportingFailures {
            // Inspected, not loaded: a definition file with a mistake must not stop a search.
            let workspace = Workspace.inspect(at: storeOptions.workspace.workspaceURL, store: try storeOptions.workspace.givenStore).workspace
            let store = try storeOptions.openExisting()
            let known = Set((try store?.frameworks().map(\.id) ?? []) + workspace.catalog.frameworks.keys.map { $0.lowercased() })
            guard store != nil || !known.isEmpty else {
                throw CommandFailure(lines: ["no frameworks: import one with `cairn frameworks import FILE`, or keep its "
                                             + "files in Frameworks/"], code: 66)
            }
            if let framework, !known.contains(framework.lowercased()) {
                throw CommandFailure(lines: ["unknown framework \"\(framework)\"" + ClosestIDs.hint(for: framework.lowercased(), among: known)
                                             + "; known: " + known.sorted().joined(separator: ", ")], code: 64)
            }
            var hits: [SkillSearchHit]
            do {
                hits = try store?.searchSkills(text, framework: framework, language: language, limit: limit) ?? []
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            let found = Set(hits.map { "\($0.framework)|\($0.id)" })
            hits += workspace.searchSkills(text, framework: framework, language: language, limit: limit)
                .filter { !found.contains("\($0.framework)|\($0.id)") }
            hits = Array(hits.prefix(limit))
            switch format {
            case .json: emit(json(hits).serialized() + "\n")
            case .text: emit(self.text(hits))
            }
        }
    }

    private func json(_ hits: [SkillSearchHit]) -> JSONValue {
        .object([
            ("query", .string(text)),
            ("framework", framework.map { .string($0.lowercased()) } ?? .null),
            ("language", language.map { .string($0.lowercased()) } ?? .null),
            ("hits", .array(hits.map { hit in
                .object([
                    ("framework", .string(hit.framework)), ("id", .string(hit.id)), ("label", .string(hit.label)),
                    ("matched", .object([("label", .string(hit.matchedLabel)),
                                         ("kind", .string(hit.matchedKind.rawValue)),
                                         ("language", .string(hit.matchedLanguage))])),
                    ("score", .number(Rational(Int((hit.score * 1000).rounded()), 1000))),
                ])
            })),
        ])
    }

    private func text(_ hits: [SkillSearchHit]) -> String {
        guard !hits.isEmpty else { return "No skills match \"\(text)\".\n" }
        var output = ""
        for hit in hits {
            output += "\(hit.label)  [\(hit.framework)] \(hit.id)\n"
            if hit.matchedLabel != hit.label {
                let language = hit.matchedLanguage.isEmpty ? "" : ", \(hit.matchedLanguage)"
                output += "    matched \(hit.matchedKind.rawValue) label \"\(hit.matchedLabel)\"\(language)\n"
            }
        }
        return output
    }
}
