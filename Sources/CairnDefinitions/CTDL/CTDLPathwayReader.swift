public import CairnCore
public import CairnSyntax

/// Reads a Credential Registry CTDL pathway document (JSON-LD) into a Cairn pathway.
///
/// The document may be a graph (`@graph`, nodes naming each other by `@id`, as the registry
/// serves them) or one `ceterms:Pathway` with its components embedded; references are matched
/// by `@id`, by `ceterms:ctid`, or by a registry URL ending in a CTID. Only the `ceterms:`,
/// `ceasn:` and `cairn:` keys are read, as written: the context is never fetched.
///
/// - The pathway's `ceterms:hasDestinationComponent` is the root. When it is a
///   `ceterms:CredentialComponent`, its credential is the badge the pathway awards and its
///   `ceterms:creditValue` the pathway's block credit.
/// - A component with `ceterms:hasCondition` is met when all its conditions are; one with
///   `ceasn:hasChild` but no condition, when all its children are (reported). A component with
///   neither is a badge: the workspace's class whose id is its `ceasn:codedNotation` or whose
///   `achievementIds` hold its `ceterms:proxyFor`, `@id` or CTID, else a new class.
/// - A `ceterms:ComponentCondition` is met when `ceterms:requiredNumber` of its
///   `ceterms:targetComponent`s and nested `ceterms:hasCondition`s are (all of them without a
///   number, or one with `ceterms:logicalOperator` Or). A `ceterms:Constraint` summing the targets'
///   `ceterms:creditValue` (`arrayOperation:Sum`, `comparator:gteq`) is a credits requirement.
/// - Several `ceterms:hasDestinationComponent`s are the pathway's destinations, each read as the
///   root is (its credential is the badge the destination awards, its `ceterms:name` the
///   title, its id from `cairn:destination` or the name); `cairn:milestones` gives milestones.
/// - `ceterms:prerequisite` is `earnedAfter`; `ceterms:precedes` alone is a suggested order and
///   is reported, not enforced.
/// - A component carrying `cairn:requirement` (written by ``CTDLPathwayWriter``) is read from
///   it when `useExtensions` is true, and the pathway's `cairn:pathway` gives its version,
///   validity and conversions.
public enum CTDLPathwayReader {
    /// The largest document read.
    public static let maximumFileBytes = 16 << 20
    /// The deepest chain of components and conditions followed.
    public static let maximumDepth = 64
    /// The most requirement nodes one document may become (a component named by many
    /// conditions is written once under each).
    public static let maximumNodes = 100_000

    /// Reads the file at `path` (bounded by ``maximumFileBytes``).
    public static func read(path: String, display: String? = nil, catalog: Catalog,
                            useExtensions: Bool = true) throws(FormatErrors) -> PathwayImport {
        let bytes = try InterchangeFile.bytes(at: path, display: display, limit: maximumFileBytes, subject: "CTDL documents")
        return try read(json: bytes, file: display ?? path, catalog: catalog, useExtensions: useExtensions)
    }

    /// Reads a document's bytes; `file` names it in messages.
    public static func read(json: [UInt8], file: String, catalog: Catalog,
                            useExtensions: Bool = true) throws(FormatErrors) -> PathwayImport {
        let root = try InterchangeFile.parse(json, file: file)
        var reader = CTDLReading(root: root, file: file, catalog: catalog, useExtensions: useExtensions)
        let result = reader.read()
        return try InterchangeFile.outcome(result, reader.findings, root: root)
    }
}

/// One read of one document: the node index, the problems and notes found so far.
struct CTDLReading {
    let root: JSONNode
    let file: String
    let catalog: Catalog
    let useExtensions: Bool
    var findings: ImportFindings
    /// `@id` → node, for every object of the document that has one.
    var byID: [String: JSONNode] = [:]
    /// `ceterms:ctid` → node.
    var byCTID: [String: JSONNode] = [:]
    var badges: ImportedBadges
    /// Components (by key) that `ceterms:prerequisite` names, and the requirement id each is given.
    var prerequisiteIDs: [String: String] = [:]
    /// The components being read, innermost last, so that a cycle is caught.
    var path: [String] = []
    var nodeCount = 0
    var visited: Set<String> = []

