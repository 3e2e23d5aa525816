public import CairnCore
import CairnSyntax

/// Writes a Cairn pathway as a Credential Registry CTDL document: a JSON-LD `@graph` with a
/// `ceterms:Pathway`, its destination component and every other component, as CTDL publishes them.
///
/// - Every requirement node is a component: a badge a `ceterms:CredentialComponent` (its
///   catalogue id as `ceasn:codedNotation`, its first Open Badges id as `ceterms:proxyFor`, its
///   credits as `ceterms:creditValue`); a group (`all`, `any`, `count N of`) a
///   `ceterms:BasicComponent` with one `ceterms:ComponentCondition` whose `ceterms:requiredNumber`
///   of `ceterms:targetComponent`s must be met. The root is the destination component — the
///   `ceterms:CredentialComponent` of the badge the pathway awards (with the pathway's block credit
///   as its `ceterms:creditValue`), or a `ceterms:BasicComponent` named after the pathway.
/// - `credits: {atLeast, unit}` is a condition with a `ceterms:Constraint`: the sum of the
///   targets' `ceterms:creditValue` at least the amount.
/// - `earnedAfter` is `ceterms:prerequisite` on the component (and `ceterms:precedes` on the
///   ones it names).
/// - A pathway with several destinations names each in `ceterms:hasDestinationComponent`: the
///   `ceterms:CredentialComponent` of the badge the destination awards (or a
///   `ceterms:BasicComponent`), named by its title, `ceterms:isDestinationComponentOf` the
///   pathway, its id in `cairn:destination`. Milestones have no CTDL term: they are kept in
///   `cairn:milestones` (Cairn YAML), with a note.
/// - What CTDL cannot say — tag and skill selectors, filters other than badge ids, nested
///   `pathway:` nodes, `earnedWithin`, `minResult`, `shared`, `alsoCountsFor`, `atMost`, the
///   pathway's version, validity, conversions, effective dates and `maxShared` — is written as far as CTDL goes (selectors become the catalogue's badges that
///   match them today) and kept whole in a `cairn:` extension term (`cairn:requirement` holds
///   the node in Cairn's pathway language), with a note for each; a registry may drop extension
///   terms.
public struct CTDLPathwayWriter: Sendable {
    /// The catalogue the pathway's badges and nested pathways are looked up in.
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The document and what could not be said in CTDL alone.
    public struct Output: Sendable {
        /// The JSON-LD text.
        public var text: String
        /// One line per thing CTDL cannot express, saying what was done with it.
        public var notes: [String]
    }

    public func write(_ pathway: Pathway) -> Output {
        var state = WriterState(catalog: catalog, pathway: pathway)
        let graph = state.document()
        let document = JSONValue.object([
            ("@context", .array([.string(CTDLTerms.context), .object([("cairn", .string(CTDLTerms.cairnNamespace))])])),
            ("@graph", .array(graph)),
        ])
        return Output(text: document.serialized() + "\n", notes: state.notes)
    }
}

/// The components as they are made, with the ids they are given.
struct WriterState {
    let catalog: Catalog
    let pathway: Pathway
    var notes: [String] = []
    /// Component objects, in the order made (the destination first).
    var components: [(id: String, members: [(String, JSONValue)])] = []
    /// Badge id → the first component standing for it (for `earnedAfter` naming a badge).
    var badgeComponents: [String: String] = [:]
    /// Requirement id → its component (for `earnedAfter` naming a requirement).
    var nodeComponents: [String: String] = [:]
    /// Component id → components that name it in `ceterms:prerequisite` (its `ceterms:precedes`).
    var precedes: [String: [String]] = [:]
    var counter = 0
    /// Credit units already reported as having no CTDL concept.
    var namedUnits: Set<CreditUnit> = []
    /// Nested pathways being expanded, so that a cycle of `pathway:` nodes ends.
    var expanding: Set<String> = []

    init(catalog: Catalog, pathway: Pathway) {
        self.catalog = catalog
        self.pathway = pathway
    }

    var pathwayID: String {
        pathway.externalIDs.first { $0.contains(":") && !$0.hasPrefix("ce-") } ?? "urn:cairn:pathway:\(pathway.id)"
    }

