public import CairnCore

extension PendingFigure {
    /// `2 in-progress badges`, `1 in-progress badge and 1 registered badge`: what the figure assumes.
    public var badgesText: String {
        let inProgress = badges.filter { $0.status == .inProgress }.count
        let registered = badges.count - inProgress
        let parts = [(inProgress, "in-progress"), (registered, "registered")].filter { $0.0 > 0 }.map { count, word in
            "\(count) \(word) badge\(count == 1 ? "" : "s")"
        }
        return parts.joined(separator: " and ")
    }

    /// `pending: complete with 2 in-progress badges, expected by 2027-01-15` or `pending: 83.3% (5/6)
    /// with 1 registered badge, …`: the second figure, never mixed with the first.
    public var summary: String {
        let standing = isComplete ? "complete" : PercentText.of(progress)
        return "pending: \(standing) with \(badgesText), expected by \(expectedBy)"
    }
}
