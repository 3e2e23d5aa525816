import CairnStore
import Foundation
import HTTPTypes
import Hummingbird

/// What operators and clients need beside the API: health, metrics and the OpenAPI document.
enum ServiceEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/healthz", .everyone) { _, _, state in
                // Healthy means the store answers, not only that the process is up.
                _ = try state.store.learnerCount()
                return .text("{\"status\":\"ok\"}\n", type: "application/json; charset=utf-8")
            },
            Endpoint(.get, "/metrics", .everyone) { _, _, _ in
                .text(ServerMetrics.text(), type: "text/plain; version=0.0.4; charset=utf-8")
            },
            Endpoint(.get, "/v1/openapi.json", .everyone) { _, _, _ in
                .text(try OpenAPIDocument.text(), type: "application/json; charset=utf-8")
            },
        ]
    }
}

/// The OpenAPI 3.1 document of the JSON API, shipped with the server as a resource.
enum OpenAPIDocument {
    static func text() throws -> String {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
              let data = FileManager.default.contents(atPath: url.path) else {
            throw APIError(.internalServerError, "missing_resource", "the server was installed without its OpenAPI document")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
