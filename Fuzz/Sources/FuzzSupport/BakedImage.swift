import Cairn

/// What the PNG and SVG targets share: extract the baked badge, then read the whole file as an
/// Open Badges file (which extracts again and reads the credential it holds).
public func bakedImage(_ bytes: [UInt8], file: String) -> CInt {
    if let baked = try? BakedBadge.extract(from: bytes, file: file) {
        _ = baked.content.text
    }
    _ = try? OpenBadgesFile.read(bytes, file: file, documents: LocalDocuments())
    return 0
}
