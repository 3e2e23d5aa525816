/// Role fit at scale: every role's skills indexed once, so that fitting a learner against all
/// roles costs in proportion to the learner's skills and the roles that ask for them, not to
/// learners × roles × skills.
///
/// Required skills get a dense index; for each, the engine keeps the requirements that ask for
/// it (its posting list, split into those that accept narrower skills and those that do not).
/// A learner's skill marks the requirements posted at its own index, and at the index of each
/// broader skill (by the framework's broader links) those that accept narrower ones.
public struct RoleFitEngine: Sendable {
    public let roles: [RoleProfile]

    struct Posting: Sendable {
        var role: Int32
        /// The requirement's number across all roles.
        var requirement: Int32
    }

    private let skillIndex: [String: Int]
    private let exactPostings: [[Posting]]
    private let narrowerPostings: [[Posting]]
    /// Per requirement number: its role, essential flag, weight and minimum level.
    private let requirementRole: [Int32]
    private let requirementEssential: [Bool]
    private let requirementWeight: [Double]
    private let requirementLevel: [Int?]
    /// The number of each role's first requirement (requirements are numbered role by role).
    private let roleBases: [Int]
    private let totalEssential: [Double]
    private let totalOptional: [Double]
    /// Broader skills per framework and code, from the catalog's frameworks.
    private let broader: [String: [String: [String]]]

    /// The same engine over only `roles` (the frameworks' broader links kept).
    public func restricted(to roles: [RoleProfile]) -> RoleFitEngine {
        RoleFitEngine(roles: roles, broader: broader)
    }

    public init(roles: [RoleProfile], frameworks: [Framework]) {
        var broader: [String: [String: [String]]] = [:]
        for framework in frameworks {
            var links: [String: [String]] = [:]
            for (code, skill) in framework.skills where !skill.broader.isEmpty { links[code] = skill.broader }
            broader[framework.id.lowercased(), default: [:]].merge(links) { $0 + $1 }
        }
        self.init(roles: roles, broader: broader)
    }

    private init(roles: [RoleProfile], broader: [String: [String: [String]]]) {
        self.roles = roles
        var index: [String: Int] = [:]
        var exact: [[Posting]] = []
        var narrower: [[Posting]] = []
        var requirementRole: [Int32] = []
        var requirementEssential: [Bool] = []
        var requirementWeight: [Double] = []
        var requirementLevel: [Int?] = []
        var roleBases: [Int] = []
        var totalEssential = [Double](repeating: 0, count: roles.count)
        var totalOptional = [Double](repeating: 0, count: roles.count)
        for (roleNumber, role) in roles.enumerated() {
            roleBases.append(requirementRole.count)
            for required in role.skills {
                let key = RoleFitEngine.key(required.skill)
                let slot: Int
                if let existing = index[key] {
                    slot = existing
                } else {
                    slot = exact.count
                    index[key] = slot
                    exact.append([])
                    narrower.append([])
                }
                let posting = Posting(role: Int32(roleNumber), requirement: Int32(requirementRole.count))
                exact[slot].append(posting)
                if required.skill.includeNarrower { narrower[slot].append(posting) }
                requirementRole.append(Int32(roleNumber))
                requirementEssential.append(required.isEssential)
                requirementWeight.append(required.weight.doubleValue)
                requirementLevel.append(required.skill.level)
                if required.isEssential {
                    totalEssential[roleNumber] += required.weight.doubleValue
                } else {
                    totalOptional[roleNumber] += required.weight.doubleValue
                }
            }
        }
        skillIndex = index
        exactPostings = exact
        narrowerPostings = narrower
        self.requirementRole = requirementRole
        self.requirementEssential = requirementEssential
        self.requirementWeight = requirementWeight
        self.requirementLevel = requirementLevel
        self.roleBases = roleBases
        self.totalEssential = totalEssential
        self.totalOptional = totalOptional
        self.broader = broader
    }

    static func key(_ skill: SkillReference) -> String { "\(skill.framework)|\(skill.code)" }

    /// Every broader skill of `skill`, at any depth.
    private func ancestors(of skill: SkillReference) -> [String] {
        guard let links = broader[skill.framework] else { return [] }
        var seen: Set<String> = []
        var frontier = links[skill.code] ?? []
        var found: [String] = []
        while let code = frontier.popLast() {
            guard seen.insert(code).inserted else { continue }
            found.append(code)
            frontier += links[code] ?? []
        }
        return found
    }

