public import CairnCore
public import CairnStore
public import Foundation
import PostgresNIO

extension PostgresStore {
    public func learners() throws -> [StoredLearner] { [] }
    public func learner(_ id: String) throws -> StoredLearner? { nil }
    public func earnings(of learner: String) throws -> [StoredEarning] { [] }
    public func learnerIDs(withEmail email: String) throws -> [String] { [] }
    public func learnerEmails() throws -> [(learner: String, email: String)] { [] }
    public func removeLearners(_ ids: [String]) throws -> [(learner: String, earnings: Int)] { [] }
    public func removeEarning(learner: String, badge: String, issued: CalendarDate) throws -> Bool { false }
    public func learnerCount() throws -> Int { 0 }
    public func importEarnings(_ batches: [EarningBatch], replacing: Set<EarningOrigin>) throws -> LearnerImportReport { LearnerImportReport() }
    public func importEarnings(from stream: EarningStream) throws -> LearnerImportReport { LearnerImportReport() }
    public func cohortReader(chunkSize: Int, only: Set<String>?, badgeClasses: Set<String>?) throws -> any CohortReading { fatalError() }
    public func learnerRecords(in keys: ClosedRange<Int64>, badgeClasses: Set<String>?) throws -> [LearnerRecord] { [] }
    public func learnerKeyRanges(size: Int) throws -> [ClosedRange<Int64>] { [] }
}
