import ArgumentParser
import Cairn
import CairnStore
import Foundation

/// `cairn skills show ID`: one skill from the framework store, with its neighbours.
struct SkillsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a skill: its labels, broader and narrower skills, and the occupations that need it.")

    @Argument(help: ArgumentHelp(
        "The skill: its id, an ESCO skill URI (http or https) or bare UUID, or an SFIA code in any case.",
        valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The skill's framework (default: the first framework that has it).", valueName: "id"))
    var framework: String?

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Show labels in this language (default: English; JSON: all languages).", valueName: "code"))
    var language: String?

    @OptionGroup var storeOptions: FrameworkStoreOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() async throws {
        try await reportingFailures {
            let store = try storeOptions.openForReading()
            try storeOptions.requireFramework(framework, in: store)
            let detail: SkillDetail?
            do {
                detail = try store.skill(id: id, framework: framework)
            } catch let error as StoreError {
                throw CommandFailure(error)
            }
            guard let detail else {
                let scope = framework.map { "framework \"\($0)\"" } ?? "any imported framework"
                throw CommandFailure(lines: ["no skill \"\(id)\" in \(scope)"], code: 64)
            }
            switch format {
            case .json: emit(json(detail).serialized() + "\n")
            case .text: emit(text(detail))
            }
        }
    }

    private var displayLanguage: String { language?.lowercased() ?? "en" }

    private func json(_ detail: SkillDetail) -> JSONValue {
        let wanted = language?.lowercased()
        func keep(_ key: String) -> Bool { wanted == nil || key == wanted }
        func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        func related(_ concepts: [RelatedConcept]) -> JSONValue {
            .array(concepts.map { .object([("id", .string($0.id)), ("label", .string($0.label(in: displayLanguage)))]) })
        }
        func labelLists(_ labels: [String: [String]]) -> JSONValue {
            .object(labels.filter { keep($0.key) }.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSONValue.string))) })
        }
        return .object([
            ("framework", .string(detail.framework)), ("id", .string(detail.id)),
            ("label", .string(detail.label(in: displayLanguage))),
            ("code", optional(detail.code)), ("skillType", optional(detail.skillType)),
            ("reuseLevel", optional(detail.reuseLevel)), ("category", optional(detail.category)),
            ("description", optional(detail.description)),
            ("levels", .array(detail.levels.map { .number(Rational($0)) })),
            ("preferredLabels", .object(detail.preferredLabels.filter { keep($0.key) }.sorted { $0.key < $1.key }
                .map { ($0.key, .string($0.value)) })),
            ("altLabels", labelLists(detail.altLabels)),
            ("hiddenLabels", labelLists(detail.hiddenLabels)),
            ("broader", related(detail.broader)), ("narrower", related(detail.narrower)),
            ("essentialFor", related(detail.essentialFor)), ("optionalFor", related(detail.optionalFor)),
        ])
    }

    private func text(_ detail: SkillDetail) -> String {
        var lines = [detail.label(in: displayLanguage)]
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("  \(name): \(value)")
        }
        field("id", detail.id)
        field("framework", detail.framework)
        field("code", detail.code == detail.id ? nil : detail.code)
        field("type", detail.skillType)
        field("reuse level", detail.reuseLevel)
        field("category", detail.category)
        field("levels", detail.levels.isEmpty ? nil : detail.levels.map(String.init).joined(separator: ", "))
        field("description", detail.description)
        field("also called", detail.altLabels[displayLanguage]?.joined(separator: "; "))
        func list(_ title: String, _ concepts: [RelatedConcept]) {
            guard !concepts.isEmpty else { return }
            lines.append("  \(title) (\(concepts.count)):")
            for concept in concepts {
                let label = concept.label(in: displayLanguage)
                lines.append(label == concept.id ? "    \(concept.id)" : "    \(label)  \(concept.id)")
            }
        }
        list("broader", detail.broader)
        list("narrower", detail.narrower)
        list("essential for", detail.essentialFor)
        list("optional for", detail.optionalFor)
        return lines.joined(separator: "\n") + "\n"
    }
}
