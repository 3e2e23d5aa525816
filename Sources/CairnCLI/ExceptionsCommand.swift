import ArgumentParser
import Cairn
import CairnSyntax
import Foundation

/// `cairn exceptions`: registrar exceptions, as data — per learner, a requirement waived, a badge
/// substituted for a requirement, an outside earning added, or a badge blocked; each with who,
/// when and why; applied by audits, credits and plans, and shown in their explanations.
struct ExceptionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exceptions",
        abstract: "Registrar exceptions per learner: waive a requirement, substitute a badge, add an outside earning, block a badge.",
        subcommands: [ExceptionsAddCommand.self, ExceptionsListCommand.self, ExceptionsRemoveCommand.self, ExceptionsImportCommand.self])
}

struct ExceptionsAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record one exception for one learner.",
        discussion: """
            Give exactly one of --waive REQUIREMENT, --substitute BADGE --for REQUIREMENT, --outside TITLE \
            --issued DATE, or --block BADGE. A requirement is named by its id or by its position \
            (2.1 = the first part of the second). Waivers and substitutions need --pathway; outside \
            earnings and blocks apply to every pathway unless one is given.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The learner's id.", valueName: "id")) var learner: String
    @Option(help: ArgumentHelp("The pathway it applies to.", valueName: "id")) var pathway: String?
    @Option(help: ArgumentHelp("Waive this requirement (its id or position).", valueName: "requirement")) var waive: String?
    @Option(help: ArgumentHelp("Let this badge count for the requirement given with --for.", valueName: "badge")) var substitute: String?
    @Option(name: .customLong("for"), help: ArgumentHelp("With --substitute: the requirement.", valueName: "requirement")) var target: String?
    @Option(help: ArgumentHelp("Add an earning from outside the catalogue, with this title (transfer credit, prior learning).",
                               valueName: "title")) var outside: String?
    @Option(help: ArgumentHelp("With --outside: the day it was earned.", valueName: "date")) var issued: String?
    @Option(help: ArgumentHelp("With --outside: who awarded it.", valueName: "name")) var institution: String?
    @Option(help: ArgumentHelp("With --outside: its credit, as \"3 ECTS\".", valueName: "amount unit")) var credits: String?
    @Option(name: .customLong("counts-as"), help: ArgumentHelp("With --outside: the catalogue badge it counts as.", valueName: "badge"))
    var countsAs: String?
    @Option(help: ArgumentHelp("With --outside: a tag it carries, so tag filters count it; repeatable.", valueName: "tag")) var tag: [String] = []
    @Option(help: ArgumentHelp("Block this badge: its earnings never count for the learner.", valueName: "badge")) var block: String?
    @Option(help: ArgumentHelp("Who decided (kept with the exception).", valueName: "name")) var by: String
    @Option(help: ArgumentHelp("Why, in words a student and an auditor can read.", valueName: "text")) var reason: String
    @Option(help: ArgumentHelp("The day it was decided (default today, UTC); audits as of an earlier day do not apply it.",
                               valueName: "date")) var on: String?

    func validate() throws {
        let given = [waive != nil, substitute != nil, outside != nil, block != nil].filter { $0 }.count
        guard given == 1 else { throw ValidationError("give exactly one of --waive, --substitute, --outside or --block") }
        if (substitute != nil) != (target != nil) { throw ValidationError("--substitute BADGE needs --for REQUIREMENT, and --for needs --substitute") }
        if outside == nil, issued != nil || institution != nil || credits != nil || countsAs != nil || !tag.isEmpty {
            throw ValidationError("--issued, --institution, --credits, --counts-as and --tag go with --outside")
        }
        if outside != nil, issued == nil { throw ValidationError("--outside needs --issued DATE") }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty || by.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--by and --reason must say who decided and why")
        }
    }

    func action() throws -> RegistrarException.Action {
        if let waive { return .waive(requirement: waive) }
        if let substitute, let target { return .substitute(badge: substitute, requirement: target) }
        if let block { return .block(badge: block) }
        let date = try AsOfOption.parse(issued ?? "", option: "--issued", example: "2025-06-30")
        return .outsideEarning(OutsideEarning(title: outside ?? "", institution: institution, issued: date,
                                              credits: try credits.map(ExceptionRows.credits), countsAs: countsAs, tags: tag))
    }

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let day = try on.map { try AsOfOption.parse($0, option: "--on", example: "2026-11-29") } ?? AsOfOption.today()
            let exception = RegistrarException(id: 0, learner: learner, pathway: pathway, action: try action(),
                                               recordedBy: by, recordedOn: day, reason: reason)
            if let problem = ExceptionApplication.problem(with: exception, in: loaded.catalog) {
                throw CommandFailure(lines: [problem, "nothing was recorded"], code: 65)
            }
            let store = try workspace.openStore()
            if try store.learner(learner) == nil, !loaded.learners.contains(where: { $0.learner == learner }) {
                FileHandle.standardError.write(Data(("cairn: warning: no learner \"\(learner)\" in the store or the workspace yet"
                    + ClosestIDs.hint(for: learner, among: try store.learners().map(\.id)) + "; the exception is kept for when one is imported\n").utf8))
            }
            guard let recorded = try store.addExceptions([exception]).first else { return }
            emit("recorded exception #\(recorded.id) for \(recorded.learner)\(recorded.pathway.map { " on \($0)" } ?? ""): \(recorded.explanation)\n")
        }
    }
}

struct ExceptionsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "The exceptions on record, in the order recorded.")

    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: ArgumentHelp("Only this learner's.", valueName: "id")) var learner: String?
    @Flag(help: "Removed exceptions too, with who removed them and why.") var all = false
    @Option(help: "Output format.") var format: TranscriptFormat = .text

    func run() async throws {
        try await reportingFailures {
            let store = try workspace.openStore()
            let stored = try store.exceptions(learner: learner, includingRemoved: all)
            switch format {
            case .json: emit(JSONValue.array(stored.map(ExceptionRows.json)).serialized() + "\n")
            case .csv:
                var text = csvLine(ExceptionRows.header + ["id", "removed_by", "removed_on", "removal_reason"])
                for entry in stored {
                    text += csvLine(ExceptionRows.fields(entry.exception) + [String(entry.exception.id), entry.removal?.by ?? "",
                                                                             entry.removal?.on.description ?? "", entry.removal?.reason ?? ""])
                }
                emit(text)
            case .text:
                guard !stored.isEmpty else { emit("no exceptions on record\n"); return }
                emit(stored.map { entry in
                    let exception = entry.exception
                    var line = "#\(exception.id)  \(exception.learner)\(exception.pathway.map { " · \($0)" } ?? "")  \(exception.explanation)"
                    if let removal = entry.removal { line += "\n      removed by \(removal.by) on \(removal.on): \(removal.reason)" }
                    return line
                }.joined(separator: "\n") + "\n")
            }
        }
    }
}

struct ExceptionsRemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Revoke an exception: it stops applying and stays on record with who removed it and why.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The exception's number (cairn exceptions list).") var id: Int
    @Option(help: ArgumentHelp("Who removes it.", valueName: "name")) var by: String
    @Option(help: ArgumentHelp("Why.", valueName: "text")) var reason: String
    @Option(help: ArgumentHelp("The day (default today, UTC).", valueName: "date")) var on: String?

    func run() async throws {
        try await reportingFailures {
            let day = try on.map { try AsOfOption.parse($0, option: "--on", example: "2026-11-29") } ?? AsOfOption.today()
            let store = try workspace.openStore()
            guard let removed = try store.removeException(id: id, removal: StoredException.Removal(by: by, on: day, reason: reason)) else {
                throw CommandFailure(lines: ["no active exception #\(id) (cairn exceptions list --all shows every one)"], code: 64)
            }
            emit("removed exception #\(id) (\(removed.exception.explanation)) by \(by) on \(day): \(reason)\n")
        }
    }
}

struct ExceptionsImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Record exceptions from a CSV: every row or, if any row is wrong, none.",
        discussion: "Columns: \(ExceptionRows.header.joined(separator: ", ")). kind is waive, substitute, outside or block.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: "The CSV file.") var file: String

    func run() async throws {
        try await reportingFailures {
            let loaded = try workspace.load()
            let text = try DefinitionText.read(file, limit: 64 << 20)
            let (exceptions, sources) = try ExceptionRows.read(text, file: file, catalog: loaded.catalog)
            let recorded = try workspace.openStore().addExceptions(exceptions, sources: sources)
            emit("recorded \(recorded.count) exception\(recorded.count == 1 ? "" : "s")"
                 + (recorded.first.map { " (#\($0.id)–#\(recorded.last?.id ?? $0.id))" } ?? "") + "\n")
        }
    }
}

/// Exceptions as CSV rows: the import format, and `exceptions list --format csv`, which it reads back.
enum ExceptionRows {
    static let header = ["learner", "pathway", "kind", "requirement", "badge", "title", "institution", "issued", "credits",
                         "tags", "by", "on", "reason"]

    static func credits(_ text: String) throws -> Credits {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let value = Rational(parsing: parts[0]), value >= .zero else {
            throw CommandFailure(lines: ["credits: expected an amount and a unit such as \"3 ECTS\", found \"\(text)\""], code: 64)
        }
        return Credits(value, CreditUnit(String(parts[1])))
    }

    static func fields(_ exception: RegistrarException) -> [String] {
        var requirement = "", badge = "", title = "", institution = "", issued = "", credits = "", tags = ""
        switch exception.action {
        case .waive(let id): requirement = id
        case .substitute(let substitute, let id): badge = substitute; requirement = id
        case .block(let blocked): badge = blocked
        case .outsideEarning(let earning):
            badge = earning.countsAs ?? ""
            title = earning.title
            institution = earning.institution ?? ""
            issued = earning.issued.description
            credits = earning.credits.map { "\($0.value) \($0.unit.name)" } ?? ""
            tags = earning.tags.joined(separator: ";")
        }
        return [exception.learner, exception.pathway ?? "", exception.action.kindName, requirement, badge, title, institution,
                issued, credits, tags, exception.recordedBy, exception.recordedOn.description, exception.reason]
    }

    static func json(_ entry: StoredException) -> JSONValue {
        let exception = entry.exception
        var members: [(String, JSONValue)] = [("id", .number(Rational(exception.id)))]
        for (name, value) in zip(header, fields(exception)) { members.append((name, .string(value))) }
        members.append(("explanation", .string(exception.explanation)))
        if let removal = entry.removal {
            members.append(("removed", .object([("by", .string(removal.by)), ("on", .string(removal.on.description)),
                                                ("reason", .string(removal.reason))])))
        }
        return .object(members)
    }

    /// Every row as an exception, or every problem (row and column, what was expected).
    static func read(_ text: String, file: String, catalog: Catalog) throws -> ([RegistrarException], [SourceLocation?]) {
        let records: [CSVRecord]
        do { records = try CSVReader.records(in: text, file: file) } catch {
            throw CommandFailure(lines: error.errors.map(\.description), code: 65)
        }
        guard let head = records.first else { throw CommandFailure(lines: ["\(file): empty; expected a header: \(header.joined(separator: ","))"], code: 65) }
        let names = head.fields.map(SISColumnMapping.normalized)
        var columns: [String: Int] = [:]
        for name in header { if let index = names.firstIndex(of: name) { columns[name] = index } }
        let missing = ["learner", "kind", "by", "on", "reason"].filter { columns[$0] == nil }
        guard missing.isEmpty else {
            throw CommandFailure(lines: ["\(file):\(head.line):1: no column for \(missing.joined(separator: ", ")); the columns are "
                                         + header.joined(separator: ", ")], code: 65)
        }
        var exceptions: [RegistrarException] = []
        var sources: [SourceLocation?] = []
        var problems: [String] = []
        for record in records.dropFirst() {
            func cell(_ name: String) -> String {
                guard let index = columns[name], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            func place(_ name: String) -> String {
                (columns[name].map { record.location(ofField: $0, in: file) } ?? SourceLocation(file: file, line: record.line)).description
            }
            func date(_ name: String) -> CalendarDate? {
                if let date = CalendarDate(iso8601: cell(name)) { return date }
                problems.append("\(place(name)): \(name): expected a date such as 2026-11-29, found \"\(cell(name))\"")
                return nil
            }
            let action: RegistrarException.Action?
            switch cell("kind") {
            case "waive": action = .waive(requirement: cell("requirement"))
            case "substitute": action = .substitute(badge: cell("badge"), requirement: cell("requirement"))
            case "block": action = .block(badge: cell("badge"))
            case "outside":
                var amount: Credits?
                if !cell("credits").isEmpty {
                    do { amount = try credits(cell("credits")) } catch {
                        problems.append("\(place("credits")): credits: expected an amount and a unit such as \"3 ECTS\", found \"\(cell("credits"))\"")
                    }
                }
                action = date("issued").map { issued in
                    .outsideEarning(OutsideEarning(title: cell("title"), institution: cell("institution").isEmpty ? nil : cell("institution"),
                                                   issued: issued, credits: amount, countsAs: cell("badge").isEmpty ? nil : cell("badge"),
                                                   tags: cell("tags").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }))
                }
            default:
                problems.append("\(place("kind")): kind: expected waive, substitute, outside or block, found \"\(cell("kind"))\""
                                + ClosestIDs.hint(for: cell("kind"), among: ["waive", "substitute", "outside", "block"]))
                action = nil
            }
            guard let day = date("on"), let action else { continue }
            for required in ["learner", "by", "reason"] where cell(required).isEmpty {
                problems.append("\(place(required)): \(required): expected a value, found an empty cell")
            }
            let exception = RegistrarException(id: 0, learner: cell("learner"), pathway: cell("pathway").isEmpty ? nil : cell("pathway"),
                                               action: action, recordedBy: cell("by"), recordedOn: day, reason: cell("reason"))
            if let problem = ExceptionApplication.problem(with: exception, in: catalog) {
                problems.append("\(SourceLocation(file: file, line: record.line)): \(problem)")
            }
            exceptions.append(exception)
            sources.append(SourceLocation(file: file, line: record.line))
        }
        guard problems.isEmpty else { throw CommandFailure(lines: problems + ["nothing was recorded"], code: 65) }
        return (exceptions, sources)
    }
}
