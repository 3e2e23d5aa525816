import Foundation

/// A JSON value as read from a response, keeping what JSON Schema tells apart: `true` is not
/// `1`, and a number is a number whether or not it has a fraction.
indirect enum JSON: Decodable, Equatable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON].self))
        }
    }

    /// Parses one JSON text (any value at the top, not only objects and arrays).
    static func parse(_ bytes: [UInt8]) throws -> JSON {
        try JSONDecoder().decode(JSON.self, from: Data(bytes))
    }

    static func parse(_ text: String) throws -> JSON {
        try parse(Array(text.utf8))
    }

    subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var members: [String: JSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    var elements: [JSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The JSON Schema type name of the value (`integer` for a number without a fraction).
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let value): value.rounded() == value && value.isFinite ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
        case .string(let text): "\"\(text)\""
        case .array(let elements): "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\"\($0)\": \(members[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A small JSON Schema (2020-12) validator: the keywords the Cairn OpenAPI document uses, and
/// nothing silently: a schema with a keyword it does not know is reported as a violation rather
/// than passed.
///
/// Covered: `type` (a name or a list of them, `integer` being a number without a fraction,
/// `null` included), `properties`, `required`, `additionalProperties`, `items`, `minItems`,
/// `maxItems`, `enum`, `const`, `$ref` to `#/…` pointers in the root document (recursion
/// included), `allOf`, `anyOf`, `oneOf`, `not`, `minimum`, `maximum`, `exclusiveMinimum`,
/// `exclusiveMaximum`, `minLength`, `maxLength`, `pattern`, and `format` `date` and `date-time`
/// (checked, where JSON Schema would only annotate). Annotations (`description`, `example`…) are ignored.
struct JSONSchemaValidator: Sendable {
    /// The document `$ref`s point into (the whole OpenAPI document).
    var root: JSON

    /// A violation: where in the instance (`$.root.children[0].progress`) and what is wrong.
    struct Violation: Equatable, Sendable, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path): \(message)" }
    }

    static let annotations: Set<String> = [
        "description", "title", "example", "examples", "default", "deprecated", "readOnly", "writeOnly", "contentMediaType",
        "contentEncoding", "$comment", "discriminator", "xml", "externalDocs",
    ]

    static let assertions: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems", "enum", "const",
        "allOf", "anyOf", "oneOf", "not", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength",
        "maxLength", "pattern", "format",
    ]

    func validate(_ instance: JSON, against schema: JSON, at path: String = "$") -> [Violation] {
        var depth = 0
        return validate(instance, schema, path, &depth)
    }

    /// Validates against the schema a `$ref` names (`#/components/schemas/Audit`).
    func validate(_ instance: JSON, reference: String, at path: String = "$") -> [Violation] {
        validate(instance, against: .object(["$ref": .string(reference)]), at: path)
    }

    /// The value a `#/a/b` pointer names in the root document.
    func resolve(_ reference: String) -> JSON? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let members):
                guard let next = members[key] else { return nil }
                node = next
            case .array(let elements):
                guard let index = Int(key), elements.indices.contains(index) else { return nil }
                node = elements[index]
            default: return nil
            }
        }
        return node
    }

    private func validate(_ instance: JSON, _ schema: JSON, _ path: String, _ depth: inout Int) -> [Violation] {
        func fail(_ message: String) -> [Violation] { [Violation(path: path, message: message)] }
        switch schema {
        case .bool(true): return []
        case .bool(false): return fail("no value is allowed here")
        case .object: break
        default: return fail("the schema is not an object or a boolean: \(schema)")
        }
        guard let keywords = schema.members else { return [] }
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { return fail("the schema recurses without end") }
        var violations: [Violation] = []

        for key in keywords.keys.sorted() where !Self.assertions.contains(key) && !Self.annotations.contains(key) && !key.hasPrefix("x-") {
            violations += fail("the validator does not know the keyword \(key)")
        }

        if let reference = keywords["$ref"] {
            if let text = reference.string, let target = resolve(text) {
                violations += validate(instance, target, path, &depth)
            } else {
                violations += fail("unresolvable $ref \(reference)")
            }
        }

        if let type = keywords["type"] {
            let names = type.elements?.compactMap(\.string) ?? type.string.map { [$0] } ?? []
            let actual = instance.typeName
            let matches = names.contains(actual) || (actual == "integer" && names.contains("number"))
            if !matches { violations += fail("expected \(names.joined(separator: " or ")), found \(actual) \(Self.short(instance))") }
        }
        if let allowed = keywords["enum"]?.elements, !allowed.contains(instance) {
            violations += fail("\(Self.short(instance)) is not one of \(allowed.map(\.description).joined(separator: ", "))")
        }
        if let constant = keywords["const"], constant != instance {
            violations += fail("expected \(constant), found \(Self.short(instance))")
        }

        switch instance {
        case .object(let members):
            if let required = keywords["required"]?.elements?.compactMap(\.string) {
                for key in required where members[key] == nil { violations += fail("missing required property \(key)") }
            }
            let properties = keywords["properties"]?.members ?? [:]
            for (key, value) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] {
                    violations += validate(value, property, path + "." + key, &depth)
                } else if let additional = keywords["additionalProperties"] {
                    if additional == .bool(false) {
                        violations += fail("unexpected property \(key)")
                    } else {
                        violations += validate(value, additional, path + "." + key, &depth)
                    }
                }
            }
        case .array(let elements):
            if let items = keywords["items"] {
                for (index, element) in elements.enumerated() { violations += validate(element, items, "\(path)[\(index)]", &depth) }
            }
            if case .number(let least)? = keywords["minItems"], Double(elements.count) < least {
                violations += fail("expected at least \(Int(least)) items, found \(elements.count)")
            }
            if case .number(let most)? = keywords["maxItems"], Double(elements.count) > most {
                violations += fail("expected at most \(Int(most)) items, found \(elements.count)")
            }
        case .number(let value):
            if case .number(let bound)? = keywords["minimum"], value < bound { violations += fail("\(value) is below the minimum \(bound)") }
            if case .number(let bound)? = keywords["maximum"], value > bound { violations += fail("\(value) is above the maximum \(bound)") }
            if case .number(let bound)? = keywords["exclusiveMinimum"], value <= bound { violations += fail("\(value) is not above \(bound)") }
            if case .number(let bound)? = keywords["exclusiveMaximum"], value >= bound { violations += fail("\(value) is not below \(bound)") }
        case .string(let text):
            if case .number(let least)? = keywords["minLength"], Double(text.count) < least {
                violations += fail("shorter than \(Int(least)) characters")
            }
            if case .number(let most)? = keywords["maxLength"], Double(text.count) > most {
                violations += fail("longer than \(Int(most)) characters")
            }
            if let pattern = keywords["pattern"]?.string {
                if let expression = try? NSRegularExpression(pattern: pattern) {
                    let range = NSRange(text.startIndex..., in: text)
                    if expression.firstMatch(in: text, range: range) == nil {
                        violations += fail("\(Self.short(instance)) does not match the pattern \(pattern)")
                    }
                } else {
                    violations += fail("the pattern \(pattern) does not compile")
                }
            }
            if let format = keywords["format"]?.string {
                switch format {
                case "date":
                    if !Self.isDate(text) { violations += fail("\(Self.short(instance)) is not a date (YYYY-MM-DD)") }
                case "date-time":
                    if !Self.isDateTime(text) { violations += fail("\(Self.short(instance)) is not an RFC 3339 date-time") }
                default: break
                }
            }
        default: break
        }

        if let schemas = keywords["allOf"]?.elements {
            for schema in schemas { violations += validate(instance, schema, path, &depth) }
        }
        if let schemas = keywords["anyOf"]?.elements {
            let outcomes = schemas.map { validate(instance, $0, path, &depth) }
            if !outcomes.contains(where: \.isEmpty) {
                violations += fail("matches none of anyOf: " + outcomes.map { $0.map(\.description).joined(separator: "; ") }.joined(separator: " | "))
            }
        }
        if let schemas = keywords["oneOf"]?.elements {
            let outcomes = schemas.map { validate(instance, $0, path, &depth) }
            let passing = outcomes.filter(\.isEmpty).count
            if passing == 0 {
                violations += fail("matches none of oneOf: " + outcomes.map { $0.map(\.description).joined(separator: "; ") }.joined(separator: " | "))
            } else if passing > 1 {
                violations += fail("matches \(passing) of oneOf, not exactly one")
            }
        }
        if let schema = keywords["not"], validate(instance, schema, path, &depth).isEmpty {
            violations += fail("matches the schema under not")
        }
        return violations
    }

    /// The keywords of `schema`, and of every schema under it, that the validator does not know:
    /// a document using one would otherwise be checked less than it says.
    static func unknownKeywords(in schema: JSON, at path: String = "#") -> [String] {
        guard let keywords = schema.members else { return [] }
        var unknown = keywords.keys.sorted().filter { !assertions.contains($0) && !annotations.contains($0) && !$0.hasPrefix("x-") }
            .map { "\(path)/\($0)" }
        for (name, property) in (keywords["properties"]?.members ?? [:]).sorted(by: { $0.key < $1.key }) {
            unknown += unknownKeywords(in: property, at: "\(path)/properties/\(name)")
        }
        for key in ["items", "additionalProperties", "not"] {
            if let sub = keywords[key] { unknown += unknownKeywords(in: sub, at: "\(path)/\(key)") }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for (index, sub) in (keywords[key]?.elements ?? []).enumerated() { unknown += unknownKeywords(in: sub, at: "\(path)/\(key)/\(index)") }
        }
        return unknown
    }

    static func short(_ value: JSON) -> String {
        let text = value.description
        return text.count > 60 ? String(text.prefix(57)) + "…" : text
    }

    /// `YYYY-MM-DD` naming a day that exists.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }

    /// An RFC 3339 date-time: `2026-11-29T10:00:00Z`, with optional fractions and an offset.
    static func isDateTime(_ text: String) -> Bool {
        let pattern = #"^([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"#
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let day = Range(match.range(at: 1), in: text) else { return false }
        return isDate(String(text[day]))
    }
}
