import CairnCore
import CairnStore
import Foundation

extension Workspace {
    /// The SHA-256 (lower-case hex) of the definitions a cohort job's results depend on: every
    /// badge catalogue, pathway, credit policy and framework file the workspace loaded, each
    /// named by its path inside the workspace and digested whole. A job keeps the digest of the
    /// workspace it was submitted from, and a worker claims only jobs whose digest is its own, so
    /// workers that loaded different definitions never mix their results in one job.
    ///
    /// Learner records and role profiles kept in the workspace are left out (no cohort job reads
    /// them), as is the current folder: two workers that run in different folders, or on
    /// different machines, over copies of the same workspace agree.
    public var definitionsDigest: String {
        var paths = Set(catalog.badgeCatalogs.compactMap(\.source?.file))
        paths.formUnion(catalog.pathways.values.compactMap(\.source?.file))
        paths.formUnion(policies.values.compactMap(\.source?.file))
        paths.formUnion(files.filter { DefinitionFiles.isFrameworkFile(URL(fileURLWithPath: $0)) })
        let rootPath = root.standardizedFileURL.path + "/"
        let entries = paths.map { path -> (name: String, url: URL) in
            let url = URL(fileURLWithPath: path).standardizedFileURL
            let name = url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
            return (name, url)
        }.sorted { $0.name < $1.name }
        // One line per file, "digest  name" as sha256sum writes them; a file gone since loading
        // counts as empty, which no real definition file is.
        let listing = entries.map { entry in
            let bytes = FileManager.default.contents(atPath: entry.url.path).map(Array.init) ?? []
            return CreditDecision.digest(of: bytes) + "  " + entry.name + "\n"
        }.joined()
        return CreditDecision.digest(of: Array(listing.utf8))
    }
}
