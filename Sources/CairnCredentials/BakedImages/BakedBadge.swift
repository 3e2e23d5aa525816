import CairnCore
public import CairnSyntax
import Foundation

/// What a baked badge image carries: the Open Badges assertion or credential itself (JSON),
/// a signed one (a compact JWS), or the URL of a hosted assertion (Open Badges 2.0).
public enum BakedContent: Sendable, Hashable {
    /// A JSON assertion (OB 2.0) or credential (OB 3.0), as text.
    case json(String)
    /// A compact JWS: a signed OB 2.0 assertion or an OB 3.0 VC-JWT.
    case jwt(String)
    /// The URL of a hosted assertion; Cairn does not fetch it.
    case url(String)

    /// The text, whatever its kind.
    public var text: String {
        switch self {
        case .json(let text), .jwt(let text), .url(let text): text
        }
    }

    /// Tells JSON, a JWS and a URL apart; `nil` for text that is none of them.
    public init?(classifying raw: String) {
        let text = CompactJWS.trimmingWhitespace(raw)
        if text.hasPrefix("{") {
            self = .json(text)
        } else if CompactJWS.looksLikeCompactJWS(text) {
            self = .jwt(text)
        } else if (text.hasPrefix("https://") || text.hasPrefix("http://")) && !text.contains(where: \.isWhitespace) {
            self = .url(text)
        } else {
            return nil
        }
    }
}

/// An Open Badge found inside a "baked" image (Open Badges Baking: PNG `iTXt` chunk, SVG
/// `openbadges:assertion` / `openbadges:credential` element), read offline.
public struct BakedBadge: Sendable, Hashable {
    /// The image formats that carry badges.
    public enum ImageFormat: String, Sendable, Hashable {
        case png = "PNG"
        case svg = "SVG"
    }

    /// What the image carries.
    public var content: BakedContent
    public var format: ImageFormat
    /// Where in the image it was found, for messages: `iTXt chunk "openbadges" at byte 33`,
    /// `<openbadges:credential> at line 4`.
    public var place: String
    /// In an SVG, the element's `verify` attribute when the content came from the element's
    /// text (OB 2.0 puts the hosted URL there); otherwise `nil`.
    public var verifyAttribute: String?

    public init(content: BakedContent, format: ImageFormat, place: String, verifyAttribute: String? = nil) {
        self.content = content
        self.format = format
        self.place = place
        self.verifyAttribute = verifyAttribute
    }

    /// Images larger than this (64 MiB) are refused.
    public static let maximumImageBytes = 64 << 20
    /// Baked text larger than this (16 MiB, after decompression) is refused. A PNG may hold
    /// only one Open Badges chunk (a second is refused by its keyword before any is inflated),
    /// so this also bounds the bytes inflated per file.
    public static let maximumTextBytes = 16 << 20
    /// A PNG with more chunks than this is refused.
    public static let maximumPNGChunks = 65_536

    /// Finds the badge in a PNG or SVG image held in memory; `file` names it in errors.
    ///
    /// - Throws: ``FormatError`` naming the file (and, for SVG, the line and column), for
    ///   example `PNG has no openbadges iTXt chunk` or `not a PNG or SVG image`.
    public static func extract(from bytes: [UInt8], file: String) throws(FormatError) -> BakedBadge {
        guard bytes.count <= maximumImageBytes else {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the image is \(bytes.count.groupedDigits) bytes; images over \(BoundedFile.describe(bytes: maximumImageBytes)) are refused")
        }
        if bytes.starts(with: PNGBadgeReader.signature) {
            return try PNGBadgeReader.extract(bytes, file: file)
        }
        if bytes.starts(with: [0x1F, 0x8B]) {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the file is gzip-compressed (an .svgz?); decompress it first")
        }
        if SVGBadgeReader.looksLikeXML(bytes) {
            return try SVGBadgeReader.extract(bytes, file: file)
        }
        if bytes.starts(with: PNGBadgeReader.signature.prefix(4)) {
            throw FormatError(location: SourceLocation(file: file),
                              message: "the PNG signature is damaged (bytes 4–7 are not 0D 0A 1A 0A: a text-mode transfer?)")
        }
        throw FormatError(location: SourceLocation(file: file), message: "not a PNG or SVG image")
    }

    /// Reads the image at `path` (refusing files over ``maximumImageBytes`` before reading)
    /// and finds its badge.
    public static func extract(file path: String) throws(FormatError) -> BakedBadge {
        try extract(from: BoundedFile.bytes(at: path, limit: maximumImageBytes, subject: "images"), file: path)
    }
}
