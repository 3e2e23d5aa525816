public import CairnCore

/// A registrar exception as the store keeps it: the decision, where it was imported from, and —
/// once removed — who removed it, when and why (a removed exception stays on record and no
/// longer applies).
public struct StoredException: Hashable, Sendable {
    public var exception: RegistrarException
    /// The file and line it was imported from, when it came from a file.
    public var source: SourceLocation?
    public var removal: Removal?

    public struct Removal: Hashable, Sendable {
        public var by: String
        public var on: CalendarDate
        public var reason: String

        public init(by: String, on: CalendarDate, reason: String) {
            self.by = by
            self.on = on
            self.reason = reason
        }
    }

    public init(exception: RegistrarException, source: SourceLocation? = nil, removal: Removal? = nil) {
        self.exception = exception
        self.source = source
        self.removal = removal
    }

    /// Whether it applies (it has not been removed).
    public var isActive: Bool { removal == nil }
}

extension RegistrarException.Action {
    /// The word the store and the exceptions CSV use for the kind: `waive`, `substitute`, `outside`, `block`.
    public var kindName: String {
        switch self {
        case .waive: "waive"
        case .substitute: "substitute"
        case .outsideEarning: "outside"
        case .block: "block"
        }
    }
}
