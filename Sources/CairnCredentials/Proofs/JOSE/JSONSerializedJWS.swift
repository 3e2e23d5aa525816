import CairnCore
public import CairnSyntax

/// A JSON Web Signature in JSON serialization (RFC 7515 §7.2), as JAdES signs Europass
/// credentials: `{"payload": …, "signatures": [{"protected", "header", "signature"}]}`, or the
/// flattened form with `protected`, `header` and `signature` at the top.
///
/// The payload is kept as written. A signature whose protected header says `"b64": false`
/// (RFC 7797) signs the payload text itself; any other signs its base64url form, which is
/// decoded. Parsing checks the shape only; ``JWSVerifier`` checks the signatures.
public struct JSONSerializedJWS: Sendable, Hashable {
    /// One signature over the payload.
    public struct Signature: Sendable, Hashable {
        /// The protected header's base64url text, as written (part of the signing input).
        public var protectedText: String
        /// The decoded protected header.
        package var header: JSONNode
        /// The decoded signature bytes.
        public var signature: [UInt8]
        /// The header's `alg`.
        public var algorithm: String { header["alg"]?.string ?? "" }
        /// Whether the payload is signed as written (`"b64": false`, RFC 7797).
        public var unencodedPayload: Bool { header["b64"]?.bool == false }
    }

    /// The payload member's text as written.
    public let payloadText: String
    /// The signatures, in order.
    public let signatures: [Signature]

    /// Whether `json` has the shape of a JWS JSON serialization: a `payload` string and
    /// `signatures` or `signature`.
    package static func looksLikeJSONSerialization(_ json: JSONNode) -> Bool {
        json["payload"]?.string != nil && (json["signatures"] != nil || json["signature"] != nil)
    }

    /// Reads the serialization in `json`; errors point at the member at fault in `file`.
    package init(_ json: JSONNode, file: String) throws(FormatError) {
        func failure(_ message: String, at node: JSONNode) -> FormatError {
            FormatError(location: SourceLocation(file: file, line: node.line > 0 ? node.line : nil,
                                                 column: node.column > 0 ? node.column : nil), message: message)
        }
        guard let payload = json["payload"]?.string else {
            throw failure("a JWS JSON serialization needs a \"payload\" string", at: json["payload"] ?? json)
        }
        let entries: [JSONNode]
        if let list = json["signatures"] {
            guard let elements = list.elements, !elements.isEmpty else {
                throw failure("\"signatures\" must be a non-empty array, found \(list.kindDescription)", at: list)
            }
            entries = elements
        } else {
            entries = [json]
        }
        var signatures: [Signature] = []
        for entry in entries {
            guard entry.members != nil else {
                throw failure("a signature must be an object, found \(entry.kindDescription)", at: entry)
            }
            guard let protectedNode = entry["protected"], let protectedText = protectedNode.string else {
                throw failure("the signature has no \"protected\" header (JAdES signs its header)", at: entry["protected"] ?? entry)
            }
            guard let signatureNode = entry["signature"], let signatureText = signatureNode.string else {
                throw failure("the signature has no \"signature\" string", at: entry["signature"] ?? entry)
            }
            let headerBytes: [UInt8], signature: [UInt8]
            do { headerBytes = try Base64URL.decode(protectedText) } catch {
                throw failure("the protected header is not base64url: \(error)", at: protectedNode)
            }
            do { signature = try Base64URL.decode(signatureText) } catch {
                throw failure("the signature is not base64url: \(error)", at: signatureNode)
            }
            let header: JSONNode
            do { header = try JSONParser.parse(headerBytes, file: "protected header") } catch {
                throw failure("the protected header is not JSON: \(CompactJWS.positioned(error))", at: protectedNode)
            }
            guard header.members != nil, header["alg"]?.string != nil else {
                throw failure("the protected header must be a JSON object with a string \"alg\"", at: protectedNode)
            }
            if let b64 = header["b64"], b64.bool == nil {
                throw failure("the protected header's \"b64\" must be true or false, found \(b64.kindDescription)", at: protectedNode)
            }
            signatures.append(Signature(protectedText: protectedText, header: header, signature: signature))
        }
        let unencoded = Set(signatures.map(\.unencodedPayload))
        guard unencoded.count == 1 else {
            throw failure("the signatures disagree on \"b64\"; RFC 7797 requires one payload form", at: json)
        }
        self.payloadText = payload
        self.signatures = signatures
    }

    /// The payload bytes: the text as written for `"b64": false`, else its base64url decoding
    /// (`nil` when that is not base64url).
    public var payload: [UInt8]? {
        if signatures.first?.unencodedPayload == true { return Array(payloadText.utf8) }
        return try? Base64URL.decode(payloadText)
    }

    /// The bytes `signature` covers: ASCII(protected) `.` payload — the payload as written, which
    /// for `"b64": false` is the raw payload (RFC 7797 §3) and otherwise its base64url text.
    public func signingInput(_ signature: Signature) -> [UInt8] {
        Array(signature.protectedText.utf8) + [UInt8(ascii: ".")] + Array(payloadText.utf8)
    }
}
