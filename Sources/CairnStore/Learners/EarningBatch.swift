public import CairnCore

/// The learners and earnings read from one file, kept compactly until they are written: ids are
/// interned and dates kept as day numbers, so a student information system's export of three
/// million rows takes about a hundred megabytes here rather than several times that as values.
public struct EarningBatch: Sendable {
    /// The file the batch was read from (each earning's and learner's source names it). A
    /// caller may rename it before the import: a server names an upload by the client's file
    /// name, not by the temporary file it was read from.
    public var file: String
    public let origin: EarningOrigin

    struct Row: Sendable {
        var learner: Int32
        var badge: Int32
        var issued: Int32
        /// `Int32.min` when the earning has no explicit expiry.
        var expires: Int32
        /// An index into `strings`, or -1.
        var result: Int32
        var line: Int32
        var column: Int32
        var revoked: Bool
        var resultIsNumber: Bool
    }

    /// What few earnings carry: evidence, a credential's digest and id, why it is not proven.
    struct Extra: Sendable {
        var evidence: [String]
        var credentialSHA256: String?
        /// The id of the credential the earning was read from (``EarnedBadge/credentialID``).
        var credentialID: String?
        var unproven: String?
        /// When it differs from the batch's (a credential listed in a learner record).
        var origin: EarningOrigin?
        /// A pending earning's status (``EarnedBadge/status``); awarded ones, nearly all, carry none.
        var status: EarningStatus = .awarded
    }

    struct LearnerEntry: Sendable {
        var id: String
        var name: String?
        var email: String?
        var line: Int?
        /// The catalogue year and enrolment date that pick a versioned pathway's version
        /// (``LearnerRecord/catalogueYear``, ``LearnerRecord/enrolled``).
        var catalogueYear: Int?
        var enrolled: CalendarDate?
    }

    private(set) var learners: [LearnerEntry] = []
    private var learnerIndex: [String: Int32] = [:]
    private(set) var badgeIDs: [String] = []
    private var badgeIndex: [String: Int32] = [:]
    private(set) var strings: [String] = []
    private var stringIndex: [String: Int32] = [:]
    private(set) var rows: [Row] = []
    private(set) var extras: [Int: Extra] = [:]

    public init(file: String, origin: EarningOrigin) {
        self.file = file
        self.origin = origin
    }

    /// How many earnings the batch holds.
    public var count: Int { rows.count }

    /// The learners the batch names, in the order first seen.
    public var learnerIDs: [String] { learners.map(\.id) }

    /// The origins of the batch's earnings (a learner record's own entries and the credentials it lists).
    public var origins: Set<EarningOrigin> {
        Set([origin]).union(extras.values.compactMap(\.origin))
    }

    /// Adds a learner, or fills in the name, e-mail, catalogue year and enrolment date of one
    /// already added (a value given later replaces an earlier one: the export's last word on them).
    public mutating func addLearner(_ id: String, name: String? = nil, email: String? = nil, line: Int? = nil,
                                    catalogueYear: Int? = nil, enrolled: CalendarDate? = nil) {
        let index = Int(intern(learner: id, line: line))
        if let name, !name.isEmpty, learners[index].name != name { learners[index].name = name }
        if let email, !email.isEmpty, learners[index].email != email { learners[index].email = email }
        if let catalogueYear { learners[index].catalogueYear = catalogueYear }
        if let enrolled { learners[index].enrolled = enrolled }
    }

