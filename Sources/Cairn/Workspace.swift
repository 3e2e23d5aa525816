import CairnCore
import CairnCredentials
import CairnFrameworks
import CairnRDF
import CairnReports
import CairnSyntax
public import Foundation

/// A folder of definitions — `Frameworks/` and `Pathways/` — loaded, indexed and checked:
/// the entry point for embedding Cairn.
///
/// ```swift
/// let workspace = try Workspace(at: URL(fileURLWithPath: "."))
/// let record = try workspace.learnerRecord(at: URL(fileURLWithPath: "Pathways/learners/amara.yaml"))
/// let audit = try workspace.audit(pathway: "data-analysis-foundations", for: record,
///                                 asOf: CalendarDate(iso8601: "2026-11-29")!)
/// print(audit.isComplete, audit.progress)
/// ```
///
/// A workspace is an immutable value: audits of many learners may run on many tasks at once.
public struct Workspace: Sendable {
    public let root: URL
    public let catalog: Catalog
    /// Learner records found in the workspace (the bundled samples), sorted by learner id.
    public let learners: [LearnerRecord]
    /// Problems ``CatalogValidator`` found. Loading succeeds with them; `cairn validate` reports them.
    public let issues: [ValidationIssue]
    /// The definition files that were read.
    public let files: [String]
    /// Credit policies found in the workspace, by id.
    public let policies: [String: CreditPolicy]
    /// Employers' role profiles (`Frameworks/roles/*.yaml`), as written (bases not yet resolved).
    public let roleDefinitions: [RoleProfile]

    /// Loads every definition under `root/Frameworks` and `root/Pathways`, plus `additionalFiles`,
    /// and the skills they name from the framework store (`store`, by default
    /// `.cairn/store.sqlite` inside `root`, when it exists).
    ///
    /// - Throws: ``WorkspaceError/fileNotFound(_:)`` when `root` is not a folder;
    ///   ``WorkspaceError/invalidInput(_:)`` with every reader problem of every file when any
    ///   file is malformed — a workspace is never loaded with a file silently missing.
    public init(at root: URL, additionalFiles: [URL] = [], store: StoreLocation? = nil) throws(WorkspaceError) {
        let inspection = Workspace.inspect(at: root, additionalFiles: additionalFiles, store: store)
        guard inspection.readProblems.isEmpty else {
            if let missing = inspection.missing { throw .fileNotFound(missing) }
            throw .invalidInput(inspection.readProblems)
        }
        self = inspection.workspace
    }

    init(root: URL, catalog: Catalog, learners: [LearnerRecord], issues: [ValidationIssue], files: [String],
         policies: [String: CreditPolicy] = [:], roleDefinitions: [RoleProfile] = []) {
        self.policies = policies
        self.roleDefinitions = roleDefinitions
        self.root = root
        self.catalog = catalog
        self.learners = learners
        self.issues = issues
        self.files = files
    }

    /// Everything found while loading, problems included, for `cairn validate`.
    public struct Inspection: Sendable {
        public var workspace: Workspace
        /// Files that could not be read or parsed (each problem with its place).
        public var readProblems: [ValidationIssue]
        /// The first path that does not exist, if any.
        public var missing: String?

        /// Whether some references between files (to badge classes, or to pathways) were left
        /// unchecked because a file that may define them did not read: they are checked once
        /// every file reads, so that one mistake is not reported again as every id it hides.
        public var referencesUnchecked: Bool

        /// Reader problems and validation problems together, in file order.
        public var allProblems: [ValidationIssue] {
            readProblems + workspace.issues
        }
    }

