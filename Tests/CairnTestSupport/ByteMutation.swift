/// Damaged copies of a file for the fuzz-style tests: every reader must read a damaged file or
/// refuse it with a located error, never trap or hang. Seeds are fixed, so a failure reproduces.
public enum ByteMutation {
    /// One damaged copy of `bytes`: a few bytes replaced, removed or duplicated, or a cut.
    public static func damaged(_ bytes: [UInt8], seed: UInt64) -> [UInt8] {
        var random = SplitMix64(seed: seed &+ 0x1234_5678)
        var copy = bytes
        let alphabet = Array("<>/=\"'&;:#x \n!?-[]".utf8) + [0xC3, 0xA9, 0xFF, 0x00]
        for _ in 0..<(1 + random.below(4)) where !copy.isEmpty {
            let position = random.below(copy.count)
            switch random.below(4) {
            case 0: copy[position] = alphabet[random.below(alphabet.count)]
            case 1: copy.remove(at: position)
            case 2:
                let end = min(copy.count, position + 1 + random.below(40))
                copy.insert(contentsOf: copy[position..<end], at: position)
            default: copy = Array(copy[..<position])
            }
        }
        return copy
    }
}
