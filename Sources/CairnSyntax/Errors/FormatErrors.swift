/// Every problem a reader found in one file (at least one).
///
/// Readers keep going after a bad entry, so one run reports all the problems they can
/// find, in the order they appear in the file.
import CairnCore
public struct FormatErrors: LocatedError, Hashable {
    /// The problems, in file order; never empty.
    public let errors: [FormatError]

    /// Wraps one problem.
    public init(_ error: FormatError) {
        errors = [error]
    }

    /// Wraps several problems, sorted by line and column (stable for equal positions).
    /// `errors` must not be empty.
    public init(_ errors: [FormatError]) {
        precondition(!errors.isEmpty, "FormatErrors needs at least one FormatError")
        self.errors = errors.enumerated().sorted { lhs, rhs in
            let left = (lhs.element.location.line ?? 0, lhs.element.location.column ?? 0, lhs.offset)
            let right = (rhs.element.location.line ?? 0, rhs.element.location.column ?? 0, rhs.offset)
            return left < right
        }.map(\.element)
    }

    /// The problems, in file order.
    public var problems: [FormatError] { errors }

    /// One line per problem, each `file:line:column: message`.
    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
