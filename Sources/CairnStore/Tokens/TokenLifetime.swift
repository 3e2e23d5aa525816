public import Foundation

/// A token's lifetime as an ISO 8601 duration of days, weeks or hours (`P90D`, `P12W`, `PT8H`).
public struct TokenLifetime: Sendable, Equatable {
    public var seconds: TimeInterval

    public init?(_ text: String) {
        let upper = text.uppercased()
        let units: [(suffix: String, prefix: String, seconds: TimeInterval)] = [
            ("D", "P", 86_400), ("W", "P", 7 * 86_400), ("H", "PT", 3_600),
        ]
        for unit in units where upper.hasPrefix(unit.prefix) && upper.hasSuffix(unit.suffix) {
            let digits = upper.dropFirst(unit.prefix.count).dropLast()
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCII), let count = Int(digits), count > 0 else { continue }
            seconds = TimeInterval(count) * unit.seconds
            return
        }
        return nil
    }
}
