import CairnCore
import CairnFrameworks
import CairnRDF
import CairnSyntax

extension Workspace {
    /// The problems `cairn validate` reports that concern what one command reads: the pathways
    /// named (and every pathway they include), the credit policy (and the pathways its stacks
    /// audit), and the learner records — checked here even when read from outside the workspace.
    ///
    /// An unknown badge id in a pathway would otherwise show as a requirement nobody can meet,
    /// and a learner's earning of an unknown badge would silently count nowhere; the commands
    /// refuse such input unless told to run anyway. Problems elsewhere in the workspace (another
    /// pathway, an alignment to a framework not imported) do not stop them: `validate` lists those.
    public func problems(pathways: [String] = [], policy: CreditPolicy? = nil,
                         records: [LearnerRecord] = []) -> [ValidationIssue] {
        var files: Set<String> = []
        var pending = pathways + (policy?.stacks.map(\.pathway) ?? [])
        var visited: Set<String> = []
        while let id = pending.popLast() {
            guard visited.insert(id).inserted, let pathway = catalog.pathways[id] else { continue }
            if let file = pathway.source?.file { files.insert(file) }
            pathway.requires.forEachNode { node in
                if case .pathway(let included) = node.kind { pending.append(included) }
            }
        }
        var found = issues.filter { issue in issue.location.map { files.contains($0.file) } ?? false }
        if let policy {
            found += CreditPolicyValidator(catalog: catalog).validate([policy])
                .filter { !$0.message.hasPrefix("duplicate credit policy id") }
        }
        for record in records {
            found += CatalogValidator(catalog: catalog(for: record)).problems(in: record)
        }
        var seen: Set<ValidationIssue> = []
        return found.filter { seen.insert($0).inserted }
    }
}
