import CairnRDF
import CairnSyntax
/// Context processing and IRI expansion (JSON-LD 1.1 Processing Algorithms and API, §4.1, §4.2, §5.2).
extension JSONLDProcessor {
    /// More nested context loads than this is taken for a loop (`context overflow`).
    /// The deepest chain of contexts that import contexts (remote or local) a document may use.
    package static let maximumContextDepth = 32

    func resolve(_ reference: String, against base: String?) -> String {
        guard let base else { return reference }
        return IRIBase(base).resolve(reference)
    }

    /// The Context Processing algorithm: `local` applied on top of `active`.
    func processContext(
        _ active: JSONLDActiveContext, local: JSONNode, base: String?, remoteContexts: [String] = [],
        overrideProtected: Bool = false, propagate initialPropagate: Bool = true, validateScoped: Bool = true
    ) throws(JSONLDError) -> JSONLDActiveContext {
        var result = active
        var propagate = initialPropagate
        if let value = local["@propagate"] {
            guard let flag = value.bool else {
                throw JSONLDError(code: "invalid @propagate value", message: "@propagate must be true or false")
            }
            propagate = flag
        }
        if !propagate, result.previous == nil {
            result.previous = .init(active)
        }
        for context in local.asList {
            switch context.value {
            case .null:
                if !overrideProtected, active.hasProtectedTerms {
                    throw JSONLDError(code: "invalid context nullification",
                                      message: "a null context cannot clear protected terms")
                }
                let previous = result
                result = JSONLDActiveContext(base: active.originalBase)
                if !propagate { result.previous = .init(previous) }
                continue
            case .string(let reference):
                let url = resolve(reference, against: base)
                if !validateScoped, remoteContexts.contains(url) { continue }
                guard remoteContexts.count < Self.maximumContextDepth else {
                    throw JSONLDError(code: "context overflow", message: "contexts import contexts more than \(Self.maximumContextDepth) levels deep, at \(url)")
                }
                guard let document = contexts.document(for: url) else { throw .missingContext(url) }
                guard let loaded = document["@context"], loaded.members != nil || loaded.elements != nil
                    || loaded.string != nil || loaded.isNull
                else {
                    throw JSONLDError(code: "invalid remote context",
                                      message: "the document for \(url) has no @context object", contextURL: url)
                }
                result = try processContext(result, local: loaded, base: url, remoteContexts: remoteContexts + [url],
                                            validateScoped: validateScoped)
                continue
            case .object:
                break
            default:
                throw JSONLDError(code: "invalid local context",
                                  message: "a context must be an object, a URL or null, found \(context.kindDescription)")
            }
            var definitions = context
            if let version = definitions["@version"] {
                guard version.numberText.flatMap(Double.init) == 1.1 else {
                    throw JSONLDError(code: "invalid @version value", message: "@version must be 1.1")
                }
            }
            if let importNode = definitions["@import"] {
                guard let reference = importNode.string else {
                    throw JSONLDError(code: "invalid @import value", message: "@import must be a string")
                }
                let url = resolve(reference, against: base)
                guard let document = contexts.document(for: url) else { throw .missingContext(url) }
                guard let imported = document["@context"], let importedMembers = imported.members else {
                    throw JSONLDError(code: "invalid remote context",
                                      message: "the imported context \(url) has no @context object", contextURL: url)
                }
                if imported["@import"] != nil {
                    throw JSONLDError(code: "invalid context entry", message: "the imported context \(url) has @import")
                }
                let own = definitions.members ?? []
                let ownKeys = Set(own.map(\.key))
                definitions = JSONNode(.object(importedMembers.filter { !ownKeys.contains($0.key) } + own))
            }
            if let baseNode = definitions["@base"], remoteContexts.isEmpty {
                switch baseNode.value {
                case .null: result.base = nil
                case .string(let value) where JSONLDKeyword.isAbsoluteIRI(value): result.base = value
                case .string(let value) where result.base != nil: result.base = resolve(value, against: result.base)
                default:
                    throw JSONLDError(code: "invalid base IRI", message: "@base must be an IRI or null")
                }
            }
            if let vocabulary = definitions["@vocab"] {
                switch vocabulary.value {
                case .null: result.vocabulary = nil
                case .string(let value):
                    result.vocabulary = try expandIRI(value, result, documentRelative: true, vocab: true)
                default:
                    throw JSONLDError(code: "invalid vocab mapping", message: "@vocab must be an IRI or null")
                }
            }
            if let language = definitions["@language"] {
                switch language.value {
                case .null: result.defaultLanguage = nil
                case .string(let value): result.defaultLanguage = value.lowercased()
                default:
                    throw JSONLDError(code: "invalid default language", message: "@language must be a string or null")
                }
            }
            if let direction = definitions["@direction"] {
                switch direction.value {
                case .null: result.defaultDirection = nil
                case .string(let value) where value == "ltr" || value == "rtl": result.defaultDirection = value
                default:
                    throw JSONLDError(code: "invalid base direction", message: "@direction must be ltr, rtl or null")
                }
            }
            if let protectedNode = definitions["@protected"], protectedNode.bool == nil {
                throw JSONLDError(code: "invalid @protected value", message: "@protected must be true or false")
            }
            let scope = TermScope(local: definitions, base: base, overrideProtected: overrideProtected,
                                  remoteContexts: remoteContexts)
            var defined: [String: Bool] = [:]
            let skipped: Set<String> = ["@base", "@direction", "@import", "@language", "@propagate", "@protected",
                                        "@version", "@vocab"]
            for member in definitions.members ?? [] where !skipped.contains(member.key) {
                try createTermDefinition(&result, scope, term: member.key, defined: &defined)
            }
        }
        return result
    }

