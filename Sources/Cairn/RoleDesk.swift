public import CairnCore
public import CairnReports
public import Foundation

/// What role questions need, loaded once: the workspace, its role profiles with the fit engine
/// over them, and skill names for reports. The CLI's `roles` commands and the server share it.
public struct RoleDesk: Sendable {
    public var workspace: Workspace
    public var engine: RoleFitEngine
    public var names: SkillNames

    /// Loads the role profiles of `workspace` (and the frameworks imported into `store`).
    public init(workspace: Workspace, store: StoreLocation?) throws(WorkspaceError) {
        self.workspace = workspace
        let (roles, frameworks) = try workspace.roleProfiles(store: store)
        engine = RoleFitEngine(roles: roles, frameworks: frameworks)
        names = SkillNames(frameworks: frameworks)
    }

    /// What a role query found.
    public enum Lookup: Sendable {
        case found(RoleProfile)
        /// Several roles have this title: name one by id.
        case ambiguous([RoleProfile])
        /// No role: `hint` names the closest titles or ids (may be empty).
        case unknown(hint: String)
    }

    /// The role `query` names: its id (an occupation URI or a profile id), the UUID that ends
    /// an occupation URI, or its exact title (ignoring case) when only one role has it.
    public func role(_ query: String) -> Lookup {
        let roles = engine.roles
        if let role = roles.first(where: { $0.id == query }) ?? roles.first(where: { $0.id.hasSuffix("/" + query) }) {
            return .found(role)
        }
        let titled = roles.filter { $0.title.lowercased() == query.lowercased() }
        if titled.count == 1, let role = titled.first { return .found(role) }
        if titled.count > 1 { return .ambiguous(titled) }
        return .unknown(hint: ClosestIDs.hint(for: query, among: roles.map(\.title) + roles.map(\.id)))
    }

    /// A learner's best roles (or only `only`), `top` of them, with the badges that would close
    /// each one's essential gaps.
    public func fitReport(for record: LearnerRecord, asOf date: CalendarDate, only: Set<String>? = nil, top: Int = 5) -> RoleFitReport {
        let catalog = workspace.catalog(for: record)
        let skills = LearnerSkills(record, catalog: catalog, asOf: date)
        let fits = Array(engine.fits(skills, only: only).prefix(max(top, 1)))
        let held = Set(record.badges.filter { badge in
            badge.standing(on: date, under: catalog.badgeClasses[badge.badgeClassID]).counts
        }.map(\.badgeClassID))
        var recommendations: [String: BadgeRecommendation] = [:]
        for fit in fits where !fit.missingEssential.isEmpty {
            recommendations[fit.role] = BadgeRecommendation(closing: fit, catalog: catalog, held: held)
        }
        return RoleFitReport(learner: record.learner, asOf: date, fits: fits, recommendations: recommendations,
                             names: names, badgeNames: workspace.badgeNames)
    }

    /// One learner's fit for one role (nil when the learner has nothing the engine can score).
    public func fit(of record: LearnerRecord, for role: RoleProfile, asOf date: CalendarDate) -> RoleFit? {
        let skills = LearnerSkills(record, catalog: workspace.catalog(for: record), asOf: date)
        return engine.fits(skills, only: [role.id]).first
    }

    /// One matrix row per learner: each role's fit score, in `engine.roles` order.
    public func matrixRows(for records: [LearnerRecord], asOf date: CalendarDate) -> String {
        let skills = records.map { LearnerSkills($0, catalog: workspace.catalog(for: $0), asOf: date) }
        var text = ""
        for (skill, row) in zip(skills, engine.scoreRows(skills)) {
            text += RoleMatrixCSV.row(learner: skill.learner, scores: row)
        }
        return text
    }
}
