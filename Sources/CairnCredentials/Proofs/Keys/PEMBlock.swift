import CairnCore
import CairnSyntax

/// One `-----BEGIN LABEL----- … -----END LABEL-----` block and its decoded body.
struct PEMBlock {
    var label: String
    var der: [UInt8]

    /// The longest PEM text read (1 MiB): keys are a few kilobytes.
    static let maximumLength = 1 << 20

    init(_ text: String, file: String) throws(FormatError) {
        func failure(_ message: String) -> FormatError {
            FormatError(location: SourceLocation(file: file), message: message)
        }
        guard text.utf8.count <= Self.maximumLength else {
            throw failure("the PEM text is over 1 MiB; a public key is a few kilobytes")
        }
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { CompactJWS.trimmingWhitespace(String($0)) }
        guard let beginIndex = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            throw failure("no \"-----BEGIN PUBLIC KEY-----\" line: the text is not PEM")
        }
        let beginLine = lines[beginIndex]
        guard beginLine.count >= 16 else { throw failure("the PEM BEGIN line has no label") }
        let label = String(beginLine.dropFirst(11).dropLast(5))
        let endLine = "-----END \(label)-----"
        guard let endIndex = lines[(beginIndex + 1)...].firstIndex(of: endLine) else {
            throw failure("the PEM block \(label) has no \"\(endLine)\" line")
        }
        // RFC 7468 allows headers (`Proc-Type: …`) only in legacy encrypted blocks; refuse them.
        let body = lines[(beginIndex + 1)..<endIndex]
        if body.contains(where: { $0.contains(":") }) {
            throw failure("the PEM block \(label) has header lines (encrypted?); expected a plain public key")
        }
        do {
            der = try Base64URL.decodeStandard(body.joined())
        } catch {
            throw failure("the body of the PEM block \(label) is not base64: \(error)")
        }
        guard !der.isEmpty else { throw failure("the PEM block \(label) is empty") }
        self.label = label
    }
}
