/// A pathway expanded against a catalog — nested pathways inlined, modifiers pushed down to
/// the leaves, badge classes matched to leaves once — ready to audit many learners quickly.
///
/// Compile once per pathway and catalog, then call ``audit(_:asOf:limits:)`` for each
/// learner; a compiled pathway is an immutable value and may be shared across tasks.
public struct CompiledPathway: Sendable {
    public let pathway: Pathway
    let nodes: [CompiledNode]
    let leaves: [CompiledLeaf]
    /// Badge class id → dense index; includes ids that leaves name but the catalog lacks.
    let classIndex: [String: Int]
    let classes: [BadgeClass?]
    /// Dense class index → the leaves whose matcher accepts that class.
    let leavesByClass: [[Int]]
    /// Badge classes that `earnedAfter` names: their earliest counting badge matters.
    let predecessorClasses: Set<String>
    /// Nodes that `earnedAfter` names: badges counted under them set cut-off dates.
    let orderNodes: [Int]
    /// Every progress value is a multiple of this (0 when not known; see ``ProgressBound``).
    let progressStep: Double
    /// The same step exactly, or `nil` when it is not known.
    let exactProgressStep: Rational?
    /// `alsoCountsFor`, `maxShared` and `atMost` resolved; `nil` when the pathway uses none of
    /// them, so its audits take exactly the path they took before these rules existed.
    let countingRules: CountingRules?
    /// Each destination of a pathway with several, compiled as a pathway of its own; empty otherwise.
    let destinationParts: [CompiledPathway]
    /// Each milestone's subtree compiled as a pathway of its own (`nil` when no node has its id).
    let milestoneParts: [CompiledPathway?]

    /// Expands `pathwayID` from `catalog`.
    /// - Throws: ``AuditError`` for an unknown pathway, pathways that contain each other,
    ///   or a `credits` requirement over a unit with no declared conversion.
    public init(pathway pathwayID: String, catalog: Catalog) throws(AuditError) {
        guard let pathway = catalog.pathways[pathwayID] else { throw .unknownPathway(pathwayID) }
        try self.init(compiling: pathway, catalog: catalog)
    }

    /// Expands a pathway value (one the catalog need not hold, such as one destination of a
    /// pathway, ``Pathway/reaching(destination:)``); the pathways it nests come from `catalog`.
    /// Its destinations and milestones are compiled too, each as a pathway of its own.
    public init(compiling pathway: Pathway, catalog: Catalog) throws(AuditError) {
        var builder = Builder(catalog: catalog)
        try builder.expand(pathway.requires, parent: -1, inherited: Inherited(), stack: [pathway.id])
        try builder.finish()
        self.pathway = pathway
        nodes = builder.nodes
        leaves = builder.leaves
        classIndex = builder.classIndex
        classes = builder.classes
        leavesByClass = builder.leavesByClass
        predecessorClasses = Set(builder.leaves.flatMap(\.afterClasses))
        orderNodes = Set(builder.leaves.flatMap(\.afterNodes)).sorted()
        exactProgressStep = ProgressBound.exactStep(nodes: builder.nodes, leaves: builder.leaves)
        progressStep = exactProgressStep.map(\.doubleValue).flatMap { $0 >= 1e-7 ? $0 : nil } ?? 0
        countingRules = try builder.countingRules(maxShared: pathway.maxShared)
        guard pathway.hasIntermediateAwards else {
            destinationParts = []
            milestoneParts = []
            return
        }
        var destinationParts: [CompiledPathway] = []
        for index in pathway.destinations.indices {
            destinationParts.append(try CompiledPathway(compiling: pathway.reaching(destination: index), catalog: catalog))
        }
        var milestoneParts: [CompiledPathway?] = []
        for milestone in pathway.milestones {
            milestoneParts.append(try pathway.reaching(milestone: milestone).map { part throws(AuditError) in
                try CompiledPathway(compiling: part, catalog: catalog)
            })
        }
        self.destinationParts = destinationParts
        self.milestoneParts = milestoneParts
    }
}

/// A node of the expanded tree. Children always have larger indices than their parent.
struct CompiledNode: Sendable {
    enum Combine: Sendable {
        case leaf(Int)
        case all
        /// At least `n` children (`any` is at least one).
        case atLeast(Int)
    }

    var combine: Combine
    var children: [Int] = []
    var parent: Int
    var kind: String
    var id: String?
    var label: String
    var shared: Bool
    /// The most one unit of this node's progress can add to the root's progress.
    var weight: Double
}

/// A leaf: what it accepts and how much of it is needed.
struct CompiledLeaf: Sendable {
    enum Demand: Sendable {
        /// This many distinct badges.
        case slots(Int)
        /// Badges whose credits, converted to the unit, reach the amount.
        case credits(Rational, CreditUnit)
    }