    mutating func nextID() -> String {
        counter += 1
        return "_:c\(counter)"
    }

    mutating func document() -> [JSONValue] {
        let destination = nextID()
        nameComponents(pathway.requires, root: destination)
        var members: [(String, JSONValue)]
        if let awards = pathway.awards {
            members = credentialMembers(awards)
            members.removeAll { $0.0 == "ceterms:creditValue" }
        } else {
            members = [("@type", .string("ceterms:BasicComponent")), ("ceterms:name", language(pathway.title))]
        }
        if let credits = pathway.credits { members.append(("ceterms:creditValue", creditValue(credits))) }
        members.append(("ceterms:isDestinationComponentOf", .array([.string(pathwayID)])))
        fill(&members, id: destination, node: pathway.requires, carried: false, root: true)
        components.insert((destination, members), at: 0)
        let destinations = pathway.destinations.isEmpty ? [destination] : splitDestinations()

        var pathwayMembers: [(String, JSONValue)] = [
            ("@id", .string(pathwayID)), ("@type", .string("ceterms:Pathway")),
        ]
        if let ctid = pathway.externalIDs.first(where: { $0.hasPrefix("ce-") }) {
            pathwayMembers.append(("ceterms:ctid", .string(ctid)))
        }
        pathwayMembers.append(("ceterms:name", language(pathway.title)))
        pathwayMembers.append(("ceterms:hasDestinationComponent", .array(destinations.map(JSONValue.string))))
        pathwayMembers.append(("ceasn:hasChild", .array(destinations.map(JSONValue.string))))
        pathwayMembers.append(("ceterms:hasPart", .array(components.map { .string($0.id) })))
        if let settings = settingsExtension() { pathwayMembers.append(("cairn:pathway", .string(settings))) }
        if let milestones = milestonesExtension() { pathwayMembers.append(("cairn:milestones", .string(milestones))) }

        var graph: [JSONValue] = [.object(pathwayMembers)]
        for (id, var members) in components {
            if let later = precedes[id] { members.append(("ceterms:precedes", .array(later.map(JSONValue.string)))) }
            graph.append(.object([("@id", .string(id))] + members))
        }
        return graph
    }

