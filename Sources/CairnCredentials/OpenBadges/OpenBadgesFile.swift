import CairnCore
public import CairnSyntax
public import Foundation

/// An Open Badges file read from disk: how the credential was packaged and what it says.
public struct OpenBadgesFile: Sendable {
    /// How the credential was packaged.
    public enum Envelope: String, Sendable, Hashable {
        case json = "JSON"
        case jwt = "compact JWS (JWT)"
        case png = "baked PNG"
        case svg = "baked SVG"
        /// A JWS in JSON serialization (a JAdES-sealed Europass credential).
        case jwsJSON = "JWS JSON serialization (JAdES)"
    }

    /// Files larger than this are refused before they are read.
    public static let maximumFileSize = 64 << 20

    public var file: String
    public var envelope: Envelope
    public var credential: OpenBadgesCredential

    /// Reads the file at `url`. References an OB 2.0 assertion makes are looked up in
    /// `documents` (see ``LocalDocuments``).
    ///
    /// - Throws: ``FormatErrors`` with the file, line and column of each problem: not JSON,
    ///   a JWT that does not decode, an image without a baked badge, missing or mistyped fields.
    public static func read(at url: URL, documents: LocalDocuments) throws(FormatErrors) -> OpenBadgesFile {
        let file = DisplayPath.of(url)
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file), message: "no such file"))
        }
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.bytes(at: url.path, display: file, limit: maximumFileSize, subject: "Open Badges files")
        } catch {
            throw FormatErrors(error)
        }
        return try read(bytes, file: file, documents: documents)
    }

    /// Reads a file's bytes: a JSON credential, a compact JWS, or a PNG or SVG with a baked badge.
    ///
    /// A UTF-8 byte-order mark before JSON or a JWT is skipped (RFC 8259 §8.1 lets a parser
    /// ignore it; editors on Windows write one).
    public static func read(_ bytes: [UInt8], file: String, documents: LocalDocuments) throws(FormatErrors) -> OpenBadgesFile {
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let bytes = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(3)) : bytes
        guard bytes.count <= maximumFileSize else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file),
                                           message: "the file is over \(maximumFileSize >> 20) MiB"))
        }
        let envelope: Envelope
        let text: String
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let isText = trimmed.first == UInt8(ascii: "{") || trimmed.first == UInt8(ascii: "[")
            || CompactJWS.looksLikeCompactJWS(String(decoding: trimmed, as: UTF8.self)
                                                .trimmingCharacters(in: .whitespacesAndNewlines))
        if !isText {
            let baked: BakedBadge
            do { baked = try BakedBadge.extract(from: bytes, file: file) } catch {
                throw FormatErrors(FormatError(location: error.location,
                                               message: error.message == "not a PNG or SVG image"
                                               ? "not an Open Badges file: expected JSON, a JWT, or a PNG or SVG image"
                                               : error.message))
            }
            envelope = baked.format == .png ? .png : .svg
            switch baked.content {
            case .json(let json): text = json
            case .jwt(let token): text = token
            case .url(let url):
                guard let hosted = documents.document(for: url) else {
                    throw FormatErrors(FormatError(location: SourceLocation(file: file),
                                                   message: "the image holds only the URL \(url) of a hosted assertion, "
                                                   + "which is not available locally (give --resolve DIR)"))
                }
                let credential = try readJSON(hosted.json, file: hosted.file, documents: documents, jwt: nil)
                return OpenBadgesFile(file: file, envelope: envelope, credential: credential)
            }
        } else {
            guard let decoded = String(validating: bytes, as: UTF8.self) else {
                throw FormatErrors(FormatError(location: SourceLocation(file: file, line: 1, column: 1),
                                               message: "not an Open Badges file: expected JSON, a JWT, or a PNG or SVG image"))
            }
            text = decoded
            envelope = CompactJWS.looksLikeCompactJWS(text.trimmingCharacters(in: .whitespacesAndNewlines)) ? .jwt : .json
        }
        let credential = try readText(text, file: file, documents: documents)
        let sealed = if case .jwsJSON = credential.verification { true } else { false }
        return OpenBadgesFile(file: file, envelope: sealed ? .jwsJSON : envelope, credential: credential)
    }

    /// A credential from JSON or JWT text.
    static func readText(_ text: String, file: String, documents: LocalDocuments) throws(FormatErrors) -> OpenBadgesCredential {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if CompactJWS.looksLikeCompactJWS(trimmed) {
            let jws: CompactJWS
            do { jws = try CompactJWS(trimmed, file: file) } catch { throw FormatErrors(error) }
            guard let payload = jws.payloadJSON, payload.members != nil else {
                throw FormatErrors(FormatError(location: SourceLocation(file: file),
                                               message: "the JWT payload is not a JSON object"))
            }
            let reader = CredentialJSONReader(file: file + " (JWT payload)")
            let claims = claims(payload, token: trimmed, reader: reader)
            if !reader.problems.isEmpty { throw FormatErrors(reader.problems) }
            let credential = payload["vc"] ?? payload
            guard credential.members != nil else {
                throw FormatErrors(FormatError(location: reader.location(credential), message: "the JWT \"vc\" claim must be an object"))
            }
            return try readJSON(credential, file: file + " (JWT payload)", documents: documents, jwt: claims)
        }
        let json: JSONNode
        do { json = try JSONParser.parse(text, file: file) } catch { throw FormatErrors(error) }
        return try readJSON(json, file: file, documents: documents, jwt: nil)
    }

    private static func claims(_ payload: JSONNode, token: String,
                               reader: CredentialJSONReader) -> OpenBadgesCredential.JWTClaims {
        OpenBadgesCredential.JWTClaims(token: token, notBefore: reader.numericDate(payload["nbf"], "nbf"),
                                       expires: reader.numericDate(payload["exp"], "exp"),
                                       issuer: reader.string(payload["iss"], "iss"), id: reader.string(payload["jti"], "jti"))
    }

    static func readJSON(_ json: JSONNode, file: String, documents: LocalDocuments,
                         jwt: OpenBadgesCredential.JWTClaims?) throws(FormatErrors) -> OpenBadgesCredential {
        guard json.members != nil else {
            throw FormatErrors(FormatError(location: SourceLocation(file: file, line: json.line, column: json.column),
                                           message: "expected an Open Badges credential (a JSON object), found \(json.kindDescription)"))
        }
        if JSONSerializedJWS.looksLikeJSONSerialization(json) || EuropeanDigitalCredential.isEuropass(json) {
            return try EuropeanDigitalCredential.readCredential(json, file: file)
        }
        let reader = CredentialJSONReader(file: file)
        let credential: OpenBadgesCredential?
        if isOpenBadges2(json) {
            credential = OpenBadgesCredential.readOpenBadges2(json, reader: reader, documents: documents, signed: jwt?.token)
        } else {
            credential = OpenBadgesCredential.readVerifiableCredential(json, reader: reader, jwt: jwt) { element, index in
                nested(element, index: index, file: file, documents: documents)
            }
        }
        if !reader.problems.isEmpty { throw FormatErrors(reader.problems) }
        guard let credential else {
            throw FormatErrors(FormatError(location: reader.location(json), message: "expected an Open Badges credential"))
        }
        return credential
    }

    private static func nested(_ element: JSONNode, index: Int, file: String, documents: LocalDocuments) -> NestedCredential {
        do {
            let credential: OpenBadgesCredential
            if let token = element.string {
                credential = try readText(token, file: "\(file)#\(index + 1)", documents: documents)
            } else {
                credential = try readJSON(element, file: file, documents: documents, jwt: nil)
            }
            return NestedCredential(index: index, credential: credential, problem: nil)
        } catch {
            return NestedCredential(index: index, credential: nil, problem: error.errors.first?.description ?? "unreadable")
        }
    }

    /// OB 2.0 documents name the Open Badges v2 context, or are typed `Assertion` without a VC context.
    static func isOpenBadges2(_ json: JSONNode) -> Bool {
        let contexts = (json["@context"]?.asList ?? []).compactMap(\.string)
        if contexts.contains(where: { $0.contains("w3id.org/openbadges/v2") || $0.contains("openbadgespec.org/v2") }) {
            return true
        }
        let types = (json["type"]?.asList ?? []).compactMap(\.string)
        return types.contains("Assertion") && !types.contains("VerifiableCredential")
    }
}
