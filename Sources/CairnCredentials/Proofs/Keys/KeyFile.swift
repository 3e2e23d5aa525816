import CairnCore
public import CairnSyntax

/// Reads the public keys in one key file: a PEM file, a JWK, a JWK Set (`{"keys": […]}`) or an
/// Open Badges 2.0 `CryptographicKey` document (`publicKeyPem`).
public enum KeyFile {
    /// Key files over this size (1 MiB) are refused: keys are a few kilobytes.
    public static let maximumBytes = 1 << 20

    /// One key read from a file, with the ids the file itself gives it.
    public struct Key: Sendable, Hashable {
        public var key: PublicKey
        /// The JWK `kid` or the CryptographicKey `id` (empty for a bare PEM file).
        public var ids: [String]
        /// What the file said the key is: `JWK`, `JWK Set member 2`, `CryptographicKey`, `PEM`.
        public var form: String
        /// For a CryptographicKey, its `owner` (the issuer profile URL).
        public var owner: String?

        public init(key: PublicKey, ids: [String], form: String, owner: String? = nil) {
            self.key = key
            self.ids = ids
            self.form = form
            self.owner = owner
        }
    }

    /// The keys in `bytes`, the contents of the file named `file`. Text starting with `{` or `[`
    /// is JSON; other text with a `-----BEGIN` line is PEM.
    ///
    /// - Throws: ``FormatError`` naming the file and what is wrong with it.
    public static func keys(in bytes: [UInt8], file: String) throws(FormatError) -> [Key] {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard bytes.count <= maximumBytes else {
            throw failure("the key file is \(bytes.count) bytes; key files over 1 MiB are refused")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw failure("the key file is not UTF-8 text (a binary DER key? convert it to PEM)")
        }
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }
        if first != "{" && first != "[" && text.contains("-----BEGIN") {
            return [Key(key: try PublicKey(pem: text, file: file), ids: [], form: "PEM")]
        }
        let json = try JSONParser.parse(text, file: file)
        guard json.members != nil else {
            throw failure("the key file holds \(json.kindDescription); expected a JWK, a JWK Set or a CryptographicKey object")
        }
        if let set = json["keys"] {
            guard let elements = set.elements else {
                throw failure("the JWK Set's \"keys\" is \(set.kindDescription), not an array")
            }
            guard !elements.isEmpty else { throw failure("the JWK Set's \"keys\" is empty") }
            var keys: [Key] = []
            for (index, element) in elements.enumerated() {
                let key = try PublicKey(jwk: element, file: file)
                keys.append(Key(key: key, ids: element["kid"]?.string.map { [$0] } ?? [], form: "JWK Set member \(index + 1)"))
            }
            return keys
        }
        if json["kty"] != nil {
            return [Key(key: try PublicKey(jwk: json, file: file), ids: json["kid"]?.string.map { [$0] } ?? [], form: "JWK")]
        }
        if let pemNode = json["publicKeyPem"] {
            guard let pem = pemNode.string else {
                throw FormatError(location: SourceLocation(file: file, line: pemNode.line, column: pemNode.column),
                                  message: "the CryptographicKey's \"publicKeyPem\" is \(pemNode.kindDescription), not a string")
            }
            let types = json["type"]?.asList.compactMap(\.string) ?? []
            if let type = json["type"], !types.contains("CryptographicKey") {
                throw FormatError(location: SourceLocation(file: file, line: type.line, column: type.column),
                                  message: "the key document's \"type\" is \(type.kindDescription); expected \"CryptographicKey\"")
            }
            let key = try PublicKey(pem: pem, file: file)
            return [Key(key: key, ids: json["id"]?.string.map { [$0] } ?? [], form: "CryptographicKey",
                        owner: json["owner"]?.string)]
        }
        throw failure("the JSON is not a JWK (no \"kty\"), a JWK Set (no \"keys\") or an Open Badges "
                      + "CryptographicKey (no \"publicKeyPem\")")
    }
}
