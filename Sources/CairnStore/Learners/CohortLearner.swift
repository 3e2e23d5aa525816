public import CairnCore

/// A learner a cohort chunk reads, in either store: its key, its id, and what picks the version
/// of a versioned pathway it follows (``LearnerRecord/catalogueYear``, ``LearnerRecord/enrolled``).
package struct CohortLearner: Sendable {
    package var key: Int64
    package var id: String
    package var catalogueYear: Int?
    package var enrolled: CalendarDate?

    package init(key: Int64, id: String, catalogueYear: Int?, enrolled: CalendarDate?) {
        self.key = key
        self.id = id
        self.catalogueYear = catalogueYear
        self.enrolled = enrolled
    }

    /// The learner's record as the engine audits it, with `badges`.
    package func record(badges: [EarnedBadge], source: SourceLocation) -> LearnerRecord {
        var record = LearnerRecord(learner: id, badges: badges, source: source)
        record.catalogueYear = catalogueYear
        record.enrolled = enrolled
        return record
    }
}
