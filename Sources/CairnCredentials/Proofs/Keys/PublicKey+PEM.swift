import CairnCore
public import CairnSyntax
import Crypto
import Foundation
import _CryptoExtras

extension PublicKey {
    /// Reads the first PEM block of `text`: `PUBLIC KEY` (SubjectPublicKeyInfo of an RSA, EC
    /// P-256 or Ed25519 key) or `RSA PUBLIC KEY` (PKCS #1).
    ///
    /// Private keys and certificates are refused with a message saying so.
    /// - Throws: ``FormatError`` at `file` naming what is wrong.
    public init(pem text: String, file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        let block = try PEMBlock(text, file: file)
        switch block.label {
        case "PUBLIC KEY":
            self = try PublicKey(spki: block.der, file: file)
        case "RSA PUBLIC KEY":
            self = try PublicKey.rsa(der: block.der, what: "the RSA PUBLIC KEY (PKCS #1) block", file: file)
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "OPENSSH PRIVATE KEY":
            throw failure("the PEM block is a \(block.label); give only the public key (BEGIN PUBLIC KEY), "
                          + "never a private key")
        case "CERTIFICATE":
            throw failure("the PEM block is a CERTIFICATE; Cairn reads bare public keys (BEGIN PUBLIC KEY), "
                          + "extract it with `openssl x509 -pubkey -noout`")
        default:
            throw failure("the PEM block is \"\(block.label)\"; expected PUBLIC KEY or RSA PUBLIC KEY")
        }
    }

    /// Reads a DER SubjectPublicKeyInfo (RFC 5280 §4.1.2.7).
    public init(spki der: [UInt8], file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard let info = SubjectPublicKeyInfo(der) else {
            throw failure("the PUBLIC KEY block is not a DER SubjectPublicKeyInfo")
        }
        switch info.algorithm {
        case SubjectPublicKeyInfo.rsaEncryption, SubjectPublicKeyInfo.rsaPSS:
            self = try PublicKey.rsa(der: der, what: "the RSA public key", file: file)
        case SubjectPublicKeyInfo.ecPublicKey:
            guard info.parameters == SubjectPublicKeyInfo.prime256v1 else {
                throw failure("the EC public key is not on P-256 (curve OID \(SubjectPublicKeyInfo.dotted(info.parameters))); "
                              + "Cairn checks ES256 only")
            }
            do {
                self = PublicKey(try P256.Signing.PublicKey(derRepresentation: der))
            } catch {
                throw failure("the P-256 public key is not a valid point on the curve")
            }
        case SubjectPublicKeyInfo.ed25519:
            guard info.key.count == 32, let key = try? Curve25519.Signing.PublicKey(rawRepresentation: info.key) else {
                throw failure("the Ed25519 public key is \(info.key.count) bytes, not 32")
            }
            self = PublicKey(key)
        default:
            throw failure("the public key's algorithm (OID \(SubjectPublicKeyInfo.dotted(info.algorithm))) is not RSA, "
                          + "EC P-256 or Ed25519")
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
            throw FormatError(location: SourceLocation(file: file),
                              message: "the RSA key has \(key.keySizeInBits) bits; keys under \(minimumRSABits) bits are refused")
        }
        return checked
    }
}
