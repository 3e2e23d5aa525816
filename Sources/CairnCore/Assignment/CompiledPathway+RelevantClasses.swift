extension CompiledPathway {
    /// Every badge class whose earnings can change an audit of this pathway: the classes its
    /// requirements accept, those an `earnedAfter` names, and the refreshers that renew either.
    /// A record cut down to these classes' earnings audits exactly as the whole record does, so a
    /// cohort reader may skip every other earning (badge classes only a learner's own credentials
    /// describe are not in the catalogue, and not covered: such records must be read whole).
    public var relevantClassIDs: Set<String> {
        var relevant = predecessorClasses
        for (id, position) in classIndex where !leavesByClass[position].isEmpty { relevant.insert(id) }
        for id in relevant {
            guard let position = classIndex[id], let rule = classes[position]?.validity?.renewal else { continue }
            relevant.formUnion(rule.refreshers)
        }
        return relevant
    }
}