    var node: Int
    var demand: Demand
    var shared: Bool
    var earnedWithin: [ISODuration]
    var minResults: [ResultThreshold]
    /// `earnedAfter` names resolved to badge class ids.
    var afterClasses: [String] = []
    /// `earnedAfter` names resolved to node indices.
    var afterNodes: [Int] = []
    var earnedAfterNames: [String]
    /// For credit leaves: dense class index → value in the leaf's unit.
    var creditValues: [Int: Rational] = [:]
    /// The progress one more badge (or, for credits, one unit) adds to the root at most.
    var unitGain: Double = 0
}

/// Modifiers that flow from a node to every leaf below it.
struct Inherited {
    var shared = false
    var earnedWithin: [ISODuration] = []
    var minResults: [ResultThreshold] = []
    var earnedAfter: [String] = []

    func adding(_ requirement: Requirement) -> Inherited {
        var next = self
        next.shared = shared || requirement.shared
        if let within = requirement.earnedWithin { next.earnedWithin.append(within) }
        if let minimum = requirement.minResult { next.minResults.append(minimum) }
        next.earnedAfter.append(contentsOf: requirement.earnedAfter)
        return next
    }
}

extension CompiledPathway {
    struct Builder {
        let catalog: Catalog
        var nodes: [CompiledNode] = []
        var leaves: [CompiledLeaf] = []
        var leafMatchers: [(BadgeClass?, String) -> Bool] = []
        var classIndex: [String: Int] = [:]
        var classes: [BadgeClass?] = []
        var leavesByClass: [[Int]] = []
        /// Node ids per pathway scope: each expanded pathway (the audited one and every nested
        /// one inlined) names its own nodes, so `earnedAfter` resolves within its own file.
        var nodeIDs: [String: Int] = [:]
        var scopes = 0
        var currentScope = 0
        var leafScopes: [Int] = []
        /// Nodes that name `alsoCountsFor` places: the node, the names and the scope they resolve in.
        var alsoCountsFor: [(node: Int, names: [String], scope: Int)] = []
        /// Nodes that carry `atMost` limits.
        var atMost: [(node: Int, limits: [RequirementLimit])] = []

        init(catalog: Catalog) {
            self.catalog = catalog
            for id in catalog.badgeClasses.keys.sorted() { register(id) }
        }

        mutating func register(_ classID: String) {
            guard classIndex[classID] == nil else { return }
            classIndex[classID] = classes.count
            classes.append(catalog.badgeClasses[classID])
        }

        func className(_ id: String) -> String {
            catalog.badgeClasses[id]?.name ?? id
        }

        @discardableResult
        mutating func addNode(_ combine: CompiledNode.Combine, parent: Int, kind: String, id: String?,
                              label: String, shared: Bool) -> Int {
            let index = nodes.count
            nodes.append(CompiledNode(combine: combine, parent: parent, kind: kind, id: id, label: label,
                                      shared: shared, weight: 0))
            if parent >= 0 { nodes[parent].children.append(index) }
            if let id, nodeIDs["\(currentScope)/\(id)"] == nil { nodeIDs["\(currentScope)/\(id)"] = index }
            return index
        }

        mutating func addLeaf(_ requirement: Requirement?, demand: CompiledLeaf.Demand, parent: Int, kind: String,
                              label: String, inherited: Inherited,
                              matcher: @escaping (BadgeClass?, String) -> Bool) {
            let leafIndex = leaves.count
            let node = addNode(.leaf(leafIndex), parent: parent, kind: kind, id: requirement?.id, label: label,
                               shared: inherited.shared)
            leaves.append(CompiledLeaf(node: node, demand: demand, shared: inherited.shared,
                                       earnedWithin: inherited.earnedWithin, minResults: inherited.minResults,
                                       earnedAfterNames: inherited.earnedAfter))
            leafMatchers.append(matcher)
            leafScopes.append(currentScope)
        }

