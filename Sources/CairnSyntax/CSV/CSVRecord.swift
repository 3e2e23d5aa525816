/// One record of a CSV file: its fields and the line it starts on.
public struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted, in column order.
    public var fields: [String]
    /// The 1-based line the record starts on (a quoted field may span several lines).
    public var line: Int

    /// Creates a record of `fields` starting on `line`.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
