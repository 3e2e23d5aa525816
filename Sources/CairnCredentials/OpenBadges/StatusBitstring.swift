import CairnCore
import CairnSyntax

/// Reads one bit of a W3C Bitstring Status List (or a StatusList2021) credential.
///
/// The list's `credentialSubject.encodedList` is the GZIP-compressed bitstring, base64url
/// encoded (Bitstring Status List: as a multibase value with the prefix `u`); index 0 is the
/// most significant bit of the first byte.
enum StatusBitstring {
    /// Why a list could not be read.
    struct Problem: Error {
        var message: String
    }

    /// A list longer than this (uncompressed) is refused rather than inflated.
    static let maximumBytes = CredentialRevocation.maximumStatusListBytes

    static func bit(at index: Int, in list: JSONNode) -> Result<Bool, Problem> {
        let subject = list["credentialSubject"]
        guard let encoded = subject?["encodedList"]?.string else {
            return .failure(Problem(message: "it has no credentialSubject.encodedList"))
        }
        let text = encoded.hasPrefix("u") ? String(encoded.dropFirst()) : encoded
        guard let compressed = (try? Base64URL.decode(text)) ?? (try? Base64URL.decodeStandard(text)) else {
            return .failure(Problem(message: "encodedList is not base64url"))
        }
        let bytes: [UInt8]
        do {
            bytes = try ZlibInflate.inflate(compressed, wrapper: .gzip, limit: maximumBytes)
        } catch .tooLarge {
            return .failure(Problem(message: "encodedList inflates to more than \(BoundedFile.describe(bytes: maximumBytes)); refused"))
        } catch {
            return .failure(Problem(message: "encodedList: \(error)"))
        }
        guard index < bytes.count * 8 else {
            return .failure(Problem(message: "index \(index) is beyond the list's \(bytes.count * 8) entries"))
        }
        return .success(bytes[index / 8] & (0x80 >> UInt8(index % 8)) != 0)
    }
}
