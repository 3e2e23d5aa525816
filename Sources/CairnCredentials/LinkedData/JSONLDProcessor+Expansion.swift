import CairnSyntax
/// The Expansion algorithm (JSON-LD 1.1 Processing Algorithms and API, §5.1) and Value Expansion (§5.3).
extension JSONLDProcessor {
    /// The deepest nesting of objects and arrays expansion follows; a deeper document is refused
    /// rather than risk the stack.
    package static let maximumDepth = 256

    func expandElement(
        _ activeContext: JSONLDActiveContext, property: String?, element: JSONNode, base: String?,
        fromMap: Bool = false, depth: Int = 0
    ) throws(JSONLDError) -> JSONNode? {
        // The top-level object is depth 0 and a value inside the deepest object one more: a
        // document of `maximumDepth` nested objects is read, one more is refused.
        guard depth <= Self.maximumDepth else {
            throw JSONLDError(code: "nesting too deep", message: "the document nests more than \(Self.maximumDepth) levels")
        }
        var active = activeContext
        let propertyDefinition = property.flatMap { active.terms[$0] }
        let propertyScoped = propertyDefinition?.context
        switch element.value {
        case .null:
            return nil
        case .array(let items):
            var result: [JSONNode] = []
            for item in items {
                guard var expanded = try expandElement(active, property: property, element: item, base: base,
                                                       fromMap: fromMap, depth: depth + 1)
                else { continue }
                if propertyDefinition?.container.contains("@list") == true, expanded.elements != nil {
                    expanded = Self.object(["@list": expanded])
                }
                if let nested = expanded.elements { result += nested } else { result.append(expanded) }
            }
            return JSONNode(.array(result))
        case .object:
            break
        default:
            if property == nil || property == "@graph" { return nil }
            if let propertyScoped {
                active = try processContext(active, local: propertyScoped, base: propertyDefinition?.baseURL)
            }
            return try expandValue(active, property: property, value: element)
        }
        let (nodeContext, typeScoped, inputType) = try contexts(of: element, in: active, fromMap: fromMap,
                                                               propertyDefinition: propertyDefinition, base: base)
        var result: [String: JSONNode] = [:]
        try expandMembers(nodeContext, typeScoped: typeScoped, property: property, element: element,
                          inputType: inputType, base: base, result: &result, depth: depth)
        return try finishObject(result, property: property)
    }

    /// Steps 7 to 12 for a node: the active context its members expand in (the type-scoped one
    /// left behind, the property's scoped context, its own @context, its types' scoped contexts),
    /// the context its types expand in, and its last type. Apart from ``expandElement`` so that
    /// these temporaries do not enlarge the stack frame of every level of expansion.
    private func contexts(
        of element: JSONNode, in activeContext: JSONLDActiveContext, fromMap: Bool,
        propertyDefinition: JSONLDTermDefinition?, base: String?
    ) throws(JSONLDError) -> (active: JSONLDActiveContext, typeScoped: JSONLDActiveContext, inputType: String?) {
        var active = activeContext
        let members = element.members ?? []
        if let previous = active.previous, !fromMap {
            var keepsContext = false
            for member in members {
                let expanded = try expandIRI(member.key, active, vocab: true)
                if expanded == "@value" || (members.count == 1 && expanded == "@id") { keepsContext = true }
            }
            if !keepsContext { active = previous.context }
        }
        if let propertyScoped = propertyDefinition?.context {
            active = try processContext(active, local: propertyScoped, base: propertyDefinition?.baseURL,
                                        overrideProtected: true)
        }
        if let local = element["@context"] {
            active = try processContext(active, local: local, base: base)
        }
        let typeScoped = active
        var inputType: String?
        for member in members.sorted(by: { Self.codePointLess($0.key, $1.key) })
        where try expandIRI(member.key, active, vocab: true) == "@type" {
            let types = member.value.asList.compactMap(\.string).sorted(by: Self.codePointLess)
            for type in types {
                if let definition = typeScoped.terms[type], let scoped = definition.context {
                    active = try processContext(active, local: scoped, base: definition.baseURL, propagate: false)
                }
            }
            if inputType == nil, let last = member.value.asList.last?.string {
                inputType = try expandIRI(last, active, vocab: true)
            }
        }
        return (active, typeScoped, inputType)
    }

