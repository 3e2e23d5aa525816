/// Something a learner earned outside the catalogue — transfer credit, recognition of prior
/// learning — that a registrar records so that it can count (see
/// ``RegistrarException/Action/outsideEarning(_:)``).
public struct OutsideEarning: Hashable, Sendable {
    public var title: String
    /// Who awarded it; `nil` when the registrar did not say.
    public var institution: String?
    public var issued: CalendarDate
    /// Credit it carries when it does not count as a catalogue class (a class's own credits
    /// apply otherwise).
    public var credits: Credits?
    /// A catalogue badge class this earning counts as (recognition of prior learning for that badge).
    public var countsAs: String?
    /// Tags, so that tag- and filter-based requirements and credit-policy rules can count it.
    public var tags: [String]

    public init(title: String, institution: String? = nil, issued: CalendarDate, credits: Credits? = nil,
                countsAs: String? = nil, tags: [String] = []) {
        self.title = title
        self.institution = institution
        self.issued = issued
        self.credits = credits
        self.countsAs = countsAs
        self.tags = tags
    }
}
