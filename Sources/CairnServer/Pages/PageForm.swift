import CairnSyntax
import HTTPTypes
import Hummingbird

/// A form a page posted, read within the server's limits, with its CSRF token checked.
enum PageForm {
    /// The limits forms are read with: small fields, one credential file of up to the body limit.
    static func limits(maxFileBytes: Int) -> FormLimits {
        var limits = FormLimits()
        limits.maxFileBytes = maxFileBytes
        limits.maxFiles = 1
        return limits
    }

    static func multipart(_ body: [UInt8], contentType: String, maxFileBytes: Int = 8 << 20) throws -> FormFields {
        do {
            return try FormFields.parse(multipart: body, contentType: contentType, limits: limits(maxFileBytes: maxFileBytes))
        } catch {
            throw APIError(error.isTooLarge ? .contentTooLarge : .badRequest, "bad_form", error.description, at: "body")
        }
    }

    static func urlEncoded(_ body: [UInt8]) throws -> FormFields {
        do {
            return try FormFields.parse(urlEncoded: body, limits: limits(maxFileBytes: 0))
        } catch {
            throw APIError(error.isTooLarge ? .contentTooLarge : .badRequest, "bad_form", error.description, at: "body")
        }
    }

    /// The posted form (url-encoded or multipart) after checking that it came from one of
    /// Cairn's own pages in this session: a form without the session's CSRF token is refused.
    static func read(_ request: Request, context: CairnRequestContext, state: ServerState) async throws -> FormFields {
        let body = try await request.bodyBytes(context)
        let contentType = request.headers[.contentType] ?? ""
        let form: FormFields
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            form = try multipart(body, contentType: contentType, maxFileBytes: context.maxUploadSize)
        } else {
            form = try urlEncoded(body)
        }
        try checkCSRF(form["csrf"], context: context, state: state)
        return form
    }

    static func checkCSRF(_ given: String?, context: CairnRequestContext, state: ServerState) throws {
        // A bearer-token client is not exposed to CSRF: browsers never send the header by themselves.
        guard context.identity?.viaSession == true else { return }
        guard let cookie = context.sessionCookie, let given,
              given == SessionCookie.csrfToken(forCookie: cookie, key: state.sessionKey) else {
            throw APIError(.forbidden, "csrf", "the form did not come from this session's page; reload the page and try again", at: "body.csrf")
        }
    }
}
