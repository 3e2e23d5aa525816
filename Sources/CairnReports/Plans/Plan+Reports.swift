public import CairnCore
public import CairnSyntax
import Foundation

extension Plan {
    /// The JSON contract the README gives for `--format json`: `{"pathway", "learner", "minimize", "complete", "optimal",
    /// "total", "steps": [{"badge", "hours", "cost"}]}` (steps in an order that respects
    /// `earnedAfter`), plus the title, as-of date, progress now, what each step fills and must
    /// follow, the held badges not relied on, and — without a plan — what nothing can fill.
    public var json: JSONValue {
        .object([
            ("pathway", .string(pathway)),
            ("title", .string(pathwayTitle)),
            ("learner", .string(learner)),
            ("asOf", .string(asOf.description)),
            ("minimize", .string(measure.rawValue)),
            ("complete", .bool(isComplete)),
            ("optimal", .bool(isOptimal)),
            ("branches", .number(Rational(branches))),
            ("total", .number(total)),
            ("currency", currency.map(JSONValue.string) ?? .null),
            ("progress", .number(progress)),
            ("steps", .array(steps.map { step in
                .object([
                    ("badge", .string(step.badge)), ("name", .string(step.name)),
                    ("hours", step.hours.map(JSONValue.number) ?? .null),
                    ("cost", step.cost.map { .number($0.amount) } ?? .null),
                    ("currency", step.cost.map { .string($0.currency) } ?? .null),
                    ("fills", .array(step.fills.map(JSONValue.string))),
                    ("after", .array(step.after.map(JSONValue.string))),
                ])
            })),
            ("reliesUntil", .string(reliesUntil.description)),
            ("notReliedOn", .array(notReliedOn.map(JSONValue.string))),
            ("unfillable", .array(unfillable.map(JSONValue.string))),
            ("notes", .array(notes.map(JSONValue.string))),
        ] + targetJSON)
    }

    /// `target: {kind, id, title, awards, chosen}` for a plan toward a destination or milestone.
    private var targetJSON: [(String, JSONValue)] {
        guard let target else { return [] }
        return [("target", .object([
            ("kind", .string(target.kind.rawValue)),
            ("id", .string(target.id)),
            ("title", .string(target.title)),
            ("awards", target.awards.map(JSONValue.string) ?? .null),
            ("chosen", .string(target.chosen)),
        ]))]
    }

    /// The plan a learner reads: what to earn, in order, and what it costs.
    public var text: String {
        var out = ["\(pathwayTitle) (\(pathway)) for \(learner), as of \(asOf)",
                   "progress now \(PercentText.of(progress)); minimising \(measure.rawValue); "
                       + (reliesUntil > asOf ? "relying only on badges still valid on \(reliesUntil)"
                                             : "relying on the badges valid on \(asOf) (--by DATE plans further ahead)"), ""]
        if let target {
            out.insert("toward the \(target.kind.rawValue) \(target.title) (\(target.id))"
                       + (target.awards.map { ", which awards \($0)" } ?? "") + " — \(target.chosen)", at: 1)
        }
        if !isComplete {
            out.append("No plan completes it:")
            out += unfillable.map { "  - \($0)" }
        } else if steps.isEmpty {
            out.append("Already complete with the badges held" + (notReliedOn.isEmpty ? "." : " (and not relying on any that lapse before \(reliesUntil))."))
        } else {
            out.append("Earn, in this order:")
            for (index, step) in steps.enumerated() {
                var line = "  \(index + 1). \(step.name) [\(step.badge)]"
                var facts: [String] = []
                if let hours = step.hours { facts.append("\(hours) h") }
                if let cost = step.cost { facts.append(cost.description) }
                if !facts.isEmpty { line += " — " + facts.joined(separator: ", ") }
                line += " → " + step.fills.joined(separator: "; ")
                if !step.after.isEmpty { line += " (after \(step.after.joined(separator: ", ")))" }
                out.append(line)
            }
            let unit = switch measure {
            case .count: "badge\(total == .one ? "" : "s")"
            case .hours: "hours"
            case .cost: currency ?? ""
            }
            out.append("")
            out.append("Total: \(total) \(unit)" + (isOptimal ? " — the least possible" : " — the best found; the search stopped at its limit"))
        }
        if !notReliedOn.isEmpty {
            out.append("Not relied on (they lapse before \(reliesUntil)): " + notReliedOn.joined(separator: ", "))
        }
        out += notes.map { "Note: \($0)" }
        return out.joined(separator: "\n") + "\n"
    }
}

/// `cairn plan --all`: every pathway ranked by what finishing it would take.
public struct PlanRanking: Sendable {
    public var plans: [Plan]

    /// Completable pathways first, cheapest remaining first, then by progress and title.
    public init(plans: [Plan]) {
        self.plans = plans.sorted { lhs, rhs in
            if lhs.isComplete != rhs.isComplete { return lhs.isComplete }
            if lhs.total != rhs.total { return lhs.total < rhs.total }
            if lhs.progress != rhs.progress { return lhs.progress > rhs.progress }
            return lhs.pathwayTitle < rhs.pathwayTitle
        }
    }

    public var json: JSONValue {
        .object([("learner", .string(plans.first?.learner ?? "")), ("plans", .array(plans.map(\.json)))])
    }

    public var text: String {
        guard let first = plans.first else { return "No pathways.\n" }
        var out = ["Pathways for \(first.learner), as of \(first.asOf), by what is left to earn (\(first.measure.rawValue))", ""]
        let width = max(8, plans.map(\.pathwayTitle.count).max() ?? 0)
        let progressWidth = max(8, plans.map { PercentText.of($0.progress).count }.max() ?? 0)
        out.append("Pathway".padding(toLength: width + 2, withPad: " ", startingAt: 0)
                   + "Progress".padding(toLength: progressWidth + 2, withPad: " ", startingAt: 0) + "Left")
        for plan in plans {
            let left = !plan.isComplete ? "cannot be completed from the catalogues"
                : plan.steps.isEmpty ? "complete"
                : "\(plan.total): \(plan.steps.map(\.name).joined(separator: ", "))"
            out.append(plan.pathwayTitle.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                       + PercentText.of(plan.progress).padding(toLength: progressWidth + 2, withPad: " ", startingAt: 0) + left)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