        mutating func expand(_ requirement: Requirement, parent: Int, inherited outer: Inherited,
                             stack: [String]) throws(AuditError) {
            let inherited = outer.adding(requirement)
            let label = requirement.label ?? catalog.defaultLabel(of: requirement)
            // Every shape adds its own node first, so this is the node the requirement becomes.
            let ownNode = nodes.count
            if !requirement.alsoCountsFor.isEmpty {
                alsoCountsFor.append((ownNode, requirement.alsoCountsFor, currentScope))
            }
            if !requirement.atMost.isEmpty { atMost.append((ownNode, requirement.atMost)) }
            switch requirement.kind {
            case .badge(let id):
                register(id)
                addLeaf(requirement, demand: .slots(1), parent: parent, kind: "badge",
                        label: label, inherited: inherited) { _, classID in classID == id }
            case .tag(let tag):
                addLeaf(requirement, demand: .slots(1), parent: parent, kind: "tag",
                        label: label, inherited: inherited) { badge, _ in
                    badge?.tags.contains(tag) ?? false
                }
            case .skill(let skill):
                let catalog = catalog
                addLeaf(requirement, demand: .slots(1), parent: parent, kind: "skill",
                        label: label, inherited: inherited) { badge, _ in
                    badge?.alignments.contains { catalog.covers($0, required: skill) } ?? false
                }
            case .countFrom(let count, let filter):
                addLeaf(requirement, demand: .slots(count), parent: parent, kind: "count-from",
                        label: label, inherited: inherited) { [catalog] badge, _ in
                    badge.map { catalog.matches(filter, $0) } ?? false
                }
            case .credits(let amount, let filter):
                addLeaf(requirement, demand: .credits(amount.value, amount.unit), parent: parent, kind: "credits",
                        label: label, inherited: inherited) { [catalog] badge, _ in
                    badge.map { catalog.matches(filter, $0) } ?? false
                }
            case .all(let children):
                let node = addNode(.all, parent: parent, kind: "all", id: requirement.id,
                                   label: label, shared: inherited.shared)
                for child in children { try expand(child, parent: node, inherited: inherited, stack: stack) }
            case .any(let children):
                let node = addNode(.atLeast(1), parent: parent, kind: "any", id: requirement.id,
                                   label: label, shared: inherited.shared)
                for child in children { try expand(child, parent: node, inherited: inherited, stack: stack) }
            case .countOf(let count, let children):
                let node = addNode(.atLeast(count), parent: parent, kind: "count", id: requirement.id,
                                   label: label, shared: inherited.shared)
                for child in children { try expand(child, parent: node, inherited: inherited, stack: stack) }
            case .pathway(let id):
                if let start = stack.firstIndex(of: id) { throw .pathwayCycle(Array(stack[start...]) + [id]) }
                guard let nested = catalog.pathways[id] else { throw .unknownPathway(id) }
                let node = addNode(.atLeast(1), parent: parent, kind: "pathway", id: requirement.id,
                                   label: label, shared: inherited.shared)
                if let awarded = nested.awards {
                    register(awarded)
                    addLeaf(nil, demand: .slots(1), parent: node, kind: "awarded",
                            label: "Holds the \(className(awarded)) badge", inherited: inherited) { _, classID in
                        classID == awarded
                    }
                }
                let outerScope = currentScope
                scopes += 1
                currentScope = scopes
                try expand(nested.requires, parent: node, inherited: inherited, stack: stack + [id])
                currentScope = outerScope
            }
        }

        /// Resolves `earnedAfter` names, weights, static matches and credit values.
        mutating func finish() throws(AuditError) {
            for index in nodes.indices {
                let parent = nodes[index].parent
                guard parent >= 0 else { nodes[index].weight = 1; continue }
                let share: Double = switch nodes[parent].combine {
                case .all: 1 / Double(max(nodes[parent].children.count, 1))
                case .atLeast(let n): 1 / Double(max(n, 1))
                case .leaf: 0
                }
                nodes[index].weight = nodes[parent].weight * share
            }
            leavesByClass = Array(repeating: [], count: classes.count)
            for (leafIndex, leaf) in leaves.enumerated() {
                for name in leaf.earnedAfterNames {
                    if let node = nodeIDs["\(leafScopes[leafIndex])/\(name)"] {
                        leaves[leafIndex].afterNodes.append(node)
                    } else {
                        leaves[leafIndex].afterClasses.append(name)
                    }
                }
                let weight = nodes[leaf.node].weight
                switch leaf.demand {
                case .slots(let n): leaves[leafIndex].unitGain = weight / Double(max(n, 1))
                case .credits(let target, _): leaves[leafIndex].unitGain = weight / max(target.doubleValue, 1e-12)
                }
                for (classID, classPosition) in classIndex
                where leafMatchers[leafIndex](classes[classPosition], classID) {
                    leavesByClass[classPosition].append(leafIndex)
                    guard case .credits(_, let unit) = leaf.demand else { continue }
                    guard let declared = classes[classPosition]?.credits else { continue }
                    guard let ratio = catalog.conversions.ratio(from: declared.unit, to: unit) else {
                        throw .missingConversion(from: declared.unit, to: unit, badge: classID,
                                                 at: classes[classPosition]?.source)
                    }
                    leaves[leafIndex].creditValues[classPosition] = declared.value * ratio
                }
            }
            for index in leavesByClass.indices { leavesByClass[index].sort() }
        }
    }
}
