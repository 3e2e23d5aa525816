extension CatalogValidator {
    /// Files defining the same pathway id: allowed only as versions, each with its own `version`
    /// and an `effective` period that overlaps no other version's. Every problem names both places.
    func pathwayVersionProblems() -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for id in catalog.versionedPathwayIDs {
            let versions = catalog.pathwayVersions(id)
            for (index, later) in versions.enumerated() {
                for earlier in versions[..<index] {
                    if let problem = Self.conflict(earlier, later) {
                        issues.append(ValidationIssue(problem, at: later.source))
                    }
                }
            }
        }
        return issues
    }

    /// Why two definitions of one id cannot stand side by side as versions, if they cannot.
    static func conflict(_ first: Pathway, _ second: Pathway) -> String? {
        let id = first.id
        let place = first.source.map { " (first defined at \($0))" } ?? ""
        let otherPlace = first.source.map { " (defined at \($0))" } ?? ""
        guard let version = second.version, let otherVersion = first.version,
              let period = second.effective, let otherPeriod = first.effective else {
            return "duplicate pathway id \"\(id)\"\(place); versions of one pathway each need "
                + "\"version\" and \"effective\""
        }
        if version == otherVersion {
            return "pathway \"\(id)\" version \"\(version)\" is defined twice\(place)"
        }
        if period.overlaps(otherPeriod) {
            return "pathway \"\(id)\" version \"\(version)\" is in effect \(period.text), overlapping version "
                + "\"\(otherVersion)\" (\(otherPeriod.text))\(otherPlace)"
        }
        return nil
    }
}

extension EffectivePeriod {
    /// Whether some day is in both periods.
    func overlaps(_ other: EffectivePeriod) -> Bool {
        let starts = [from, other.from].compactMap(\.self).max()
        let ends = [until, other.until].compactMap(\.self).min()
        guard let starts, let ends else { return true }
        return starts < ends
    }

    /// `from 2025-01-01 until 2026-01-01`, an open end left out.
    var text: String {
        [from.map { "from \($0)" }, until.map { "until \($0)" }].compactMap(\.self).joined(separator: " ")
    }
}
