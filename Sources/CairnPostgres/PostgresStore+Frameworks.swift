public import CairnCore
public import CairnStore
public import Foundation
import PostgresNIO

// TODO(frameworks): the PostgreSQL framework store is being written.
extension PostgresStore {
    public func frameworks() throws -> [FrameworkSummary] { [] }

    public func searchSkills(_ text: String, framework: String?, language: String?, limit: Int) throws -> [SkillSearchHit] { [] }

    public func skillID(for code: String, framework: String) throws -> String? { nil }

    public func skill(id: String, framework: String?) throws -> SkillDetail? { nil }

    public func loadFramework(id: String, languages: Set<String>?) throws -> Framework? { nil }

    public func importFrameworks(importedAt: String?, _ read: (inout any FrameworkSink) throws -> Void) throws -> [ImportSummary] {
        throw StoreError(path: location, reason: .database("frameworks are not stored in PostgreSQL yet"))
    }

    public func removeFramework(id: String) throws -> Bool { false }
}
