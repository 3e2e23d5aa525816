import CairnCore
public import CairnSyntax
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

extension PublicKey {
    /// The longest PEM text read (1 MiB): keys are a few kilobytes.
    static let maximumPEMBytes = 1 << 20

    /// The PEM labels of private keys, refused with a warning never to hand one out.
    static let privateKeyLabels: Set<String> = [
        "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY",
    ]

    /// Reads the PEM block in `text`: `PUBLIC KEY` (SubjectPublicKeyInfo of an RSA, EC P-256 or
    /// Ed25519 key), `RSA PUBLIC KEY` (PKCS #1) or `CERTIFICATE` (an X.509 certificate, whose
    /// key is taken: a Europass issuer's seal is handed out as one). Text before and after the
    /// block is ignored.
    ///
    /// swift-asn1 reads the block in RFC 7468's strict form (a base64 body in lines of 64
    /// characters, the last one up to 64), and swift-certificates the key in it. Private keys
    /// and text with more than one block are refused with a message saying so.
    /// - Throws: ``FormatError`` at `file` naming what is wrong.
    public init(pem text: String, file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard text.utf8.count <= Self.maximumPEMBytes else {
            throw failure("the PEM text is over 1 MiB; a public key is a few kilobytes")
        }
        let blocks: [PEMDocument]
        do {
            blocks = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw failure(Self.refusal(ofUnreadablePEM: text))
        }
        guard let block = blocks.first else {
            throw failure("no \"-----BEGIN PUBLIC KEY-----\" line: the text is not PEM")
        }
        guard blocks.count == 1 else {
            throw failure("the text holds \(blocks.count) PEM blocks ("
                          + blocks.map(\.discriminator).joined(separator: ", ") + "); give one public key, alone")
        }
        switch block.discriminator {
        case "PUBLIC KEY":
            self = try PublicKey(spki: block.derBytes, file: file)
        case "RSA PUBLIC KEY":
            self = try PublicKey.rsa(der: block.derBytes, what: "the RSA PUBLIC KEY (PKCS #1) block", file: file)
        case "CERTIFICATE":
            self = try SigningCertificate(der: block.derBytes, file: file).key
        case let label:
            throw failure(Self.refusal(ofLabel: label))
        }
    }

    /// Reads a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) with swift-certificates.
    ///
    /// - Throws: ``FormatError`` at `file` for bytes that are not one SubjectPublicKeyInfo
    ///   (nothing may follow it), a key of another algorithm or curve, or an RSA key under
    ///   ``minimumRSABits`` bits.
    public init(spki der: [UInt8], file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        let key: Certificate.PublicKey
        do {
            key = try Certificate.PublicKey(derEncoded: der)
        } catch {
            throw failure(Self.refusal(ofUnreadableSPKI: der))
        }
        if let p256 = P256.Signing.PublicKey(key) {
            self = PublicKey(p256)
        } else if let ed25519 = Curve25519.Signing.PublicKey(key) {
            self = PublicKey(ed25519)
        } else if let rsa = _RSA.Signing.PublicKey(key) {
            self = try PublicKey.checkedRSA(rsa, file: file)
        } else if P384.Signing.PublicKey(key) != nil {
            throw failure(Self.refusal(ofCurve: ASN1ObjectIdentifier.NamedCurves.secp384r1))
        } else if P521.Signing.PublicKey(key) != nil {
            throw failure(Self.refusal(ofCurve: ASN1ObjectIdentifier.NamedCurves.secp521r1))
        } else {
            throw failure("the public key (\(key)) is not RSA, EC P-256 or Ed25519")
        }
    }

