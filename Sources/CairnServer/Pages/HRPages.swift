import Cairn
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// HR's pages: people ranked for a role, and one person's fit with the badges that would close the gaps.
enum HRPages {
    static func ranking(_ request: Request, context: CairnRequestContext, state: ServerState) throws -> Response {
        let roles = state.roles.engine.roles.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }
        let date = try request.date("asOf", default: today())
        var view: [String: Any] = ["asOf": date.description, "report": NSNull()]
        let chosen = request.query("role")
        view["roles"] = roles.map { ["id": $0.id, "title": $0.title, "selected": $0.id == chosen] as [String: Any] }
        if let chosen {
            let profile = try RoleEndpoints.role(chosen, state: state)
            let report = try RoleEndpoints.matches(for: profile, asOf: date, top: 0, state: state)
            let param = profile.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            view["report"] = [
                "roleTitle": profile.title, "count": report.ranked.count,
                "ranked": report.ranked.enumerated().map { rank, entry in
                    ["rank": rank + 1, "learner": entry.learner, "roleParam": param,
                     "scorePercent": PageView.percent(entry.fit.score), "essentialPercent": PageView.percent(entry.fit.essentialCoverage),
                     "gaps": entry.fit.missingEssential.map { state.roles.names.name($0.skill) },
                     "hasGaps": !entry.fit.missingEssential.isEmpty] as [String: Any]
                },
            ] as [String: Any]
        }
        return PageEndpoints.page(state, context, "hr", title: "Role matching", view: view, current: "/hr")
    }

    static func fit(_ request: Request, context: CairnRequestContext, state: ServerState) throws -> Response {
        let learner = try context.parameters.require("learner")
        let record = try state.record(learner)
        let date = try request.date("asOf", default: today())
        let only = try request.query("role").map { Set([try RoleEndpoints.role($0, state: state).id]) }
        let report = state.roles.fitReport(for: record, asOf: date, only: only, top: only == nil ? 3 : 1)
        let names = state.workspace.badgeNames
        let roles: [[String: Any]] = report.fits.enumerated().map { index, fit in
            let listed = report.json["roles"]?.items ?? []
            let json = index < listed.count ? listed[index] : .null
            var view = PageView.object(json)
            // The badges that cover a skill by their names, as everywhere else on the pages.
            view["covered"] = (json["covered"]?.items ?? []).map { skill -> [String: Any] in
                var covered = PageView.object(skill)
                covered["badges"] = (skill["badges"]?.items ?? []).compactMap(\.stringValue).map { names[$0] ?? $0 }
                return covered
            }
            view["hasCovered"] = !(json["covered"]?.items ?? []).isEmpty
            view["index"] = index
            view["scorePercent"] = PageView.percent(fit.score)
            view["essentialPercent"] = PageView.percent(fit.essentialCoverage)
            view["optionalPercent"] = PageView.percent(fit.optionalCoverage)
            let gaps = fit.missingEssential.map { state.roles.names.name($0.skill) }
            view["gapNames"] = gaps
            view["hasGaps"] = !gaps.isEmpty
            let recommended = report.recommendations[fit.role]?.badges.map { names[$0.badge] ?? $0.badge } ?? []
            view["recommended"] = recommended
            view["hasRecommendations"] = !recommended.isEmpty
            return view
        }
        let view: [String: Any] = ["learner": learner, "roles": roles,
                                   "roleParam": request.query("role")?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""]
        return PageEndpoints.page(state, context, "fit", title: "\(learner): role fit", view: view, current: "/hr")
    }
}
