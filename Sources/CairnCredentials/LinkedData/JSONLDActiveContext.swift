import CairnSyntax
/// One term of an active context (JSON-LD 1.1 API, "term definition").
struct JSONLDTermDefinition: Sendable {
    /// The IRI or keyword the term maps to; `nil` for a term explicitly mapped to null.
    var iri: String?
    var isPrefix = false
    var isProtected = false
    var isReverse = false
    /// The URL of the context that defined the term, for resolving its scoped context.
    var baseURL: String?
    /// The term's scoped context, as written.
    var context: JSONNode?
    var container: Set<String> = []
    /// `.some(nil)`: `@direction: null` written; `nil`: not given.
    var direction: String??
    var index: String?
    /// `.some(nil)`: `@language: null` written; `nil`: not given.
    var language: String??
    var nest: String?
    var typeMapping: String?

    /// Equal apart from the protected flag and base URL, as protected-term redefinition compares.
    func sameDefinition(as other: JSONLDTermDefinition) -> Bool {
        iri == other.iri && isPrefix == other.isPrefix && isReverse == other.isReverse
            && container == other.container && direction == other.direction && index == other.index
            && language == other.language && nest == other.nest && typeMapping == other.typeMapping
            && JSONLDActiveContext.sameJSON(context, other.context)
    }
}

/// The state that JSON-LD context processing builds and expansion reads.
struct JSONLDActiveContext: Sendable {
    /// Holds the previous context of a non-propagated one (a value type cannot hold itself).
    final class Previous: Sendable {
        let context: JSONLDActiveContext
        init(_ context: JSONLDActiveContext) { self.context = context }
    }

    var base: String?
    var originalBase: String?
    var vocabulary: String?
    var defaultLanguage: String?
    var defaultDirection: String?
    var terms: [String: JSONLDTermDefinition] = [:]
    var previous: Previous?

    init(base: String?) {
        self.base = base
        self.originalBase = base
    }

    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }

    /// JSON equality that ignores the order of object members (scoped contexts compare this way).
    static func sameJSON(_ lhs: JSONNode?, _ rhs: JSONNode?) -> Bool {
        switch (lhs?.value, rhs?.value) {
        case (nil, nil): return true
        case (.object(let left)?, .object(let right)?):
            guard left.count == right.count else { return false }
            let rightByKey = Dictionary(right.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            return left.allSatisfy { member in
                rightByKey[member.key].map { sameJSON(member.value, $0) } ?? false
            }
        case (.array(let left)?, .array(let right)?):
            return left.count == right.count && zip(left, right).allSatisfy { sameJSON($0, $1) }
        case (.number(let left)?, .number(let right)?):
            return left == right || (Double(left) != nil && Double(left) == Double(right))
        case (let left?, let right?): return left == right
        default: return false
        }
    }
}

/// Keywords and IRI shapes used throughout the JSON-LD algorithms.
enum JSONLDKeyword {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit", "@graph", "@id",
        "@import", "@included", "@index", "@json", "@language", "@list", "@nest", "@none", "@omitDefault",
        "@prefix", "@preserve", "@protected", "@propagate", "@requireAll", "@reverse", "@set", "@type",
        "@value", "@version", "@vocab",
    ]

    static func isKeyword(_ value: String) -> Bool { all.contains(value) }

    /// `@` followed by ASCII letters only: reserved for future keywords, ignored with a warning.
    static func hasKeywordForm(_ value: String) -> Bool {
        let scalars = Array(value.unicodeScalars)
        guard scalars.count > 1, scalars[0] == "@" else { return false }
        return scalars.dropFirst().allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") }
    }

    /// An absolute IRI: a scheme, a colon, no white space (the check JSON-LD processors use).
    static func isAbsoluteIRI(_ value: String) -> Bool {
        var sawScheme = false
        for (offset, scalar) in value.unicodeScalars.enumerated() {
            if scalar == ":" {
                sawScheme = offset > 0
                break
            }
            let isLetter = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
            let isOther = (scalar >= "0" && scalar <= "9") || scalar == "+" || scalar == "-" || scalar == "."
            if offset == 0 ? !isLetter : !(isLetter || isOther) { return false }
        }
        return sawScheme && !value.unicodeScalars.contains { $0.properties.isWhitespace }
    }

    static func isBlankNode(_ value: String) -> Bool { value.hasPrefix("_:") }
}
