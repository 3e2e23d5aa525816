/// Text in a form body: names, values and filenames must be UTF-8, and when one is not, the
/// error says at which byte it stops being UTF-8.
enum FormText {
    /// `bytes` as text, or nil when they are not UTF-8.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        // ASCII, nearly every name and most values, is UTF-8 as it stands.
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The index (one of `bytes`' own) of the first byte that does not begin or continue a
    /// UTF-8 character, or `bytes.endIndex` when there is none.
    static func firstInvalidByte(in bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var index = bytes.startIndex
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): index += encoded.count
            case .error: return index
            case .emptyInput: return bytes.endIndex
            }
        }
    }
}
