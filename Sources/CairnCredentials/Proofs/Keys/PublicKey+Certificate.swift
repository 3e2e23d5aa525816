import CairnCore
public import CairnSyntax
import Crypto
import Foundation
import SwiftASN1
import X509

/// An X.509 certificate as a signature's header carries it (`x5c`) or a key file holds it
/// (`-----BEGIN CERTIFICATE-----`): its public key, subject, validity and SHA-256 thumbprint.
///
/// Reading a certificate checks neither its chain nor its revocation: Cairn trusts a key
/// because the workspace names it (a catalogue's issuer keys, `--keys`), never because a
/// certificate authority vouches for it, which would need the network.
public struct SigningCertificate: Sendable, Hashable {
    /// The certificate's public key.
    public var key: PublicKey
    /// The subject's distinguished name, as text (`CN=TEST SEAL,O=…`).
    public var subject: String
    /// When the certificate starts and stops being valid, in seconds since 1970 (UTC).
    public var notBefore: Int64
    public var notAfter: Int64
    /// SHA-256 of the certificate's DER, base64url (the JOSE `x5t#S256`).
    public var thumbprint: String

    /// Reads a DER certificate; `file` names where it came from in errors.
    ///
    /// - Throws: ``FormatError`` for bytes that are not one X.509 certificate, or whose key is
    ///   not RSA (2048 bits or more), EC P-256 or Ed25519.
    public init(der: [UInt8], file: String) throws(FormatError) {
        let certificate: Certificate
        do {
            certificate = try Certificate(derEncoded: der)
        } catch {
            throw FormatError(location: SourceLocation(file: file), message: "the certificate is not a DER X.509 certificate")
        }
        var serializer = DER.Serializer()
        do { try serializer.serialize(certificate.publicKey) } catch {
            throw FormatError(location: SourceLocation(file: file), message: "the certificate's public key cannot be encoded")
        }
        key = try PublicKey(spki: serializer.serializedBytes, file: file)
        subject = String(describing: certificate.subject)
        notBefore = Int64(certificate.notValidBefore.timeIntervalSince1970)
        notAfter = Int64(certificate.notValidAfter.timeIntervalSince1970)
        thumbprint = Base64URL.encode(Array(SHA256.hash(data: der)))
    }
}