    /// Step 13.7: a language map, as value objects with the map's languages.
    private func expandLanguageMap(
        _ active: JSONLDActiveContext, key: String, definition: JSONLDTermDefinition?, map languageMap: [JSONNode.Member]
    ) throws(JSONLDError) -> JSONNode {
        var items: [JSONNode] = []
        let direction = definition?.direction ?? active.defaultDirection
        for entry in languageMap.sorted(by: { Self.codePointLess($0.key, $1.key) }) {
            for item in entry.value.asList {
                if item.isNull { continue }
                guard item.string != nil else {
                    throw JSONLDError(code: "invalid language map value",
                                      message: "the language map of \"\(key)\" must hold strings")
                }
                var object: [String: JSONNode] = ["@value": item]
                if try expandIRI(entry.key, active, vocab: true) != "@none" {
                    object["@language"] = JSONNode(.string(entry.key.lowercased()))
                }
                if let direction { object["@direction"] = JSONNode(.string(direction)) }
                items.append(Self.object(object))
            }
        }
        return JSONNode(.array(items))
    }

    /// Step 13 and 14: every member of `element` into `result`, nested properties included.
    private func expandMembers(
        _ active: JSONLDActiveContext, typeScoped: JSONLDActiveContext, property: String?, element: JSONNode,
        inputType: String?, base: String?, result: inout [String: JSONNode], depth: Int
    ) throws(JSONLDError) {
        var nests: [String] = []
        let members = (element.members ?? []).sorted { Self.codePointLess($0.key, $1.key) }
        for member in members where member.key != "@context" {
            let key = member.key
            let value = member.value
            guard let expandedProperty = try expandIRI(key, active, vocab: true),
                  expandedProperty.contains(":") || JSONLDKeyword.isKeyword(expandedProperty)
            else { continue }
            if JSONLDKeyword.isKeyword(expandedProperty) {
                try expandKeywordMember(active, typeScoped: typeScoped, property: property, key: key,
                                        expandedProperty: expandedProperty, value: value, inputType: inputType,
                                        base: base, result: &result, nests: &nests, depth: depth)
                continue
            }
            let definition = active.terms[key]
            let container = definition?.container ?? []
            var expandedValue: JSONNode?
            if definition?.typeMapping == "@json" {
                expandedValue = Self.object(["@value": value, "@type": JSONNode(.string("@json"))])
            } else if container.contains("@language"), let languageMap = value.members {
                expandedValue = try expandLanguageMap(active, key: key, definition: definition, map: languageMap)
            } else if !container.isDisjoint(with: ["@index", "@type", "@id"]), let map = value.members {
                expandedValue = try expandIndexMap(active, key: key, definition: definition, map: map, base: base,
                                                   depth: depth)
            } else {
                expandedValue = try expandElement(active, property: key, element: value, base: base, depth: depth + 1)
            }
            guard var expandedValue else { continue }
            if container.contains("@list"), expandedValue["@list"] == nil {
                expandedValue = Self.object(["@list": JSONNode(.array(expandedValue.asList))])
            }
            if container.contains("@graph"), !container.contains("@id"), !container.contains("@index") {
                expandedValue = JSONNode(.array(expandedValue.asList.map {
                    Self.object(["@graph": JSONNode(.array($0.asList))])
                }))
            }
            if definition?.isReverse == true {
                try Self.appendReverse(expandedValue.asList, to: expandedProperty, in: &result)
            } else {
                Self.append(expandedValue, to: expandedProperty, in: &result)
            }
        }
        for nestKey in nests.sorted(by: Self.codePointLess) {
            try expandNested(active, typeScoped: typeScoped, nestKey: nestKey, property: property, element: element,
                             inputType: inputType, base: base, result: &result, depth: depth)
        }
    }

