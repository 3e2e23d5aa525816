import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// A learner's pages: every pathway with progress, renewals and uploads; one pathway's
/// requirement tree, what counted and why, and the cheapest plan with a what-if.
enum LearnerPages {
    static func overview(_ learner: String, notice: PageNotice?, request: Request, context: CairnRequestContext, state: ServerState,
                         status: HTTPResponse.Status = .ok) throws -> Response {
        let record = try state.record(learner)
        let date = try request.date("asOf", default: today())
        let found = try state.store.learner(learner)
        let names = state.workspace.badgeNames
        var pathways: [[String: Any]] = []
        for pathway in state.workspace.catalog.sortedPathways {
            let audit = try state.audit(pathway.id, for: learner, asOf: date)
            pathways.append(["pathway": pathway.id, "title": pathway.title, "learner": learner,
                             "percent": PageView.percent(audit.progress), "complete": audit.isComplete,
                             "credits": pathway.credits.map { "\($0.value) \($0.unit.name)" } ?? ""])
        }
        // Furthest along first: what a learner is closest to finishing leads.
        pathways.sort { ($0["percent"] as? Int ?? 0) > ($1["percent"] as? Int ?? 0) }
        let schedule = state.workspace.renewals(for: [record], asOf: date)
        let renewals: [[String: Any]] = schedule.items.map { item in
            var view = PageView.object(item.json)
            let status = item.json["status"]?.stringValue ?? ""
            let words = status.replacingOccurrences(of: "-", with: " ")
            view["statusText"] = words.prefix(1).uppercased() + words.dropFirst()
            view["hasExpiry"] = item.expires != nil
            return view
        }
        let earnings: [[String: Any]] = try state.store.earnings(of: learner).map { stored in
            ["badgeName": names[stored.earning.badgeClassID] ?? stored.earning.badgeClassID,
             "issued": stored.earning.issued.description,
             // The day it stops counting: its own expiry, else the badge class's validity from its issue.
             "expires": stored.earning.expiry(under: state.workspace.catalog.badgeClasses[stored.earning.badgeClassID])?.description ?? "never",
             "origin": stored.origin.rawValue, "verification": stored.verification ?? NSNull() as Any,
             "verificationClass": stored.verification == "proven" ? "proven" : "refused"]
        }
        let view: [String: Any] = [
            "learner": learner, "name": found?.name ?? NSNull() as Any, "asOf": date.description,
            "pathways": pathways, "renewals": renewals, "hasRenewals": !renewals.isEmpty,
            "feedURL": ReportEndpoints.feedPath(learner, state: state), "earnings": earnings,
            "notice": notice?.view ?? NSNull() as Any,
        ]
        return PageEndpoints.page(state, context, "learner", title: found?.name ?? learner, view: view,
                                  current: "/learner/\(learner)", status: status)
    }

    static func uploadNotice(_ outcome: JSONValue, file: String, state: ServerState) -> PageNotice {
        let earnings = outcome["earnings"]?.items ?? []
        guard !earnings.isEmpty else {
            return .bad("\(file) was read, but it holds no badge of this workspace's catalogue.")
        }
        let names = state.workspace.badgeNames
        let lines = earnings.map { earning -> String in
            let badge = earning["badge"]?.stringValue ?? ""
            let verification = earning["verification"]?.stringValue ?? "stated"
            return (names[badge] ?? badge) + (verification == "proven" ? ": verified, it counts" : ": not counted (\(verification))")
        }
        let allProven = earnings.allSatisfy { $0["counts"] == .bool(true) }
        let text = "Added from \(file): " + lines.joined(separator: "; ") + "."
        return allProven ? .good(text) : .bad(text)
    }

