import Cairn
import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The pages' Mustache templates, read once from the server's resources.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    init() throws {
        guard let folder = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources"),
              let css = Bundle.module.url(forResource: "cairn", withExtension: "css", subdirectory: "Resources/static") else {
            throw APIError(.internalServerError, "missing_resource", "the server was installed without its page templates")
        }
        var library = MustacheLibrary()
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        stylesheet = try String(contentsOf: css, encoding: .utf8)
    }

    /// A whole page: `template` rendered with `view`, inside the layout with the navigation
    /// `principal` may use.
    func page(_ template: String, title: String, view: [String: Any], principal: Principal?, csrf: String?, current: String = "") -> String {
        let content = library.render(view, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "content": content, "version": CairnVersion.current]
        if let principal {
            var links: [[String: Any]] = []
            func link(_ href: String, _ label: String) { links.append(["href": href, "label": label, "current": href == current]) }
            switch principal.role {
            case .admin:
                link("/", "Overview"); link("/registrar", "Registrar"); link("/hr", "HR")
            case .registrar: link("/registrar", "Cohort")
            case .hr: link("/hr", "Roles")
            case .learner: if let learner = principal.learner { link("/learner/\(learner)", "My pathways") }
            }
            layout["principal"] = ["links": links, "role": principal.role.rawValue, "learner": principal.learner ?? NSNull(),
                                   "csrf": csrf ?? ""] as [String: Any]
        } else {
            layout["principal"] = false
        }
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}

extension Response {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        .text(text, type: "text/html; charset=utf-8", status: status)
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}
