import CairnCore
import CairnFormats
import Foundation

extension Workspace {
    /// Reads the Open Badges files a learner record lists (`{credential: path}`, relative to the
    /// record) and returns the record with them as earned badges.
    ///
    /// Each credential's achievement is matched to a catalogue badge class whose `id` or
    /// `achievementIds` equals the achievement id; an achievement no catalogue defines becomes a
    /// class of its own (in ``LearnerRecord/heldClasses``), its credits in the unit the issuer's
    /// catalogue declares (`creditUnit`), else ``CreditUnit/unspecified``. A revoked credential is
    /// kept as a revoked badge (audits say why it does not count); dates come from the credential.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` for a file that is not a well-formed
    ///   credential, whose proof does not match (tampered), or that is not a badge (an
    ///   endorsement); ``WorkspaceError/fileNotFound(_:)`` for a missing file.
    public func resolvingCredentials(of record: LearnerRecord, relativeTo folder: URL,
                                     verifier: CredentialVerifier = CredentialVerifier()) throws(WorkspaceError) -> LearnerRecord {
        try Workspace.resolvingCredentials(of: record, relativeTo: folder, catalog: catalog, verifier: verifier)
    }

    static func resolvingCredentials(of record: LearnerRecord, relativeTo folder: URL, catalog: Catalog,
                                     verifier: CredentialVerifier) throws(WorkspaceError) -> LearnerRecord {
        guard !record.credentialFiles.isEmpty else { return record }
        var resolved = record
        resolved.credentialFiles = []
        var problems: [ValidationIssue] = []
        var held: [String: BadgeClass] = Dictionary(record.heldClasses.map { ($0.id, $0) }) { first, _ in first }
        for reference in record.credentialFiles {
            let url = URL(fileURLWithPath: reference.path, relativeTo: folder).standardizedFileURL
            let (file, verification) = verifier.verify(fileAt: url, asOf: nil)
            guard let file else {
                if verification.reason == "no such file" { throw .fileNotFound(DisplayPath.of(url)) }
                problems.append(ValidationIssue("credential \(DisplayPath.of(url)): \(verification.reason)", at: reference.source))
                continue
            }
            if verification.status == .tampered || verification.status == .invalid {
                problems.append(ValidationIssue("credential \(file.file) is \(verification.status.rawValue): \(verification.reason)",
                                                at: reference.source))
                continue
            }
            // Each badge with the outcome the verifier already found for it (a CLR: per nested credential).
            let credentials: [(credential: OpenBadgesCredential, outcome: CredentialVerification)] =
                file.credential.format == .clr2Credential
                    ? zip(file.credential.nested, verification.nested).compactMap { nested, outcome in
                        nested.credential.map { ($0, outcome) }
                    }
                    : [(file.credential, verification)]
            for (credential, outcome) in credentials {
                guard let achievement = credential.achievement, !achievement.id.isEmpty else {
                    problems.append(ValidationIssue("credential \(file.file) (\(credential.format.rawValue)) names no achievement, so it is no badge",
                                                    at: reference.source))
                    continue
                }
                let revoked = verification.status == .revoked || outcome.status == .revoked
                if let known = catalog.badgeClass(forAchievement: achievement.id) {
                    resolved.badges.append(credential.earnedBadge(classID: known.id, revoked: revoked, source: reference.source))
                } else {
                    let unit = catalog.badgeCatalogs.first { $0.issuer.id == credential.issuer.id }?.creditUnit
                    if let badgeClass = credential.badgeClass(creditUnit: unit), held[badgeClass.id] == nil {
                        held[badgeClass.id] = badgeClass
                    }
                    resolved.badges.append(credential.earnedBadge(classID: achievement.id, revoked: revoked, source: reference.source))
                }
            }
        }
        guard problems.isEmpty else { throw .invalidInput(problems) }
        resolved.heldClasses = held.values.sorted { $0.id < $1.id }
        return resolved
    }

    /// The catalog to audit `record` against: this workspace's, plus the classes that only the
    /// learner's own credentials describe.
    public func catalog(for record: LearnerRecord) -> Catalog {
        guard !record.heldClasses.isEmpty else { return catalog }
        let byIssuer = Dictionary(grouping: record.heldClasses, by: \.issuer)
        let held = byIssuer.keys.sorted { $0.id < $1.id }.map { issuer in
            BadgeCatalog(issuer: issuer, badges: byIssuer[issuer] ?? [])
        }
        return Catalog(badgeCatalogs: catalog.badgeCatalogs + held, pathways: Array(catalog.pathways.values),
                       frameworks: Array(catalog.frameworks.values))
    }
}

extension Catalog {
    /// The catalogue class an Open Badges achievement id stands for: the class with that id, or
    /// the one listing it in `achievementIds`.
    public func badgeClass(forAchievement id: String) -> BadgeClass? {
        badgeClasses[id] ?? badgeClasses.values.sorted { $0.id < $1.id }.first { $0.achievementIDs.contains(id) }
    }
}