    init(root: JSONNode, file: String, catalog: Catalog, useExtensions: Bool) {
        self.root = root
        self.file = file
        findings = ImportFindings(file: file)
        self.catalog = catalog
        self.useExtensions = useExtensions
        badges = ImportedBadges(catalog: catalog, issuer: Issuer(id: file, name: file))
    }

    mutating func fail(_ message: String, at node: JSONNode) { findings.fail(message, at: node) }

    mutating func note(_ message: String, at node: JSONNode) { findings.note(message, at: node) }

    // MARK: The document

    mutating func read() -> PathwayImport? {
        guard root.members != nil else {
            fail("expected a JSON-LD object holding a ceterms:Pathway, found \(root.kindDescription)", at: root)
            return nil
        }
        index(root)
        let pathways = allObjects(root).filter { $0.types.contains(where: { Self.isType($0, "Pathway") }) }
        guard let pathway = pathways.first else {
            fail("expected a ceterms:Pathway (an object with \"@type\": \"ceterms:Pathway\"), found none", at: root)
            return nil
        }
        if pathways.count > 1 {
            fail("the document holds \(pathways.count) ceterms:Pathway objects; give a file with one", at: pathways[1])
            return nil
        }
        let title = pathway["ceterms:name"]?.text
        if title == nil { fail("the ceterms:Pathway has no ceterms:name (required)", at: pathway) }
        let pathwayIRI = pathway["@id"]?.string
        let ctid = pathway["ceterms:ctid"]?.string
        let owner = pathway.first(["ceterms:ownedBy", "ceterms:offeredBy"]).flatMap { reference($0.asList.first) }
        badges = ImportedBadges(catalog: catalog, issuer: Issuer(id: owner ?? pathwayIRI ?? title ?? file,
                                                                 name: title.map { "\($0) (imported)" } ?? owner ?? file))
        guard let destinationValue = pathway["ceterms:hasDestinationComponent"] else {
            fail("the ceterms:Pathway has no ceterms:hasDestinationComponent (required: the component it leads to)", at: pathway)
            return nil
        }
        let destinations = destinationValue.asList
        guard let first = destinations.first, let destination = resolve(first) else {
            if destinations.isEmpty { fail("ceterms:hasDestinationComponent is empty", at: destinationValue) }
            return nil
        }
        assignPrerequisiteIDs()
        if destinations.count > 1 {
            return severalDestinations(destinations, of: pathway, title: title, iri: pathwayIRI, ctid: ctid)
        }

        var awards: String?
        var credits: Credits?
        if destination.types.contains(where: { Self.isType($0, "CredentialComponent") }) {
            // Its credit value is the pathway's block credit, not also the awarded badge's.
            awards = leafBadge(destination, withCredits: false)
            credits = creditValue(destination)
        } else if let value = destination["ceterms:creditValue"] {
            credits = creditValue(destination)
            if credits != nil { note("the destination's ceterms:creditValue is read as the pathway's block credit", at: value) }
        }
        guard let requires = requirement(destination, asRoot: true) else { return nil }

        let pathwayValue = Pathway(id: DefinitionID.slug(title ?? ctid ?? "imported-pathway"),
                                   title: title ?? "Imported pathway", awards: awards, credits: credits,
                                   externalIDs: [pathwayIRI, ctid].compactMap { $0 }.filter { !$0.hasPrefix("urn:cairn:pathway:") }, requires: requires,
                                   source: pathway.location(in: file))
        return finishing(pathwayValue, from: pathway)
    }

