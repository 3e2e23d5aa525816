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
                let fields = ExceptionFields(exception, source: index < sources.count ? sources[index] : nil)
                let values: [String?] = [fields.learner, fields.pathway, fields.kind, fields.requirement, fields.badge, fields.title,
                                         fields.institution, fields.issued, fields.credits, fields.unit, fields.tags,
                                         fields.recordedBy, fields.recordedOn, fields.reason, fields.file]
                for (position, value) in values.enumerated() { insert.bind(Int32(position + 1), value) }
                insert.bind(16, fields.row)
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
        var fields = ExceptionFields()
        fields.id = statement.int(0)
        fields.learner = statement.text(1) ?? ""
        fields.pathway = statement.text(2)
        fields.kind = statement.text(3) ?? ""
        fields.requirement = statement.text(4)
        fields.badge = statement.text(5)
        fields.title = statement.text(6)
        fields.institution = statement.text(7)
        fields.issued = statement.text(8)
        fields.credits = statement.text(9)
        fields.unit = statement.text(10)
        fields.tags = statement.text(11)
        fields.recordedBy = statement.text(12) ?? ""
        fields.recordedOn = statement.text(13) ?? ""
        fields.reason = statement.text(14) ?? ""
        fields.removedBy = statement.text(15)
        fields.removedOn = statement.text(16)
        fields.removalReason = statement.text(17)
        fields.file = statement.text(18)
        fields.row = statement.isNull(19) ? nil : statement.int(19)
        return fields.stored
    }
}
