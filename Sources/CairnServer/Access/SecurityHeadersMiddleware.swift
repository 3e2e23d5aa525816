import HTTPTypes
import Hummingbird

/// Headers every answer carries: no framing, no content sniffing, no referrer leaking a feed
/// key, and a content security policy that allows the pages' own styles and images only (the
/// pages use no script at all).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = CairnRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPField.Name("Referrer-Policy") { response.headers[name] = "no-referrer" }
        if let name = HTTPField.Name("X-Frame-Options") { response.headers[name] = "DENY" }
        if response.headers[.contentType]?.hasPrefix("text/html") == true {
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