    static let containerKeywords: Set<String> = ["@graph", "@id", "@index", "@language", "@list", "@set", "@type"]

    /// The local context being processed, with what its term definitions need.
    struct TermScope {
        var local: JSONNode
        var base: String?
        var overrideProtected: Bool
        var remoteContexts: [String]
    }

    /// The Create Term Definition algorithm.
    func createTermDefinition(
        _ active: inout JSONLDActiveContext, _ scope: TermScope, term: String, defined: inout [String: Bool]
    ) throws(JSONLDError) {
        let local = scope.local
        let base = scope.base
        let overrideProtected = scope.overrideProtected
        let remoteContexts = scope.remoteContexts
        if let state = defined[term] {
            if state { return }
            throw JSONLDError(code: "cyclic IRI mapping", message: "the term \"\(term)\" is defined through itself")
        }
        guard !term.isEmpty else {
            throw JSONLDError(code: "invalid term definition", message: "a term cannot be the empty string")
        }
        defined[term] = false
        guard var value = local[term] else { return }
        if term == "@type" {
            let keys = Set(value.members?.map(\.key) ?? [])
            let container = value["@container"]?.string
            guard value.members != nil, !keys.isEmpty, keys.isSubset(of: ["@container", "@protected"]),
                  container == nil || container == "@set"
            else {
                throw JSONLDError(code: "keyword redefinition", message: "@type can only be given @container @set")
            }
        } else if JSONLDKeyword.isKeyword(term) {
            throw JSONLDError(code: "keyword redefinition", message: "the keyword \(term) cannot be redefined")
        } else if JSONLDKeyword.hasKeywordForm(term) {
            defined[term] = true
            return
        }
        let previous = active.terms.removeValue(forKey: term)
        var simpleTerm = false
        switch value.value {
        case .null: value = JSONNode(.object([.init(key: "@id", value: JSONNode(.null))]))
        case .string:
            value = JSONNode(.object([.init(key: "@id", value: value)]))
            simpleTerm = true
        case .object: break
        default:
            throw JSONLDError(code: "invalid term definition",
                              message: "the term \"\(term)\" must map to a string, an object or null")
        }
        var definition = JSONLDTermDefinition()
        if let protectedNode = value["@protected"] {
            guard let flag = protectedNode.bool else {
                throw JSONLDError(code: "invalid @protected value", message: "@protected of \"\(term)\" must be a boolean")
            }
            definition.isProtected = flag
        } else {
            definition.isProtected = local["@protected"]?.bool ?? false
        }
        if let typeNode = value["@type"] {
            guard let type = typeNode.string else {
                throw JSONLDError(code: "invalid type mapping", message: "@type of \"\(term)\" must be a string")
            }
            let expanded = try expandIRI(type, &active, vocab: true, scope: scope, defined: &defined)
            guard let expanded,
                  ["@id", "@json", "@none", "@vocab"].contains(expanded) || JSONLDKeyword.isAbsoluteIRI(expanded)
            else {
                throw JSONLDError(code: "invalid type mapping", message: "@type of \"\(term)\" is not an IRI: \(type)")
            }
            definition.typeMapping = expanded
        }
        if let reverse = value["@reverse"] {
            if value["@id"] != nil || value["@nest"] != nil {
                throw JSONLDError(code: "invalid reverse property",
                                  message: "\"\(term)\" has @reverse together with @id or @nest")
            }
            guard let reverseIRI = reverse.string else {
                throw JSONLDError(code: "invalid IRI mapping", message: "@reverse of \"\(term)\" must be a string")
            }
            if JSONLDKeyword.hasKeywordForm(reverseIRI) {
                try Self.checkProtected(previous, replacedBy: nil, term: term, overrideProtected: overrideProtected)
                defined[term] = true
                return
            }
            guard let expanded = try expandIRI(reverseIRI, &active, vocab: true, scope: scope, defined: &defined),
                  expanded.contains(":")
            else {
                throw JSONLDError(code: "invalid IRI mapping", message: "@reverse of \"\(term)\" is not an IRI")
            }
            definition.iri = expanded
            if let container = value["@container"] {
                guard container.isNull || container.string == "@set" || container.string == "@index" else {
                    throw JSONLDError(code: "invalid reverse property",
                                      message: "the container of reverse property \"\(term)\" must be @set or @index")
                }
                if let kind = container.string { definition.container = [kind] }
            }
            // A reverse property with an @index container may index by a property too, as test
            // expand/0131 has it (the algorithm's steps return before reading @index here).
            definition.index = try Self.indexMapping(of: value, container: definition.container, term: term)
            definition.isReverse = true
            active.terms[term] = try Self.checkProtected(previous, replacedBy: definition, term: term,
                                                         overrideProtected: overrideProtected)
            defined[term] = true
            return
        }
        let colon = term.dropFirst().dropLast().contains(":")
        if let idNode = value["@id"], idNode.string != term {
            if idNode.isNull {
                definition.iri = nil
            } else {
                guard let id = idNode.string else {
                    throw JSONLDError(code: "invalid IRI mapping", message: "@id of \"\(term)\" must be a string")
                }
                if !JSONLDKeyword.isKeyword(id), JSONLDKeyword.hasKeywordForm(id) {
                    try Self.checkProtected(previous, replacedBy: nil, term: term, overrideProtected: overrideProtected)
                    defined[term] = true
                    return
                }
                let expanded = try expandIRI(id, &active, vocab: true, scope: scope, defined: &defined)
                guard let expanded, JSONLDKeyword.isKeyword(expanded) || expanded.contains(":") else {
                    throw JSONLDError(code: "invalid IRI mapping", message: "@id of \"\(term)\" is not an IRI: \(id)")
                }
                if expanded == "@context" {
                    throw JSONLDError(code: "invalid keyword alias", message: "\"\(term)\" cannot alias @context")
                }
                definition.iri = expanded
                if colon || term.contains("/") {
                    defined[term] = true
                    let itself = try expandIRI(term, &active, vocab: true, scope: scope, defined: &defined)
                    if itself != expanded {
                        throw JSONLDError(code: "invalid IRI mapping",
                                          message: "the term \"\(term)\" looks like an IRI but maps to \(expanded)")
                    }
                }
                if !term.contains(":"), !term.contains("/"), simpleTerm,
                   let last = expanded.last, ":/?#[]@".contains(last) || JSONLDKeyword.isBlankNode(expanded) {
                    definition.isPrefix = true
                }
            }
        } else if term.dropFirst().contains(":") {
            let parts = term.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let prefix = String(parts[0])
            let suffix = parts.count > 1 ? String(parts[1]) : ""
            if !suffix.hasPrefix("//"), local[prefix] != nil {
                try createTermDefinition(&active, scope, term: prefix, defined: &defined)
            }
            if !suffix.hasPrefix("//"), let prefixIRI = active.terms[prefix]?.iri {
                definition.iri = prefixIRI + suffix
            } else {
                definition.iri = term
            }
        } else if term.contains("/") {
            // Not through the local context: the term being defined is that context's own entry.
            let expanded = try expandIRI(term, active, vocab: true)
            guard let expanded, JSONLDKeyword.isAbsoluteIRI(expanded) else {
                throw JSONLDError(code: "invalid IRI mapping", message: "the term \"\(term)\" is not an IRI")
            }
            definition.iri = expanded
        } else if term == "@type" {
            definition.iri = "@type"
        } else if let vocabulary = active.vocabulary {
            definition.iri = vocabulary + term
        } else {
            throw JSONLDError(code: "invalid IRI mapping",
                              message: "the term \"\(term)\" has no @id and the context has no @vocab")
        }
        if let containerNode = value["@container"] {
            let kinds = containerNode.asList.compactMap(\.string)
            guard kinds.count == containerNode.asList.count, !kinds.isEmpty,
                  kinds.allSatisfy({ Self.containerKeywords.contains($0) })
            else {
                throw JSONLDError(code: "invalid container mapping",
                                  message: "@container of \"\(term)\" is not a valid container")
            }
            let set = Set(kinds)
            if set.contains("@list"), set.count > 1 {
                throw JSONLDError(code: "invalid container mapping",
                                  message: "@container @list of \"\(term)\" cannot be combined")
            }
            definition.container = set
            if set.contains("@type") {
                if definition.typeMapping == nil { definition.typeMapping = "@id" }
                guard definition.typeMapping == "@id" || definition.typeMapping == "@vocab" else {
                    throw JSONLDError(code: "invalid type mapping",
                                      message: "a @type container needs @type @id or @vocab on \"\(term)\"")
                }
            }
        }
        definition.index = try Self.indexMapping(of: value, container: definition.container, term: term)
        if let scoped = value["@context"] {
            do {
                _ = try processContext(active, local: scoped, base: base, remoteContexts: remoteContexts,
                                       overrideProtected: true, validateScoped: false)
            } catch where error.code == "loading remote context failed" {
                throw error
            } catch {
                throw JSONLDError(code: "invalid scoped context",
                                  message: "the scoped context of \"\(term)\" is not valid: \(error.message)")
            }
            definition.context = scoped
            definition.baseURL = base
        }
        if let languageNode = value["@language"], value["@type"] == nil {
            switch languageNode.value {
            case .null: definition.language = .some(nil)
            case .string(let language): definition.language = .some(language.lowercased())
            default:
                throw JSONLDError(code: "invalid language mapping", message: "@language of \"\(term)\" must be a string")
            }
        }
        if let directionNode = value["@direction"], value["@type"] == nil {
            switch directionNode.value {
            case .null: definition.direction = .some(nil)
            case .string(let direction) where direction == "ltr" || direction == "rtl":
                definition.direction = .some(direction)
            default:
                throw JSONLDError(code: "invalid base direction", message: "@direction of \"\(term)\" is not valid")
            }
        }
        if let nestNode = value["@nest"] {
            guard let nest = nestNode.string, nest == "@nest" || !JSONLDKeyword.isKeyword(nest) else {
                throw JSONLDError(code: "invalid @nest value", message: "@nest of \"\(term)\" is not valid")
            }
            definition.nest = nest
        }
        if let prefixNode = value["@prefix"] {
            guard !term.contains(":"), !term.contains("/") else {
                throw JSONLDError(code: "invalid term definition", message: "\"\(term)\" cannot have @prefix")
            }
            guard let flag = prefixNode.bool else {
                throw JSONLDError(code: "invalid @prefix value", message: "@prefix of \"\(term)\" must be a boolean")
            }
            definition.isPrefix = flag
            if flag, let iri = definition.iri, JSONLDKeyword.isKeyword(iri) {
                throw JSONLDError(code: "invalid term definition", message: "the keyword alias \"\(term)\" cannot be a prefix")
            }
        }
        let allowed: Set<String> = ["@id", "@reverse", "@container", "@context", "@direction", "@index", "@language",
                                    "@nest", "@prefix", "@protected", "@type"]
        if let unknown = value.members?.first(where: { !allowed.contains($0.key) }) {
            throw JSONLDError(code: "invalid term definition",
                              message: "the definition of \"\(term)\" has an unknown entry \(unknown.key)")
        }
        active.terms[term] = try Self.checkProtected(previous, replacedBy: definition, term: term,
                                                     overrideProtected: overrideProtected)
        defined[term] = true
    }

