package import CairnSyntax

/// A credential's `credentialStatus`: its place in a Bitstring Status List.
///
/// ```json
/// {"id": listURL#index, "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
///  "statusListIndex": "index", "statusListCredential": listURL}
/// ```
public struct StatusListEntry: Sendable, Hashable {
    /// The URL of the ``StatusListCredential``.
    public var listURL: String
    /// The credential's bit in the list.
    public var index: Int
    /// What a set bit means.
    public var purpose: StatusListCredential.Purpose

    public init(listURL: String, index: Int, purpose: StatusListCredential.Purpose = .revocation) {
        self.listURL = listURL
        self.index = index
        self.purpose = purpose
    }

    /// The entry as a JSON object, for a credential's `credentialStatus`. The index is a string,
    /// as the recommendation writes it.
    package var json: JSONNode {
        let members: [(String, String)] = [
            ("id", "\(listURL)#\(index)"),
            ("type", "BitstringStatusListEntry"),
            ("statusPurpose", purpose.rawValue),
            ("statusListIndex", String(index)),
            ("statusListCredential", listURL),
        ]
        return JSONNode(.object(members.map { JSONNode.Member(key: $0.0, value: JSONNode(.string($0.1))) }))
    }
}
