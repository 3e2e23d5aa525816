public import CairnCore
public import CairnSyntax

/// Reads a pathway as Badgr exported it (its v2 pathway detail, before Badgr removed pathways in
/// 2020): a pathway with `elements`, each with `children`, an optional `completionBadge`, and
/// `requirements` of the form
/// `{"@type": "BadgeJunction"|"ElementJunction", "junctionConfig": {"@type": "Conjunction"|"Disjunction", "requiredNumber": N}, "badges"|"elements": […]}`.
///
/// - The root element (`rootElement`) is the pathway; its `completionBadge` (or the pathway's)
///   is the badge it awards.
/// - A `Conjunction` is `all`; a `Disjunction` with `requiredNumber` N is `count: N of` (`any`
///   for 1). Badges are named by their BadgeClass URL and matched to the workspace's
///   `achievementIds` (an `http:` and an `https:` URL of the same address match); unknown ones
///   become new badge classes.
/// - An element with a `completionBadge` inside the pathway is met by holding that badge or by
///   meeting its requirements; one without requirements but with children needs all of them;
///   one with neither can never be met in Badgr, so it is left out of its parent (reported).
public enum BadgrPathwayReader {
    /// The largest export read.
    public static let maximumFileBytes = 16 << 20
    /// The deepest chain of elements followed.
    public static let maximumDepth = 64

    public static func read(path: String, display: String? = nil, catalog: Catalog) throws(FormatErrors) -> PathwayImport {
        let bytes = try InterchangeFile.bytes(at: path, display: display, limit: maximumFileBytes, subject: "Badgr pathway exports")
        return try read(json: bytes, file: display ?? path, catalog: catalog)
    }

    public static func read(json: [UInt8], file: String, catalog: Catalog) throws(FormatErrors) -> PathwayImport {
        let root = try InterchangeFile.parse(json, file: file)
        var reader = BadgrReading(file: file, catalog: catalog)
        let result = reader.read(root)
        return try InterchangeFile.outcome(result, reader.findings, root: root)
    }
}

private struct BadgrReading {
    let file: String
    let catalog: Catalog
    var findings: ImportFindings
    var elements: [String: JSONNode] = [:]
    var badges: ImportedBadges
    var path: [String] = []

    init(file: String, catalog: Catalog) {
        self.file = file
        findings = ImportFindings(file: file)
        self.catalog = catalog
        badges = ImportedBadges(catalog: catalog, issuer: Issuer(id: file, name: file))
    }

    mutating func fail(_ message: String, at node: JSONNode) { findings.fail(message, at: node) }

    mutating func note(_ message: String, at node: JSONNode) { findings.note(message, at: node) }

