public import CairnCore
public import CairnSyntax
import Yams

extension LearnerRecord {
    /// The keys a learner record may have at its top level.
    static let definitionKeys = ["learner", "email", "did", "catalogueYear", "enrolled", "badges"]
    /// The most entries (earned badges and credential files) one learner record may list: far
    /// above any learner's, and it bounds what one record can cost every audit it enters.
    public static let maximumEarnings = 10_000
    /// The keys an earned-badge entry may have.
    static let earnedBadgeKeys = ["badge", "issued", "expires", "revoked", "result", "evidence", "status", "expected"]
    /// The earliest and latest catalogue year a record may give: a typo such as `225` is an error,
    /// not a year no version is published in.
    static let catalogueYears = 1900...2999

    /// Reads a learner record (see the README's file formats) from YAML or JSON text.
    ///
    /// ```yaml
    /// learner: alice                                  # required
    /// email: alice@example.org                        # optional: how issued credentials name her
    /// did: did:example:alice                          # optional: likewise, preferred to email
    /// catalogueYear: 2025                             # optional: picks each pathway's version
    /// enrolled: 2025-09-01                            # optional: picks the version in effect that day
    /// badges:
    ///   - { badge: sql-querying, issued: 2025-03-01 } # badge and issued are required
    ///   - { badge: dataviz-python, issued: 2025-06-10, expires: 2027-06-10, result: exceeds }
    ///   - { badge: data-cleaning, issued: 2024-01-15, revoked: true, evidence: [https://example.org/x] }
    ///   - { badge: ml-basics, status: in-progress, expected: 2027-01-15 } # pending: never counts now
    /// ```
    ///
    /// A pending earning (`status: in-progress` or `registered`) gives `expected` instead of
    /// `issued`; the expected date is kept in ``EarnedBadge/issued``, with ``EarnedBadge/status``
    /// saying it is not awarded yet.
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
        let catalogueYear = fields["catalogueYear"].flatMap(catalogueYear)
        let enrolled = fields["enrolled"].flatMap(date)
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
        record.catalogueYear = catalogueYear
        record.enrolled = enrolled
        return record
    }

    /// A catalogue year: a four-digit year such as 2025.
    private func catalogueYear(_ node: Node) -> Int? {
        guard case .scalar(let scalar) = node, let year = Int(scalar.string),
              LearnerRecord.catalogueYears.contains(year) else {
            expected("a catalogue year such as 2025", found: node)
            return nil
        }
        return year
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
                                  required: ["badge"]) else { return nil }
        let badge = fields.read("badge", string)
        let status: EarningStatus? = fields.read("status") {
            choice($0, expected: "awarded, in-progress or registered")
        }
        let issued = fields.read("issued", date)
        let expected = fields.read("expected", date)
        let expires = fields.read("expires", date)
        let revoked = fields.read("revoked", bool)
        let evidence = fields.read("evidence", strings)
        let result = fields.read("result", badgeResult)
        guard fields.isValid, let badge else { return nil }
        let pending = status?.isPending ?? false
        if pending, fields.has("issued") {
            fail("a pending earning (status \(status?.rawValue ?? "")) gives \"expected\", not \"issued\"",
                 at: fields["issued"] ?? node)
            return nil
        }
        if !pending, fields.has("expected") {
            fail("\"expected\" is for a pending earning (status: in-progress or registered); "
                 + "an awarded one gives \"issued\"", at: fields["expected"] ?? node)
            return nil
        }
        guard let issued = pending ? expected : issued else {
            fail(pending ? "missing required key \"expected\" in a pending earning (the date the badge is expected)"
                         : "missing required key \"issued\" in an earned badge", at: fields.location)
            return nil
        }
        if let expires, expires <= issued {
            fail("\"expires\" (\(expires)) must be after \"issued\" (\(issued))", at: fields["expires"] ?? node)
            return nil
        }
        return EarnedBadge(badgeClassID: badge, issued: issued, expires: expires, revoked: revoked ?? false,
                           result: result, evidence: evidence ?? [], source: fields.location,
                           status: status ?? .awarded)
    }
}
