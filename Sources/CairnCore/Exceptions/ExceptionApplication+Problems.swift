extension ExceptionApplication {
    /// Why `exception` does not fit `catalog`, or `nil` when it fits.
    ///
    /// An exception does not fit when it names a pathway the catalogue lacks, a requirement the
    /// pathway (or a pathway it nests) has neither as an id nor as a position, or a badge class
    /// no catalogue defines; when a waiver or substitution names no pathway; when a substitution
    /// aims at a `count-from` or `credits` requirement, which one badge cannot stand in for; or
    /// when an outside earning's credits are in an unknown unit. Messages name the closest
    /// valid id where one is near (see ``ClosestIDs``). `cairn validate` reports them, so that
    /// exceptions a pathway change left dangling are found before an audit silently skips them.
    public static func problem(with exception: RegistrarException, in catalog: Catalog) -> String? {
        if let pathway = exception.pathway, catalog.pathways[pathway] == nil {
            return "unknown pathway \"\(pathway)\"" + ClosestIDs.hint(for: pathway, among: catalog.pathways.keys)
        }
        switch exception.action {
        case .waive(let requirement):
            guard let pathway = exception.pathway else {
                return "waiving requirement \"\(requirement)\" needs the pathway it belongs to; the exception names none"
            }
            return requirementProblem(requirement, in: pathway, catalog: catalog)
        case .substitute(let badge, let requirement):
            guard let pathway = exception.pathway else {
                return "substituting badge \"\(badge)\" for requirement \"\(requirement)\" needs the pathway it belongs to; "
                    + "the exception names none"
            }
            if let problem = badgeProblem(badge, in: catalog) { return problem }
            if let problem = requirementProblem(requirement, in: pathway, catalog: catalog) { return problem }
            guard let node = RequirementAddress.locate(requirement, in: pathway, catalog: catalog)?.node else { return nil }
            switch node.kind {
            case .countFrom, .credits:
                return "requirement \"\(requirement)\" of pathway \(pathway) is a \(node.kindName) requirement, which one "
                    + "substitute badge cannot stand in for; substitute for a badge, tag, skill, pathway or group "
                    + "requirement, or waive it"
            case .badge, .tag, .skill, .pathway, .all, .any, .countOf:
                return nil
            }
        case .outsideEarning(let earning):
            if let badge = earning.countsAs, let problem = badgeProblem(badge, in: catalog) {
                return "outside earning \"\(earning.title)\" counts as " + problem
            }
            if let unit = earning.credits?.unit, !catalog.knownUnits.contains(unit) {
                let known = catalog.knownUnits.map(\.name).sorted().joined(separator: ", ")
                return "outside earning \"\(earning.title)\" carries credits in unknown unit \"\(unit)\"; "
                    + "known units are \(known)"
            }
            if earning.countsAs == nil, catalog.badgeClasses[outsideClassID(exception.id)] != nil {
                return "outside earning \"\(earning.title)\" would be badge class \"\(outsideClassID(exception.id))\", "
                    + "and a catalogue already defines a class with that id"
            }
            return nil
        case .block(let badge):
            return badgeProblem(badge, in: catalog)
        }
    }

    /// The id of the badge class made for an outside earning that counts as no catalogue class.
    static func outsideClassID(_ exceptionID: Int) -> String {
        "outside-\(exceptionID)"
    }

    private static func badgeProblem(_ badge: String, in catalog: Catalog) -> String? {
        guard catalog.badgeClasses[badge] == nil else { return nil }
        return "unknown badge class \"\(badge)\"" + ClosestIDs.hint(for: badge, among: catalog.badgeClasses.keys)
    }

    private static func requirementProblem(_ requirement: String, in pathway: String, catalog: Catalog) -> String? {
        guard RequirementAddress.locate(requirement, in: pathway, catalog: catalog) == nil else { return nil }
        let hint = ClosestIDs.hint(for: requirement, among: RequirementAddress.ids(in: pathway, catalog: catalog))
        if RequirementAddress.positions(requirement) != nil {
            return "pathway \(pathway) has no requirement with id or position \"\(requirement)\" (positions count parts "
                + "from 1: \"2.1\" is the first part of the root's second part)" + hint
        }
        return "pathway \(pathway) has no requirement \"\(requirement)\"" + hint
    }
}
