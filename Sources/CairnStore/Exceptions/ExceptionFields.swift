package import CairnCore

/// A registrar exception as the columns of its row, the same in every backend: each store
/// reads and writes these, and the mapping to and from ``RegistrarException`` is made once here.
package struct ExceptionFields: Sendable {
    package var id: Int64 = 0
    package var learner = ""
    package var pathway: String?
    package var kind = ""
    package var requirement: String?
    package var badge: String?
    package var title: String?
    package var institution: String?
    package var issued: String?
    package var credits: String?
    package var unit: String?
    package var tags: String?
    package var recordedBy = ""
    package var recordedOn = ""
    package var reason = ""
    package var removedBy: String?
    package var removedOn: String?
    package var removalReason: String?
    package var file: String?
    package var row: Int64?

    package init() {}

    /// The columns of a new exception (its id is the store's to give).
    package init(_ exception: RegistrarException, source: SourceLocation?) {
        learner = exception.learner
        pathway = exception.pathway
        kind = exception.action.kindName
        var outside: OutsideEarning?
        switch exception.action {
        case .waive(let id): requirement = id
        case .substitute(let substitute, let id): badge = substitute; requirement = id
        case .outsideEarning(let earning): outside = earning; badge = earning.countsAs
        case .block(let blocked): badge = blocked
        }
        title = outside?.title
        institution = outside?.institution
        issued = outside?.issued.description
        credits = outside?.credits?.value.description
        unit = outside?.credits?.unit.name
        tags = outside.map { $0.tags.joined(separator: ",") }
        recordedBy = exception.recordedBy
        recordedOn = exception.recordedOn.description
        reason = exception.reason
        file = source?.file
        row = source?.line.map(Int64.init)
    }

    /// The exception these columns hold, or nil when they do not make one (a kind this Cairn does not know).
    package var stored: StoredException? {
        let action: RegistrarException.Action
        switch kind {
        case "waive":
            guard let requirement else { return nil }
            action = .waive(requirement: requirement)
        case "substitute":
            guard let requirement, let badge else { return nil }
            action = .substitute(badge: badge, requirement: requirement)
        case "block":
            guard let badge else { return nil }
            action = .block(badge: badge)
        case "outside":
            guard let title, let issued = issued.flatMap(CalendarDate.init(iso8601:)) else { return nil }
            let credits = credits.flatMap(Rational.init(parsing:)).map { Credits($0, CreditUnit(unit ?? "")) }
            let tags = (tags ?? "").split(separator: ",").map(String.init)
            action = .outsideEarning(OutsideEarning(title: title, institution: institution, issued: issued,
                                                    credits: credits, countsAs: badge, tags: tags))
        default:
            return nil
        }
        let exception = RegistrarException(
            id: Int(id), learner: learner, pathway: pathway, action: action, recordedBy: recordedBy,
            recordedOn: CalendarDate(iso8601: recordedOn) ?? CalendarDate(dayNumber: 0), reason: reason)
        let removal = removedBy.map { by in
            StoredException.Removal(by: by, on: removedOn.flatMap(CalendarDate.init(iso8601:)) ?? CalendarDate(dayNumber: 0),
                                    reason: removalReason ?? "")
        }
        let source = file.map { SourceLocation(file: $0, line: row.map(Int.init)) }
        return StoredException(exception: exception, source: source, removal: removal)
    }
}
