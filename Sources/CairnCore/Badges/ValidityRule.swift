/// How long a badge (or a completed stack) counts after it is earned, and when it may be renewed.
public struct ValidityRule: Hashable, Sendable {
    /// How long it counts; `nil` means it never expires.
    public var duration: ISODuration?
    /// How long before expiry renewal opens.
    public var renewalWindow: ISODuration?
    /// How long after expiry it may still be renewed without starting over. A badge in
    /// grace does not count in audits.
    public var grace: ISODuration?

    public init(duration: ISODuration? = nil, renewalWindow: ISODuration? = nil, grace: ISODuration? = nil) {
        self.duration = duration
        self.renewalWindow = renewalWindow
        self.grace = grace
    }
}