    /// The version, validity and conversions, which CTDL has no terms for, as Cairn YAML.
    mutating func settingsExtension() -> String? {
        var lines: [String] = []
        var parts: [String] = []
        var carried = pathway
        carried.requires = Requirement(.badge("-"))
        carried.awards = nil
        carried.credits = nil
        carried.externalIDs = []
        carried.destinations = []
        carried.milestones = []
        if pathway.version != nil { parts.append("version") }
        if pathway.validity != nil { parts.append("validity") }
        if !pathway.conversions.isEmpty { parts.append("unit conversions") }
        if pathway.effective != nil { parts.append("effective dates") }
        if pathway.maxShared != nil { parts.append("maxShared") }
        guard !parts.isEmpty else { return nil }
        notes.append("CTDL has no term for the pathway's " + parts.joined(separator: ", ")
                     + "; kept as a Cairn extension (cairn:pathway); a registry may drop it")
        for line in PathwayYAML.text(carried).split(separator: "\n") {
            if line.hasPrefix("id:") || line.hasPrefix("title:") || line.hasPrefix("requires:") || line.hasPrefix("  ") {
                continue
            }
            lines.append(String(line))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Gives every node with an `id`, and every badge leaf, its component id before any
    /// component is written, so `earnedAfter` may name one that comes later.
    mutating func nameComponents(_ node: Requirement, root: String) {
        var pending: [(Requirement, String?)] = [(node, root)]
        while let (current, fixed) = pending.popLast() {
            let id = fixed ?? nextID()
            if fixed == nil { componentIDs.append(id) }
            if let nodeID = current.id, nodeComponents[nodeID] == nil { nodeComponents[nodeID] = id }
            if case .badge(let badge) = current.kind, badgeComponents[badge] == nil { badgeComponents[badge] = id }
            for child in current.children.reversed() { pending.append((child, nil)) }
        }
        componentIDs.reverse()
    }

    /// Component ids handed out by ``nameComponents(_:root:)``, taken in the same order.
    var componentIDs: [String] = []

    /// Above zero while components that stand for no node of the tree are made (the badges a
    /// selector expands to, a nested pathway written inline): those take new ids.
    var synthetic = 0

    mutating func takeID() -> String {
        synthetic > 0 ? nextID() : (componentIDs.popLast() ?? nextID())
    }

    /// Runs `body` making components that stand for no node of the tree.
    mutating func synthesizing<T>(_ body: (inout WriterState) -> T) -> T {
        synthetic += 1
        defer { synthetic -= 1 }
        return body(&self)
    }

    /// Makes the component for `node` and returns its id.
    mutating func component(_ node: Requirement, carried: Bool) -> String {
        let id = takeID()
        var members: [(String, JSONValue)]
        if case .badge(let badge) = node.kind {
            members = credentialMembers(badge)
            // The node's own label names its component (the badge's name is in the catalogue).
            if let label = node.label, let index = members.firstIndex(where: { $0.0 == "ceterms:name" }) {
                members[index].1 = language(label)
            }
        } else {
            members = [("@type", .string("ceterms:BasicComponent")), ("ceterms:name", language(name(of: node)))]
        }
        fill(&members, id: id, node: node, carried: carried, root: false)
        components.append((id, members))
        return id
    }

    /// A badge's `ceterms:CredentialComponent` members.
    mutating func credentialMembers(_ badge: String) -> [(String, JSONValue)] {
        let known = catalog.badgeClasses[badge]
        var members: [(String, JSONValue)] = [
            ("@type", .string("ceterms:CredentialComponent")),
            ("ceterms:name", language(known?.name ?? badge)),
            ("ceasn:codedNotation", .string(badge)),
        ]
        if let description = known?.description { members.append(("ceterms:description", language(description))) }
        if let proxy = known?.achievementIDs.first { members.append(("ceterms:proxyFor", .string(proxy))) }
        if let credits = known?.credits { members.append(("ceterms:creditValue", creditValue(credits))) }
        return members
    }

    /// Adds the node's conditions, order and extension to its component.
    mutating func fill(_ members: inout [(String, JSONValue)], id: String, node: Requirement, carried: Bool, root: Bool) {
        let losses = lossReasons(node)
        let carriesHere = !carried && !losses.isEmpty
        if !losses.isEmpty {
            let what = "requirement \"\(name(of: node))\""
            for loss in losses {
                notes.append("\(what): \(loss)" + (carried ? "" : "; kept as a Cairn extension (cairn:requirement); a registry may drop it"))
            }
        }
        if let nodeID = node.id, case .badge = node.kind {
            members.append(("cairn:id", .string(nodeID)))
        } else if let nodeID = node.id {
            members.append(("ceasn:codedNotation", .string(nodeID)))
        }
        let conditions = self.conditions(node, carried: carried || carriesHere, root: root)
        if !conditions.targets.isEmpty {
            members.append(("ceasn:hasChild", .array(conditions.targets.map(JSONValue.string))))
        }
        if !conditions.objects.isEmpty { members.append(("ceterms:hasCondition", .array(conditions.objects))) }
        let prerequisites = node.earnedAfter.compactMap { nodeComponents[$0] ?? badgeComponents[$0] }
        if !prerequisites.isEmpty {
            members.append(("ceterms:prerequisite", .array(prerequisites.map(JSONValue.string))))
            for earlier in prerequisites { precedes[earlier, default: []].append(id) }
        }
        if carriesHere { members.append(("cairn:requirement", .string(PathwayYAML.text(node)))) }
    }

    /// What of `node` itself (not its children) CTDL cannot say.
    func lossReasons(_ node: Requirement) -> [String] {
        var reasons: [String] = []
        switch node.kind {
        case .tag(let tag):
            reasons.append("the tag selector \"\(tag)\" is written as the \(matching(BadgeFilter(tags: [tag])).count) badges that carry it today")
        case .skill(let skill):
            reasons.append("the skill selector \(skill) is written as the \(matching(BadgeFilter(skills: [skill])).count) badges aligned to it today")
        case .pathway(let nested):
            reasons.append("the nested pathway \"\(nested)\" is written inline (its awarded badge, or its requirements)")
        case .countFrom(_, let filter) where !Self.badgesOnly(filter):
            reasons.append("the filter (\(filter.summary)) is written as the \(matching(filter).count) badges it matches today")
        case .credits(let credits, let filter):
            if !Self.badgesOnly(filter) {
                reasons.append("the filter (\(filter.summary)) is written as the \(matching(filter).count) badges it matches today")
            }
            let units = Set(matching(filter).map { $0.credits?.unit })
            if units != [credits.unit] {
                reasons.append("the credit sum is in \(credits.unit) but not every badge it counts has credits in \(credits.unit), and CTDL's constraint cannot convert units")
            }
        default: break
        }
        if let within = node.earnedWithin { reasons.append("earnedWithin \(within) has no CTDL term") }
        if let minimum = node.minResult { reasons.append("minResult \(minimum) has no CTDL term") }
        if node.shared { reasons.append("shared (badges may count here and elsewhere) has no CTDL term") }
        if !node.alsoCountsFor.isEmpty { reasons.append("alsoCountsFor (where else a badge counted here may count) has no CTDL term") }
        if !node.atMost.isEmpty {
            // A ceterms:Constraint with comparator lteq is a condition that fails past the limit, while
            // atMost only stops the excess from counting: not the same rule, so it is not written as one.
            reasons.append("atMost limits cap what counts, which a CTDL constraint (met or failed) cannot say")
        }
        let unresolved = node.earnedAfter.filter { nodeComponents[$0] == nil && badgeComponents[$0] == nil }
        if !unresolved.isEmpty {
            reasons.append("earnedAfter names " + unresolved.joined(separator: ", ") + ", which no component of the pathway stands for")
        }
        return reasons
    }

    static func badgesOnly(_ filter: BadgeFilter) -> Bool {
        filter.tags.isEmpty && filter.skills.isEmpty && filter.issuers.isEmpty && filter.types.isEmpty
    }

    /// The catalogue's badges a filter matches, in id order.
    func matching(_ filter: BadgeFilter) -> [BadgeClass] {
        catalog.badgeClasses.values.filter { catalog.matches(filter, $0) }.sorted { $0.id < $1.id }
    }

    /// The node's conditions (objects) and the components they target.
    mutating func conditions(_ node: Requirement, carried: Bool, root: Bool) -> (objects: [JSONValue], targets: [String]) {
        func condition(_ required: Int?, _ targets: [String], extra: [(String, JSONValue)] = []) -> JSONValue {
            var members: [(String, JSONValue)] = [("@type", .string("ceterms:ComponentCondition")),
                                                  ("ceterms:name", language(name(of: node)))]
            if let required { members.append(("ceterms:requiredNumber", .number(Rational(required)))) }
            members.append(("ceterms:targetComponent", .array(targets.map(JSONValue.string))))
            return .object(members + extra)
        }
        switch node.kind {
        case .all(let children):
            let targets = children.map { component($0, carried: carried) }
            return ([condition(targets.count, targets)], targets)
        case .any(let children):
            let targets = children.map { component($0, carried: carried) }
            return ([condition(1, targets)], targets)
        case .countOf(let count, let children):
            let targets = children.map { component($0, carried: carried) }
            return ([condition(count, targets)], targets)
        case .badge:
            // A leaf badge is its own component; as the root, the destination needs one condition naming it.
            guard root else { return ([], []) }
            let target = synthesizing { $0.component(Requirement(node.kind), carried: true) }
            return ([condition(1, [target])], [target])
        case .tag, .skill:
            let badges = matching(node.kind.selectorFilter)
            let targets = synthesizing { state in badges.map { state.component(Requirement(.badge($0.id)), carried: true) } }
            return targets.isEmpty ? ([], []) : ([condition(1, targets)], targets)
        case .countFrom(let count, let filter):
            let targets = filterTargets(filter)
            return ([condition(min(count, max(targets.count, 1)), targets)], targets)
        case .credits(let credits, let filter):
            let targets = filterTargets(filter)
            var constraint: [(String, JSONValue)] = [
                ("@type", .string("ceterms:Constraint")),
                ("ceterms:name", language("at least \(credits.value) \(credits.unit)")),
                ("ceterms:leftSource", .array([.string("ceterms:creditValue")])),
                ("ceterms:leftAction", .string("arrayOperation:Sum")),
                ("ceterms:comparator", .string("comparator:gteq")),
                ("ceterms:rightSource", .array([.string(credits.value.description)])),
            ]
            constraint.append(("cairn:creditUnit", .string(credits.unit.name)))
            return ([condition(nil, targets, extra: [("ceterms:requiredConstraints", .number(Rational(1))),
                                                     ("ceterms:hasConstraint", .array([.object(constraint)]))])], targets)
        case .pathway(let nested):
            guard let definition = catalog.pathways[nested], !expanding.contains(nested) else { return ([], []) }
            expanding.insert(nested)
            defer { expanding.remove(nested) }
            var inline = definition.requires
            inline.label = inline.label ?? definition.title
            let alternatives = synthesizing { state in
                (definition.awards.map { [state.component(Requirement(.badge($0)), carried: true)] } ?? [])
                    + [state.component(inline, carried: true)]
            }
            return ([condition(1, alternatives)], alternatives)
        }
    }

    /// One component per badge a filter names (its badge ids as given, else what it matches).
    mutating func filterTargets(_ filter: BadgeFilter) -> [String] {
        let badges = Self.badgesOnly(filter) ? filter.badges : matching(filter).map(\.id)
        return synthesizing { state in badges.map { state.component(Requirement(.badge($0)), carried: true) } }
    }

    /// The name a component or condition is given: the node's label, else what it asks.
    func name(of node: Requirement) -> String {
        if let label = node.label { return label }
        switch node.kind {
        case .badge(let badge): return catalog.badgeClasses[badge]?.name ?? badge
        case .tag(let tag): return "A badge tagged \(tag)"
        case .skill(let skill): return "A badge aligned to \(skill)"
        case .pathway(let nested): return catalog.pathways[nested]?.title ?? nested
        case .all: return node.children.count == 1 ? "Required" : "All of \(node.children.count)"
        case .any: return "One of \(node.children.count)"
        case .countOf(let count, let children): return "\(count) of \(children.count)"
        case .countFrom(let count, let filter): return "\(count) badges: \(filter.summary)"
        case .credits(let credits, let filter): return "\(credits.value) \(credits.unit) from \(filter.summary)"
        }
    }

    func language(_ text: String) -> JSONValue {
        .object([("en", .string(text))])
    }

    /// A `ceterms:ValueProfile` list: the amount and its unit as a CTDL credit unit concept
    /// (or, for units CTDL has no concept for, the unit's name).
    mutating func creditValue(_ credits: Credits) -> JSONValue {
        var unit: [(String, JSONValue)] = [("@type", .string("ceterms:CredentialAlignmentObject"))]
        if let concept = CTDLTerms.concept(for: credits.unit) {
            unit.append(("ceterms:targetNode", .string(concept)))
        } else if namedUnits.insert(credits.unit).inserted {
            notes.append("CTDL has no creditUnit concept for \(credits.unit); its credit values name the unit in "
                         + "ceterms:targetNodeName only, which Cairn reads back but a registry may not")
        }
        unit.append(("ceterms:targetNodeName", language(credits.unit.name)))
        return .array([.object([
            ("@type", .string("ceterms:ValueProfile")),
            ("ceterms:creditUnitType", .array([.object(unit)])),
            ("schema:value", .number(credits.value)),
        ])])
    }
}

extension Requirement.Kind {
    /// The filter a `tag` or `skill` leaf stands for.
    var selectorFilter: BadgeFilter {
        switch self {
        case .tag(let tag): BadgeFilter(tags: [tag])
        case .skill(let skill): BadgeFilter(skills: [skill])
        default: BadgeFilter()
        }
    }
}
