import ArgumentParser
import Cairn
import Foundation

/// Options every command that reads a workspace shares.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The workspace folder, holding Frameworks/ and Pathways/.", valueName: "dir"))
    var workspace: String = "."

    @Option(help: ArgumentHelp("The store as a SQLite file (default: .cairn/store.sqlite inside the workspace); the same as --database sqlite:FILE.",
                               valueName: "file"))
    var store: String?

    @Option(help: ArgumentHelp("The store's database: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (default: $CAIRN_DATABASE_URL, else the SQLite store).",
                               valueName: "url"))
    var database: String?

    var workspaceURL: URL { URL(fileURLWithPath: workspace) }

    func validate() throws {
        _ = try storeLocation
    }

    /// The store this command uses: `--database`, `--store`, `CAIRN_DATABASE_URL`, or the workspace's default file.
    var storeLocation: StoreLocation {
        get throws {
            do {
                return try StoreLocation.resolve(database: database, storeFile: store,
                                                 environment: ProcessInfo.processInfo.environment, workspace: workspaceURL)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    /// The store given with `--store`, `--database` or `CAIRN_DATABASE_URL`, if any (nil: the
    /// workspace's default file, used when it exists).
    var givenStore: StoreLocation? {
        get throws {
            let location = try storeLocation
            return location == .sqlite(path: Workspace.defaultStore(in: workspaceURL).path) && store == nil ? nil : location
        }
    }

    /// Loads the workspace, turning failures into the contract's exit codes.
    func load(additionalFiles: [URL] = []) throws -> Workspace {
        let store = try givenStore
        do {
            return try Workspace(at: workspaceURL, additionalFiles: additionalFiles, store: store)
        } catch {
            throw CommandFailure(error)
        }
    }
}

extension WorkspaceOptions {
    /// The workspace with the pathway `--pathway` names: an id, or a file added to the workspace.
    func load(pathway: String) throws -> (workspace: Workspace, pathway: String) {
        try load(pathway: pathway, into: try load())
    }

    /// `loaded` with the pathway `pathway` names: an id, or a file added to it.
    func load(pathway: String, into loaded: Workspace) throws -> (workspace: Workspace, pathway: String) {
        guard FileManager.default.fileExists(atPath: pathway) else { return (loaded, pathway) }
        return try loaded.addingPathway(at: URL(fileURLWithPath: pathway))
    }
}

/// The as-of date option: a calendar date, today (UTC) when absent.
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day to evaluate on (YYYY-MM-DD); default today, UTC.", valueName: "date"))
    var asOf: String?

    func date(default fallback: CalendarDate = AsOfOption.today()) throws -> CalendarDate {
        guard let asOf else { return fallback }
        return try AsOfOption.parse(asOf, option: "--as-of", example: "2026-11-29")
    }

    /// A date option's value, or an error that says whether it is mistyped or a day that does
    /// not exist (`2024-02-30`).
    static func parse(_ text: String, option: String, example: String) throws -> CalendarDate {
        if let date = CalendarDate(iso8601: text) { return date }
        if let problem = CalendarDate.nonexistentDay(text) { throw ValidationError("\(option): \(problem)") }
        throw ValidationError("\(option) expects a calendar date such as \(example), found \"\(text)\"")
    }

    /// Today in UTC: the CLI is where the clock is read, never the engine.
    static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
            ?? CalendarDate(dayNumber: 0)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
