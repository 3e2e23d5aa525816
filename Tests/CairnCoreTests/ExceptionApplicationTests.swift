import CairnCore
import CairnTestSupport
import Testing

/// Registrar exceptions — waivers, substitutions, outside earnings and blocks — applied to a
/// catalog and record, then run through audits, plans and credit policies unchanged.
@Suite("Registrar exceptions")
struct ExceptionApplicationTests {
    static let asOf = Fixture.date("2026-12-01")
    static let catalog = Fixture.catalog([
        Fixture.badge("sql", tags: ["data"], credits: 5),
        Fixture.badge("python", tags: ["data"], credits: 5),
        Fixture.badge("stats", tags: ["data"], credits: 4),
        Fixture.badge("gov", credits: 3),
        Fixture.badge("ethics", credits: 2),
        Fixture.badge("law", tags: ["law"], credits: 2),
        Fixture.badge("viz", credits: 1),
    ], pathways: [
        Fixture.pathway("analyst", .all([
            Requirement.badge("sql").with(id: "sql-core"),
            Requirement.any([.badge("python"), .badge("stats")]).with(id: "programming"),
            Requirement.badge("gov").with(id: "governance"),
            .pathway("ethics"),
        ])),
        Fixture.pathway("ethics", .all([Requirement.badge("ethics").with(id: "ethics-core"),
                                        Requirement.tag("law").with(id: "law-part")])),
        Fixture.pathway("data", .all([Requirement.count(2, from: BadgeFilter(tags: ["data"])).with(id: "pair"),
                                      Requirement.credits(6, from: BadgeFilter(tags: ["data"])).with(id: "volume")])),
    ])
    /// Declared credits for every badge.
    static let policy = CreditPolicy(id: "credit", version: "1", unit: .ects,
                                     rules: [CreditRule(id: "all", match: BadgeFilter(), credits: .declared)])

    /// A learner holding every badge the analyst pathway names except those left out.
    static func record(without missing: Set<String> = [], adding extra: [String] = [], learner: String = "learner") -> LearnerRecord {
        let held = ["sql", "python", "gov", "ethics", "law"].filter { !missing.contains($0) } + extra
        return Fixture.learner(held.map { Fixture.earned($0, "2025-03-01") }, name: learner)
    }

    static func exception(_ id: Int, _ action: RegistrarException.Action, pathway: String? = "analyst",
                          learner: String = "learner", on day: String = "2026-11-02",
                          reason: String = "accredited prior learning") -> RegistrarException {
        RegistrarException(id: id, learner: learner, pathway: pathway, action: action, recordedBy: "j.ortiz",
                           recordedOn: Fixture.date(day), reason: reason)
    }

    static func apply(_ exceptions: [RegistrarException], to record: LearnerRecord,
                      pathway: String? = "analyst") -> ExceptionApplication {
        ExceptionApplication(exceptions, pathway: pathway, catalog: Self.catalog, record: record, asOf: Self.asOf)
    }

    /// The application's audit, annotated.
    static func audit(_ application: ExceptionApplication, pathway: String = "analyst") throws -> Audit {
        let compiled = try CompiledPathway(pathway: pathway, catalog: application.catalog)
        return application.annotate(compiled.audit(application.record, asOf: Self.asOf))
    }

    static func plan(_ application: ExceptionApplication, pathway: String = "analyst") throws -> Plan {
        try CompiledPathway(pathway: pathway, catalog: application.catalog)
            .plan(for: application.record, catalog: application.catalog, measure: .count, asOf: Self.asOf,
                  reliesUntil: Self.asOf)
    }

    static func node(_ audit: Audit, id: String) -> AuditNode? {
        var found: AuditNode?
        audit.root.forEachNode { node in if found == nil, node.id == id { found = node } }
        return found
    }

    static func node(_ audit: Audit, at path: [Int]) -> AuditNode? {
        var node = audit.root
        for position in path {
            guard position < node.children.count else { return nil }
            node = node.children[position]
        }
        return node
    }

    // MARK: Explanations

