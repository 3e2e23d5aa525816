/// One record of a CSV file: its fields and the line it starts on.
package struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted, in column order.
    package var fields: [String]
    /// The 1-based line the record starts on (a quoted field may span several lines).
    package var line: Int

    /// Creates a record of `fields` starting on `line`.
    package init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}