    /// Adds an earning of `learner` (who is added too if new). The earning's `source` line and
    /// column are kept; its file is the batch's. `origin` overrides the batch's for this earning.
    public mutating func add(_ earning: EarnedBadge, learner: String, credentialSHA256: String? = nil,
                             origin: EarningOrigin? = nil) {
        let learnerKey = intern(learner: learner, line: earning.source?.line)
        let badgeKey: Int32
        if let known = badgeIndex[earning.badgeClassID] {
            badgeKey = known
        } else {
            badgeKey = Int32(badgeIDs.count)
            badgeIDs.append(earning.badgeClassID)
            badgeIndex[earning.badgeClassID] = badgeKey
        }
        var resultKey: Int32 = -1
        var isNumber = false
        if let result = earning.result {
            let text: String
            switch result {
            case .label(let label): text = label
            case .number(let number): text = number.description; isNumber = true
            }
            resultKey = intern(string: text)
        }
        let differentOrigin = origin.flatMap { $0 == self.origin ? nil : $0 }
        if !earning.evidence.isEmpty || credentialSHA256 != nil || earning.credentialID != nil || earning.unproven != nil
            || differentOrigin != nil || earning.status.isPending {
            extras[rows.count] = Extra(evidence: earning.evidence, credentialSHA256: credentialSHA256,
                                       credentialID: earning.credentialID, unproven: earning.unproven, origin: differentOrigin,
                                       status: earning.status)
        }
        rows.append(Row(learner: learnerKey, badge: badgeKey, issued: Int32(clamping: earning.issued.dayNumber),
                        expires: earning.expires.map { Int32(clamping: $0.dayNumber) } ?? Int32.min,
                        result: resultKey, line: Int32(clamping: earning.source?.line ?? -1),
                        column: Int32(clamping: earning.source?.column ?? -1),
                        revoked: earning.revoked, resultIsNumber: isNumber))
    }

    private mutating func intern(learner id: String, line: Int?) -> Int32 {
        // An export lists a learner's rows together: the learner of the row before, without hashing.
        if let last = learners.last, last.id == id { return Int32(learners.count - 1) }
        if let known = learnerIndex[id] { return known }
        let key = Int32(learners.count)
        learners.append(LearnerEntry(id: id, line: line))
        learnerIndex[id] = key
        return key
    }

    private mutating func intern(string: String) -> Int32 {
        if let known = stringIndex[string] { return known }
        let key = Int32(strings.count)
        strings.append(string)
        stringIndex[string] = key
        return key
    }

    /// The earning at `position`, as the engine sees it.
    func earning(at position: Int) -> EarnedBadge {
        let row = rows[position]
        let extra = extras[position]
        var result: BadgeResult?
        if row.result >= 0 {
            let text = strings[Int(row.result)]
            result = row.resultIsNumber ? Rational(parsing: text).map(BadgeResult.number) ?? .label(text) : .label(text)
        }
        var earning = EarnedBadge(badgeClassID: badgeIDs[Int(row.badge)], issued: CalendarDate(dayNumber: Int(row.issued)),
                                  expires: row.expires == Int32.min ? nil : CalendarDate(dayNumber: Int(row.expires)),
                                  revoked: row.revoked, result: result, evidence: extra?.evidence ?? [],
                                  source: location(line: row.line, column: row.column), unproven: extra?.unproven,
                                  status: extra?.status ?? .awarded)
        earning.credentialID = extra?.credentialID
        return earning
    }

    func stored(at position: Int) -> StoredEarning {
        StoredEarning(learner: learners[Int(rows[position].learner)].id, earning: earning(at: position),
                      origin: extras[position]?.origin ?? origin, credentialSHA256: extras[position]?.credentialSHA256)
    }

    func location(line: Int32, column: Int32) -> SourceLocation {
        SourceLocation(file: file, line: line >= 0 ? Int(line) : nil, column: column >= 0 ? Int(column) : nil)
    }

    /// Earnings the batch states twice — same learner, badge class and issue date — with
    /// anything else different: the second of each pair, and the first. Rows repeated exactly
    /// are not conflicts (the import keeps one).
    public func conflicts() -> [(repeated: StoredEarning, first: StoredEarning)] {
        var found: [(StoredEarning, StoredEarning)] = []
        for (first, second) in repeatedPairs() {
            let earlier = stored(at: first)
            let later = stored(at: second)
            if EarningContent(earlier) != EarningContent(later) { found.append((later, earlier)) }
        }
        return found
    }

