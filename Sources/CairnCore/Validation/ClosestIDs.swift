/// The known ids closest to one that was not found, for "did you mean …?" hints.
///
/// Closeness is the optimal-string-alignment edit distance (insertions, deletions,
/// substitutions and swaps of two neighbouring characters each cost one), ignoring case. An id
/// is offered only when it is within about a quarter of the unknown id's length (at least one
/// edit, at most four), so a hint names a likely typo, never an unrelated id.
public enum ClosestIDs {
    /// Up to `limit` of `candidates` closest to `id`, nearest first (ties in alphabetical order).
    public static func to(_ id: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let target = Array(id.lowercased().unicodeScalars)
        let allowed = max(1, min(4, (target.count + 2) / 4))
        var found: [(distance: Int, id: String)] = []
        for candidate in Set(candidates) where candidate != id {
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - target.count) <= allowed,
                  let distance = distance(target, other, atMost: allowed) else { continue }
            found.append((distance, candidate))
        }
        return found.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(limit).map(\.id)
    }

    /// `; did you mean "linux-admin"?` (or `… "a" or "b"?`) when some candidate is close, else "".
    public static func hint(for id: String, among candidates: some Sequence<String>) -> String {
        let closest = to(id, among: candidates)
        guard !closest.isEmpty else { return "" }
        return "; did you mean " + closest.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
    }

    /// The edit distance of `a` and `b` when it is at most `bound`, else nil (rows stop early
    /// once every entry exceeds the bound).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= bound ? max(a.count, b.count) : nil }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previous2[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > bound { return nil }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }
}