    /// Step 13.4: one member whose key expands to a keyword, into `result` (or `nests`). A function
    /// of its own so that its many temporaries do not enlarge the stack frame of every level of
    /// expansion: the depth bound must be reached well before the stack's end.
    private func expandKeywordMember(
        _ active: JSONLDActiveContext, typeScoped: JSONLDActiveContext, property: String?, key: String,
        expandedProperty: String, value: JSONNode, inputType: String?, base: String?,
        result: inout [String: JSONNode], nests: inout [String], depth: Int
    ) throws(JSONLDError) {
            if property == "@reverse" {
                throw JSONLDError(code: "invalid reverse property map",
                                  message: "a reverse property map cannot hold \(expandedProperty)")
            }
            if result[expandedProperty] != nil, expandedProperty != "@included", expandedProperty != "@type" {
                throw JSONLDError(code: "colliding keywords", message: "\(expandedProperty) is given twice")
            }
            var expandedValue: JSONNode?
            switch expandedProperty {
            case "@id":
                guard let id = value.string else {
                    throw JSONLDError(code: "invalid @id value", message: "@id must be a string, found \(value.kindDescription)")
                }
                expandedValue = try expandIRI(id, active, documentRelative: true).map { JSONNode(.string($0)) }
                    ?? JSONNode(.null)
            case "@type":
                var types: [JSONNode] = []
                for item in value.asList {
                    guard let type = item.string else {
                        throw JSONLDError(code: "invalid type value",
                                          message: "@type must be a string or strings, found \(item.kindDescription)")
                    }
                    if let iri = try expandIRI(type, typeScoped, documentRelative: true, vocab: true) {
                        types.append(JSONNode(.string(iri)))
                    }
                }
                if let earlier = result["@type"] {
                    expandedValue = JSONNode(.array(earlier.asList + types))
                } else if value.string != nil {
                    expandedValue = types.first
                } else {
                    expandedValue = JSONNode(.array(types))
                }
            case "@graph":
                let graph = try expandElement(active, property: "@graph", element: value, base: base,
                                              depth: depth + 1)
                expandedValue = JSONNode(.array(graph?.asList ?? []))
            case "@included":
                // Expanded as a property's value, not as a top-level one, so that strings, value
                // objects and lists stay in the result and are refused below.
                let included = try expandElement(active, property: "@included", element: value, base: base,
                                                 depth: depth + 1)?.asList ?? []
                if included.contains(where: { $0["@value"] != nil || $0["@list"] != nil || $0.members == nil }) {
                    throw JSONLDError(code: "invalid @included value", message: "@included must hold node objects")
                }
                expandedValue = JSONNode(.array((result["@included"]?.asList ?? []) + included))
            case "@value":
                if inputType == "@json" {
                    expandedValue = value
                } else {
                    switch value.value {
                    case .null, .bool, .number, .string: expandedValue = value
                    default:
                        throw JSONLDError(code: "invalid value object value",
                                          message: "@value must be a string, number, boolean or null")
                    }
                }
                result["@value"] = expandedValue
                return
            case "@language":
                guard let language = value.string else {
                    throw JSONLDError(code: "invalid language-tagged string", message: "@language must be a string")
                }
                expandedValue = JSONNode(.string(language.lowercased()))
            case "@direction":
                guard let direction = value.string, direction == "ltr" || direction == "rtl" else {
                    throw JSONLDError(code: "invalid base direction", message: "@direction must be ltr or rtl")
                }
                expandedValue = value
            case "@index":
                guard value.string != nil else {
                    throw JSONLDError(code: "invalid @index value", message: "@index must be a string")
                }
                expandedValue = value
            case "@list":
                if property == nil || property == "@graph" { return }
                let list = try expandElement(active, property: property, element: value, base: base,
                                             depth: depth + 1)
                expandedValue = JSONNode(.array(list?.asList ?? []))
            case "@set":
                expandedValue = try expandElement(active, property: property, element: value, base: base,
                                                  depth: depth + 1)
            case "@reverse":
                guard value.members != nil else {
                    throw JSONLDError(code: "invalid @reverse value", message: "@reverse must be an object")
                }
                let reversed = try expandElement(active, property: "@reverse", element: value, base: base,
                                                 depth: depth + 1)
                for entry in reversed?.members ?? [] {
                    if entry.key == "@reverse" {
                        for inner in entry.value.members ?? [] {
                            Self.append(inner.value, to: inner.key, in: &result)
                        }
                        continue
                    }
                    try Self.appendReverse(entry.value.asList, to: entry.key, in: &result)
                }
                return
            case "@nest":
                nests.append(key)
                return
            default:
                return
            }
            if let expandedValue { result[expandedProperty] = expandedValue }
    }