    /// Loads what can be loaded and collects every problem instead of stopping at the first.
    public static func inspect(at root: URL, additionalFiles: [URL] = [], store: StoreLocation? = nil) -> Inspection {
        var readProblems: [ValidationIssue] = []
        var missing: String?
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory) || !isDirectory.boolValue {
            missing = DefinitionFiles.displayPath(root)
            readProblems.append(ValidationIssue("no such workspace folder", at: SourceLocation(file: DefinitionFiles.displayPath(root))))
        }
        var urls = ["Frameworks", "Pathways"].flatMap { DefinitionFiles.files(under: root.appendingPathComponent($0)) }
        for extra in additionalFiles {
            var extraIsDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: extra.path, isDirectory: &extraIsDirectory) else {
                missing = missing ?? DefinitionFiles.displayPath(extra)
                readProblems.append(ValidationIssue("no such file", at: SourceLocation(file: DefinitionFiles.displayPath(extra))))
                continue
            }
            urls += extraIsDirectory.boolValue ? DefinitionFiles.files(under: extra) : [extra.standardizedFileURL]
        }
        var seen: Set<String> = []
        urls = urls.filter { seen.insert($0.path).inserted }

        var catalogues: [BadgeCatalog] = []
        var pathways: [Pathway] = []
        var frameworks: [Framework] = []
        var learners: [LearnerRecord] = []
        var policies: [CreditPolicy] = []
        var roleDefinitions: [RoleProfile] = []
        var learnerFolders: [String: URL] = [:]
        // What the files that do not read would have defined: references to such things are not
        // reported as missing (they may be that file's one mistake).
        var hidden: Set<ValidationIssue.Unresolved> = []
        func collect(_ error: WorkspaceError, at location: SourceLocation?) {
            switch error {
            case .invalidInput(let problems): readProblems += problems
            case .fileNotFound(let path):
                missing = missing ?? path
                readProblems.append(ValidationIssue("no such file", at: SourceLocation(file: path)))
            default: readProblems.append(ValidationIssue(error.description, at: location))
            }
        }
        for url in urls {
            do {
                switch try DefinitionFiles.read(url) {
                case .badgeCatalog(let catalogue): catalogues.append(catalogue)
                case .pathway(let pathway): pathways.append(pathway)
                case .learnerRecord(let record):
                    learners.append(record)
                    learnerFolders[record.learner] = url.deletingLastPathComponent()
                case .framework(let framework): frameworks.append(framework)
                case .creditPolicy(let policy): policies.append(policy)
                case .roleProfile(let role): roleDefinitions.append(role)
                case .unrecognised(let misspelt):
                    if let misspelt {
                        hidden = [.badgeClass, .pathway]
                        readProblems.append(ValidationIssue(misspelt.message, at: misspelt.location))
                    } else if url.pathComponents.contains("Pathways") {
                        readProblems.append(ValidationIssue(
                            "not a badge catalogue (issuer + badges), a pathway (requires) or a learner record (learner)",
                            at: SourceLocation(file: DefinitionFiles.displayPath(url), line: 1, column: 1)))
                    }
                }
            } catch {
                collect(error, at: nil)
                // A framework file defines skills, which alignments name by themselves.
                if DefinitionFiles.isFrameworkFile(url) { continue }
                switch DefinitionFiles.kindOfUnreadable(url) {
                case .badgeCatalog?: hidden.insert(.badgeClass)
                case .pathway?: hidden.insert(.pathway)
                case .learnerRecord?, .creditPolicy?, .roleProfile?: break
                case nil: hidden = [.badgeClass, .pathway]
                }
            }
        }
        let storeLocation = store ?? .sqlite(path: defaultStore(in: root).path)
        if store != nil || storeLocation.exists {
            do {
                let opened = try storeLocation.open()
                frameworks += try storeFrameworks(opened, references: skillReferences(badgeCatalogs: catalogues,
                                                                                      pathways: pathways))
            } catch {
                readProblems.append(ValidationIssue("cannot read the framework store: \(error)",
                                                    at: SourceLocation(file: storeLocation.displayName)))
            }
        }
        let catalog = Catalog(badgeCatalogs: catalogues, pathways: pathways, frameworks: Workspace.merge(frameworks))
        // The issuer keys the catalogues trust are read once, for every record that lists credentials.
        let verifier = learners.contains { !$0.credentialFiles.isEmpty }
            ? trusting(catalog, CredentialVerifier(), problems: &readProblems) : CredentialVerifier()
        learners = learners.map { record in
            guard !record.credentialFiles.isEmpty, let folder = learnerFolders[record.learner] else { return record }
            do throws(WorkspaceError) {
                return try resolvingCredentials(of: record, relativeTo: folder, catalog: catalog, verifier: verifier)
            } catch {
                collect(error, at: record.source)
                return record
            }
        }
        // Duplicate pathway ids are the validator's: several files of one id may be its versions.
        let issues = (CatalogValidator(catalog: catalog).validate(learners: learners)
            + CreditPolicyValidator(catalog: catalog).validate(policies))
            .filter { issue in issue.unresolved.map { !hidden.contains($0) } ?? true }
        let workspace = Workspace(root: root, catalog: catalog, learners: learners.sorted { $0.learner < $1.learner },
                                  issues: issues, files: urls.map(DefinitionFiles.displayPath),
                                  policies: Dictionary(policies.map { ($0.id, $0) }) { first, _ in first },
                                  roleDefinitions: roleDefinitions)
        return Inspection(workspace: workspace, readProblems: readProblems, missing: missing,
                          referencesUnchecked: !hidden.isEmpty)
    }

    /// Files and store entries of one framework (`skills_en.csv`, `skills_de.csv`, an RDF sample,
    /// the store) become one framework: skills and occupations are united, labels and links merged.
    private static func merge(_ frameworks: [Framework]) -> [Framework] {
        var merged: [String: Framework] = [:]
        var order: [String] = []
        for framework in frameworks {
            guard var existing = merged[framework.id] else {
                merged[framework.id] = framework
                order.append(framework.id)
                continue
            }
            for (id, skill) in framework.skills {
                guard var known = existing.skills[id] else { existing.skills[id] = skill; continue }
                known.preferredLabels.merge(skill.preferredLabels) { first, _ in first }
                known.altLabels.merge(skill.altLabels) { first, second in first + second.filter { !first.contains($0) } }
                known.broader += skill.broader.filter { !known.broader.contains($0) }
                known.description = known.description ?? skill.description
                existing.skills[id] = known
            }
            for (id, occupation) in framework.occupations where existing.occupations[id] == nil {
                existing.occupations[id] = occupation
            }
            existing.version = existing.version ?? framework.version
            merged[framework.id] = existing
        }
        return order.compactMap { merged[$0] }
    }
}
