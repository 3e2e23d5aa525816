/// Why a JSON-LD document could not be expanded or turned into RDF.
///
/// `code` is the error code the W3C JSON-LD 1.1 API names (`protected term redefinition`,
/// `loading remote context failed`, …); `message` says what was wrong in the document.
package struct JSONLDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The JSON-LD 1.1 API error code, such as `invalid term definition`.
    package var code: String
    /// What is wrong, naming the term, keyword or URL at fault.
    package var message: String
    /// The context URL that is not available offline, for `loading remote context failed`.
    package var contextURL: String?

    /// Creates an error with a JSON-LD error `code` and a `message`.
    package init(code: String, message: String, contextURL: String? = nil) {
        self.code = code
        self.message = message
        self.contextURL = contextURL
    }

    /// A context URL that the library does not hold; Cairn never fetches one.
    package static func missingContext(_ url: String) -> JSONLDError {
        JSONLDError(code: "loading remote context failed",
                    message: "the JSON-LD context \(url) is not available offline (Cairn never fetches contexts; "
                        + "add it with --contexts)",
                    contextURL: url)
    }

    /// `code: message`.
    package var description: String { "\(code): \(message)" }
}
