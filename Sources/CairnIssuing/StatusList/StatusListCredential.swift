package import CairnSyntax

/// An unsigned W3C `BitstringStatusListCredential`: the list an issuer publishes at
/// ``listURL`` so verifiers can check the `credentialStatus` of the credentials it issued.
///
/// ```json
/// {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": listURL,
///  "type": ["VerifiableCredential", "BitstringStatusListCredential"],
///  "issuer": issuer id (or {"id", "name"}), "validFrom": …,
///  "credentialSubject": {"id": listURL#list, "type": "BitstringStatusList",
///                        "statusPurpose": "revocation", "encodedList": "u…"}}
/// ```
///
/// Sign it as any credential (``DataIntegritySigner``, ``VCJWTSigner``) before publishing.
public struct StatusListCredential: Sendable, Hashable {
    /// What setting a bit means.
    public enum Purpose: String, Sendable, Hashable, CaseIterable {
        /// Permanent: the credential is revoked.
        case revocation
        /// Temporary: the credential is suspended while the bit is set.
        case suspension
    }

    /// The URL the list is published at: its `id`.
    public var listURL: String
    /// The issuer's id (a URL or DID), as the issued credentials name it.
    public var issuerID: String
    /// The issuer's name, written with its id as an object when given.
    public var issuerName: String?
    /// The list's `validFrom`, an `xsd:dateTime` such as `2026-12-06T10:00:00Z`.
    public var validFrom: String
    /// What a set bit means.
    public var purpose: Purpose
    /// The bits.
    public var bitstring: StatusListBitstring

    public init(listURL: String, issuerID: String, issuerName: String? = nil, validFrom: String,
                purpose: Purpose = .revocation, bitstring: StatusListBitstring = StatusListBitstring()) {
        self.listURL = listURL
        self.issuerID = issuerID
        self.issuerName = issuerName
        self.validFrom = validFrom
        self.purpose = purpose
        self.bitstring = bitstring
    }

    /// The context of the list credential (VC Data Model 2.0 defines the Bitstring Status List terms).
    public static let context = "https://www.w3.org/ns/credentials/v2"

    /// The `credentialStatus` entry of the credential given `index` in this list.
    public func entry(index: Int) -> StatusListEntry {
        StatusListEntry(listURL: listURL, index: index, purpose: purpose)
    }

    /// The unsigned list credential, members in the order of the type's documentation.
    package var json: JSONNode {
        func string(_ value: String) -> JSONNode { JSONNode(.string(value)) }
        func object(_ members: [(String, JSONNode)]) -> JSONNode {
            JSONNode(.object(members.map { JSONNode.Member(key: $0.0, value: $0.1) }))
        }
        let issuer = issuerName.map { object([("id", string(issuerID)), ("name", string($0))]) } ?? string(issuerID)
        return object([
            ("@context", JSONNode(.array([string(Self.context)]))),
            ("id", string(listURL)),
            ("type", JSONNode(.array([string("VerifiableCredential"), string("BitstringStatusListCredential")]))),
            ("issuer", issuer),
            ("validFrom", string(validFrom)),
            ("credentialSubject", object([
                ("id", string(listURL + "#list")),
                ("type", string("BitstringStatusList")),
                ("statusPurpose", string(purpose.rawValue)),
                ("encodedList", string(bitstring.encodedList)),
            ])),
        ])
    }

    /// ``json`` as indented JSON text.
    public var jsonText: String { json.serialized(pretty: true) + "\n" }
}