    static func pathway(_ request: Request, context: CairnRequestContext, state: ServerState) throws -> Response {
        let learner = try context.parameters.require("learner")
        let compiled = try state.pathway(try context.parameters.require("pathway"), at: "path.pathway")
        let id = compiled.pathway.id
        let date = try request.date("asOf", default: today())
        let audit = try state.audit(id, for: learner, asOf: date)
        let names = state.workspace.badgeNames
        let plan = try ReportEndpoints.plan(request, learner: learner, state: state, pathway: id)
        var view = PageView.object(audit.json)
        view["percent"] = PageView.percent(audit.progress)
        // The second figure, kept apart: what is complete once pending earnings are awarded.
        view["pendingText"] = audit.pending.map { $0.summary.prefix(1).uppercased() + $0.summary.dropFirst() } ?? NSNull() as Any
        // Each destination and milestone in a line of its own, so the way on is plain at a glance.
        let awardLines = audit.destinations.map { destination in
            "\(destination.title): " + (destination.isComplete ? "reached" : "\(PageView.percent(destination.progress))% of the requirements met")
        } + audit.milestones.map { milestone in
            let award = names[milestone.awards] ?? milestone.awards
            return "Milestone \(milestone.title)" + (award == milestone.title ? "" : " (\(award))") + ": " + (milestone.isMet ? "met" : "not met yet")
        }
        view["awardLines"] = awardLines
        view["hasAwardLines"] = !awardLines.isEmpty
        view["versionText"] = audit.versionReason.map { "Version \(audit.version ?? "(unnamed)") (\($0))." } ?? NSNull() as Any
        view["root"] = PageView.node(audit.json["root"] ?? .null, names: names)
        view["svg"] = PageView.inlineSVG(PathwayGraph(audit: audit, badgeNames: names, showStatus: true).svg)
        var planView = PageView.object(plan.json)
        let steps = plan.json["steps"]?.items ?? []
        planView["steps"] = steps.map { step -> [String: Any] in
            var view = PageView.object(step)
            let after = (step["after"]?.items ?? []).compactMap(\.stringValue)
            view["after"] = after.map { names[$0] ?? $0 }
            view["hasAfter"] = !after.isEmpty
            return view
        }
        planView["hasSteps"] = !steps.isEmpty
        let minimize = request.query("minimize") ?? "count"
        planView["optimalText"] = switch minimize {
        case "hours": "No plan takes fewer hours: proven."
        case "cost": "No plan costs less: proven."
        default: "No plan needs fewer badges: proven."
        }
        planView["stepCount"] = steps.count
        planView["hoursTotal"] = total(steps, "hours")
        planView["costTotal"] = total(steps, "cost") + (steps.first?["currency"]?.stringValue.map { " \($0)" } ?? "")
        view["plan"] = planView
        let assumed = Set(request.queryAll("assume"))
        // Offered: every badge of the pathway the learner does not hold in good standing, and
        // every badge the plan proposes (a lapsed one to renew, one to earn again in order).
        let classes = state.workspace.catalog.badgeClasses
        let standing = Set(try state.record(learner).badges.filter { $0.standing(on: date, under: classes[$0.badgeClassID]).counts }
            .map(\.badgeClassID))
        let proposed = Set(steps.compactMap { $0["badge"]?.stringValue })
        let offered = compiled.relevantClassIDs.subtracting(standing).union(proposed).union(assumed)
        view["whatIf"] = offered.sorted { (names[$0] ?? $0) < (names[$1] ?? $1) }.map { badge in
            ["badge": badge, "name": names[badge] ?? badge, "checked": assumed.contains(badge)] as [String: Any]
        }
        view["measures"] = [("count", "badges"), ("hours", "hours"), ("cost", "cost")].map { value, label in
            ["value": value, "label": label, "selected": value == minimize] as [String: Any]
        }
        view["learner"] = learner
        return PageEndpoints.page(state, context, "pathway", title: audit.pathwayTitle, view: view, current: "/learner/\(learner)")
    }

    /// The sum of a plan's steps' hours or cost, exactly; "—" when any step declares none.
    static func total(_ steps: [JSONValue], _ key: String) -> String {
        var sum = Rational.zero
        for step in steps {
            guard case .number(let value)? = step[key] else { return "—" }
            sum += value
        }
        return JSONValue.format(sum)
    }
}
