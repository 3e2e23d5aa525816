import CairnCore
public import CairnSyntax
// Hand-written, with JWSVerifier, for strict alg, crit and header checks; jwt-kit (5.7.1, 5.8.0 in the mirror) needs swift-crypto 4 and ignores crit.

/// A JSON Web Signature in compact serialization (RFC 7515 §7.1): `header.payload.signature`,
/// as JWTs and Open Badges / Verifiable Credential JWTs are written.
///
/// Parsing checks the shape only: three base64url segments, a header that is a JSON object
/// with a string `alg`. The payload is kept as bytes and, when it is JSON, also parsed. Whether
/// the signature matches is ``JWSVerifier``'s business.
public struct CompactJWS: Sendable, Hashable {
    /// The longest token accepted, in bytes (16 MiB).
    public static let maximumLength = 16 << 20

    /// The token as read, without surrounding white space.
    public let text: String
    /// The decoded protected header.
    package let header: JSONNode
    /// The decoded payload bytes.
    public let payload: [UInt8]
    /// The payload parsed as JSON, when it is JSON (a VC-JWT or an Open Badges 2.0 assertion).
    package let payloadJSON: JSONNode?
    /// The decoded signature bytes (empty for an unsecured `alg: none` token).
    public let signature: [UInt8]

    /// The header's `alg`, for example `RS256`.
    public var algorithm: String { header["alg"]?.string ?? "" }
    /// The header's `kid`, when it is a string.
    public var keyID: String? { header["kid"]?.string }
    /// The header's embedded public key (`jwk`), when there is one.
    package var embeddedKey: JSONNode? { header["jwk"] }

    /// The bytes the signature covers: the ASCII of `header.payload` as written.
    public var signingInput: [UInt8] {
        let segments = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else { return [] }
        return Array(segments[0]) + [UInt8(ascii: ".")] + Array(segments[1])
    }

    /// Parses a compact JWS; `file` names where it came from in errors.
    ///
    /// - Throws: ``FormatError`` with a one-line reason, such as
    ///   `segment 2 of the JWT is not base64url: …` or `the JWT header is not JSON: …`.
    public init(_ text: String, file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        let trimmed = Self.trimmingWhitespace(text)
        guard trimmed.utf8.count <= Self.maximumLength else {
            throw failure("the JWT is \(trimmed.utf8.count) bytes long; tokens over \(Self.maximumLength >> 20) MiB are refused")
        }
        guard !trimmed.isEmpty else { throw failure("the JWT is empty") }
        let segments = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            let hint = segments.count == 5 ? " (five segments is an encrypted JWE, which Cairn does not read)" : ""
            throw failure("the JWT has \(segments.count) segment\(segments.count == 1 ? "" : "s") separated by dots; "
                          + "a compact JWS has exactly 3 (header.payload.signature)\(hint)")
        }
        var decoded: [[UInt8]] = []
        for (index, segment) in segments.enumerated() {
            do {
                decoded.append(try Base64URL.decode(segment))
            } catch {
                throw failure("segment \(index + 1) of the JWT is not base64url: \(error)")
            }
        }
        guard !decoded[0].isEmpty else { throw failure("the JWT header (segment 1) is empty") }
        let header: JSONNode
        do {
            header = try JSONParser.parse(decoded[0], file: "header")
        } catch {
            throw failure("the JWT header is not JSON: \(Self.positioned(error))")
        }
        guard header.members != nil else {
            throw failure("the JWT header is \(header.kindDescription), not a JSON object")
        }
        guard let alg = header["alg"] else { throw failure("the JWT header has no \"alg\"") }
        guard alg.string != nil else {
            throw failure("the JWT header's \"alg\" is \(alg.kindDescription), not a string")
        }
        self.text = trimmed
        self.header = header
        self.payload = decoded[1]
        self.signature = decoded[2]
        let first = decoded[1].first { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            payloadJSON = try? JSONParser.parse(decoded[1], file: "payload")
        } else {
            payloadJSON = nil
        }
    }

    /// Whether `text` has the shape of a compact JWS (three non-empty base64url segments for
    /// header and payload), without decoding it. Used to tell a JWT from other text.
    public static func looksLikeCompactJWS(_ text: String) -> Bool {
        let trimmed = trimmingWhitespace(text)
        let segments = trimmed.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3, !segments[0].isEmpty, !segments[1].isEmpty else { return false }
        return segments.allSatisfy { segment in
            segment.allSatisfy { byte in
                (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            }
        }
    }

    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }

    /// `line:column: message` of a JSON error inside a decoded segment.
    static func positioned(_ error: FormatError) -> String {
        var place = ""
        if let line = error.location.line {
            place = "\(line)"
            if let column = error.location.column { place += ":\(column)" }
            place += ": "
        }
        return place + error.message
    }
}
