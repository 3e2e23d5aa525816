public import CairnCore

extension Workspace {
    /// Badge class names by id, for readable reports.
    public var badgeNames: [String: String] {
        catalog.badgeClasses.mapValues(\.name)
    }

    /// Badge class names with the classes outside earnings add (`outside-<id>`, named by their title).
    public func badgeNames(with exceptions: [RegistrarException]) -> [String: String] {
        var names = badgeNames
        for exception in exceptions {
            if case .outsideEarning(let earning) = exception.action, earning.countsAs == nil {
                names["outside-\(exception.id)"] = "\(earning.title) (outside earning)"
            }
        }
        return names
    }

    /// The pathways that name a badge class in a requirement or award it, in catalogue order.
    public func pathways(naming badge: String) -> [Pathway] {
        catalog.sortedPathways.filter { pathway in
            var names = false
            pathway.requires.forEachNode { node in
                if case .badge(let id) = node.kind, id == badge { names = true }
            }
            return names || pathway.awards == badge
        }
    }

    /// A pathway's requirement tree labelled as an audit labels it, with nothing met: what
    /// `pathways show` prints.
    public func outline(of pathway: CompiledPathway) -> AuditNode {
        pathway.audit(LearnerRecord(learner: "", badges: []), asOf: CalendarDate(dayNumber: 0)).root
    }
}
