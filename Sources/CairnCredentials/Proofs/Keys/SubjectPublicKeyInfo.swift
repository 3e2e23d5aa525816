import CairnSyntax
/// The parts of a DER SubjectPublicKeyInfo Cairn needs: algorithm OID, its parameter OID (the
/// curve, for EC keys) and the key bits.
struct SubjectPublicKeyInfo {
    static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    static let rsaPSS: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A]
    static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let prime256v1: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    static let ed25519: [UInt8] = [0x2B, 0x65, 0x70]

    var algorithm: [UInt8]
    var parameters: [UInt8]
    var key: [UInt8]

    init?(_ der: [UInt8]) {
        var outer = DERReader(der[...])
        guard let spki = outer.read(tag: 0x30), outer.isAtEnd else { return nil }
        var fields = DERReader(spki)
        guard let algorithmIdentifier = fields.read(tag: 0x30), let bits = fields.read(tag: 0x03), fields.isAtEnd,
              bits.first == 0
        else { return nil }
        var identifier = DERReader(algorithmIdentifier)
        guard let oid = identifier.read(tag: 0x06) else { return nil }
        algorithm = Array(oid)
        parameters = identifier.peekTag == 0x06 ? Array(identifier.read(tag: 0x06) ?? []) : []
        key = Array(bits.dropFirst())
    }

    /// An OID in dotted form, for messages.
    static func dotted(_ oid: [UInt8]) -> String {
        guard let first = oid.first else { return "(none)" }
        var parts = [String(first / 40), String(first % 40)]
        var value: UInt64 = 0
        for byte in oid.dropFirst() {
            value = (value << 7) | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                parts.append(String(value))
                value = 0
            }
            if value > UInt64(1) << 56 { break }
        }
        return parts.joined(separator: ".")
    }
}

/// Reads DER tag-length-value items with bounds checks; any malformed item reads as `nil`.
struct DERReader {
    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { bytes.isEmpty }
    var peekTag: UInt8? { bytes.first }

    /// The contents of the next item when its tag is `tag`.
    mutating func read(tag: UInt8) -> ArraySlice<UInt8>? {
        guard bytes.count >= 2, bytes[bytes.startIndex] == tag else { return nil }
        var index = bytes.startIndex + 1
        let first = bytes[index]
        index += 1
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let count = Int(first & 0x7F)
            guard count >= 1, count <= 3, bytes.endIndex - index >= count else { return nil }
            for _ in 0..<count {
                length = length << 8 | Int(bytes[index])
                index += 1
            }
        }
        guard bytes.endIndex - index >= length else { return nil }
        let contents = bytes[index..<(index + length)]
        bytes = bytes[(index + length)...]
        return contents
    }
}
