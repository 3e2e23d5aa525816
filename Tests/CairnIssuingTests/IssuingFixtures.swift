import CairnIssuing
import CairnSyntax
import CairnTestSupport
import Foundation

/// Real credentials from the bundled Pathways workspace, made ready to sign.
enum IssuingFixtures {
    /// Amara's SQL Querying credential (Open Badges 3.0, signed with eddsa-rdfc-2022).
    static let credentialPath = "Pathways/learners/credentials/amara/sql-querying.json"

    /// The credential without its proof, its issuer's id replaced by `issuer` (a did:key of
    /// the key about to sign it).
    static func unsignedCredential(issuer: String) throws -> JSONNode {
        let url = CairnProcess.packageRoot.appendingPathComponent(credentialPath)
        let parsed = try JSONParser.parse(Array(try Data(contentsOf: url)), file: credentialPath)
        guard case .object(let members) = parsed.removing("proof").value else { throw NotAnObject() }
        return JSONNode(.object(members.map { member in
            guard member.key == "issuer", case .object(let issuerMembers) = member.value.value else { return member }
            let replaced = issuerMembers.map { $0.key == "id" ? JSONNode.Member(key: "id", value: JSONNode(.string(issuer))) : $0 }
            return JSONNode.Member(key: "issuer", value: JSONNode(.object(replaced)))
        }))
    }

    struct NotAnObject: Error {}

    /// A fresh key whose id is its own did:key verification method.
    static func didKeyIssuerKey(_ kind: SigningKey.Kind) -> SigningKey {
        var key = SigningKey.generate(kind, id: "")
        key.id = key.didKeyVerificationMethod
        return key
    }
}
