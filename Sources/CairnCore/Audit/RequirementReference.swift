/// A requirement named in an explanation: its id when it has one, and its label.
public struct RequirementReference: Hashable, Sendable {
    public var id: String?
    public var label: String

    public init(id: String? = nil, label: String) {
        self.id = id
        self.label = label
    }
}
