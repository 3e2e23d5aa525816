import CairnCredentials
import CairnIssuing
import CairnSyntax
import CairnTestSupport
import Foundation
import Testing

/// Status lists written here and read by Cairn's revocation check.
@Suite("Status lists")
struct StatusListBitstringTests {
    static let listURL = "https://example.edu/status/1"
    static let setBits = [0, 7, 8, 131_071]

    @Test("bits 0, 7, 8 and 131071 read back through CredentialRevocation as set, and their neighbours as not",
          arguments: [0, 1, 6, 7, 8, 9, 4_096, 131_070, 131_071])
    func revocationReadsTheList(index: Int) throws {
        var bits = StatusListBitstring()
        for index in Self.setBits { bits[index] = true }
        let list = StatusListCredential(listURL: Self.listURL, issuerID: "https://example.edu",
                                        issuerName: "Example University", validFrom: "2026-12-06T10:00:00Z",
                                        bitstring: bits)
        var documents = LocalDocuments()
        documents.add(try JSONParser.parse(list.jsonText, file: "status-1.json"), file: "status-1.json")

        let credential = try Self.credential(status: list.entry(index: index))
        let expected: CredentialRevocation = Self.setBits.contains(index)
            ? .revoked(reason: "bit \(index) is set in the status list \(Self.listURL)") : .notRevoked
        #expect(CredentialRevocation.check(credential, lists: documents) == [expected])
    }

    @Test("the list credential and the entry have the recommendation's members")
    func shapes() throws {
        let list = StatusListCredential(listURL: Self.listURL, issuerID: "did:example:issuer", validFrom: "2026-12-06T10:00:00Z")
        let json = try JSONParser.parse(list.jsonText, file: "list.json")
        #expect(json.members?.map(\.key) == ["@context", "id", "type", "issuer", "validFrom", "credentialSubject"])
        #expect(json["type"]?.elements?.compactMap(\.string) == ["VerifiableCredential", "BitstringStatusListCredential"])
        #expect(json["issuer"]?.string == "did:example:issuer")
        #expect(json["credentialSubject"]?["id"]?.string == Self.listURL + "#list")
        #expect(json["credentialSubject"]?["statusPurpose"]?.string == "revocation")
        let entry = try JSONParser.parse(StatusListEntry(listURL: Self.listURL, index: 42).json.serialized(), file: "e.json")
        #expect(entry == JSONNode(.object([
            ("id", Self.listURL + "#42"), ("type", "BitstringStatusListEntry"), ("statusPurpose", "revocation"),
            ("statusListIndex", "42"), ("statusListCredential", Self.listURL),
        ].map { JSONNode.Member(key: $0.0, value: JSONNode(.string($0.1))) })))
    }

    @Test("random settings and clearings agree with a Set<Int>, also after encoding and decoding",
          arguments: [UInt64(1), 2, 3, 42, 2026])
    func randomIndices(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var bits = StatusListBitstring()
        var reference = Set<Int>()
        for _ in 0..<400 {
            // Mostly a few hot indices (set and cleared repeatedly) and the edges, some anywhere.
            let index = switch random.below(4) {
            case 0: random.below(16)
            case 1: bits.bits - 1 - random.below(16)
            default: random.below(bits.bits)
            }
            let value = random.below(3) != 0
            bits[index] = value
            if value { reference.insert(index) } else { reference.remove(index) }
            #expect(bits[index] == value)
        }
        // The indices where list and reference disagree, so a failure shows only those.
        #expect(Set(bits.setIndices).symmetricDifference(reference).sorted() == [])
        #expect(bits.setIndices.count == reference.count)
        let decoded = try StatusListBitstring(encodedList: bits.encodedList)
        #expect(decoded == bits)
        #expect(Set(decoded.setIndices).symmetricDifference(reference).sorted() == [])
    }

    @Test("encodedList is u and unpadded base64url of a gzip member that ZlibInflate inflates")
    func encodedListIsGzip() throws {
        var bits = StatusListBitstring()
        for index in Self.setBits { bits[index] = true }
        let encoded = bits.encodedList
        #expect(encoded.hasPrefix("u"))
        #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
        let gzip = try Base64URL.decode(encoded.dropFirst())
        #expect(Array(gzip.prefix(3)) == [0x1F, 0x8B, 8], "a gzip member, deflate method")
        #expect(gzip.count < 200, "16 KiB of mostly zeros compresses to little")
        let bytes = try ZlibInflate.inflate(gzip, wrapper: .gzip, limit: StatusListBitstring.minimumBits / 8)
        #expect(bytes == bits.bytes)
        #expect(bytes[0] == 0b1000_0001 && bytes[1] == 0b1000_0000 && bytes.last == 1)
        #expect(bits.encodedList == encoded, "the same bits always encode the same way")
    }

    @Test("ZlibDeflate output inflates back to its input", arguments: [0, 1, 1_000, 70_000])
    func deflateRoundTrip(count: Int) throws {
        var random = SplitMix64(seed: UInt64(count))
        let noise = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let text = Array(String(repeating: "stackable micro-credentials ", count: count / 28 + 1).utf8.prefix(count))
        for input in [noise, text] {
            for wrapper in [ZlibInflate.Wrapper.gzip, .zlib] {
                let compressed = ZlibDeflate.deflate(input, wrapper: wrapper)
                #expect(try ZlibInflate.inflate(compressed, wrapper: wrapper, limit: count) == input)
            }
        }
    }

    @Test("sizes outside the recommendation's bounds, and lists that do not decode, are refused")
    func refusals() {
        #expect(StatusListBitstring(bits: 131_064) == nil)
        #expect(StatusListBitstring(bits: 131_080) != nil)
        #expect(StatusListBitstring(bits: 131_081) == nil)
        #expect(StatusListBitstring(bits: StatusListBitstring.maximumBits + 8) == nil)
        #expect(StatusListBitstring().bits == 131_072)
        let short = "u" + Base64URL.encode(ZlibDeflate.deflate([UInt8](repeating: 0, count: 100), wrapper: .gzip))
        #expect(throws: StatusListBitstring.DecodingError.tooShort(bits: 800)) { try StatusListBitstring(encodedList: short) }
        #expect(throws: StatusListBitstring.DecodingError.self) { try StatusListBitstring(encodedList: "u!!!") }
        #expect(throws: StatusListBitstring.DecodingError.self) {
            try StatusListBitstring(encodedList: "u" + Base64URL.encode(Array("not gzip at all".utf8)))
        }
    }

    /// Amara's credential with `status` as its credentialStatus, read as Cairn reads a file.
    static func credential(status: StatusListEntry) throws -> OpenBadgesCredential {
        let unsigned = try IssuingFixtures.unsignedCredential(issuer: "https://example.edu")
        guard case .object(let members) = unsigned.value else { throw IssuingFixtures.NotAnObject() }
        let json = JSONNode(.object(members + [JSONNode.Member(key: "credentialStatus", value: status.json)]))
        return try OpenBadgesFile.read(Array(json.serialized().utf8), file: "with-status.json",
                                       documents: LocalDocuments()).credential
    }
}
