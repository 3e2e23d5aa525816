public import CairnCore
public import CairnCredentials
public import CairnSyntax
import Foundation

/// The outcome of `cairn verify` for several files, as text and as the JSON contract.
public struct VerificationReport: Sendable {
    public var asOf: CalendarDate
    public var results: [CredentialVerification]

    public init(asOf: CalendarDate, results: [CredentialVerification]) {
        self.asOf = asOf
        self.results = results
    }

    /// Whether every file is `verified` or `unverified`.
    public var isAcceptable: Bool { results.allSatisfy(\.status.isAcceptable) }

    /// `{"asOf", "results": [{"file", "status", "reason", "proofs", "nested"}]}` (the README's JSON contract).
    public var json: JSONValue {
        .object([("asOf", .string(asOf.description)), ("results", .array(results.map(\.json)))])
    }

    /// One line per file (`status  file  reason`), nested credentials indented under their CLR.
    public var text: String {
        var lines: [String] = []
        let width = CredentialVerification.Status.allCases.map(\.rawValue.count).max() ?? 0
        func add(_ result: CredentialVerification, indent: String) {
            let status = result.status.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(indent)\(status)  \(result.file)  \(result.reason)")
            for nested in result.nested { add(nested, indent: indent + "  ") }
        }
        for result in results { add(result, indent: "") }
        let counts = CredentialVerification.Status.allCases.compactMap { status -> String? in
            let count = results.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        lines.append("")
        lines.append("As of \(asOf): \(counts.joined(separator: ", ")).")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension CredentialVerification {
    /// `file`, `status`, `reason`, then what each proof check found and any nested outcomes.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)), ("status", .string(status.rawValue)), ("reason", .string(reason)),
        ]
        if let credential {
            members.append(("format", .string(credential.format.rawValue)))
            if let id = credential.id { members.append(("id", .string(id))) }
        }
        members.append(("proofs", .array(proofs.map(\.json))))
        if !nested.isEmpty { members.append(("nested", .array(nested.map(\.json)))) }
        return .object(members)
    }
}

extension ProofCheck {
    /// `{"method", "result": "verified"|"self-signed"|"failed"|"unchecked", "detail"}`.
    public var json: JSONValue {
        switch self {
        case .verified(let method, let key):
            .object([("method", .string(method)), ("result", .string("verified")), ("detail", .string(key))])
        case .selfSigned(let method, let key):
            .object([("method", .string(method)), ("result", .string("self-signed")), ("detail", .string(key))])
        case .failed(let method, let reason):
            .object([("method", .string(method)), ("result", .string("failed")), ("detail", .string(reason))])
        case .unchecked(let method, let reason):
            .object([("method", .string(method)), ("result", .string("unchecked")), ("detail", .string(reason))])
        }
    }
}