    /// Step 14: the members of the objects under one nesting key, into `result`. A function of its
    /// own so that its contexts do not enlarge the stack frame of every level of expansion.
    private func expandNested(
        _ active: JSONLDActiveContext, typeScoped: JSONLDActiveContext, nestKey: String, property: String?,
        element: JSONNode, inputType: String?, base: String?, result: inout [String: JSONNode], depth: Int
    ) throws(JSONLDError) {
        // The nesting key's own scoped context, then the nested object's @context, apply to the
        // nested properties (Expansion step 14.2.2 repeats steps 3 and 8 for them).
        var nestContext = active
        if let definition = active.terms[nestKey], let scoped = definition.context {
            nestContext = try processContext(active, local: scoped, base: definition.baseURL, overrideProtected: true)
        }
        for nested in element[nestKey]?.asList ?? [] {
            guard let nestedMembers = nested.members else {
                throw JSONLDError(code: "invalid @nest value", message: "the value of \(nestKey) must be an object")
            }
            var nestedContext = nestContext
            if let local = nested["@context"] {
                nestedContext = try processContext(nestContext, local: local, base: base)
            }
            for member in nestedMembers where try expandIRI(member.key, nestedContext, vocab: true) == "@value" {
                throw JSONLDError(code: "invalid @nest value", message: "a nested object cannot hold @value")
            }
            try expandMembers(nestedContext, typeScoped: typeScoped, property: property, element: nested,
                              inputType: inputType, base: base, result: &result, depth: depth + 1)
        }
    }

    /// Step 13.8: an index, id or type map.
    private func expandIndexMap(
        _ active: JSONLDActiveContext, key: String, definition: JSONLDTermDefinition?, map: [JSONNode.Member],
        base: String?, depth: Int
    ) throws(JSONLDError) -> JSONNode {
        let container = definition?.container ?? []
        let indexKey = definition?.index ?? "@index"
        var items: [JSONNode] = []
        for entry in map.sorted(by: { Self.codePointLess($0.key, $1.key) }) {
            let index = entry.key
            // A type map's values are nodes of the index's type: they leave a non-propagated
            // (type-scoped) context behind, as any nested node would, and take the index's own
            // type-scoped context instead (Expansion step 13.8.3).
            var mapContext = active
            if container.contains("@type") {
                mapContext = active.previous?.context ?? active
                if let scoped = active.terms[index], let local = scoped.context {
                    mapContext = try processContext(mapContext, local: local, base: scoped.baseURL, propagate: false)
                }
            }
            let expandedIndex = try expandIRI(index, active, vocab: true)
            let indexValues = try expandElement(mapContext, property: key, element: JSONNode(.array(entry.value.asList)),
                                                base: base, fromMap: true, depth: depth + 1)?.asList ?? []
            for var item in indexValues {
                if container.contains("@graph"), item["@graph"] == nil {
                    item = Self.object(["@graph": JSONNode(.array(item.asList))])
                }
                var object = Self.dictionary(item)
                if container.contains("@index"), indexKey != "@index", expandedIndex != "@none" {
                    let reExpanded = try expandValue(active, property: indexKey, value: JSONNode(.string(index)))
                    guard let expandedIndexKey = try expandIRI(indexKey, active, vocab: true) else { continue }
                    object[expandedIndexKey] = JSONNode(.array([reExpanded] + (object[expandedIndexKey]?.asList ?? [])))
                    if object["@value"] != nil {
                        throw JSONLDError(code: "invalid value object",
                                          message: "a value in the index map of \"\(key)\" cannot take a property index")
                    }
                } else if container.contains("@index"), object["@index"] == nil, expandedIndex != "@none" {
                    object["@index"] = JSONNode(.string(index))
                } else if container.contains("@id"), object["@id"] == nil, expandedIndex != "@none" {
                    if let id = try expandIRI(index, active, documentRelative: true) {
                        object["@id"] = JSONNode(.string(id))
                    }
                } else if container.contains("@type"), let expandedIndex, expandedIndex != "@none" {
                    object["@type"] = JSONNode(.array([JSONNode(.string(expandedIndex))] + (object["@type"]?.asList ?? [])))
                }
                items.append(Self.object(object))
            }
        }
        return JSONNode(.array(items))
    }

