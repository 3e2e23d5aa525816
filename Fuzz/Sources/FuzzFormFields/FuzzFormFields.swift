import Cairn
import FuzzSupport

/// HTML form bodies, as a server gets them from strangers. The first byte picks the parser (bit 0:
/// multipart with the fixed boundary `fuzz`, else URL-encoded) and the limits (bit 1: small ones,
/// so that every limit is reached, else the defaults); the rest is the body. Whatever it holds, a
/// parse keeps within the limits and sanitises filenames, and an error points inside the body.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormFields(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let selector = input.bytes.first else { return 0 }
    let body = Array(input.bytes.dropFirst())
    let limits = selector & 2 == 0
        ? FormLimits()
        : FormLimits(maxFields: 4, maxFieldBytes: 64, maxFileBytes: 256, maxFiles: 2, maxHeaderBytes: 128, maxNameBytes: 16)
    do throws(FormError) {
        let form = selector & 1 == 0
            ? try FormFields.parse(multipart: body, contentType: "multipart/form-data; boundary=fuzz", limits: limits)
            : try FormFields.parse(urlEncoded: body, limits: limits)
        require(form.fields.count <= limits.maxFields && form.files.count <= limits.maxFiles,
                "\(form.fields.count) fields and \(form.files.count) files passed the limits")
        for (name, value) in form.fields {
            require(name.utf8.count <= limits.maxNameBytes && value.utf8.count <= limits.maxFieldBytes,
                    "a field of \(name.utf8.count) + \(value.utf8.count) bytes passed the limits")
        }
        for file in form.files {
            require(file.bytes.count <= limits.maxFileBytes, "a file of \(file.bytes.count) bytes passed the limit")
            require(file.filename.utf8.count <= 255 && !file.filename.unicodeScalars.contains { $0 == "/" || $0 == "\\" }
                        && file.filename != "..", "the filename \(file.filename.debugDescription) was not sanitised")
        }
    } catch {
        require((0...body.count).contains(error.offset), "offset \(error.offset) outside a body of \(body.count) bytes")
        _ = error.description
    }
    return 0
}

@_cdecl("FuzzFormFields_main")
public func fuzzFormFieldsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzFormFields)
}
