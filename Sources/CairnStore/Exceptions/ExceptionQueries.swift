public import CairnCore
import GRDB

extension SQLiteStore {
    /// Records exceptions (their ids are ignored: each gets the next number) in one transaction,
    /// and returns them as recorded. `sources` gives each one's file and line, when imported.
    @discardableResult
    public func addExceptions(_ exceptions: [RegistrarException], sources: [SourceLocation?] = []) throws -> [RegistrarException] {
        try writing { db in
            let insert = try RawStatement(db, sql: """
                INSERT INTO registrar_exception (learner, pathway, kind, requirement, badge, title, institution, issued,
                    credits, unit, tags, recordedBy, recordedOn, reason, file, row)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var recorded: [RegistrarException] = []
            for (index, exception) in exceptions.enumerated() {
                insert.bind(1, exception.learner)
                insert.bind(2, exception.pathway)
                insert.bind(3, exception.action.kindName)
                var requirement: String?
                var badge: String?
                var outside: OutsideEarning?
                switch exception.action {
                case .waive(let id): requirement = id
                case .substitute(let substitute, let id): badge = substitute; requirement = id
                case .outsideEarning(let earning): outside = earning; badge = earning.countsAs
                case .block(let blocked): badge = blocked
                }
                insert.bind(4, requirement)
                insert.bind(5, badge)
                insert.bind(6, outside?.title)
                insert.bind(7, outside?.institution)
                insert.bind(8, outside?.issued.description)
                insert.bind(9, outside?.credits?.value.description)
                insert.bind(10, outside?.credits?.unit.name)
                insert.bind(11, outside.map { $0.tags.joined(separator: ",") })
                insert.bind(12, exception.recordedBy)
                insert.bind(13, exception.recordedOn.description)
                insert.bind(14, exception.reason)
                let source = index < sources.count ? sources[index] : nil
                insert.bind(15, source?.file)
                insert.bind(16, source?.line.map(Int64.init))
                try insert.run()
                var copy = exception
                copy.id = Int(db.lastInsertedRowID)
                recorded.append(copy)
            }
            return recorded
        }
    }

    /// The exceptions on record, in id order: one learner's or everyone's, removed ones too when asked.
    public func exceptions(learner: String? = nil, includingRemoved: Bool = false) throws -> [StoredException] {
        try reading { db in
            var sql = "SELECT \(ExceptionColumns.list) FROM registrar_exception"
            var conditions: [String] = []
            if learner != nil { conditions.append("learner = ?") }
            if !includingRemoved { conditions.append("removedBy IS NULL") }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            let statement = try RawStatement(db, sql: sql + " ORDER BY id")
            if let learner { statement.bind(1, learner) }
            var found: [StoredException] = []
            while try statement.step() {
                if let stored = ExceptionColumns.read(statement) { found.append(stored) }
            }
            return found
        }
    }

    /// Every active exception, by learner: what a cohort run applies.
    public func activeExceptionsByLearner() throws -> [String: [RegistrarException]] {
        Dictionary(grouping: try exceptions().map(\.exception), by: \.learner)
    }

    /// Marks an exception removed, keeping it on record. Returns it as it now stands, or `nil`
    /// when there is no active exception with that id.
    public func removeException(id: Int, removal: StoredException.Removal) throws -> StoredException? {
        try writing { db in
            try db.execute(sql: """
                UPDATE registrar_exception SET removedBy = ?, removedOn = ?, removalReason = ?
                WHERE id = ? AND removedBy IS NULL
                """, arguments: [removal.by, removal.on.description, removal.reason, id])
            guard db.changesCount == 1 else { return nil }
            let statement = try RawStatement(db, sql: "SELECT \(ExceptionColumns.list) FROM registrar_exception WHERE id = ?")
            statement.bind(1, Int64(id))
            return try statement.step() ? ExceptionColumns.read(statement) : nil
        }
    }
}

/// The exception columns every read names, in this order.
enum ExceptionColumns {
    static let list = """
        id, learner, pathway, kind, requirement, badge, title, institution, issued, credits, unit, tags,
        recordedBy, recordedOn, reason, removedBy, removedOn, removalReason, file, row
        """

    static func read(_ statement: RawStatement) -> StoredException? {
        let requirement = statement.text(4)
        let badge = statement.text(5)
        let action: RegistrarException.Action
        switch statement.text(3) {
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
            guard let title = statement.text(6), let issued = statement.date(8) else { return nil }
            let credits = statement.text(9).flatMap(Rational.init(parsing:)).map { Credits($0, CreditUnit(statement.text(10) ?? "")) }
            let tags = (statement.text(11) ?? "").split(separator: ",").map(String.init)
            action = .outsideEarning(OutsideEarning(title: title, institution: statement.text(7), issued: issued,
                                                    credits: credits, countsAs: badge, tags: tags))
        default:
            return nil
        }
        let exception = RegistrarException(
            id: Int(statement.int(0)), learner: statement.text(1) ?? "", pathway: statement.text(2), action: action,
            recordedBy: statement.text(12) ?? "", recordedOn: statement.date(13) ?? CalendarDate(dayNumber: 0),
            reason: statement.text(14) ?? "")
        let removal = statement.text(15).map { by in
            StoredException.Removal(by: by, on: statement.date(16) ?? CalendarDate(dayNumber: 0), reason: statement.text(17) ?? "")
        }
        let source = statement.text(18).map { SourceLocation(file: $0, line: statement.isNull(19) ? nil : Int(statement.int(19))) }
        return StoredException(exception: exception, source: source, removal: removal)
    }
}
