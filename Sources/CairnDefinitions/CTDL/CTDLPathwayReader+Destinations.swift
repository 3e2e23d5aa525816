import CairnCore
import CairnSyntax

extension CTDLReading {
    /// A pathway whose `ceterms:hasDestinationComponent` names several components: each is a
    /// destination, read as a single destination's root is.
    mutating func severalDestinations(_ references: [JSONNode], of pathway: JSONNode, title: String?, iri: String?,
                                      ctid: String?) -> PathwayImport? {
        var destinations: [PathwayDestination] = []
        var seen: Set<String> = []
        for reference in references {
            guard let component = resolve(reference) else { return nil }
            var awards: String?
            if component.types.contains(where: { Self.isType($0, "CredentialComponent") }) {
                awards = leafBadge(component, withCredits: false)
            } else if useExtensions {
                awards = component["cairn:awards"]?.string
            }
            guard let requires = requirement(component, asRoot: true) else { return nil }
            let name = component["ceterms:name"]?.text
            var id = (useExtensions ? component["cairn:destination"]?.string : nil)
                ?? DefinitionID.slug(name ?? awards ?? "destination")
            if id.isEmpty { id = "destination" }
            if !seen.insert(id).inserted {
                fail("two destination components have the id \"\(id)\"; each destination needs its own", at: component)
                return nil
            }
            destinations.append(PathwayDestination(id: id, title: name ?? id, awards: awards, requires: requires,
                                                   source: component.location(in: file)))
        }
        let value = Pathway(id: DefinitionID.slug(title ?? ctid ?? "imported-pathway"), title: title ?? "Imported pathway",
                            externalIDs: [iri, ctid].compactMap { $0 }.filter { !$0.hasPrefix("urn:cairn:pathway:") },
                            destinations: destinations, requires: Pathway.requirement(reachingOneOf: destinations),
                            source: pathway.location(in: file))
        return finishing(value, from: pathway)
    }

    /// The milestones the writer kept in `cairn:milestones`, each naming a requirement id of the pathway.
    mutating func applyMilestones(_ node: JSONNode, to pathway: inout Pathway) {
        guard let text = node.string else {
            fail("cairn:milestones must be a string holding Cairn's `milestones:` list", at: node)
            return
        }
        do {
            pathway.milestones = try PathwayMilestone.list(definition: text, file: file)
        } catch {
            fail("cairn:milestones does not hold Cairn's `milestones:` list: " + (error.problems.first?.message ?? "unreadable"), at: node)
            return
        }
        for milestone in pathway.milestones where pathway.requirement(withID: milestone.requirement) == nil {
            fail("cairn:milestones names the requirement \"\(milestone.requirement)\", which no component of the pathway has "
                 + "as its id", at: node)
        }
    }
}
