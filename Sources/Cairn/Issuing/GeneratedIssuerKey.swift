public import CairnIssuing
import CairnSyntax
import Crypto
public import Foundation

/// The algorithm of an issuer's signing key.
public enum IssuerKeyAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// Ed25519: signs `eddsa-rdfc-2022` proofs and EdDSA VC-JWTs, and status lists.
    case ed25519
    /// NIST P-256: signs ES256 VC-JWTs.
    case p256
}

/// A new issuer key and the files that publish it (`cairn keys generate`).
///
/// For an https issuer the key's id is under the issuer's URL (`…/keys/ed25519-…`), which is
/// how verifiers bind a key to its issuer, and the issuer's Open Badges `Profile` lists it as a
/// verification method. For `did:key` the key is its own identifier.
public struct GeneratedIssuerKey: Sendable {
    public let key: SigningKey
    /// The issuer it was made for: an https URL, or the key's own `did:key`.
    public let issuer: String
    /// The issuer's name for the profile.
    public let name: String?
    /// The `did:key` when the issuer is one.
    public let did: String?

    /// The file names written into the folder.
    public static let privateKeyFile = "issuer-key.jwk"
    public static let profileFile = "issuer-profile.json"
    public static let publicFolder = "public"

    /// A fresh key for `issuer` (`https://…` or `did:key`).
    public static func generate(issuer: String, algorithm: IssuerKeyAlgorithm,
                                name: String? = nil) throws(IssuingFailure) -> GeneratedIssuerKey {
        let kind: SigningKey.Kind = algorithm == .ed25519 ? .ed25519 : .p256
        if issuer == "did:key" {
            var key = SigningKey.generate(kind, id: "")
            key.id = key.didKeyVerificationMethod
            let draft = key
            return GeneratedIssuerKey(key: key, issuer: draft.didKey, name: name, did: draft.didKey)
        }
        guard issuer.hasPrefix("https://") || issuer.hasPrefix("http://"), URL(string: issuer)?.host != nil else {
            throw .refused("--issuer must be the issuer's URL (https://…, the id its badge catalogue gives it) or did:key, not \"\(issuer)\"")
        }
        let draft = SigningKey.generate(kind, id: "")
        // A short, stable name from the public key, so two keys of one issuer never share an id.
        let digest = SHA256.hash(data: draft.publicKey.derRepresentation)
        let tag = String(Base64URL.encode(Array(digest)).prefix(11))
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        var key = draft
        key.id = "\(base)/keys/\(algorithm.rawValue)-\(tag)"
        return GeneratedIssuerKey(key: key, issuer: base, name: name, did: nil)
    }

    /// The public key as a JWK (with its `kid`), on one line.
    public var publicJWK: String {
        let text = key.publicJWKJSON
        return (try? JSONParser.parse(Array(text.utf8), file: "jwk").serialized(pretty: false)) ?? text
    }

    /// The issuer's Open Badges 3.0 `Profile` listing the key as its verification method (an
    /// https issuer only), to publish at the issuer's URL.
    public var profile: JSONValue? {
        guard did == nil else { return nil }
        var members: [(String, JSONValue)] = [
            ("@context", .array([.string("https://www.w3.org/ns/credentials/v2"),
                                 .string("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")])),
            ("id", .string(issuer)), ("type", .array([.string("Profile")])),
        ]
        if let name { members.append(("name", .string(name))) }
        members.append(("verificationMethod", .array([.object([
            ("id", .string(key.id)), ("type", .string("Multikey")), ("controller", .string(issuer)),
            ("publicKeyMultibase", .string(key.multikey)),
        ])])))
        members.append(("assertionMethod", .array([.string(key.id)])))
        return .object(members)
    }

    /// Writes the private key (mode 0600, never over an existing one), the public key and the
    /// profile into `folder`; returns the paths written.
    ///
    /// - Throws: ``IssuingFailure/refused(_:)`` when a key file is already there or a file
    ///   cannot be written.
    public func write(to folder: URL) throws(IssuingFailure) -> [String] {
        let manager = FileManager.default
        let privateURL = folder.appendingPathComponent(Self.privateKeyFile)
        guard !manager.fileExists(atPath: privateURL.path) else {
            throw .refused("\(privateURL.path) already exists: a key is never overwritten (choose another --out)")
        }
        let publicFolder = folder.appendingPathComponent(Self.publicFolder)
        // The key id's last part (`ed25519-…`, or the did:key's multikey): the kid inside finds it.
        let lastPart = key.id.split(whereSeparator: { "/#:".contains($0) }).last.map(String.init) ?? "issuer"
        let publicName = String(lastPart.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" }.suffix(80)) + ".jwk"
        let publicURL = publicFolder.appendingPathComponent(publicName)
        do {
            try manager.createDirectory(at: publicFolder, withIntermediateDirectories: true)
            // Created with 0600 from the start, so the private key is never readable by others, not even briefly.
            guard manager.createFile(atPath: privateURL.path, contents: Data(key.privateJWKJSON.utf8),
                                     attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            try Data((key.publicJWKJSON + "\n").utf8).write(to: publicURL, options: .atomic)
            var written = [privateURL.path, publicURL.path]
            if let profile {
                let profileURL = folder.appendingPathComponent(Self.profileFile)
                try Data((profile.serialized() + "\n").utf8).write(to: profileURL, options: .atomic)
                written.append(profileURL.path)
            }
            return written
        } catch let failure as IssuingFailure {
            throw failure
        } catch {
            throw .refused("cannot write the key files into \(folder.path): \(error.localizedDescription)")
        }
    }

    /// `{"keyId", "did", "publicKey", "files"}`.
    public func json(files: [String]) -> JSONValue {
        .object([
            ("keyId", .string(key.id)), ("did", did.map(JSONValue.string) ?? .null),
            ("issuer", .string(issuer)), ("publicKey", .string(publicJWK)),
            ("files", .array(files.map(JSONValue.string))),
        ])
    }
}