    @Test("each kind explains itself in one line: what, by whom, when and why",
          arguments: [
            (RegistrarException.Action.waive(requirement: "governance"),
             "requirement \"governance\" waived by j.ortiz on 2026-11-02: accredited prior learning"),
            (.substitute(badge: "viz", requirement: "governance"),
             "badge \"viz\" substituted for requirement \"governance\" by j.ortiz on 2026-11-02: accredited prior learning"),
            (.outsideEarning(OutsideEarning(title: "Data Governance", institution: "Open University",
                                            issued: Fixture.date("2025-06-01"), countsAs: "gov")),
             "outside earning \"Data Governance\" (Open University) counted as badge \"gov\" by j.ortiz on 2026-11-02: accredited prior learning"),
            (.outsideEarning(OutsideEarning(title: "Law 101", issued: Fixture.date("2025-06-01"))),
             "outside earning \"Law 101\" recorded by j.ortiz on 2026-11-02: accredited prior learning"),
            (.block(badge: "sql"), "badge \"sql\" blocked by j.ortiz on 2026-11-02: accredited prior learning"),
          ])
    func explanation(action: RegistrarException.Action, expected: String) {
        #expect(Self.exception(1, action).explanation == expected)
    }

    @Test("an exception recorded without a reason ends at the date")
    func explanationWithoutReason() {
        #expect(Self.exception(1, .block(badge: "sql"), reason: "").explanation == "badge \"sql\" blocked by j.ortiz on 2026-11-02")
    }

    // MARK: Waivers

    @Test("a waived requirement is met: the audit completes, the node reads as waived, the notes say why, the plan needs nothing")
    func waiveByID() throws {
        let record = Self.record(without: ["gov"])
        let waiver = Self.exception(1, .waive(requirement: "governance"))
        let before = try Self.audit(Self.apply([], to: record))
        #expect(!before.isComplete)
        #expect(before.progress == Rational(3, 4))
        #expect(try Self.plan(Self.apply([], to: record)).steps.map(\.badge) == ["gov"])

        let application = Self.apply([waiver], to: record)
        #expect(application.applied == [waiver])
        #expect(application.problems.isEmpty)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        #expect(audit.progress == .one)
        let waived = try #require(Self.node(audit, id: "governance"))
        #expect(waived.kind == "waived")
        #expect(waived.label == "GOV — waived")
        #expect(waived.isSatisfied && waived.progress == .one)
        #expect(audit.notes == ["requirement \"governance\" waived by j.ortiz on 2026-11-02: accredited prior learning"])
        let plan = try Self.plan(application)
        #expect(plan.isComplete && plan.steps.isEmpty && plan.progress == .one)
    }

    @Test("a requirement named by position (1-based, dotted) is waived where the catalogue puts it",
          arguments: [("2", [1], "Any one of — waived"), ("2.1", [1, 0], "PYTHON — waived"),
                      ("2.2", [1, 1], "STATS — waived")])
    func waiveByPosition(position: String, path: [Int], label: String) throws {
        let record = Self.record(without: ["python"])
        #expect(!(try Self.audit(Self.apply([], to: record)).isComplete))
        let application = Self.apply([Self.exception(1, .waive(requirement: position))], to: record)
        #expect(application.problems.isEmpty)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        let waived = try #require(Self.node(audit, at: path))
        #expect(waived.kind == "waived")
        #expect(waived.label == label)
        #expect(try Self.plan(application).steps.isEmpty)
    }

    @Test("a requirement only a nested pathway has is waived in that pathway's copy")
    func waiveInNestedPathway() throws {
        let record = Self.record(without: ["law"])
        let application = Self.apply([Self.exception(1, .waive(requirement: "law-part"))], to: record)
        #expect(application.catalog.pathways["analyst"] == Self.catalog.pathways["analyst"])
        let ethics = try #require(application.catalog.pathways["ethics"])
        #expect(ethics.requires.children[1] == Requirement(.all([]), id: "law-part", label: "A badge tagged law — waived"))
        #expect(Self.catalog.pathways["ethics"]?.requires.children[1].kind == .tag("law"))
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        #expect(Self.node(audit, id: "law-part")?.kind == "waived")
        #expect(try Self.plan(application).steps.isEmpty)
        // Auditing the nested pathway on its own with the same application sees the waiver too.
        #expect(try Self.audit(application, pathway: "ethics").isComplete)
    }

