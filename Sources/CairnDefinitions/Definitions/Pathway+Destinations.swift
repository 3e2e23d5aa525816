public import CairnCore
public import CairnSyntax
import Yams

extension DefinitionReader {
    /// A pathway has exactly one of `requires` (one destination) and `destinations` (several):
    /// with both, which one "complete" means would be a guess, so it is refused.
    func checkRequiresOrDestinations(_ fields: DefinitionFields) {
        switch (fields["requires"], fields["destinations"]) {
        case (let requires?, _?):
            fail("the pathway gives both `requires` and `destinations`: give `requires` for a pathway with one "
                 + "destination, or `destinations` (each with its own `requires`) for several", at: requires)
        case (nil, nil):
            // A misspelt `requires` was reported already, with the key it stands for.
            if !problems.contains(where: { $0.message.contains("did you mean \"requires\"") }) {
                fail("missing required key \"requires\" in the pathway", at: fields.location)
            }
        default:
            break
        }
    }

    /// `destinations: [{id, title, awards?, requires}]`, at least one, ids unique.
    func destinations(_ node: Node) -> [PathwayDestination]? {
        guard let elements = list(node) else { return nil }
        guard !elements.isEmpty else {
            expected("at least one destination ({id, title, awards, requires})", found: node)
            return nil
        }
        var destinations: [PathwayDestination] = []
        var seen: Set<String> = []
        var ok = true
        for element in elements {
            guard var fields = fields(element, "a destination", allowed: ["id", "title", "awards", "requires"],
                                      required: ["id", "title", "requires"]) else { ok = false; continue }
            let id = fields.read("id", string)
            let title = fields.read("title", string)
            let awards = fields.read("awards", string)
            let requires = fields.read("requires", requirement)
            guard fields.isValid, let id, let title, let requires else { ok = false; continue }
            if !seen.insert(id).inserted {
                fail("a second destination has the id \(quoted(id)); each destination needs its own id", at: fields["id"] ?? element)
                ok = false
                continue
            }
            destinations.append(PathwayDestination(id: id, title: title, awards: awards, requires: requires,
                                                   source: fields.location))
        }
        return ok ? destinations : nil
    }

    /// `milestones: [{requirement, awards, title?}]`.
    func milestones(_ node: Node) -> [PathwayMilestone]? {
        guard let elements = list(node) else { return nil }
        var milestones: [PathwayMilestone] = []
        var ok = true
        for element in elements {
            guard var fields = fields(element, "a milestone", allowed: ["requirement", "awards", "title"],
                                      required: ["requirement", "awards"]) else { ok = false; continue }
            let requirement = fields.read("requirement", string)
            let awards = fields.read("awards", string)
            let title = fields.read("title", string)
            guard fields.isValid, let requirement, let awards else { ok = false; continue }
            milestones.append(PathwayMilestone(requirement: requirement, awards: awards, title: title,
                                               source: fields.location))
        }
        return ok ? milestones : nil
    }
}

extension DefinitionReader {
    /// Every milestone names a requirement id some node of the pathway (any destination) has;
    /// one that does not is reported at its `requirement`, with the closest id.
    func checkMilestones(_ milestones: [PathwayMilestone], in requires: Requirement) {
        var ids: [String] = []
        requires.forEachNode { node in if let id = node.id { ids.append(id) } }
        for milestone in milestones where !ids.contains(milestone.requirement) {
            let place = milestone.source ?? SourceLocation(file: file)
            fail("milestone \(quoted(milestone.awards)) names the requirement \(quoted(milestone.requirement)), which no "
                 + "requirement of the pathway has as its `id`" + ClosestIDs.hint(for: milestone.requirement, among: ids),
                 at: place)
        }
    }
}

extension PathwayMilestone {
    /// Reads a document holding only `milestones: [{requirement, awards, title?}]` — the form the
    /// CTDL writer keeps them in (`cairn:milestones`), since CTDL has no term for a milestone.
    public static func list(definition: String, file: String) throws(FormatErrors) -> [PathwayMilestone] {
        try DefinitionReader.read(definition, file: file, expected: "a mapping with `milestones`") { reader, root in
            guard var fields = reader.fields(root, "the milestones", allowed: ["milestones"], required: ["milestones"]) else {
                return nil
            }
            return fields.read("milestones", reader.milestones)
        }
    }
}