    mutating func read(_ root: JSONNode) -> PathwayImport? {
        var pathway = root
        if let list = root["pathways"]?.elements {
            let detailed = list.filter { $0["elements"] != nil }
            guard detailed.count == 1, let only = detailed.first else {
                fail("the file lists \(list.count) pathways, \(detailed.count) of them with their elements; give the export "
                     + "of one pathway (its detail, with \"elements\")", at: root)
                return nil
            }
            pathway = only
        }
        guard pathway.members != nil else {
            fail("expected a Badgr pathway (a JSON object with \"elements\"), found \(pathway.kindDescription)", at: pathway)
            return nil
        }
        guard let list = pathway["elements"] else {
            fail("expected a Badgr pathway with \"elements\" (the export of a pathway's detail), found keys: "
                 + (pathway.members ?? []).map(\.key).joined(separator: ", "), at: pathway)
            return nil
        }
        guard let entries = list.elements else {
            fail("\"elements\" must be a list of pathway elements, found \(list.kindDescription)", at: list)
            return nil
        }
        for element in entries {
            guard element.members != nil, let id = element["@id"]?.string else {
                fail("a pathway element needs an \"@id\" (its URL)", at: element)
                continue
            }
            if elements[id] != nil { fail("two elements have the @id \"\(id.excerpt(80))\"", at: element) }
            elements[id] = element
            if let slug = element["slug"]?.string, elements[slug] == nil { elements[slug] = element }
        }
        guard findings.problems.isEmpty else { return nil }
        let name = pathway["name"]?.string
        let issuerNode = pathway["issuer"]
        let issuerID = issuerNode.flatMap { $0.string ?? $0["@id"]?.string }
        let issuerName = issuerNode?["name"]?.string ?? issuerNode?["slug"]?.string
        badges = ImportedBadges(catalog: catalog, issuer: Issuer(id: issuerID ?? pathway["@id"]?.string ?? file,
                                                                 name: issuerName ?? issuerID ?? name ?? file))

        let rootElement: JSONNode
        if let reference = pathway["rootElement"] {
            guard let id = reference.string ?? reference["@id"]?.string, let found = elements[id] else {
                fail("\"rootElement\" names no element of \"elements\"", at: reference)
                return nil
            }
            rootElement = found
        } else {
            let named = Set(entries.flatMap { ($0["children"]?.elements ?? []).compactMap(\.string) })
            let roots = entries.filter { element in !named.contains(element["@id"]?.string ?? "") }
            guard roots.count == 1, let only = roots.first else {
                fail("the pathway has no \"rootElement\" and \(roots.count) elements that are no other's child; "
                     + "Cairn cannot tell which is the pathway", at: pathway)
                return nil
            }
            rootElement = only
        }
        let awarded = pathway["completionBadge"].flatMap(badgeReference) ?? rootElement["completionBadge"].flatMap(badgeReference)
        let awards = awarded.map { badge($0.url, at: $0.node) }
        guard let requires = requirement(rootElement, isRoot: true) else {
            if findings.problems.isEmpty {
                fail("the root element has no requirements and no children: Badgr would never count it complete", at: rootElement)
            }
            return nil
        }
        let title = name ?? rootElement["name"]?.string ?? "Imported pathway"
        let slug = pathway["slug"]?.string.map(DefinitionID.slug) ?? DefinitionID.slug(title)
        let result = Pathway(id: slug.isEmpty ? "imported-pathway" : slug, title: title, awards: awards,
                             externalIDs: [pathway["@id"]?.string].compactMap { $0 }, requires: requires,
                             source: pathway.location(in: file))
        return PathwayImport(pathway: result, newBadges: badges.newBadges, issuer: badges.issuer, notes: findings.notes)
    }

    /// `completionBadge`: `{"@id": URL, "slug": …}`, a URL, or null.
    func badgeReference(_ node: JSONNode) -> (url: String, node: JSONNode)? {
        if node.isNull { return nil }
        if let url = node.string ?? node["@id"]?.string { return (url, node) }
        return nil
    }

    /// The badge class for a BadgeClass URL.
    mutating func badge(_ url: String, at node: JSONNode) -> String {
        let slug = url.split(separator: "/").last.map(String.init) ?? url
        return badges.badge(key: url, ids: ImportedBadges.variants(of: url), preferredID: slug) { id in
            var badge = BadgeClass(id: id, name: slug, issuer: Issuer(id: "", name: ""), type: "badge",
                                   description: "Imported from a Badgr pathway; Badgr's export names the badge only by its URL.")
            badge.achievementIDs = [url]
            return badge
        }
    }