    /// Calls `body` with each requirement `skill` meets (by code, or as a narrower skill), and
    /// whether its level reaches the requirement's.
    private func forEachRequirement(coveredBy skill: SkillReference, _ body: (Int, Bool) -> Void) {
        func visit(_ postings: [Posting]) {
            for posting in postings {
                let requirement = Int(posting.requirement)
                let levelOK = requirementLevel[requirement].map { minimum in (skill.level ?? 0) >= minimum } ?? true
                body(requirement, levelOK)
            }
        }
        if let slot = skillIndex[RoleFitEngine.key(skill)] { visit(exactPostings[slot]) }
        for code in ancestors(of: skill) {
            if let slot = skillIndex["\(skill.framework)|\(code)"] { visit(narrowerPostings[slot]) }
        }
    }

    // MARK: One learner, explained

    /// The fit of one learner to every role (or those in `only`), best first: score, then
    /// essential coverage, then title and id, so ties are ordered the same way every time.
    public func fits(_ skills: LearnerSkills, only: Set<String>? = nil) -> [RoleFit] {
        var coveredBy: [Int: [String]] = [:]
        var shortOf: [Int: Int] = [:]
        for evidence in skills.valid {
            forEachRequirement(coveredBy: evidence.skill) { requirement, levelOK in
                if levelOK {
                    if !(coveredBy[requirement]?.contains(evidence.badge) ?? false) {
                        coveredBy[requirement, default: []].append(evidence.badge)
                    }
                } else {
                    shortOf[requirement] = max(shortOf[requirement] ?? 0, evidence.skill.level ?? 0)
                }
            }
        }
        var lapsedOnly: Set<Int> = []
        for evidence in skills.lapsed {
            forEachRequirement(coveredBy: evidence.skill) { requirement, levelOK in
                if levelOK, coveredBy[requirement] == nil { lapsedOnly.insert(requirement) }
            }
        }
        var fits: [RoleFit] = []
        for (number, role) in roles.enumerated() where only.map({ $0.contains(role.id) }) ?? true {
            fits.append(fit(role: number, coveredBy: coveredBy, shortOf: shortOf, lapsedOnly: lapsedOnly))
        }
        return fits.sorted(by: RoleFitEngine.ranking)
    }

    static func ranking(_ lhs: RoleFit, _ rhs: RoleFit) -> Bool {
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        if lhs.essentialCoverage != rhs.essentialCoverage { return lhs.essentialCoverage > rhs.essentialCoverage }
        return (lhs.title, lhs.role) < (rhs.title, rhs.role)
    }

    private func fit(role number: Int, coveredBy: [Int: [String]], shortOf: [Int: Int], lapsedOnly: Set<Int>) -> RoleFit {
        let role = roles[number]
        var covered: [RoleFit.CoveredSkill] = []
        var missing: [RoleSkill] = []
        var lapsed: [RoleSkill] = []
        var shortfalls: [RoleFit.LevelShortfall] = []
        var essentialWeight = Rational.zero, optionalWeight = Rational.zero
        var essentialTotal = Rational.zero, optionalTotal = Rational.zero
        let base = roleBases[number]
        for (position, skill) in role.skills.enumerated() {
            let requirement = base + position
            if skill.isEssential { essentialTotal += skill.weight } else { optionalTotal += skill.weight }
            if let badges = coveredBy[requirement] {
                covered.append(RoleFit.CoveredSkill(skill: skill, badges: badges.sorted()))
                if skill.isEssential { essentialWeight += skill.weight } else { optionalWeight += skill.weight }
            } else if let held = shortOf[requirement] {
                shortfalls.append(RoleFit.LevelShortfall(skill: skill, heldLevel: held))
            } else if lapsedOnly.contains(requirement) {
                lapsed.append(skill)
            } else {
                missing.append(skill)
            }
        }
        let essential = essentialTotal > .zero ? essentialWeight / essentialTotal : nil
        let optional = optionalTotal > .zero ? optionalWeight / optionalTotal : nil
        return RoleFit(role: role.id, title: role.title, score: RoleFit.score(essential: essential, optional: optional),
                       essentialCoverage: essential ?? .zero, optionalCoverage: optional ?? .zero, covered: covered,
                       missing: missing.filter(\.isEssential) + missing.filter { !$0.isEssential },
                       lapsed: lapsed, levelShortfalls: shortfalls)
    }
}