    /// Positions sorted by learner, badge and issue date, the file's order breaking ties.
    func sortedPositions() -> [Int] {
        // An export usually lists each learner's rows together: then only each learner's few
        // rows need sorting, not the whole file.
        var grouped = true
        for index in rows.indices.dropFirst() where rows[index].learner < rows[index - 1].learner {
            grouped = false
            break
        }
        guard grouped else { return fullySortedPositions() }
        var order = Array(rows.indices)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && rows[end].learner == rows[start].learner { end += 1 }
            order[start..<end].sort { lhs, rhs in
                let left = rows[lhs]
                let right = rows[rhs]
                if left.badge != right.badge { return left.badge < right.badge }
                if left.issued != right.issued { return left.issued < right.issued }
                return lhs < rhs
            }
            start = end
        }
        return order
    }

    private func fullySortedPositions() -> [Int] {
        rows.indices.sorted { lhs, rhs in
            let left = rows[lhs]
            let right = rows[rhs]
            if left.learner != right.learner { return left.learner < right.learner }
            if left.badge != right.badge { return left.badge < right.badge }
            if left.issued != right.issued { return left.issued < right.issued }
            return lhs < rhs
        }
    }

    /// Pairs (first, later) of positions with the same learner, badge and issue date.
    func repeatedPairs() -> [(Int, Int)] {
        let order = sortedPositions()
        var pairs: [(Int, Int)] = []
        var start = 0
        for index in order.indices.dropFirst() {
            let row = rows[order[index]]
            let head = rows[order[start]]
            if row.learner == head.learner && row.badge == head.badge && row.issued == head.issued {
                pairs.append((order[start], order[index]))
            } else {
                start = index
            }
        }
        return pairs
    }
}

/// The part of an earning an import compares: everything but where it came from.
struct EarningContent: Equatable {
    var expires: CalendarDate?
    var revoked: Bool
    var result: String?
    var resultIsNumber: Bool
    var evidence: [String]
    var credentialSHA256: String?
    var credentialID: String?
    var verification: String?
    var status: EarningStatus

    init(_ stored: StoredEarning) {
        status = stored.earning.status
        expires = stored.earning.expires
        revoked = stored.earning.revoked
        switch stored.earning.result {
        case .label(let label)?: result = label; resultIsNumber = false
        case .number(let number)?: result = number.description; resultIsNumber = true
        case nil: result = nil; resultIsNumber = false
        }
        evidence = stored.earning.evidence
        credentialSHA256 = stored.credentialSHA256
        credentialID = stored.earning.credentialID
        verification = stored.verification
    }

}

extension EarningBatch {
    /// The batch's learners as engine records, in the order each was first seen, built a chunk
    /// at a time: a cohort read straight from an export holds its compact rows and one chunk of
    /// records, not three million earnings as values.
    public func recordChunks(size: Int) -> RecordChunks {
        RecordChunks(batch: self, size: max(1, size))
    }

    /// See ``recordChunks(size:)``.
    public struct RecordChunks: Sendable {
        let batch: EarningBatch
        let size: Int
        /// Row positions grouped by learner (a counting sort: the file's order kept within each).
        private let order: [Int]
        /// Where each learner's rows start in ``order``; one more entry than learners.
        private let starts: [Int]
        private var nextLearner = 0

        init(batch: EarningBatch, size: Int) {
            self.batch = batch
            self.size = size
            var counts = Array(repeating: 0, count: batch.learners.count + 1)
            for row in batch.rows { counts[Int(row.learner) + 1] += 1 }
            for index in counts.indices.dropFirst() { counts[index] += counts[index - 1] }
            starts = counts
            var fill = counts
            var order = Array(repeating: 0, count: batch.rows.count)
            for (position, row) in batch.rows.enumerated() {
                order[fill[Int(row.learner)]] = position
                fill[Int(row.learner)] += 1
            }
            self.order = order
        }

        /// The next chunk of records, or nil after the last learner.
        public mutating func next() -> [LearnerRecord]? {
            guard nextLearner < batch.learners.count else { return nil }
            let end = min(batch.learners.count, nextLearner + size)
            let source = SourceLocation(file: batch.file)
            let records = (nextLearner..<end).map { learner in
                var record = LearnerRecord(learner: batch.learners[learner].id,
                                           badges: order[starts[learner]..<starts[learner + 1]].map { batch.earning(at: $0) },
                                           source: source)
                record.catalogueYear = batch.learners[learner].catalogueYear
                record.enrolled = batch.learners[learner].enrolled
                return record
            }
            nextLearner = end
            return records
        }
    }
}
