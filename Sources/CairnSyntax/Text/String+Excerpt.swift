extension String {
    /// The text as an error message may quote it: whole when short, else its first `limit`
    /// characters and how long it was — a message never echoes a million-digit number or a
    /// whole line of a stranger's file.
    package func excerpt(_ limit: Int) -> String {
        count <= limit ? self : String(prefix(limit)) + "… (\(count.groupedDigits) characters)"
    }
}