    /// The import of `value`, read from the `ceterms:Pathway` `node`: its id never empty, the
    /// settings and milestones its extensions keep applied, and unreached components reported.
    mutating func finishing(_ value: Pathway, from node: JSONNode) -> PathwayImport {
        var value = value
        if value.id.isEmpty { value.id = "imported-pathway" }
        if useExtensions, let settings = node["cairn:pathway"] { applySettings(settings, to: &value) }
        if useExtensions, let milestones = node["cairn:milestones"] { applyMilestones(milestones, to: &value) }
        reportUnreached()
        return PathwayImport(pathway: value, newBadges: badges.newBadges, issuer: badges.issuer, notes: findings.notes)
    }

    /// Every object in the document, depth first.
    func allObjects(_ node: JSONNode) -> [JSONNode] {
        var found: [JSONNode] = []
        var pending = [node]
        while let current = pending.popLast() {
            switch current.value {
            case .object(let members):
                found.append(current)
                pending += members.reversed().map(\.value)
            case .array(let elements):
                pending += elements.reversed()
            default: break
            }
        }
        return found
    }

    mutating func index(_ node: JSONNode) {
        for object in allObjects(node) {
            if let id = object["@id"]?.string, object.members?.count ?? 0 > 1, byID[id] == nil { byID[id] = object }
            if let ctid = object["ceterms:ctid"]?.string, byCTID[ctid] == nil { byCTID[ctid] = object }
        }
    }

    /// `ceterms:Pathway`, `Pathway` and a full CTDL IRI all name the same type.
    static func isType(_ type: String, _ name: String) -> Bool {
        type == "ceterms:\(name)" || type == name || type.hasSuffix("/\(name)") || type.hasSuffix("#\(name)")
    }

    /// The id a reference gives: a string, or an object's `@id`.
    func reference(_ node: JSONNode?) -> String? {
        guard let node else { return nil }
        return node.string ?? node["@id"]?.string
    }

    /// The object a reference leads to (an embedded object is itself); a dangling one is a problem.
    mutating func resolve(_ node: JSONNode) -> JSONNode? {
        if let members = node.members, !(members.count == 1 && members[0].key == "@id") { return node }
        guard let id = reference(node) else {
            fail("expected a reference (an @id string or an object), found \(node.kindDescription)", at: node)
            return nil
        }
        if let found = byID[id] ?? byCTID[id] { return found }
        if let tail = id.split(separator: "/").last, tail.hasPrefix("ce-"), let found = byCTID[String(tail)] { return found }
        fail("\"\(id.excerpt(80))\" names nothing in the document (no object has this @id or ceterms:ctid); "
             + "Cairn reads only the file given, never the registry", at: node)
        return nil
    }

    /// A stable key for a component: its `@id`, else its CTID, else its place.
    func key(_ node: JSONNode) -> String {
        node["@id"]?.string ?? node["ceterms:ctid"]?.string ?? "\(node.line):\(node.column)"
    }

    // MARK: Components

