import Cairn
import HTTPTypes
import Hummingbird

/// Pathways and badge classes: what the workspace offers, readable by any signed-in role.
enum CatalogEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/pathways", .signedIn) { _, _, state in
                .json(CatalogListing.pathwaysJSON(state.workspace.catalog.sortedPathways))
            },
            Endpoint(.get, "/v1/pathways/{pathway}", .signedIn) { _, context, state in
                let compiled = try state.pathway(try context.parameters.require("pathway"), at: "path.pathway")
                return .json(CatalogListing.pathwayJSON(compiled.pathway, outline: state.workspace.outline(of: compiled)))
            },
            Endpoint(.get, "/v1/pathways/{pathway}/tree.svg", .signedIn) { request, context, state in
                let compiled = try state.pathway(try context.parameters.require("pathway"), at: "path.pathway")
                let graph: PathwayGraph
                if let learner = request.query("learner") {
                    // The learner named in the query is checked as a path's learner would be.
                    guard Access.learner(or: .staff).admits(context.identity, pathLearner: learner) else {
                        throw APIError(.forbidden, "forbidden", "a learner token sees only its own learner", at: "query.learner")
                    }
                    try state.learner(learner, at: "query.learner")
                    let audit = try state.audit(compiled.pathway.id, for: learner, asOf: try request.date("asOf", default: today()))
                    graph = PathwayGraph(audit: audit, badgeNames: state.workspace.badgeNames, showStatus: true)
                } else {
                    let outline = compiled.audit(LearnerRecord(learner: "", badges: []), asOf: CalendarDate(dayNumber: 0))
                    graph = PathwayGraph(audit: outline, badgeNames: state.workspace.badgeNames, showStatus: false)
                }
                return .text(graph.svg, type: "image/svg+xml; charset=utf-8")
            },
            Endpoint(.get, "/v1/badges", .signedIn) { _, _, state in
                .json(CatalogListing.badgesJSON(state.workspace.catalog.badgeClasses.values.sorted { $0.id < $1.id }))
            },
            Endpoint(.get, "/v1/badges/{badge}", .signedIn) { _, context, state in
                let id = try context.parameters.require("badge")
                guard let badge = state.workspace.catalog.badgeClass(forAchievement: id) else {
                    throw APIError(.notFound, "unknown_badge", "no badge class \(quoted(id))"
                                   + ClosestIDs.hint(for: id, among: state.workspace.catalog.badgeClasses.keys), at: "path.badge")
                }
                return .json(CatalogListing.badgeJSON(badge, usedBy: state.workspace.pathways(naming: badge.id)))
            },
        ]
    }
}
