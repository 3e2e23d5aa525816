public import CairnCore
public import CairnSyntax
import Yams

extension LearnerRecord {
    /// The keys a learner record may have at its top level.
    static let definitionKeys = ["learner", "email", "did", "badges"]
    /// The most entries (earned badges and credential files) one learner record may list: far
    /// above any learner's, and it bounds what one record can cost every audit it enters.
    public static let maximumEarnings = 10_000
    /// The keys an earned-badge entry may have.
    static let earnedBadgeKeys = ["badge", "issued", "expires", "revoked", "result", "evidence"]

    /// Reads a learner record (see the README's file formats) from YAML or JSON text.
    ///
    /// ```yaml
    /// learner: alice                                  # required
    /// email: alice@example.org                        # optional: how issued credentials name her
    /// did: did:example:alice                          # optional: likewise, preferred to email
    /// badges:
    ///   - { badge: sql-querying, issued: 2025-03-01 } # badge and issued are required
    ///   - { badge: dataviz-python, issued: 2025-06-10, expires: 2027-06-10, result: exceeds }
    ///   - { badge: data-cleaning, issued: 2024-01-15, revoked: true, evidence: [https://example.org/x] }
    /// ```
    ///
    /// Dates are `YYYY-MM-DD`, read from the text as written. A `result` written as a number
    /// is a numeric result; anything else is a label on the catalogue's scale. Entries of the
    /// form `{credential: path}` name Open Badges files (JSON, VC-JWT, baked PNG or SVG) relative
    /// to the record; they are collected in ``LearnerRecord/credentialFiles`` for the workspace
    /// to read and check.
    ///
    /// - Parameters:
    ///   - definition: The file's text.
    ///   - file: The path used in ``FormatError`` locations and in the `source` of each value.
    /// - Throws: ``FormatErrors`` listing every problem found, each with its line and column.
    public init(definition: String, file: String) throws(FormatErrors) {
        self = try DefinitionReader.read(definition, file: file,
                                         expected: "a learner record (a mapping with learner and badges)") {
            $0.learnerRecord($1)
        }
    }
}

extension DefinitionReader {
    func learnerRecord(_ root: Node) -> LearnerRecord? {
        guard let fields = fields(root, "the learner record", allowed: LearnerRecord.definitionKeys,
                                  required: ["learner"]) else { return nil }
        let learner = fields["learner"].flatMap(string)
        let email = fields["email"].flatMap(string)
        let did = fields["did"].flatMap(string)
        if let did, !did.hasPrefix("did:") || did.count < 7 {
            fail("\"did\" must be a decentralised identifier (did:METHOD:ID), not \"\(did)\"", at: fields["did"] ?? root)
        }
        if let email, !email.contains("@") || email.contains(where: \.isWhitespace) {
            fail("\"email\" must be an e-mail address, not \"\(email)\"", at: fields["email"] ?? root)
        }
        var badges: [EarnedBadge] = []
        var credentials: [CredentialFileReference] = []
        if let node = fields["badges"], let entries = list(node) {
            guard entries.count <= LearnerRecord.maximumEarnings else {
                fail("the record lists \(entries.count.groupedDigits) earnings; a learner record may list at most "
                     + "\(LearnerRecord.maximumEarnings.groupedDigits)", at: node)
                return nil
            }
            for entry in entries {
                if case .mapping(let mapping) = entry, mapping["credential"] != nil {
                    credentials += credentialFile(entry).map { [$0] } ?? []
                } else if let badge = earnedBadge(entry) {
                    badges.append(badge)
                }
            }
        }
        guard let learner else { return nil }
        var record = LearnerRecord(learner: learner, badges: badges, credentialFiles: credentials, source: fields.location)
        record.email = email
        record.did = did
        return record
    }

    private func credentialFile(_ node: Node) -> CredentialFileReference? {
        guard var fields = fields(node, "a credential entry", allowed: ["credential"], required: ["credential"])
        else { return nil }
        let path = fields.read("credential", string)
        guard fields.isValid, let path else { return nil }
        return CredentialFileReference(path: path, source: fields.location)
    }

    private func earnedBadge(_ node: Node) -> EarnedBadge? {
        guard var fields = fields(node, "an earned badge", allowed: LearnerRecord.earnedBadgeKeys,
                                  required: ["badge", "issued"]) else { return nil }
        let badge = fields.read("badge", string)
        let issued = fields.read("issued", date)
        let expires = fields.read("expires", date)
        let revoked = fields.read("revoked", bool)
        let evidence = fields.read("evidence", strings)
        let result = fields.read("result", badgeResult)
        guard fields.isValid, let badge, let issued else { return nil }
        if let expires, expires <= issued {
            fail("\"expires\" (\(expires)) must be after \"issued\" (\(issued))", at: fields["expires"] ?? node)
            return nil
        }
        return EarnedBadge(badgeClassID: badge, issued: issued, expires: expires, revoked: revoked ?? false,
                           result: result, evidence: evidence ?? [], source: fields.location)
    }
}