    /// Steps 15 to 20: checks and simplifications of an expanded object.
    private func finishObject(_ object: [String: JSONNode], property: String?) throws(JSONLDError) -> JSONNode? {
        var result = object
        if let value = result["@value"] {
            let allowed: Set<String> = ["@direction", "@index", "@language", "@type", "@value"]
            if result.keys.contains(where: { !allowed.contains($0) })
                || (result["@type"] != nil && (result["@language"] != nil || result["@direction"] != nil)) {
                throw JSONLDError(code: "invalid value object", message: "a value object has entries it cannot have")
            }
            if result["@type"]?.string == "@json" {
                // Any JSON value is allowed.
            } else if value.isNull || value.elements?.isEmpty == true {
                return nil
            } else if value.string == nil, result["@language"] != nil {
                throw JSONLDError(code: "invalid language-tagged value", message: "only strings can have a language")
            } else if let type = result["@type"] {
                guard let iri = type.string, JSONLDKeyword.isAbsoluteIRI(iri) else {
                    throw JSONLDError(code: "invalid typed value", message: "the @type of a value must be an IRI")
                }
            }
        } else if let type = result["@type"], type.elements == nil {
            result["@type"] = JSONNode(.array([type]))
        } else if result["@set"] != nil || result["@list"] != nil {
            if result.count > (result["@index"] == nil ? 1 : 2) {
                throw JSONLDError(code: "invalid set or list object",
                                  message: "a @set or @list object can only have @index besides")
            }
            if let set = result["@set"] { return set }
        }
        if result.count == 1, result["@language"] != nil { return nil }
        if property == nil || property == "@graph" {
            if result.isEmpty || result["@value"] != nil || result["@list"] != nil { return nil }
            if result.count == 1, result["@id"] != nil { return nil }
        }
        return Self.object(result)
    }

    /// The Value Expansion algorithm.
    func expandValue(_ active: JSONLDActiveContext, property: String?, value: JSONNode) throws(JSONLDError) -> JSONNode {
        let definition = property.flatMap { active.terms[$0] }
        if let string = value.string {
            if definition?.typeMapping == "@id" {
                return Self.object(["@id": try expandIRI(string, active, documentRelative: true).map { JSONNode(.string($0)) }
                    ?? JSONNode(.null)])
            }
            if definition?.typeMapping == "@vocab" {
                return Self.object(["@id": try expandIRI(string, active, documentRelative: true, vocab: true)
                    .map { JSONNode(.string($0)) } ?? JSONNode(.null)])
            }
        }
        var result: [String: JSONNode] = ["@value": value]
        if let type = definition?.typeMapping, type != "@id", type != "@vocab", type != "@none" {
            result["@type"] = JSONNode(.string(type))
        } else if value.string != nil {
            let language = definition?.language ?? active.defaultLanguage
            let direction = definition?.direction ?? active.defaultDirection
            if let language { result["@language"] = JSONNode(.string(language)) }
            if let direction { result["@direction"] = JSONNode(.string(direction)) }
        }
        return Self.object(result)
    }

    // MARK: - Helpers

    /// An object node with members in code point order of their keys.
    static func object(_ members: [String: JSONNode]) -> JSONNode {
        JSONNode(.object(members.sorted { codePointLess($0.key, $1.key) }.map { JSONNode.Member(key: $0.key, value: $0.value) }))
    }

    static func dictionary(_ node: JSONNode) -> [String: JSONNode] {
        Dictionary((node.members ?? []).map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Adds `value` (or its elements) to the array under `key`.
    static func append(_ value: JSONNode, to key: String, in object: inout [String: JSONNode]) {
        let earlier = object[key]?.asList ?? []
        object[key] = JSONNode(.array(earlier + value.asList))
    }

    /// Adds `items` under `property` in the `@reverse` map of `object`: node objects only.
    static func appendReverse(_ items: [JSONNode], to property: String, in object: inout [String: JSONNode]) throws(JSONLDError) {
        var reverseMap = object["@reverse"].map(dictionary) ?? [:]
        for item in items {
            if item["@value"] != nil || item["@list"] != nil {
                throw JSONLDError(code: "invalid reverse property value",
                                  message: "the reverse property \(property) cannot hold a value or a list")
            }
            append(item, to: property, in: &reverseMap)
        }
        object["@reverse"] = self.object(reverseMap)
    }

    static func codePointLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }
}
