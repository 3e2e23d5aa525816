import Cairn

/// What the PNG and SVG targets share: extract the baked badge, then read the whole file as an
/// Open Badges file (which extracts again and reads the credential it holds); then bake a
/// credential into the image, which must either be refused or read back exactly.
public func bakedImage(_ bytes: [UInt8], file: String) -> CInt {
    if let baked = try? BakedBadge.extract(from: bytes, file: file) {
        _ = baked.content.text
    }
    _ = try? OpenBadgesFile.read(bytes, file: file, documents: LocalDocuments())
    let credential = #"{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"urn:uuid:1","name":"x ]]> y"}"#
    let baked: [UInt8]? = file.hasSuffix(".svg")
        ? try? BadgeBaker.bakeSVG(bytes, credential: credential, file: file)
        : try? BadgeBaker.bakePNG(bytes, credential: credential, file: file)
    if let baked {
        // A baked image that does not give back what was baked is a finding.
        guard let read = try? BakedBadge.extract(from: baked, file: file), read.content.text == credential else {
            fatalError("a baked image does not read back the credential baked into it")
        }
    }
    return 0
}