    static func rsa(der: [UInt8], what: String, file: String) throws(FormatError) -> PublicKey {
        let key: _RSA.Signing.PublicKey
        do {
            key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: der)
        } catch {
            throw FormatError(location: SourceLocation(file: file),
                              message: "\(what) cannot be read (not DER, or shorter than 1024 bits)")
        }
        return try checkedRSA(key, file: file)
    }

    static func checkedRSA(_ key: _RSA.Signing.PublicKey, file: String) throws(FormatError) -> PublicKey {
        guard let checked = PublicKey(key) else {
            throw FormatError(location: SourceLocation(file: file), message: rsaSizeRefusal(bits: key.keySizeInBits))
        }
        return checked
    }

    // MARK: - Refusals

    private static func rsaSizeRefusal(bits: Int) -> String {
        "the RSA key has \(bits) bits; keys under \(minimumRSABits) bits are refused"
    }

    private static func refusal(ofCurve curve: ASN1ObjectIdentifier?) -> String {
        "the EC public key is not on P-256 (curve OID \(curve.map(String.init(describing:)) ?? "none")); "
            + "Cairn checks ES256 only"
    }

    /// Why a PEM block with this label (neither public key label) is refused.
    private static func refusal(ofLabel label: String) -> String {
        if privateKeyLabels.contains(label) {
            return "the PEM block is a \(label); give only the public key (BEGIN PUBLIC KEY), never a private key"
        }
        return "the PEM block is \"\(label)\"; expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE"
    }

    /// Why swift-asn1 refused `text`. Its error is not worded for a person, and a private key
    /// must be named as one even when its block is malformed (an OpenSSH key's lines are 70
    /// characters), so the BEGIN line's label is looked up here, for the message only.
    private static func refusal(ofUnreadablePEM text: String) -> String {
        guard let begin = text.range(of: "-----BEGIN "),
              let labelEnd = text[begin.upperBound...].range(of: "-----") else {
            return "the PEM text cannot be read"
        }
        let label = String(text[begin.upperBound..<labelEnd.lowerBound])
        if privateKeyLabels.contains(label) { return refusal(ofLabel: label) }
        let endLine = "-----END \(label)-----"
        guard text[labelEnd.upperBound...].contains(endLine) else {
            return "the PEM block \(label) has no \"\(endLine)\" line"
        }
        return "the body of the PEM block \(label) is not base64 in lines of 64 characters (the last one up to 64), "
            + "with nothing else between its BEGIN and END lines"
    }

    /// Why swift-certificates refused `der`. Its errors name neither the algorithm nor an RSA
    /// key's size, so the algorithm is decoded again here, for the message only.
    private static func refusal(ofUnreadableSPKI der: [UInt8]) -> String {
        guard let info = try? SubjectPublicKeyAlgorithm(derEncoded: der) else {
            return "the PUBLIC KEY block is not a DER SubjectPublicKeyInfo"
        }
        switch info.algorithm {
        case ASN1ObjectIdentifier.AlgorithmIdentifier.rsaEncryption:
            // swift-crypto's checked reader refuses a short key without its size; the unchecked
            // one reads it, and its size is all that is taken from it.
            if let short = try? _RSA.Signing.PublicKey(unsafeDERRepresentation: der), short.keySizeInBits < minimumRSABits {
                return rsaSizeRefusal(bits: short.keySizeInBits)
            }
            return "the RSA public key cannot be read"
        case ASN1ObjectIdentifier.AlgorithmIdentifier.rsaPSS:
            return "the RSA key is an RSASSA-PSS key (OID \(info.algorithm)), which RFC 4055 keeps to PSS signatures; "
                + "Cairn checks RS256 (PKCS #1 v1.5) only"
        case ASN1ObjectIdentifier.AlgorithmIdentifier.idEcPublicKey:
            guard info.curve == ASN1ObjectIdentifier.NamedCurves.secp256r1 else { return refusal(ofCurve: info.curve) }
            return "the P-256 public key is not a valid point on the curve"
        case SubjectPublicKeyAlgorithm.ed25519:
            return "the Ed25519 public key is \(info.keyBytes) bytes, not 32"
        default:
            return "the public key's algorithm (OID \(info.algorithm)) is not RSA, EC P-256 or Ed25519"
        }
    }
}

/// The algorithm of a DER SubjectPublicKeyInfo, with its curve (for an EC key) and the length
/// of its key bits: decoded with swift-asn1 only to word a refusal.
private struct SubjectPublicKeyAlgorithm: DERParseable {
    /// id-Ed25519 (RFC 8410).
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]

    var algorithm: ASN1ObjectIdentifier
    var curve: ASN1ObjectIdentifier?
    var keyBytes: Int

    init(derEncoded node: ASN1Node) throws {
        (algorithm, curve, keyBytes) = try DER.sequence(node, identifier: .sequence) { fields in
            guard let identifier = fields.next() else {
                throw ASN1Error.invalidASN1Object(reason: "no AlgorithmIdentifier")
            }
            let (algorithm, curve) = try DER.sequence(identifier, identifier: .sequence) { parts in
                let algorithm = try ASN1ObjectIdentifier(derEncoded: &parts)
                let curve = parts.next().flatMap { try? ASN1ObjectIdentifier(derEncoded: $0) }
                return (algorithm, curve)
            }
            let key = try ASN1BitString(derEncoded: &fields)
            return (algorithm, curve, key.bytes.count)
        }
    }
}
