/// Why a JSON-LD document could not be expanded or turned into RDF.
///
/// `code` is the error code the W3C JSON-LD 1.1 API names (`protected term redefinition`,
/// `loading remote context failed`, …); `message` says what was wrong in the document.
public struct JSONLDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON-LD 1.1 API error code, such as `invalid term definition`.
    public var code: String
    /// What is wrong, naming the term, keyword or URL at fault.
    public var message: String
    /// The context URL that is not available offline, for `loading remote context failed`.
    public var contextURL: String?

    /// Creates an error with a JSON-LD error `code` and a `message`.
    public init(code: String, message: String, contextURL: String? = nil) {
        self.code = code
        self.message = message
        self.contextURL = contextURL
    }

    /// A context URL that the library does not hold; Cairn never fetches one.
    public static func missingContext(_ url: String) -> JSONLDError {
        JSONLDError(code: "loading remote context failed",
                    message: "the JSON-LD context \(url) is not available offline (Cairn never fetches contexts; "
                        + "add it with --contexts)",
                    contextURL: url)
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }
}
