import CairnCore
import CairnCredentials
import CairnFrameworks
import CairnRDF
import CairnReports
import CairnSyntax
public import Foundation

extension Workspace {
    /// Reads the Open Badges files a learner record lists (`{credential: path}`, relative to the
    /// record) and returns the record with them as earned badges. A Europass (ELM 3) credential
    /// gives one badge per learning achievement, matched by its specification's id, each proven
    /// (or not) by the credential's seal.
    ///
    /// Each credential's achievement is matched to a catalogue badge class whose `id` or
    /// `achievementIds` equals the achievement id; an achievement no catalogue defines becomes a
    /// class of its own (in ``LearnerRecord/heldClasses``), its credits in the unit the issuer's
    /// catalogue declares (`creditUnit`), else ``CreditUnit/unspecified``. A revoked credential is
    /// kept as a revoked badge (audits say why it does not count); dates come from the credential.
    ///
    /// **Only proven credentials count.** A credential counts when its proof is verified with a
    /// key Cairn trusts for its issuer — one its issuer's catalogue lists, one given in `--keys`
    /// that is bound to the issuer (``CredentialVerifier/trustedKeys``), or the `did:key` that is
    /// the credential's own issuer — and its revocation status, when it has one, could be
    /// checked. Any other — no proof, an algorithm Cairn does not check (`none`, HMAC), a key it
    /// does not have, a key the credential carries itself (`signed-by-embedded-key`) — is kept
    /// as an ``EarnedBadge/unproven`` earning that every report explains and none counts. With
    /// ``CredentialVerifier/acceptsUnverified`` an `unverified` one counts, and the record's
    /// ``LearnerRecord/notes`` name it.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` for a file that is not a well-formed
    ///   credential, whose proof does not match (tampered), or that is not a badge (an
    ///   endorsement); ``WorkspaceError/fileNotFound(_:)`` for a missing file.
    public func resolvingCredentials(of record: LearnerRecord, relativeTo folder: URL,
                                     verifier: CredentialVerifier = CredentialVerifier()) throws(WorkspaceError) -> LearnerRecord {
        guard !record.credentialFiles.isEmpty else { return record }
        return try Workspace.resolvingCredentials(of: record, relativeTo: folder, catalog: catalog,
                                                  verifier: trustingIssuerKeys(verifier))
    }

