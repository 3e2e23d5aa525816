package import CairnCore

/// One record of a CSV file: its fields and where each starts.
package struct CSVRecord: Hashable, Sendable {
    /// The fields, unquoted, in column order.
    package var fields: [String]
    /// The 1-based line the record starts on (a quoted field may span several lines).
    package var line: Int
    /// Where each field starts (its opening quote, for a quoted field): line and column, 1-based,
    /// columns counting characters. Empty for a record made in code.
    package var starts: [FieldStart]

    /// Creates a record of `fields` starting on `line`.
    package init(fields: [String], line: Int, starts: [FieldStart] = []) {
        self.fields = fields
        self.line = line
        self.starts = starts
    }

    /// Where a field starts.
    package struct FieldStart: Hashable, Sendable {
        package var line: Int
        package var column: Int
    }

    /// The place of field `index` in `file`: its line and column when known, else the record's line.
    package func location(ofField index: Int, in file: String) -> SourceLocation {
        guard starts.indices.contains(index) else { return SourceLocation(file: file, line: line) }
        return SourceLocation(file: file, line: starts[index].line, column: starts[index].column)
    }
}
