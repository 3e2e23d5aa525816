import CairnCore
import CairnSyntax

extension WriterState {
    /// For a pathway with several destinations, the root written so far is the `any` over
    /// them: it is taken out, and the component of each destination's tree becomes a destination
    /// component of its own. Returns their ids, in the destinations' order.
    mutating func splitDestinations() -> [String] {
        guard let root = components.first,
              let condition = root.members.first(where: { $0.0 == "ceterms:hasCondition" }),
              case .array(let conditions) = condition.1, case .object(let first)? = conditions.first,
              case .array(let targets)? = first.first(where: { $0.0 == "ceterms:targetComponent" })?.1 else { return [] }
        components.removeFirst()
        let ids = targets.compactMap { target -> String? in
            if case .string(let id) = target { return id }
            return nil
        }
        for (destination, id) in zip(pathway.destinations, ids) {
            guard let index = components.firstIndex(where: { $0.id == id }) else { continue }
            var members = components[index].members
            let isGroup = !destination.requires.children.isEmpty
            if let awards = destination.awards, isGroup {
                // The destination is the credential it awards; its conditions stay as they are.
                let credential = credentialMembers(awards).filter { $0.0 != "ceterms:creditValue" }
                members.removeAll { member in credential.contains { $0.0 == member.0 } || member.0 == "@type" }
                members = credential + members
            } else if destination.awards != nil {
                notes.append("destination \(destination.id) is a single badge, so the badge it awards (\(destination.awards ?? "")) "
                             + "is kept only as a Cairn extension (cairn:awards); a registry may drop it")
                members.append(("cairn:awards", .string(destination.awards ?? "")))
            }
            members.removeAll { $0.0 == "ceterms:name" }
            members.insert(("ceterms:name", language(destination.title)), at: 1)
            members.append(("ceterms:isDestinationComponentOf", .array([.string(pathwayID)])))
            members.append(("cairn:destination", .string(destination.id)))
            components[index].members = members
        }
        return ids
    }

    /// The milestones, which CTDL has no term for, as Cairn YAML (`milestones:` and its list).
    mutating func milestonesExtension() -> String? {
        guard !pathway.milestones.isEmpty else { return nil }
        notes.append("CTDL has no term for a milestone (a requirement that awards a badge on the way); the pathway's "
                     + "\(pathway.milestones.count) milestone\(pathway.milestones.count == 1 ? " is" : "s are") kept as a Cairn "
                     + "extension (cairn:milestones); a registry may drop it")
        var milestonesOnly = Pathway(id: "-", title: "-", requires: Requirement(.badge("-")))
        milestonesOnly.milestones = pathway.milestones
        let lines = PathwayYAML.text(milestonesOnly).split(separator: "\n").drop { !$0.hasPrefix("milestones:") }
        return lines.joined(separator: "\n") + "\n"
    }
}
