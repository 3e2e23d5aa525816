public import CairnCore
public import CairnStore
public import Foundation
import PostgresNIO

extension PostgresStore {
    @discardableResult
    public func addExceptions(_ exceptions: [RegistrarException], sources: [SourceLocation?]) throws -> [RegistrarException] {
        try writing { session in
            var recorded: [RegistrarException] = []
            for (index, exception) in exceptions.enumerated() {
                let fields = ExceptionFields(exception, source: index < sources.count ? sources[index] : nil)
                let row = try session.query("""
                    INSERT INTO registrar_exception (learner, pathway, kind, requirement, badge, title, institution, issued,
                        credits, unit, tags, recorded_by, recorded_on, reason, file, row)
                    VALUES (\(fields.learner), \(fields.pathway), \(fields.kind), \(fields.requirement), \(fields.badge),
                            \(fields.title), \(fields.institution), \(fields.issued), \(fields.credits), \(fields.unit),
                            \(fields.tags), \(fields.recordedBy), \(fields.recordedOn), \(fields.reason), \(fields.file),
                            \(fields.row.map(Int32.init(clamping:))))
                    RETURNING id
                    """)
                var copy = exception
                copy.id = Int(try row.first?.decode(Int64.self) ?? 0)
                recorded.append(copy)
            }
            return recorded
        }
    }

    public func exceptions(learner: String?, includingRemoved: Bool) throws -> [StoredException] {
        try withSession { session in
            try session.query("""
                SELECT \(unescaped: Self.exceptionColumns) FROM registrar_exception
                WHERE (\(learner)::text IS NULL OR learner = \(learner)) AND (\(includingRemoved) OR removed_by IS NULL)
                ORDER BY id
                """).compactMap(Self.exception)
        }
    }

    public func removeException(id: Int, removal: StoredException.Removal) throws -> StoredException? {
        try writing { session in
            try session.query("""
                UPDATE registrar_exception SET removed_by = \(removal.by), removed_on = \(removal.on.description),
                    removal_reason = \(removal.reason)
                WHERE id = \(Int64(id)) AND removed_by IS NULL
                RETURNING \(unescaped: Self.exceptionColumns)
                """).first.flatMap(Self.exception)
        }
    }

    private static let exceptionColumns = """
        id, learner, pathway, kind, requirement, badge, title, institution, issued, credits, unit, tags,
        recorded_by, recorded_on, reason, removed_by, removed_on, removal_reason, file, row
        """

    private static func exception(_ row: PostgresRow) throws -> StoredException? {
        let cells = PostgresRandomAccessRow(row)
        func text(_ name: String) throws -> String? { try cells[name].decode(String?.self) }
        var fields = ExceptionFields()
        fields.id = try cells["id"].decode(Int64.self)
        fields.learner = try text("learner") ?? ""
        fields.pathway = try text("pathway")
        fields.kind = try text("kind") ?? ""
        fields.requirement = try text("requirement")
        fields.badge = try text("badge")
        fields.title = try text("title")
        fields.institution = try text("institution")
        fields.issued = try text("issued")
        fields.credits = try text("credits")
        fields.unit = try text("unit")
        fields.tags = try text("tags")
        fields.recordedBy = try text("recorded_by") ?? ""
        fields.recordedOn = try text("recorded_on") ?? ""
        fields.reason = try text("reason") ?? ""
        fields.removedBy = try text("removed_by")
        fields.removedOn = try text("removed_on")
        fields.removalReason = try text("removal_reason")
        fields.file = try text("file")
        fields.row = try cells["row"].decode(Int32?.self).map(Int64.init)
        return fields.stored
    }
}