    mutating func requirement(_ component: JSONNode, asRoot: Bool = false) -> Requirement? {
        let key = key(component)
        visited.insert(key)
        if let start = path.firstIndex(of: key) {
            fail("a cycle: component \(key.excerpt(60)) contains itself (through "
                 + path[start...].map { $0.excerpt(40) }.joined(separator: " → ") + ")", at: component)
            return nil
        }
        guard path.count < CTDLPathwayReader.maximumDepth else {
            fail("components and conditions nest more than \(CTDLPathwayReader.maximumDepth) levels deep here; "
                 + "deeper pathways are refused", at: component)
            return nil
        }
        nodeCount += 1
        guard nodeCount <= CTDLPathwayReader.maximumNodes else {
            if nodeCount == CTDLPathwayReader.maximumNodes + 1 {
                fail("the pathway expands to more than \(CTDLPathwayReader.maximumNodes.groupedDigits) requirements "
                     + "(components named by many conditions are repeated under each); it is refused", at: component)
            }
            return nil
        }
        path.append(key)
        defer { path.removeLast() }
        guard checkKind(component) else { return nil }
        let name = component["ceterms:name"]?.text

        if useExtensions, let carried = component["cairn:requirement"] {
            guard let text = carried.string else {
                fail("cairn:requirement must be a string holding a requirement in Cairn's pathway language", at: carried)
                return nil
            }
            markVisited(component)
            return extensionRequirement(text, at: carried)
        }

        var requirement: Requirement
        let conditionList = component["ceterms:hasCondition"]?.asList ?? []
        let children = component.first(["ceasn:hasChild", "ceterms:hasChild"])?.asList ?? []
        if !conditionList.isEmpty {
            var parts: [Requirement] = []
            for condition in conditionList {
                guard let resolved = resolve(condition) else { continue }
                if let part = self.condition(resolved) { parts.append(part) }
            }
            guard parts.count == conditionList.count else { return nil }
            if parts.count == 1, let only = parts.first {
                requirement = only
                requirement.label = requirement.label ?? name
            } else {
                requirement = Requirement(.all(parts), label: name)
            }
            if !asRoot, component.types.contains(where: { Self.isType($0, "CredentialComponent") }),
               let badge = leafBadge(component) {
                // A credential within the pathway is met by holding it, or by meeting its conditions.
                if requirement.label == name { requirement.label = nil }
                requirement = Requirement(.any([Requirement(.badge(badge)), requirement]), label: name)
            }
        } else if !children.isEmpty {
            note("component \(name.map { "\"\($0)\"" } ?? key.excerpt(60)) has children but no ceterms:hasCondition; "
                 + "all of its children are taken as required", at: component)
            var parts: [Requirement] = []
            for child in children {
                guard let resolved = resolve(child), let part = self.requirement(resolved) else { return nil }
                parts.append(part)
            }
            requirement = Requirement(.all(parts), label: name)
        } else if asRoot {
            guard let badge = leafBadge(component) else { return nil }
            requirement = Requirement(.badge(badge))
            note("the destination component has no conditions: the pathway is met by holding it alone", at: component)
        } else {
            guard let badge = leafBadge(component) else { return nil }
            requirement = Requirement(.badge(badge))
            if let label = name, let known = catalog.badgeClasses[badge], known.name != label {
                requirement.label = label
            }
        }
        requirement.source = component.location(in: file)
        if let id = prerequisiteIDs[key] ?? component["cairn:id"]?.string ?? nodeID(component) { requirement.id = id }
        requirement.earnedAfter = prerequisites(component)
        reportPrecedes(component)
        return requirement
    }

    /// The node id a group component was written with (its `ceasn:codedNotation`).
    func nodeID(_ component: JSONNode) -> String? {
        guard !component.types.contains(where: { Self.isType($0, "CredentialComponent") }),
              component["ceterms:hasCondition"] != nil else { return nil }
        return component["ceasn:codedNotation"]?.string
    }

    mutating func checkKind(_ component: JSONNode) -> Bool {
        let types = component.types
        guard let type = types.first else {
            fail("a pathway component needs an @type (one of: "
                 + CTDLTerms.componentKinds.joined(separator: ", ") + ")", at: component)
            return false
        }
        if types.contains(where: { type in CTDLTerms.componentKinds.contains { Self.isType(type, CTDLTerms.localName($0)) } }) {
            return true
        }
        let meant = ClosestIDs.to(type, among: CTDLTerms.componentKinds, limit: 1).first
        fail("\"\(type.excerpt(60))\" is not a kind of ceterms:PathwayComponent"
             + (meant.map { "; did you mean \"\($0)\"?" } ?? "; expected one of: " + CTDLTerms.componentKinds.joined(separator: ", ")),
             at: component["@type"] ?? component)
        return false
    }

    /// The badge class a component without conditions stands for.
    mutating func leafBadge(_ component: JSONNode, withCredits: Bool = true) -> String? {
        let name = component["ceterms:name"]?.text
        let coded = component.first(["ceasn:codedNotation", "ceterms:codedNotation"])?.string
        let proxy = component["ceterms:proxyFor"].flatMap { reference($0.asList.first) }
        let iri = component["@id"]?.string.flatMap { $0.hasPrefix("_:") ? nil : $0 }
        let ctid = component["ceterms:ctid"]?.string
        let ids = [coded, proxy, iri, ctid].compactMap { $0 }
        guard name != nil || !ids.isEmpty else {
            fail("a component without conditions stands for a credential, course or the like, but this one has no "
                 + "ceterms:name and no id to know it by", at: component)
            return nil
        }
        let kind = component.types.first.map { type -> String in
            let name = CTDLTerms.localName(type)
            return (name.hasSuffix("Component") ? String(name.dropLast("Component".count)) : name).lowercased()
        }
        let credits = withCredits ? creditValue(component) : nil
        let description = component["ceterms:description"]?.text
        let webpage = component["ceterms:subjectWebpage"]?.string
        return badges.badge(key: key(component), ids: ids, preferredID: coded ?? name ?? ctid ?? "imported") { id in
            var badge = BadgeClass(id: id, name: name ?? id, issuer: Issuer(id: "", name: ""), type: kind ?? "credential",
                                   credits: credits, description: description ?? webpage)
            badge.achievementIDs = [proxy, iri, ctid].compactMap { $0 }
            return badge
        }
    }

    /// `earnedAfter` from `ceterms:prerequisite`.
    mutating func prerequisites(_ component: JSONNode) -> [String] {
        guard let list = component["ceterms:prerequisite"]?.asList else { return [] }
        var ids: [String] = []
        for entry in list {
            guard let target = resolve(entry) else { continue }
            if let id = prerequisiteIDs[key(target)] {
                ids.append(id)
            } else if let badge = leafBadge(target) {
                ids.append(target["cairn:id"]?.string ?? badge)
            }
        }
        return ids
    }

    /// Components that `ceterms:prerequisite` names and that are groups get a requirement id
    /// (their `ceasn:codedNotation`, else one made from their name), before any is read.
    mutating func assignPrerequisiteIDs() {
        var used: Set<String> = []
        for object in byID.values.sorted(by: { ($0.line, $0.column) < ($1.line, $1.column) }) {
            for entry in object["ceterms:prerequisite"]?.asList ?? [] {
                guard let id = reference(entry) ?? (entry.members != nil ? key(entry) : nil),
                      let target = byID[id] ?? byCTID[id] else { continue }
                let isGroup = target["ceterms:hasCondition"] != nil
                    || target.first(["ceasn:hasChild", "ceterms:hasChild"]) != nil
                guard isGroup, prerequisiteIDs[key(target)] == nil else { continue }
                var candidate = target["ceasn:codedNotation"]?.string
                    ?? DefinitionID.slug(target["ceterms:name"]?.text ?? "step")
                if candidate.isEmpty || used.contains(candidate) { candidate += "-\(used.count + 1)" }
                used.insert(candidate)
                prerequisiteIDs[key(target)] = candidate
            }
        }
    }

    /// `ceterms:precedes` that no `ceterms:prerequisite` mirrors is a suggestion, not a rule.
    mutating func reportPrecedes(_ component: JSONNode) {
        guard let list = component.first(["ceterms:precedes", "ceterms:preceeds"])?.asList else { return }
        let me = key(component)
        for entry in list {
            guard let id = reference(entry), let later = byID[id] ?? byCTID[id] else { continue }
            let mirrored = (later["ceterms:prerequisite"]?.asList ?? []).contains { reference($0) == me }
            if !mirrored {
                let earlier = component["ceterms:name"]?.text ?? me
                let after = later["ceterms:name"]?.text ?? id
                note("ceterms:precedes gives a suggested order (\"\(earlier.excerpt(60))\" before \"\(after.excerpt(60))\"); "
                     + "CTDL keeps required order for ceterms:prerequisite, so no rule is made of it", at: entry)
            }
        }
    }

    // MARK: Conditions

    mutating func condition(_ condition: JSONNode) -> Requirement? {
        if let type = condition.types.first, !Self.isType(type, "ComponentCondition") {
            fail("expected a ceterms:ComponentCondition in ceterms:hasCondition, found \"\(type.excerpt(60))\"", at: condition)
            return nil
        }
        let conditionKey = "condition " + key(condition)
        if path.contains(conditionKey) {
            fail("a cycle: this condition contains itself through ceterms:hasCondition", at: condition)
            return nil
        }
        guard path.count < CTDLPathwayReader.maximumDepth else {
            fail("components and conditions nest more than \(CTDLPathwayReader.maximumDepth) levels deep here; "
                 + "deeper pathways are refused", at: condition)
            return nil
        }
        path.append(conditionKey)
        defer { path.removeLast() }
        let name = condition["ceterms:name"]?.text
        var targets: [Requirement] = []
        var targetNodes: [JSONNode] = []
        var ok = true
        for entry in condition["ceterms:targetComponent"]?.asList ?? [] {
            guard let target = resolve(entry) else { ok = false; continue }
            targetNodes.append(target)
            if let requirement = requirement(target) { targets.append(requirement) } else { ok = false }
        }
        var nested: [Requirement] = []
        for entry in condition["ceterms:hasCondition"]?.asList ?? [] {
            guard let inner = resolve(entry) else { ok = false; continue }
            if let requirement = self.condition(inner) { nested.append(requirement) } else { ok = false }
        }
        var creditRules: [Requirement] = []
        for entry in condition["ceterms:hasConstraint"]?.asList ?? [] {
            guard let constraint = resolve(entry) else { ok = false; continue }
            switch creditConstraint(constraint, targets: targets, targetNodes: targetNodes) {
            case .rule(let rule): creditRules.append(rule)
            case .notRule: break
            case .failed: ok = false
            }
        }
        guard ok else { return nil }
        let items = targets + nested
        let requiredNode = condition["ceterms:requiredNumber"]
        var required: Int?
        if let requiredNode {
            guard let number = requiredNode.numberText.flatMap({ Rational(parsing: $0) }) ?? requiredNode.string.flatMap({ Rational(parsing: $0) }),
                  number.isInteger, number >= .zero, let whole = Int(number.description) else {
                fail("ceterms:requiredNumber must be a whole number of 0 or more, found \(requiredNode.kindDescription)", at: requiredNode)
                return nil
            }
            if whole > items.count {
                fail("ceterms:requiredNumber is \(whole) but the condition names only \(items.count) target components "
                     + "and conditions; it could never be met", at: requiredNode)
                return nil
            }
            required = whole == 0 ? nil : whole
        }
        let operatorName = condition["ceterms:logicalOperator"].flatMap { reference($0) }.map { CTDLTerms.localName($0).lowercased() }
        if items.isEmpty && creditRules.isEmpty {
            fail("this condition has no ceterms:targetComponent, ceterms:hasCondition or ceterms:hasConstraint Cairn can "
                 + "turn into a rule; nothing could meet it", at: condition)
            return nil
        }
        var parts: [Requirement] = []
        if !creditRules.isEmpty && required == nil {
            // The targets are the candidates whose credits are summed, not requirements themselves.
            parts = creditRules + nested
        } else if !items.isEmpty {
            let count = required ?? (operatorName == "or" ? 1 : items.count)
            let group: Requirement.Kind
            if count == items.count { group = .all(items) } else if count == 1 { group = .any(items) } else { group = .countOf(count, items) }
            parts = [Requirement(group)] + creditRules
        } else {
            parts = creditRules
        }
        var result = parts.count == 1 ? parts[0] : Requirement(.all(parts))
        result.label = name ?? result.label
        result.source = condition.location(in: file)
        return result
    }

    enum ConstraintReading {
        case rule(Requirement)
        case notRule
        case failed
    }

    /// A constraint summing the targets' credit values: a credits requirement over the targets' badges.
    mutating func creditConstraint(_ constraint: JSONNode, targets: [Requirement], targetNodes: [JSONNode]) -> ConstraintReading {
        let left = (constraint["ceterms:leftSource"]?.asList ?? []).compactMap { $0.string }
        let action = constraint["ceterms:leftAction"].flatMap { reference($0) }.map { CTDLTerms.localName($0).lowercased() }
        let comparator = constraint["ceterms:comparator"].flatMap { reference($0) }.map { CTDLTerms.localName($0).lowercased() }
        let right = constraint["ceterms:rightSource"]?.asList.first
        guard left.contains(where: { CTDLTerms.localName($0) == "creditValue" }), action == nil || action == "sum" else {
            note("a ceterms:Constraint other than a sum of ceterms:creditValue (left source "
                 + (left.isEmpty ? "none" : left.joined(separator: ", ")) + ") is not turned into a rule", at: constraint)
            return .notRule
        }
        guard comparator == "gteq" || comparator == "gt" || comparator == "eq" else {
            note("a credit constraint comparing with \(comparator ?? "no ceterms:comparator") is not turned into a rule "
                 + "(Cairn asks for at least an amount: comparator:gteq)", at: constraint)
            return .notRule
        }
        guard let right, let amount = (right.string ?? right.numberText).flatMap({ Rational(parsing: $0) }), amount > .zero else {
            fail("a credit constraint needs ceterms:rightSource holding a positive number of credits", at: right ?? constraint)
            return .failed
        }
        if comparator != "gteq" {
            note("comparator:\(comparator ?? "") is read as at least \(amount) (Cairn asks for at least an amount)", at: constraint)
        }
        var badgeIDs: [String] = []
        for target in targets {
            guard case .badge(let badge) = target.kind else {
                fail("a credit constraint sums the credits of its target components, so each must stand for a credential "
                     + "or course, not a group", at: constraint)
                return .failed
            }
            badgeIDs.append(badge)
            if !target.earnedAfter.isEmpty {
                note("a component whose credits a constraint sums keeps no ceterms:prerequisite in Cairn (a credit sum has "
                     + "no order); the prerequisite of \(badge) is not turned into a rule", at: constraint)
            }
        }
        let units = Set(targetNodes.compactMap { creditValue($0)?.unit })
        let unit = constraint["cairn:creditUnit"]?.string.map { CreditUnit($0) } ?? (units.count == 1 ? units.first : nil)
        guard let unit else {
            fail("the credit constraint's targets give " + (units.isEmpty ? "no credit unit" : "several credit units ("
                 + units.map(\.name).sorted().joined(separator: ", ") + ")") + "; Cairn needs one unit for the sum", at: constraint)
            return .failed
        }
        guard !badgeIDs.isEmpty else {
            fail("a credit constraint needs target components whose credits it sums", at: constraint)
            return .failed
        }
        return .rule(Requirement(.credits(Credits(amount, unit), BadgeFilter(badges: badgeIDs)),
                                 label: constraint["ceterms:name"]?.text, source: constraint.location(in: file)))
    }

    /// The first `ceterms:creditValue` of a component: its amount and unit.
    mutating func creditValue(_ component: JSONNode) -> Credits? {
        guard let value = component["ceterms:creditValue"]?.asList.first else { return nil }
        let amountNode = value["schema:value"] ?? value["schema:minValue"]
        guard let amountNode, let amount = (amountNode.numberText ?? amountNode.string).flatMap({ Rational(parsing: $0) }),
              amount >= .zero else {
            note("a ceterms:creditValue without a schema:value of 0 or more is not read", at: value)
            return nil
        }
        if value["schema:value"] == nil { note("the credit value's schema:minValue is read as its value", at: value) }
        let unitNode = value["ceterms:creditUnitType"]?.asList.first
        let concept = unitNode.flatMap { $0.string ?? $0["ceterms:targetNode"]?.string }
        let unitName = concept.map(CTDLTerms.unit(forConcept:)) ?? unitNode?["ceterms:targetNodeName"]?.text.map { CreditUnit($0) }
        guard let unitName else {
            note("a ceterms:creditValue without a ceterms:creditUnitType is not read (Cairn's credits have a unit)", at: value)
            return nil
        }
        return Credits(amount, unitName)
    }

    // MARK: Extensions

    /// A requirement written in Cairn's pathway language inside `cairn:requirement`.
    mutating func extensionRequirement(_ text: String, at node: JSONNode) -> Requirement? {
        let indented = text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        let wrapper = "id: carried\ntitle: carried\nrequires:\n" + indented
        do {
            return try Pathway(definition: wrapper, file: file).requires.withSource(node.location(in: file))
        } catch {
            fail("cairn:requirement does not hold a requirement of Cairn's pathway language: "
                 + (error.problems.first?.message ?? "unreadable"), at: node)
            return nil
        }
    }

    /// The version, validity and conversions the writer kept in `cairn:pathway`.
    mutating func applySettings(_ node: JSONNode, to pathway: inout Pathway) {
        guard let text = node.string else {
            fail("cairn:pathway must be a string holding Cairn pathway keys (version, validity, conversions)", at: node)
            return
        }
        do {
            let carried = try Pathway(definition: "id: carried\ntitle: carried\nrequires: { badge: carried }\n" + text, file: file)
            pathway.version = carried.version
            pathway.validity = carried.validity
            pathway.conversions = carried.conversions
            pathway.effective = carried.effective
            pathway.maxShared = carried.maxShared
        } catch {
            fail("cairn:pathway does not hold Cairn pathway keys: " + (error.problems.first?.message ?? "unreadable"), at: node)
        }
    }

    /// Marks the components below one read from its extension as reached.
    mutating func markVisited(_ component: JSONNode) {
        var pending = [component]
        while let current = pending.popLast() {
            for object in allObjects(current) {
                for key in ["ceterms:targetComponent", "ceasn:hasChild", "ceterms:hasChild", "ceterms:prerequisite"] {
                    for entry in object[key]?.asList ?? [] {
                        guard let id = reference(entry), let target = byID[id] ?? byCTID[id] else { continue }
                        if visited.insert(self.key(target)).inserted { pending.append(target) }
                    }
                }
            }
        }
    }

    /// Components of the document that the destination never reaches.
    mutating func reportUnreached() {
        let components = byID.values.filter { object in
            object.types.contains { type in CTDLTerms.componentKinds.contains { Self.isType(type, CTDLTerms.localName($0)) } }
        }
        let unreached = components.filter { !visited.contains(key($0)) }
            .sorted { ($0.line, $0.column) < ($1.line, $1.column) }
        guard let first = unreached.first else { return }
        note("\(unreached.count) component(s) are not reached from the destination through conditions or children "
             + "(\(unreached.prefix(3).compactMap { $0["ceterms:name"]?.text ?? $0["@id"]?.string }.joined(separator: ", "))"
             + (unreached.count > 3 ? ", …" : "") + "); they are not part of the imported pathway", at: first)
    }
}

extension Requirement {
    /// The node with `source` set to `location` throughout.
    func withSource(_ location: SourceLocation) -> Requirement {
        var copy = self
        copy.source = location
        switch kind {
        case .all(let children): copy.kind = .all(children.map { $0.withSource(location) })
        case .any(let children): copy.kind = .any(children.map { $0.withSource(location) })
        case .countOf(let count, let children): copy.kind = .countOf(count, children.map { $0.withSource(location) })
        default: break
        }
        return copy
    }
}