    /// The definition a term gets when `previous` may be protected: a protected term can only be
    /// "redefined" identically (and then keeps its previous definition), unless protection is
    /// overridden. Checked on every way out of Create Term Definition, so that neither a reverse
    /// property nor an ignored `@id`/`@reverse` value (which only removes the term) gets round it.
    @discardableResult
    static func checkProtected(
        _ previous: JSONLDTermDefinition?, replacedBy definition: JSONLDTermDefinition?, term: String,
        overrideProtected: Bool
    ) throws(JSONLDError) -> JSONLDTermDefinition? {
        guard !overrideProtected, let previous, previous.isProtected else { return definition }
        guard let definition, definition.sameDefinition(as: previous) else {
            throw JSONLDError(code: "protected term redefinition",
                              message: "the protected term \"\(term)\" cannot be redefined")
        }
        return previous
    }

    /// The property a term's @index container indexes by (`@index` entry of its definition), if any.
    static func indexMapping(of definition: JSONNode, container: Set<String>, term: String) throws(JSONLDError) -> String? {
        guard let indexNode = definition["@index"] else { return nil }
        guard container.contains("@index"), let index = indexNode.string, !JSONLDKeyword.isKeyword(index) else {
            throw JSONLDError(code: "invalid term definition", message: "@index of \"\(term)\" is not valid")
        }
        return index
    }