    @Test("an empty all is met with progress 1 in audits and plans, and counts as one part of its parent")
    func emptyAllIsMet() throws {
        let catalog = Fixture.catalog([Fixture.badge("a")], pathways: [
            Fixture.pathway("half", .all([.all([]), .badge("a")])),
            Fixture.pathway("none", .all([])),
        ])
        let nobody = Fixture.learner([])
        let half = try CompiledPathway(pathway: "half", catalog: catalog)
        let audit = half.audit(nobody, asOf: Self.asOf)
        #expect(audit.progress == Rational(1, 2))
        #expect(audit.root.children[0].isSatisfied && audit.root.children[0].progress == .one)
        #expect(try half.plan(for: nobody, catalog: catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
            .steps.map(\.badge) == ["a"])
        let none = try CompiledPathway(pathway: "none", catalog: catalog)
        #expect(none.audit(nobody, asOf: Self.asOf).isComplete)
        #expect(none.audit(nobody, asOf: Self.asOf).progress == .one)
        let plan = try none.plan(for: nobody, catalog: catalog, measure: .count, asOf: Self.asOf, reliesUntil: Self.asOf)
        #expect(plan.isComplete && plan.steps.isEmpty && plan.progress == .one)
    }

    // MARK: Substitutions

    @Test("a substitute badge counts for the requirement, which keeps its id and name")
    func substitute() throws {
        let record = Self.record(without: ["gov"], adding: ["viz"])
        let application = Self.apply([Self.exception(2, .substitute(badge: "viz", requirement: "governance"))], to: record)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        let node = try #require(Self.node(audit, id: "governance"))
        #expect(node.kind == "any")
        #expect(node.label == "GOV")
        #expect(node.children.map(\.label)
            == ["GOV", "VIZ (substituted by j.ortiz on 2026-11-02: accredited prior learning)"])
        #expect(node.children[1].assigned == [CountedBadge(badge: "viz", issued: Fixture.date("2025-03-01"))])
        #expect(audit.notes == ["badge \"viz\" substituted for requirement \"governance\" by j.ortiz on 2026-11-02: accredited prior learning"])
        let plan = try Self.plan(application)
        #expect(plan.isComplete && plan.steps.isEmpty)
        // Without the substitution the plan asks for the badge itself.
        #expect(try Self.plan(Self.apply([], to: record)).steps.map(\.badge) == ["gov"])
    }

    @Test("a substitution may stand in for a group or a nested pathway, not only a badge",
          arguments: [("programming", ["python"]), ("4", ["ethics", "law"])] as [(String, Set<String>)])
    func substituteForGroups(requirement: String, missing: Set<String>) throws {
        let record = Self.record(without: missing, adding: ["viz"])
        #expect(!(try Self.audit(Self.apply([], to: record)).isComplete))
        let application = Self.apply([Self.exception(3, .substitute(badge: "viz", requirement: requirement))], to: record)
        #expect(application.problems.isEmpty)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        let children = audit.root.children
        let substituted = try #require(children.first { $0.children.last?.label.hasPrefix("VIZ (substituted") ?? false })
        #expect(substituted.kind == "any")
        #expect(substituted.children.last?.assigned.map(\.badge) == ["viz"])
    }

    @Test("a substitution is pathway business: credit policies (no pathway) do not see it")
    func substitutionNeedsPathway() throws {
        let record = Self.record(without: ["gov"], adding: ["viz"])
        let application = Self.apply([Self.exception(2, .substitute(badge: "viz", requirement: "governance"))],
                                     to: record, pathway: nil)
        #expect(application.applied.isEmpty)
        #expect(application.catalog.pathways == Self.catalog.pathways)
    }

    @Test("positions are read in the pathway as written: a substitution does not move the part another exception names")
    func positionsIgnoreEarlierRewrites() throws {
        let record = Self.record(without: ["python"])
        let application = Self.apply([Self.exception(1, .substitute(badge: "viz", requirement: "2")),
                                      Self.exception(2, .waive(requirement: "2.1"))], to: record)
        #expect(application.problems.isEmpty)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        let programming = try #require(Self.node(audit, id: "programming"))
        #expect(programming.kind == "any")
        #expect(programming.children.first?.children.first?.kind == "waived")
        #expect(programming.children.first?.children.first?.label == "PYTHON — waived")
    }

    // MARK: Outside earnings

    @Test("an outside earning that counts as a catalogue class completes its requirement and earns the class's credits")
    func outsideEarningCountsAs() throws {
        let earning = OutsideEarning(title: "Data Governance", institution: "Open University",
                                     issued: Fixture.date("2025-06-01"), countsAs: "gov")
        let exception = Self.exception(4, .outsideEarning(earning), pathway: nil)
        let record = Self.record(without: ["gov"])
        let application = Self.apply([exception], to: record)
        #expect(application.record.badges.count == record.badges.count + 1)
        #expect(application.record.badges.last == EarnedBadge(badgeClassID: "gov", issued: Fixture.date("2025-06-01"),
                                                              evidence: ["outside: Data Governance, Open University"],
                                                              source: SourceLocation(file: "exception 4")))
        #expect(application.catalog.badgeClasses.count == Self.catalog.badgeClasses.count)
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        #expect(Self.node(audit, id: "governance")?.assigned == [CountedBadge(badge: "gov", issued: Fixture.date("2025-06-01"))])
        #expect(audit.notes == [exception.explanation])
        #expect(try Self.plan(application).steps.isEmpty)

        let credit = Self.apply([exception], to: record, pathway: nil)
        let transcript = try Self.policy.evaluate(credit.record, catalog: credit.catalog, asOf: Self.asOf)
        let line = try #require(transcript.lines.first { $0.subject.id == "gov" })
        #expect(line.counted && line.credits == Rational(3))
        #expect(transcript.total == Rational(5 + 5 + 3 + 2 + 2))
    }

    @Test("an outside earning of no catalogue class gets a class of its own, which tags, filters and credit rules see")
    func outsideEarningOfItsOwn() throws {
        let earning = OutsideEarning(title: "Law 101", institution: "Open University", issued: Fixture.date("2025-06-01"),
                                     credits: Credits(Rational(3), .ects), tags: ["law"])
        let exception = Self.exception(5, .outsideEarning(earning), pathway: nil)
        let record = Self.record(without: ["law"])
        #expect(try Self.plan(Self.apply([], to: record)).steps.map(\.badge) == ["law"])
        let application = Self.apply([exception], to: record)
        let made = try #require(application.catalog.badgeClasses["outside-5"])
        #expect(made.name == "Law 101")
        #expect(made.type == "outside")
        #expect(made.issuer.name == "Open University")
        #expect(made.tags == ["law"])
        #expect(made.credits == Credits(Rational(3), .ects))
        #expect(application.record.badges.last?.badgeClassID == "outside-5")
        let audit = try Self.audit(application)
        #expect(audit.isComplete)
        #expect(Self.node(audit, id: "law-part")?.assigned.map(\.badge) == ["outside-5"])
        #expect(try Self.plan(application).steps.isEmpty)

        let lawOnly = CreditPolicy(id: "law", version: "1", unit: .ects,
                                   rules: [CreditRule(id: "law", match: BadgeFilter(tags: ["law"]), credits: .declared)])
        let credit = Self.apply([exception], to: record, pathway: nil)
        let transcript = try lawOnly.evaluate(credit.record, catalog: credit.catalog, asOf: Self.asOf)
        let line = try #require(transcript.lines.first { $0.subject.id == "outside-5" })
        #expect(line.counted && line.credits == Rational(3) && line.subject.name == "Law 101")
        #expect(transcript.total == Rational(3))
    }

    @Test("an outside earning without an institution is issued by an outside institution")
    func outsideEarningWithoutInstitution() {
        let earning = OutsideEarning(title: "Law 101", issued: Fixture.date("2025-06-01"), tags: ["law"])
        let application = Self.apply([Self.exception(6, .outsideEarning(earning), pathway: nil)], to: Self.record())
        #expect(application.catalog.badgeClasses["outside-6"]?.issuer.name == "Outside institution")
        #expect(application.record.badges.last?.evidence == ["outside: Law 101"])
    }

    // MARK: Blocks

    @Test("a blocked badge counts nowhere: the audit rejects it with the registrar's words, credit refuses it, plans do not offer it")
    func block() throws {
        let exception = Self.exception(7, .block(badge: "sql"), pathway: nil)
        let record = Self.record()
        #expect(try Self.audit(Self.apply([], to: record)).isComplete)
        let application = Self.apply([exception], to: record)
        #expect(application.record.badges.filter { $0.blocked != nil }.map(\.badgeClassID) == ["sql"])
        let audit = try Self.audit(application)
        #expect(!audit.isComplete)
        #expect(audit.progress == Rational(3, 4))
        let rejected = try #require(Self.node(audit, id: "sql-core")?.rejected.first)
        #expect(rejected.reason == .blocked(reason: exception.explanation))
        #expect(rejected.reason.code == "blocked")
        #expect(rejected.reason.description
            == "blocked by the registrar: badge \"sql\" blocked by j.ortiz on 2026-11-02: accredited prior learning")
        #expect(audit.notes == [exception.explanation])

        let plan = try Self.plan(application)
        #expect(!plan.isComplete)
        #expect(plan.steps.isEmpty)
        #expect(plan.notes.contains("not offered, since the registrar blocked them for this learner: sql"))

        let credit = Self.apply([exception], to: record, pathway: nil)
        let transcript = try Self.policy.evaluate(credit.record, catalog: credit.catalog, asOf: Self.asOf)
        let line = try #require(transcript.lines.first { $0.subject.id == "sql" })
        #expect(!line.counted)
        #expect(line.decision == .blocked)
        #expect(line.reason == "blocked by the registrar: " + exception.explanation)
        #expect(transcript.total == Rational(5 + 3 + 2 + 2))
    }

    @Test("a blocked class the learner does not hold is still not offered by plans")
    func blockWithoutEarning() throws {
        let application = Self.apply([Self.exception(7, .block(badge: "stats"), pathway: nil)],
                                     to: Self.record(without: ["python"]))
        #expect(application.record.badges.allSatisfy { $0.blocked == nil })
        let plan = try Self.plan(application)
        #expect(plan.steps.map(\.badge) == ["python"])
        #expect(plan.notes.contains("not offered, since the registrar blocked them for this learner: stats"))
    }

    @Test("a blocked earning neither starts nor renews a renewal chain, and evidences no skill")
    func blockedRenewalsAndSkills() {
        let skill = SkillReference(framework: "esco", code: "http://data.europa.eu/esco/skill/s1")
        let catalog = Fixture.catalog([Fixture.badge("a", validity: "P1Y", alignments: [skill]), Fixture.badge("b")])
        let record = Fixture.learner([Fixture.earned("a", "2026-01-01"), Fixture.earned("b", "2026-01-01")])
        let application = ExceptionApplication([Self.exception(1, .block(badge: "a"), pathway: nil)], pathway: nil,
                                               catalog: catalog, record: record, asOf: Self.asOf)
        let before = RenewalSchedule.make(for: record, catalog: catalog, asOf: Self.asOf)
        let after = RenewalSchedule.make(for: application.record, catalog: application.catalog, asOf: Self.asOf)
        #expect(before.items.map(\.subject.id).sorted() == ["a", "b"])
        #expect(after.items.map(\.subject.id) == ["b"])
        #expect(LearnerSkills(record, catalog: catalog, asOf: Self.asOf).valid.count == 1)
        #expect(LearnerSkills(application.record, catalog: catalog, asOf: Self.asOf).valid.isEmpty)
    }

    // MARK: Which exceptions apply

    @Test("an exception recorded after the as-of date did not exist yet; one recorded on it applies",
          arguments: [("2026-11-30", true), ("2026-12-01", true), ("2026-12-02", false)])
    func recordedAfterAsOf(day: String, applies: Bool) throws {
        let waiver = Self.exception(1, .waive(requirement: "governance"), on: day)
        let application = Self.apply([waiver], to: Self.record(without: ["gov"]))
        #expect(application.applied == (applies ? [waiver] : []))
        #expect(application.problems.isEmpty)
        #expect(try Self.audit(application).isComplete == applies)
    }

    @Test("another learner's exceptions, and exceptions for another pathway, are ignored")
    func otherLearnerAndPathway() throws {
        let exceptions = [
            Self.exception(1, .waive(requirement: "governance"), learner: "someone-else"),
            Self.exception(2, .block(badge: "sql"), pathway: nil, learner: "someone-else"),
            Self.exception(3, .waive(requirement: "law-part"), pathway: "ethics"),
        ]
        let record = Self.record(without: ["gov", "law"])
        let application = Self.apply(exceptions, to: record)
        #expect(application.applied.isEmpty && application.problems.isEmpty)
        #expect(application.record == record)
        #expect(application.catalog.pathways == Self.catalog.pathways)
        let audit = try Self.audit(application)
        #expect(!audit.isComplete)
        #expect(audit.notes.isEmpty)
    }

    @Test("with no pathway (credit policies) only exceptions for every pathway apply")
    func noPathway() {
        let waiver = Self.exception(1, .waive(requirement: "governance"))
        let block = Self.exception(2, .block(badge: "sql"), pathway: nil)
        let application = Self.apply([block, waiver], to: Self.record(), pathway: nil)
        #expect(application.applied == [block])
        #expect(application.catalog.pathways == Self.catalog.pathways)
    }

    @Test("exceptions apply in id order whatever order they are given in")
    func idOrder() throws {
        let exceptions = [
            Self.exception(4, .substitute(badge: "viz", requirement: "governance")),
            Self.exception(2, .block(badge: "sql"), pathway: nil, reason: "second thoughts"),
            Self.exception(3, .outsideEarning(OutsideEarning(title: "SQL elsewhere", issued: Fixture.date("2025-01-01"),
                                                             countsAs: "sql")), pathway: nil),
            Self.exception(1, .block(badge: "sql"), pathway: nil),
        ]
        let record = Self.record(without: ["gov"], adding: ["viz"])
        let forward = Self.apply(exceptions, to: record)
        let backward = Self.apply(exceptions.reversed(), to: record)
        #expect(forward.applied.map(\.id) == [1, 2, 3, 4])
        #expect(backward.applied.map(\.id) == [1, 2, 3, 4])
        #expect(forward.record == backward.record)
        #expect(forward.catalog.pathways == backward.catalog.pathways)
        // The held sql keeps the first block's words; the outside earning, recorded after both
        // blocks, is not blocked and completes the pathway.
        let sql = forward.record.badges.filter { $0.badgeClassID == "sql" }
        #expect(sql.map(\.blocked) == [exceptions[3].explanation, nil])
        let audit = try Self.audit(forward)
        #expect(audit.isComplete)
        #expect(Self.node(audit, id: "sql-core")?.assigned == [CountedBadge(badge: "sql", issued: Fixture.date("2025-01-01"))])
        #expect(audit.notes == [1, 2, 3, 4].compactMap { id in exceptions.first { $0.id == id }?.explanation })
    }

    // MARK: Problems

    static let problemCases: [(RegistrarException, String)] = [
        (exception(1, .waive(requirement: "governanse")),
         "pathway analyst has no requirement \"governanse\"; did you mean \"governance\"?"),
        (exception(2, .waive(requirement: "law-prt")),
         "pathway analyst has no requirement \"law-prt\"; did you mean \"law-part\"?"),
        (exception(3, .waive(requirement: "9.1")),
         "pathway analyst has no requirement with id or position \"9.1\" (positions count parts from 1: "
            + "\"2.1\" is the first part of the root's second part)"),
        (exception(4, .waive(requirement: "governance"), pathway: "analsyt"),
         "unknown pathway \"analsyt\"; did you mean \"analyst\"?"),
        (exception(5, .waive(requirement: "governance"), pathway: nil),
         "waiving requirement \"governance\" needs the pathway it belongs to; the exception names none"),
        (exception(6, .substitute(badge: "vz", requirement: "governance")),
         "unknown badge class \"vz\"; did you mean \"viz\"?"),
        (exception(7, .substitute(badge: "viz", requirement: "pair"), pathway: "data"),
         "requirement \"pair\" of pathway data is a count-from requirement, which one substitute badge cannot stand in for; "
            + "substitute for a badge, tag, skill, pathway or group requirement, or waive it"),
        (exception(8, .substitute(badge: "viz", requirement: "2"), pathway: "data"),
         "requirement \"2\" of pathway data is a credits requirement, which one substitute badge cannot stand in for; "
            + "substitute for a badge, tag, skill, pathway or group requirement, or waive it"),
        (exception(9, .substitute(badge: "viz", requirement: "governance"), pathway: nil),
         "substituting badge \"viz\" for requirement \"governance\" needs the pathway it belongs to; the exception names none"),
        (exception(10, .block(badge: "sqll"), pathway: nil), "unknown badge class \"sqll\"; did you mean \"sql\"?"),
        (exception(11, .outsideEarning(OutsideEarning(title: "Gov", issued: Fixture.date("2025-01-01"), countsAs: "govv")),
                   pathway: nil),
         "outside earning \"Gov\" counts as unknown badge class \"govv\"; did you mean \"gov\"?"),
        (exception(12, .outsideEarning(OutsideEarning(title: "Gov", issued: Fixture.date("2025-01-01"),
                                                      credits: Credits(Rational(3), "points"))), pathway: nil),
         "outside earning \"Gov\" carries credits in unknown unit \"points\"; "
            + "known units are CATS, CEU, ECTS, US-quarter-hours, US-semester-hours"),
    ]

    @Test("an exception that does not fit the catalogue is a problem, named with the closest valid id, and changes nothing",
          arguments: problemCases)
    func problems(exception: RegistrarException, message: String) {
        #expect(ExceptionApplication.problem(with: exception, in: Self.catalog) == message)
        let record = Self.record(without: ["gov"])
        let application = Self.apply([exception], to: record, pathway: exception.pathway)
        #expect(application.applied.isEmpty)
        #expect(application.problems == [ExceptionProblem(exception: exception, message: message)])
        #expect(application.record == record)
        #expect(application.catalog.pathways == Self.catalog.pathways)
        #expect(application.catalog.badgeClasses == Self.catalog.badgeClasses)
    }

    @Test("every kind that fits the catalogue has no problem",
          arguments: [
            RegistrarException.Action.waive(requirement: "governance"), .waive(requirement: "law-part"),
            .waive(requirement: "2.1"), .substitute(badge: "viz", requirement: "programming"),
            .outsideEarning(OutsideEarning(title: "X", issued: Fixture.date("2025-01-01"), credits: Credits(Rational(3), .cats))),
            .block(badge: "sql"),
          ])
    func fits(action: RegistrarException.Action) {
        #expect(ExceptionApplication.problem(with: Self.exception(1, action), in: Self.catalog) == nil)
    }

    @Test("an outside earning whose class id a catalogue already uses is a problem")
    func outsideClassIDTaken() {
        let catalog = Fixture.catalog([Fixture.badge("outside-3")])
        let exception = Self.exception(3, .outsideEarning(OutsideEarning(title: "X", issued: Fixture.date("2025-01-01"))),
                                       pathway: nil)
        #expect(ExceptionApplication.problem(with: exception, in: catalog)
            == "outside earning \"X\" would be badge class \"outside-3\", and a catalogue already defines a class with that id")
    }

    @Test("an exception that another one's waiver leaves nothing to change is a problem, not applied")
    func overlapping() throws {
        let exceptions = [
            Self.exception(1, .waive(requirement: "programming")),
            Self.exception(2, .waive(requirement: "2.1")),
            Self.exception(3, .waive(requirement: "governance")),
            Self.exception(4, .waive(requirement: "3")),
            Self.exception(5, .substitute(badge: "viz", requirement: "governance")),
        ]
        let application = Self.apply(exceptions, to: Self.record(without: ["python", "gov"]))
        #expect(application.applied.map(\.id) == [1, 3])
        #expect(application.problems.map(\.message) == [
            "requirement \"2.1\" lies inside requirement \"programming\", which exception 1 waives",
            "requirement \"3\" is waived already, by exception 3",
            "requirement \"governance\" is waived by exception 3, so no substitute is needed",
        ])
        #expect(application.problems.map(\.exception.id) == [2, 4, 5])
        #expect(try Self.audit(application).isComplete)
    }

    // MARK: The catalog copy

    @Test("the rewritten catalog keeps frameworks, their narrower links and conversions")
    func catalogCopy() throws {
        let root = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001"
        let child = "http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000002"
        let framework = Framework(id: "esco", name: "ESCO", skills: [Skill(id: root), Skill(id: child, broader: [root])])
        let deep = Fixture.badge("deep", alignments: [SkillReference(framework: "esco", code: child)])
        let broad = SkillReference(framework: "esco", code: root, includeNarrower: true)
        let catalog = Catalog(
            badgeCatalogs: [BadgeCatalog(issuer: Fixture.issuer, badges: [deep],
                                         conversions: [UnitConversion(from: .semesterHours, to: .ects, ratio: Rational(2))])],
            pathways: [Fixture.pathway("p", .all([Requirement(.skill(broad)).with(id: "skill"), .badge("deep")]))],
            frameworks: [framework])
        let outside = OutsideEarning(title: "X", issued: Fixture.date("2025-01-01"), tags: ["t"])
        let application = ExceptionApplication(
            [Self.exception(1, .waive(requirement: "2"), pathway: "p"), Self.exception(2, .outsideEarning(outside), pathway: nil)],
            pathway: "p", catalog: catalog, record: Fixture.learner([Fixture.earned("deep", "2025-01-01")]), asOf: Self.asOf)
        let copy = application.catalog
        #expect(copy.frameworks == catalog.frameworks)
        #expect(copy.skillCodes(coveredBy: broad) == [root, child])
        #expect(copy.conversions.ratio(from: .semesterHours, to: .ects) == Rational(2))
        #expect(copy.knownUnits == catalog.knownUnits)
        #expect(Set(copy.badgeClasses.keys) == ["deep", "outside-2"])
        #expect(copy.badgeCatalogs.count == 2)
        let audit = try CompiledPathway(pathway: "p", catalog: copy).audit(application.record, asOf: Self.asOf)
        #expect(audit.isComplete)
        #expect(application.annotate(audit).root.children.map(\.kind) == ["skill", "waived"])
    }

    @Test("exceptions applied over a catalogue with a large framework keep its skill index whole")
    func manyLearnersOverALargeFramework() {
        // A framework deep enough that its narrower-skill index matters.
        let skills = (0..<5_000).map { Skill(id: "s\($0)", broader: $0 == 0 ? [] : ["s\(($0 - 1) / 4)"]) }
        let framework = Framework(id: "big", name: "Big", skills: skills)
        let catalog = Catalog(badgeCatalogs: Self.catalog.badgeCatalogs, pathways: Self.catalog.sortedPathways,
                              frameworks: [framework])
        let exceptions = [Self.exception(1, .waive(requirement: "governance")),
                          Self.exception(2, .outsideEarning(OutsideEarning(title: "X", issued: Fixture.date("2025-01-01"))),
                                         pathway: nil)]
        var applications: [ExceptionApplication] = []
        do {
            for index in 0..<20 {
                let record = Self.record(learner: "learner\(index)")
                let mine = exceptions.map { exception in
                    var copy = exception
                    copy.learner = record.learner
                    return copy
                }
                applications.append(ExceptionApplication(mine, pathway: "analyst", catalog: catalog, record: record,
                                                         asOf: Self.asOf))
            }
        }
        #expect(applications.allSatisfy { $0.applied.count == 2 && $0.catalog.badgeClasses["outside-2"] != nil })
        #expect(applications[0].catalog.skillCodes(coveredBy: SkillReference(framework: "big", code: "s1", includeNarrower: true))
            .count == catalog.skillCodes(coveredBy: SkillReference(framework: "big", code: "s1", includeNarrower: true)).count)
    }
}