    /// `verifier` must already trust the catalogue's issuer keys (``trusting(_:_:problems:)``),
    /// read once for all the records it checks.
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
            if file.credential.format == .europeanDigitalCredential, file.credential.nested.isEmpty {
                let claims = file.credential.europass?.otherClaims ?? []
                problems.append(ValidationIssue("credential \(file.file) (Europass) claims no LearningAchievement"
                                                + (claims.isEmpty ? "" : " (only \(claims.joined(separator: ", ")))")
                                                + ", so it holds no badge", at: reference.source))
                continue
            }
            let credentials: [(credential: OpenBadgesCredential, outcome: CredentialVerification)] =
                [.clr2Credential, .europeanDigitalCredential].contains(file.credential.format)
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
                let classID: String
                if let known = catalog.badgeClass(forAchievement: achievement.id) {
                    classID = known.id
                } else {
                    let unit = catalog.badgeCatalogs.first { $0.issuer.id == credential.issuer.id }?.creditUnit
                    if let badgeClass = credential.badgeClass(creditUnit: unit), held[badgeClass.id] == nil {
                        held[badgeClass.id] = badgeClass
                    }
                    classID = achievement.id
                }
                var earned = credential.earnedBadge(classID: classID, revoked: revoked, source: reference.source)
                if !revoked {
                    // A nested credential is decided by the transcript's outcome once its own proof holds.
                    let deciding = outcome.status == .verified ? verification : outcome
                    earned.unproven = unproven(deciding, accepting: verifier.acceptsUnverified)
                    if earned.unproven == nil, deciding.status != .verified || deciding.revocationUnchecked != nil {
                        resolved.notes.append("\(classID) from \(outcome.file) counts although "
                                              + (deciding.status == .verified ? "its revocation status is not checked"
                                                                              : "its proof is not verified")
                                              + " (--accept unverified): \(deciding.reason)")
                    }
                }
                resolved.badges.append(earned)
            }
        }
        guard problems.isEmpty else { throw .invalidInput(problems) }
        resolved.heldClasses = held.values.sorted { $0.id < $1.id }
        return resolved
    }

    /// `verifier` trusting, besides the keys it was given, the keys this workspace's badge
    /// catalogues list for their issuers (`issuer: {keys: …}`) — what `cairn verify` and
    /// `badges inspect` check a file with, so they agree with the audits.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` when a listed key file cannot be read.
    public func trustingIssuerKeys(_ verifier: CredentialVerifier) throws(WorkspaceError) -> CredentialVerifier {
        var problems: [ValidationIssue] = []
        let trusting = Workspace.trusting(catalog, verifier, problems: &problems)
        guard problems.isEmpty else { throw .invalidInput(problems) }
        return trusting
    }

    /// `verifier` trusting the issuer keys of the badge catalogues under `root/Pathways`, read
    /// without loading the rest of the workspace or checking its learners' credentials — for
    /// checking single files (`cairn verify`, `badges inspect`). Files that are not catalogues,
    /// or do not read, are passed over: they have no keys to offer.
    ///
    /// - Throws: ``WorkspaceError/invalidInput(_:)`` when a listed key file cannot be read.
    public static func trustingIssuerKeys(at root: URL, _ verifier: CredentialVerifier) throws(WorkspaceError) -> CredentialVerifier {
        var catalogues: [BadgeCatalog] = []
        for url in DefinitionFiles.files(under: root.appendingPathComponent("Pathways"))
            where !DefinitionFiles.isFrameworkFile(url) {
            if case .badgeCatalog(let catalogue)? = try? DefinitionFiles.read(url) { catalogues.append(catalogue) }
        }
        var problems: [ValidationIssue] = []
        let trusting = trusting(Catalog(badgeCatalogs: catalogues, pathways: []), verifier, problems: &problems)
        guard problems.isEmpty else { throw .invalidInput(problems) }
        return trusting
    }

    /// `verifier` with the keys the catalogue's issuers list (`issuer: {keys: …}`) trusted for
    /// them, their key files read relative to the catalogue that names them.
    static func trusting(_ catalog: Catalog, _ verifier: CredentialVerifier,
                         problems: inout [ValidationIssue]) -> CredentialVerifier {
        var trusting = verifier
        var material: [KeyRing.Entry] = []
        for badgeCatalog in catalog.badgeCatalogs where !badgeCatalog.trustedKeys.isEmpty {
            trusting.trustedKeys[badgeCatalog.issuer.id, default: []] += badgeCatalog.trustedKeys
            let folder = URL(fileURLWithPath: badgeCatalog.source?.file ?? ".").deletingLastPathComponent()
            for key in badgeCatalog.trustedKeys {
                guard let file = key.file else { continue }
                let url = URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL
                let shown = DisplayPath.of(url)
                do throws(FormatError) {
                    let data = try BoundedFile.bytes(at: url.path, display: shown, limit: KeyFile.maximumBytes,
                                                     subject: "key files")
                    let found = try KeyFile.keys(in: data, file: shown)
                    guard let first = found.first else {
                        throw FormatError(location: SourceLocation(file: shown), message: "holds no key")
                    }
                    material.append(KeyRing.Entry(key: first.key, ids: [key.id] + first.ids, file: shown, form: first.form))
                } catch {
                    problems.append(ValidationIssue("trusted key \(key.id) of \(badgeCatalog.issuer.id): \(error.description)",
                                                    at: badgeCatalog.source))
                }
            }
        }
        trusting.trustedKeyMaterial = KeyRing(entries: material)
        return trusting
    }

    /// Why a credential with this outcome does not count, or `nil` when it does.
    static func unproven(_ outcome: CredentialVerification, accepting acceptsUnverified: Bool) -> String? {
        switch outcome.status {
        case .verified:
            guard let unchecked = outcome.revocationUnchecked, !acceptsUnverified else { return nil }
            return "its revocation status cannot be checked (\(unchecked)); give the list with --status-lists "
                + "(--accept unverified counts it anyway)"
        case .unverified: return acceptsUnverified ? nil : outcome.reason + " (--accept unverified counts it anyway)"
        default: return "\(outcome.status.rawValue): \(outcome.reason)"
        }
    }

    /// The catalog to audit `record` against: this workspace's, plus the classes that only the
    /// learner's own credentials describe.
    public func catalog(for record: LearnerRecord) -> Catalog {
        guard !record.heldClasses.isEmpty else { return catalog }
        let byIssuer = Dictionary(grouping: record.heldClasses, by: \.issuer)
        let held = byIssuer.keys.sorted { $0.id < $1.id }.map { issuer in
            BadgeCatalog(issuer: issuer, badges: byIssuer[issuer] ?? [])
        }
        return Catalog(badgeCatalogs: catalog.badgeCatalogs + held, pathways: catalog.allPathwayVersions,
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