    /// IRI Expansion outside context processing.
    func expandIRI(
        _ value: String, _ active: JSONLDActiveContext, documentRelative: Bool = false, vocab: Bool = false
    ) throws(JSONLDError) -> String? {
        var defined: [String: Bool] = [:]
        var copy = active
        return try expandIRI(value, &copy, documentRelative: documentRelative, vocab: vocab, scope: nil,
                             defined: &defined)
    }

    /// The IRI Expansion algorithm; `nil` when the value maps to null or is reserved. During context
    /// processing (`scope` given) it defines the terms it needs from the local context first.
    func expandIRI(
        _ value: String, _ active: inout JSONLDActiveContext, documentRelative: Bool = false, vocab: Bool = false,
        scope: TermScope?, defined: inout [String: Bool]
    ) throws(JSONLDError) -> String? {
        if JSONLDKeyword.isKeyword(value) { return value }
        if JSONLDKeyword.hasKeywordForm(value) { return nil }
        if let scope, scope.local[value] != nil, defined[value] != true {
            try createTermDefinition(&active, scope, term: value, defined: &defined)
        }
        if let definition = active.terms[value] {
            if let iri = definition.iri, JSONLDKeyword.isKeyword(iri) { return iri }
            if vocab { return definition.iri }
        }
        if value.dropFirst().contains(":") {
            let parts = value.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let prefix = String(parts[0])
            let suffix = parts.count > 1 ? String(parts[1]) : ""
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if let scope, scope.local[prefix] != nil, defined[prefix] != true {
                try createTermDefinition(&active, scope, term: prefix, defined: &defined)
            }
            if let definition = active.terms[prefix], let iri = definition.iri, definition.isPrefix {
                return iri + suffix
            }
            if JSONLDKeyword.isAbsoluteIRI(value) { return value }
        }
        if vocab, let vocabulary = active.vocabulary { return vocabulary + value }
        if documentRelative { return resolve(value, against: active.base) }
        return value
    }
}