    /// An element's requirement; nil for an element that can never be met (reported) or a problem.
    mutating func requirement(_ element: JSONNode, isRoot: Bool = false) -> Requirement? {
        let id = element["@id"]?.string ?? ""
        if let start = path.firstIndex(of: id) {
            fail("a cycle: element \(id.excerpt(60)) contains itself (through "
                 + path[start...].map { $0.excerpt(40) }.joined(separator: " → ") + ")", at: element)
            return nil
        }
        guard path.count < BadgrPathwayReader.maximumDepth else {
            fail("elements nest more than \(BadgrPathwayReader.maximumDepth) levels deep here; deeper pathways are refused", at: element)
            return nil
        }
        path.append(id)
        defer { path.removeLast() }
        let name = element["name"]?.string
        let completion = element["completionBadge"].flatMap(badgeReference)
        var result: Requirement?
        if let requirements = element["requirements"], !requirements.isNull {
            result = junction(requirements, name: name)
        } else if let children = element["children"]?.elements, !children.isEmpty {
            note("element \(name.map { "\"\($0)\"" } ?? id) has children but no requirements; all of its children are taken as required",
                 at: element)
            result = group(children.map { ($0, $0) }, conjunction: true, required: nil, at: element, name: name)
        } else if !isRoot, completion == nil {
            note("element \(name.map { "\"\($0)\"" } ?? id) has no requirements, children or completion badge: Badgr never counts it "
                 + "complete, so it is left out", at: element)
            return nil
        }
        if !isRoot, let completion {
            let held = Requirement(.badge(badge(completion.url, at: completion.node)))
            guard var inner = result else { return held.labelled(name) }
            if inner.label == name { inner.label = nil }
            result = Requirement(.any([held, inner]), label: name)
        }
        result?.source = element.location(in: file)
        return result
    }

    /// A `BadgeJunction` or `ElementJunction`.
    mutating func junction(_ node: JSONNode, name: String?) -> Requirement? {
        guard node.members != nil else {
            fail("\"requirements\" must be an object with @type and junctionConfig, found \(node.kindDescription)", at: node)
            return nil
        }
        let type = node["@type"]?.string
        guard type == "BadgeJunction" || type == "ElementJunction" else {
            fail("\"requirements\" @type must be BadgeJunction or ElementJunction, found "
                 + (node["@type"]?.kindDescription ?? "nothing"), at: node["@type"] ?? node)
            return nil
        }
        guard let config = node["junctionConfig"], config.members != nil else {
            fail("\"requirements\" needs a junctionConfig ({\"@type\": \"Conjunction\"|\"Disjunction\", \"requiredNumber\": N})",
                 at: node)
            return nil
        }
        let junctionType = config["@type"]?.string
        guard junctionType == "Conjunction" || junctionType == "Disjunction" else {
            fail("junctionConfig @type must be Conjunction or Disjunction, found " + (config["@type"]?.kindDescription ?? "nothing"),
                 at: config["@type"] ?? config)
            return nil
        }
        var required: Int?
        if junctionType == "Disjunction" {
            guard let number = config["requiredNumber"] else {
                fail("a Disjunction needs requiredNumber (how many of its items are required)", at: config)
                return nil
            }
            guard let value = (number.numberText ?? number.string).flatMap({ Rational(parsing: $0) }), value.isInteger,
                  value >= .one, let whole = Int(value.description) else {
                fail("requiredNumber must be a whole number of 1 or more, found \(number.kindDescription)", at: number)
                return nil
            }
            required = whole
        }
        let key = type == "BadgeJunction" ? "badges" : "elements"
        guard let list = node[key]?.elements else {
            fail("a \(type ?? "") needs \"\(key)\": a list of " + (key == "badges" ? "BadgeClass URLs" : "element @ids"), at: node)
            return nil
        }
        return group(list.map { ($0, $0) }, conjunction: junctionType == "Conjunction", required: required, at: node,
                     name: name, badgesOnly: key == "badges")
    }

    /// Items (badge URLs or element references) combined as a junction says.
    mutating func group(_ items: [(JSONNode, JSONNode)], conjunction: Bool, required: Int?, at node: JSONNode,
                        name: String?, badgesOnly: Bool = false) -> Requirement? {
        var children: [Requirement] = []
        var ok = true
        var impossible = 0
        for (item, place) in items {
            guard let reference = item.string ?? item["@id"]?.string else {
                fail("expected a URL, found \(item.kindDescription)", at: item)
                ok = false
                continue
            }
            if badgesOnly {
                children.append(Requirement(.badge(badge(reference, at: place)), source: place.location(in: file)))
                continue
            }
            guard let element = elements[reference] else {
                fail("\"\(reference.excerpt(80))\" names no element of the pathway", at: place)
                ok = false
                continue
            }
            let before = findings.problems.count
            if let child = requirement(element) {
                children.append(child)
            } else if findings.problems.count > before {
                ok = false
            } else {
                impossible += 1
            }
        }
        guard ok else { return nil }
        if conjunction && impossible > 0 {
            note("this Conjunction needs an element that can never be met, so it can never be met either; it is left out",
                 at: node)
            return nil
        }
        let needed = conjunction ? children.count : (required ?? 1)
        guard !children.isEmpty else {
            note("this junction names nothing Cairn can count, so the element can never be met; it is left out", at: node)
            return nil
        }
        if needed > children.count {
            fail("requiredNumber is \(needed) but the junction has only \(children.count) item(s) that can be met", at: node)
            return nil
        }
        let kind: Requirement.Kind = needed == children.count ? .all(children) : needed == 1 ? .any(children) : .countOf(needed, children)
        return Requirement(kind, label: name, source: node.location(in: file))
    }
}

extension Requirement {
    func labelled(_ label: String?) -> Requirement {
        var copy = self
        copy.label = label ?? copy.label
        return copy
    }
}
