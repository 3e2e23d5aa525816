import CairnSyntax
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolution of IRI references against a base IRI, as RFC 3986 §5.2 describes it (the
/// algorithm applies unchanged to IRIs, RFC 3987 §6.5), on UTF-8 bytes and without Foundation.
///
/// References are split with the generic syntax of RFC 3986 Appendix B; no other validation
/// is done, so a reference the parser cannot make sense of is kept as it is written.
package final class IRIBase: Sendable {
    /// The base IRI as written.
    let string: String
    let bytes: [UInt8]
    let parts: IRIParts
    /// The base without its fragment, for `rdf:ID` (`#name` resolved against the base).
    let withoutFragment: String

    package init(_ string: String) {
        self.string = string
        let bytes = Array(string.utf8)
        self.bytes = bytes
        let parts = IRIParts(bytes[...])
        self.parts = parts
        if let fragment = parts.fragment {
            // The fragment range starts after "#": drop it and the "#".
            withoutFragment = String(decoding: bytes[..<(fragment.lowerBound - 1)], as: UTF8.self)
        } else {
            withoutFragment = string
        }
    }

    /// The IRI for `rdf:ID="name"`: `#name` resolved against this base.
    func fragmentIRI(_ name: String) -> String {
        withoutFragment + "#" + name
    }

    /// `reference` resolved against this base.
    package func resolve(_ reference: UnsafeBufferPointer<UInt8>) -> String {
        IRIResolver.resolve(reference, against: self)
    }

    /// `reference` resolved against this base.
    package func resolve(_ reference: String) -> String {
        var reference = reference
        return reference.withUTF8 { IRIResolver.resolve($0, against: self) }
    }
}

/// The five components of RFC 3986 Appendix B, as index ranges into the bytes they were read
/// from: scheme (without ":"), authority (without "//"), path, query (without "?"), fragment
/// (without "#").
struct IRIParts: Sendable {
    var scheme: Range<Int>?
    var authority: Range<Int>?
    var path: Range<Int>
    var query: Range<Int>?
    var fragment: Range<Int>?

    package init<C: RandomAccessCollection>(_ bytes: C) where C.Element == UInt8, C.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        // Scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ":".
        scheme = nil
        if index < end, IRIParts.isAlpha(bytes[index]) {
            var cursor = index + 1
            while cursor < end, IRIParts.isSchemeByte(bytes[cursor]) { cursor += 1 }
            if cursor < end, bytes[cursor] == UInt8(ascii: ":") {
                scheme = index..<cursor
                index = cursor + 1
            }
        }
        authority = nil
        if end - index >= 2, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
            let start = index + 2
            var cursor = start
            while cursor < end {
                let byte = bytes[cursor]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                cursor += 1
            }
            authority = start..<cursor
            index = cursor
        }
        var cursor = index
        while cursor < end, bytes[cursor] != UInt8(ascii: "?"), bytes[cursor] != UInt8(ascii: "#") { cursor += 1 }
        path = index..<cursor
        index = cursor
        query = nil
        if index < end, bytes[index] == UInt8(ascii: "?") {
            var cursor = index + 1
            while cursor < end, bytes[cursor] != UInt8(ascii: "#") { cursor += 1 }
            query = (index + 1)..<cursor
            index = cursor
        }
        fragment = nil
        if index < end, bytes[index] == UInt8(ascii: "#") {
            fragment = (index + 1)..<end
        }
    }

    @inline(__always) static func isAlpha(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always) static func isSchemeByte(_ byte: UInt8) -> Bool {
        isAlpha(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}

enum IRIResolver {
    /// Resolves `reference` against `base` (RFC 3986 §5.2.2, strict). Without a base, a
    /// relative reference is returned as written.
    package static func resolve(_ reference: UnsafeBufferPointer<UInt8>, against base: IRIBase?) -> String {
        if isPlainAbsolute(reference) { return String(decoding: reference, as: UTF8.self) }
        let parts = IRIParts(reference)
        if parts.scheme != nil {
            // An absolute IRI: only dot segments in its path can change it.
            if !mayHaveDotSegments(reference, path: parts.path) {
                return String(decoding: reference, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(reference.count)
            out.append(contentsOf: reference[..<parts.path.lowerBound])
            appendWithoutDotSegments(reference[parts.path], to: &out)
            out.append(contentsOf: reference[parts.path.upperBound...])
            return String(decoding: out, as: UTF8.self)
        }
        guard let base else { return String(decoding: reference, as: UTF8.self) }
        let b = base.parts
        let bb = base.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bb.count + reference.count)
        if let scheme = b.scheme {
            out.append(contentsOf: bb[scheme])
            out.append(UInt8(ascii: ":"))
        }
        if let authority = parts.authority {
            out.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "/")])
            out.append(contentsOf: reference[authority])
            appendWithoutDotSegments(reference[parts.path], to: &out)
            appendQuery(parts.query.map { reference[$0] }, to: &out)
        } else {
            if let authority = b.authority {
                out.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: "/")])
                out.append(contentsOf: bb[authority])
            }
            if parts.path.isEmpty {
                out.append(contentsOf: bb[b.path])
                if let query = parts.query {
                    appendQuery(reference[query], to: &out)
                } else {
                    appendQuery(b.query.map { bb[$0][...] }, to: &out)
                }
            } else if reference[parts.path.lowerBound] == UInt8(ascii: "/") {
                appendWithoutDotSegments(reference[parts.path], to: &out)
                appendQuery(parts.query.map { reference[$0] }, to: &out)
            } else {
                // Merge (§5.2.3): the base path up to its last "/", then the reference path.
                var merged: [UInt8] = []
                merged.reserveCapacity(b.path.count + parts.path.count + 1)
                if b.authority != nil && b.path.isEmpty {
                    merged.append(UInt8(ascii: "/"))
                } else if let slash = bb[b.path].lastIndex(of: UInt8(ascii: "/")) {
                    merged.append(contentsOf: bb[b.path.lowerBound...slash])
                }
                merged.append(contentsOf: reference[parts.path])
                merged.withUnsafeBufferPointer { appendWithoutDotSegments($0[...], to: &out) }
                appendQuery(parts.query.map { reference[$0] }, to: &out)
            }
        }
        if let fragment = parts.fragment {
            out.append(UInt8(ascii: "#"))
            out.append(contentsOf: reference[fragment])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendQuery<C: Collection>(_ query: C?, to out: inout [UInt8]) where C.Element == UInt8 {
        guard let query else { return }
        out.append(UInt8(ascii: "?"))
        out.append(contentsOf: query)
    }

    /// Whether `bytes` starts with a scheme and holds no "/." anywhere, so that resolution
    /// leaves it as it is (the common case, checked in one pass).
    @inline(__always) private static func isPlainAbsolute(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, IRIParts.isAlpha(first) else { return false }
        var index = 1
        while index < bytes.count, IRIParts.isSchemeByte(bytes[index]) { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        index += 1
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") { return false }
        // Look for "/." by jumping from one "." to the next with memchr (IRIs hold few dots).
        guard let base = bytes.baseAddress else { return true }
        let start = UnsafeRawPointer(base)
        var position = index + 1
        while position < bytes.count {
            guard let found = memchr(start + position, Int32(UInt8(ascii: ".")), bytes.count - position) else {
                return true
            }
            let dot = start.distance(to: UnsafeRawPointer(found))
            if bytes[dot - 1] == UInt8(ascii: "/") { return false }
            position = dot + 1
        }
        return true
    }

    /// Whether the path could contain a "." or ".." segment (a cheap, conservative test).
    private static func mayHaveDotSegments(_ bytes: UnsafeBufferPointer<UInt8>, path: Range<Int>) -> Bool {
        guard !path.isEmpty else { return false }
        if bytes[path.lowerBound] == UInt8(ascii: ".") { return true }
        var index = path.lowerBound
        let last = path.upperBound - 1
        while index < last {
            if bytes[index] == UInt8(ascii: "/") && bytes[index + 1] == UInt8(ascii: ".") { return true }
            index += 1
        }
        return false
    }

    /// RFC 3986 §5.2.4 `remove_dot_segments`, appending the result to `out`.
    static func appendWithoutDotSegments<C: RandomAccessCollection>(_ path: C, to out: inout [UInt8])
    where C.Element == UInt8, C.Index == Int {
        let start = out.count
        var input = Array(path)
        var index = 0
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        func removeLastSegment() {
            while out.count > start {
                if out.removeLast() == slash { break }
            }
        }
        while index < input.count {
            let remaining = input.count - index
            let c0 = input[index]
            let c1: UInt8? = remaining > 1 ? input[index + 1] : nil
            let c2: UInt8? = remaining > 2 ? input[index + 2] : nil
            let c3: UInt8? = remaining > 3 ? input[index + 3] : nil
            if c0 == dot && c1 == dot && c2 == slash {  // A: "../"
                index += 3
            } else if c0 == dot && c1 == slash {  // A: "./"
                index += 2
            } else if c0 == slash && c1 == dot && c2 == slash {  // B: "/./" -> "/"
                index += 2
            } else if c0 == slash && c1 == dot && remaining == 2 {  // B: "/." at the end -> "/"
                index += 1
                input[index] = slash
            } else if c0 == slash && c1 == dot && c2 == dot && c3 == slash {  // C: "/../" -> "/"
                index += 3
                removeLastSegment()
            } else if c0 == slash && c1 == dot && c2 == dot && remaining == 3 {  // C: "/.." at the end
                index += 2
                input[index] = slash
                removeLastSegment()
            } else if (c0 == dot && remaining == 1) || (c0 == dot && c1 == dot && remaining == 2) {  // D
                index = input.count
            } else {  // E: move the first segment, with its leading "/" if any
                out.append(c0)
                index += 1
                while index < input.count && input[index] != slash {
                    out.append(input[index])
                    index += 1
                }
            }
        }
    }
}

/// XML 1.0 (fifth edition) names, for checking `rdf:ID` and `rdf:nodeID` values.
enum XMLName {
    /// Whether `value` is an NCName: a Name without ":".
    static func isNCName(_ value: String) -> Bool {
        var first = true
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if v == 0x3A { return false }
            if first {
                if !isNameStart(v) { return false }
                first = false
            } else if !isNameChar(v) {
                return false
            }
        }
        return !first
    }

    static func isNameStart(_ v: UInt32) -> Bool {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0x5F, 0x3A: return true
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF, 0x200C...0x200D,
             0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
             0x10000...0xEFFFF:
            return true
        default: return false
        }
    }

    static func isNameChar(_ v: UInt32) -> Bool {
        if isNameStart(v) { return true }
        switch v {
        case 0x2D, 0x2E, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return false
        }
    }
}