extension RoleFitEngine {
    /// Working memory for scoring one learner after another without allocating: a stamp per
    /// requirement (so each counts once per learner) and covered weights per role.
    public struct Scratch: Sendable {
        var stamp: [Int32]
        var current: Int32 = 0
        var essential: [Double]
        var optional: [Double]
        var touched: [Int32] = []

        public init(for engine: RoleFitEngine) {
            stamp = [Int32](repeating: 0, count: engine.requirementCount)
            essential = [Double](repeating: 0, count: engine.roles.count)
            optional = [Double](repeating: 0, count: engine.roles.count)
        }
    }

    var requirementCount: Int { requirementRole.count }

    /// Every role's score for one learner, in role order (the same rule as ``RoleFit/score``,
    /// in floating point: this is for ranking and matrices; ``fits(_:only:)`` is exact).
    public func scores(_ skills: LearnerSkills, scratch: inout Scratch) -> [Float] {
        scratch.current &+= 1
        let stamp = scratch.current
        for role in scratch.touched {
            scratch.essential[Int(role)] = 0
            scratch.optional[Int(role)] = 0
        }
        scratch.touched.removeAll(keepingCapacity: true)
        for evidence in skills.valid {
            forEachRequirement(coveredBy: evidence.skill) { requirement, levelOK in
                guard levelOK, scratch.stamp[requirement] != stamp else { return }
                scratch.stamp[requirement] = stamp
                let role = requirementRole[requirement]
                if scratch.essential[Int(role)] == 0 && scratch.optional[Int(role)] == 0 { scratch.touched.append(role) }
                if requirementEssential[requirement] {
                    scratch.essential[Int(role)] += requirementWeight[requirement]
                } else {
                    scratch.optional[Int(role)] += requirementWeight[requirement]
                }
            }
        }
        var row = [Float](repeating: 0, count: roles.count)
        for role in scratch.touched {
            let index = Int(role)
            let essential = totalEssential[index] > 0 ? scratch.essential[index] / totalEssential[index] : nil
            let optional = totalOptional[index] > 0 ? scratch.optional[index] / totalOptional[index] : nil
            switch (essential, optional) {
            case let (essential?, optional?): row[index] = Float((3 * essential + optional) / 4)
            case let (essential?, nil): row[index] = Float(essential)
            case let (nil, optional?): row[index] = Float(optional)
            case (nil, nil): row[index] = 0
            }
        }
        return row
    }

    /// The learner × role score matrix, computed `chunkSize` learners at a time over
    /// `concurrency` tasks; `rows` receives each chunk's rows in learner order, so memory holds
    /// one chunk, never the whole matrix.
    public func scoreMatrix(_ learners: [LearnerSkills], chunkSize: Int = 512, concurrency: Int,
                            rows: (_ first: Int, _ chunk: [[Float]]) throws -> Void) async rethrows {
        var start = 0
        while start < learners.count {
            let end = min(learners.count, start + chunkSize)
            let chunk = Array(learners[start..<end])
            let workers = max(1, min(concurrency, chunk.count))
            let share = (chunk.count + workers - 1) / workers
            let computed = await withTaskGroup(of: (Int, [[Float]]).self) { group in
                for worker in 0..<workers {
                    let range = (worker * share)..<min(chunk.count, (worker + 1) * share)
                    guard !range.isEmpty else { continue }
                    group.addTask {
                        var scratch = Scratch(for: self)
                        return (worker, range.map { scores(chunk[$0], scratch: &scratch) })
                    }
                }
                var parts: [(Int, [[Float]])] = []
                for await part in group { parts.append(part) }
                return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
            }
            try rows(start, computed)
            start = end
        }
    }

    /// The matrix rows of `learners` (one score per role, in ``roles`` order), computed on the
    /// calling task: for callers that spread chunks over cores themselves.
    public func scoreRows(_ learners: [LearnerSkills]) -> [[Float]] {
        var scratch = Scratch(for: self)
        return learners.map { scores($0, scratch: &scratch) }
    }
}
