import CairnCore
public import CairnCredentials
import CairnDefinitions
public import Foundation

/// An issuer's existing Open Badges achievements as a Cairn badge catalogue (`cairn badges import`).
///
/// Each achievement (an OB 3.0 `Achievement`, an OB 2.0 `BadgeClass`, or the one a credential
/// embeds) becomes a badge class: an id made from its name, its Open Badges id in
/// `achievementIds` (so learners' credentials for it are earnings of the class), its name,
/// description, criteria narrative, type, tags, image, `creditsAvailable` in the unit given,
/// and its alignments — ESCO skill URIs and SFIA codes recognised from `targetUrl`,
/// `targetCode` and `targetFramework`; an alignment to another framework is kept only when the
/// workspace has that framework.
///
/// Everything the catalogue cannot hold, and every choice made, is in ``notes``; the issuer's
/// keys are never copied from the files (a catalogue's keys are the ones the registrar trusts).
public struct BadgeCatalogImport: Sendable {
    public var catalog: BadgeCatalog
    /// One sentence per choice made or thing not carried, to show the user.
    public var notes: [String]

    /// The achievements of `documents` as one issuer's catalogue.
    ///
    /// - Parameters:
    ///   - creditUnit: the unit of the achievements' `creditsAvailable` (Open Badges 3.0 credits
    ///     have none); written as the catalogue's `creditUnit`.
    ///   - issuer: the issuer whose achievements to take, when the files name several (a CLR
    ///     transcript lists many issuers'); the others are left out with a note.
    ///   - known: the workspace's catalogue: an achievement already a class there is left out
    ///     (with a note), and new ids avoid its class ids.
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` when the files hold achievements of more than
    ///   one issuer and none is chosen (a catalogue is one issuer's), an issuer they do not name,
    ///   or nothing new.
    public static func make(from documents: [AchievementDocument], creditUnit: CreditUnit?, issuer chosen: String? = nil,
                            known: Catalog? = nil) throws(WorkspaceError) -> BadgeCatalogImport {
        var entries = documents.flatMap(\.entries)
        var notes = documents.flatMap(\.notes)
        let issuers = Dictionary(grouping: entries, by: \.issuer.id)
        if let chosen {
            guard issuers[chosen] != nil else {
                throw .invalidInput([ValidationIssue("--issuer \(chosen) names none of the issuers in these files"
                                                     + ClosestIDs.hint(for: chosen, among: issuers.keys), at: nil)])
            }
            let others = entries.filter { $0.issuer.id != chosen }
            if !others.isEmpty {
                notes.append("\(others.count) achievement\(others.count == 1 ? "" : "s") of other issuers left out: "
                             + others.map(\.achievement.name).joined(separator: ", "))
            }
            entries = entries.filter { $0.issuer.id == chosen }
        }
        let chosenIssuers = Dictionary(grouping: entries, by: \.issuer.id)
        guard chosenIssuers.count == 1, let (issuerID, issued) = chosenIssuers.first else {
            let listed = issuers.keys.sorted().map { id in
                let files = Set(issuers[id, default: []].map(\.source.file)).sorted().joined(separator: ", ")
                return "\(id.isEmpty ? "(no issuer)" : id) in \(files)"
            }
            throw .invalidInput([ValidationIssue("a badge catalogue is one issuer's, and these files name "
                                                 + "\(issuers.count): \(listed.joined(separator: "; ")); choose one with --issuer",
                                                 at: nil)])
        }
        let issuerName = issued.lazy.compactMap(\.issuer.name).first ?? issuerID
        if issuerName == issuerID { notes.append("the issuer \(issuerID) has no name in these files; its id stands for it") }
        let issuer = Issuer(id: issuerID, name: issuerName)

        var ids = DefinitionID(taken: known?.badgeClasses.keys.map { $0 } ?? [])
        var badges: [BadgeClass] = []
        var scales: [[String]] = []
        var seen = Set<String>()
        for entry in entries {
            let achievement = entry.achievement
            guard seen.insert(achievement.id).inserted else { continue }
            if let existing = known?.badgeClass(forAchievement: achievement.id) {
                notes.append("\(achievement.id) (\(achievement.name)) is already the workspace's class \(existing.id); left out")
                continue
            }
            let id = ids.fresh(achievement.name, fallback: "badge")
            var badge = achievement.badgeClass(id: id, issuer: issuer, creditUnit: creditUnit)
            badge.achievementIDs = [achievement.id]
            if badge.criteria == nil, let url = achievement.criteriaURL { badge.criteria = url }
            if achievement.creditsAvailable != nil, creditUnit == nil {
                notes.append("\(id): its credits have no unit in Open Badges; written as \"unspecified\" (give --credit-unit, e.g. ECTS)")
            }
            for alignment in achievement.alignments where alignment.skillReference == nil {
                notes.append("\(id): the alignment \(alignment.targetName.map { "\"\($0)\"" } ?? "") names no framework, code or URL; left out")
            }
            // A catalogue may align only to frameworks the workspace can resolve (validate checks).
            let frameworks = Set(["esco", "sfia"] + (known?.frameworks.keys.map { $0.lowercased() } ?? []))
            for reference in badge.alignments where !frameworks.contains(reference.framework.lowercased()) {
                notes.append("\(id): the alignment to \(reference.framework) \(reference.code) is left out: the workspace has no "
                             + "framework \"\(reference.framework)\" (import it, then add the alignment)")
            }
            badge.alignments.removeAll { !frameworks.contains($0.framework.lowercased()) }
            if !badge.resultScale.isEmpty { scales.append(badge.resultScale) }
            badges.append(badge)
        }
        guard !badges.isEmpty else {
            throw .invalidInput([ValidationIssue("every achievement in these files is already in the workspace's catalogues: nothing to import",
                                                 at: nil)])
        }
        // A catalogue has one result scale for all its classes.
        let results = scales.first ?? []
        if scales.contains(where: { $0 != results }) {
            notes.append("the achievements describe different result scales; the catalogue keeps the first, \(results.joined(separator: ", "))")
        }
        for index in badges.indices { badges[index].resultScale = results }
        notes.append("no issuer keys are written: list under issuer.keys the keys you trust to sign \(issuerName)'s credentials")
        let catalog = BadgeCatalog(issuer: issuer, results: results, badges: badges, creditUnit: creditUnit)
        return BadgeCatalogImport(catalog: catalog, notes: notes)
    }

    /// The catalogue file's text, headed by where it came from.
    public func yaml(from files: [String]) -> String {
        BadgeCatalogYAML.text(catalog, header: "Badge catalogue made by `cairn badges import` from "
                                  + files.joined(separator: ", ") + ".\nReview it, then add the issuer's trusted keys.")
    }
}
