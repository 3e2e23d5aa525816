import Cairn
import CairnStore
import CairnSyntax
import Foundation
import HTTPTypes
import Hummingbird

/// Role fit: a learner's best roles; the people closest to one role; the person-by-role matrix.
enum RoleEndpoints {
    static var all: [Endpoint] {
        [
            Endpoint(.get, "/v1/roles", .signedIn) { _, _, state in
                .json(CatalogListing.rolesJSON(state.roles.engine.roles.sorted { ($0.title.lowercased(), $0.id) < ($1.title.lowercased(), $1.id) }))
            },
            Endpoint(.get, "/v1/learners/{learner}/roles", .learner(or: .hr)) { request, context, state in
                let learner = try context.parameters.require("learner")
                let record = try state.record(learner)
                let only = try request.query("role").map { [try role($0, state: state).id] }.map(Set.init)
                let top = try count(request, "top", default: 5)
                return .json(state.roles.fitReport(for: record, asOf: try request.date("asOf", default: today()), only: only, top: top).json)
            },
            Endpoint(.get, "/v1/roles/matches", .roles(.hr)) { request, _, state in
                let profile = try role(try request.requiredQuery("role", example: "data-analyst"), state: state)
                let report = try matches(for: profile, asOf: try request.date("asOf", default: today()), top: try count(request, "top", default: 0),
                                         state: state)
                return try request.formatIsCSV() ? .text(report.csv, type: "text/csv; charset=utf-8") : .json(report.json)
            },
            Endpoint(.get, "/v1/roles/matrix.csv", .roles(.hr)) { request, _, state in
                var desk = state.roles
                let wanted = request.queryAll("role")
                if !wanted.isEmpty { desk.engine = desk.engine.restricted(to: try wanted.map { try role($0, state: state) }) }
                let date = try request.date("asOf", default: today())
                let chosen = desk
                let stream = CohortStream(header: RoleMatrixCSV.header(roles: chosen.engine.roles, naming: .titles)) { records in
                    chosen.matrixRows(for: records, asOf: date)
                }
                return try stream.response(state, type: "text/csv; charset=utf-8", filename: "role-matrix.csv")
            },
        ]
    }

    /// Everyone in the store ranked for one role.
    static func matches(for profile: RoleProfile, asOf date: CalendarDate, top: Int, state: ServerState) throws -> RoleMatchReport {
        var reader = try state.store.cohortReader()
        var fits: [(learner: String, fit: RoleFit)] = []
        while let records = try reader.next() {
            fits += records.compactMap { record in state.roles.fit(of: record, for: profile, asOf: date).map { (record.learner, $0) } }
        }
        var report = RoleMatchReport(role: profile, asOf: date, fits: fits, names: state.roles.names)
        if top > 0 { report.ranked = Array(report.ranked.prefix(top)) }
        return report
    }

    static func role(_ query: String, state: ServerState) throws -> RoleProfile {
        switch state.roles.role(query) {
        case .found(let role): return role
        case .ambiguous(let roles):
            throw APIError(.badRequest, "ambiguous_role", "\(quoted(query)) is the title of \(roles.count) roles; name one by id: "
                           + roles.map(\.id).joined(separator: ", "), at: "query.role")
        case .unknown(let hint):
            throw APIError(.notFound, "unknown_role", "no role \(quoted(query))" + hint, at: "query.role")
        }
    }

    static func count(_ request: Request, _ name: String, default fallback: Int) throws -> Int {
        guard let text = request.query(name) else { return fallback }
        guard let value = Int(text), (0...10_000).contains(value) else {
            throw APIError(.badRequest, "bad_parameter", "\(name) is a whole number from 0 to 10000; found \(quoted(text))", at: "query.\(name)")
        }
        return value
    }
}
