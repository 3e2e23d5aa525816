@testable import CairnCore
import CairnTestSupport
import Testing

/// "Did you mean" picks likely typos and nothing else.
@Suite("Closest ids")
struct ClosestIDsTests {
    static let known = ["linux-admin", "sql-querying", "dataviz-python", "dataviz-tableau", "requires", "name", "data analyst"]

    @Test("a typo finds the id it stands for", arguments: [
        ("linux-admn", ["linux-admin"]), ("sql-qerying", ["sql-querying"]), ("requries", ["requires"]), ("nmae", ["name"]),
        ("Data Analist", ["data analyst"]), ("dataviz-pyton", ["dataviz-python"]),
    ])
    func typo(id: String, expected: [String]) {
        #expect(ClosestIDs.to(id, among: Self.known) == expected)
    }

    @Test("an unrelated id finds nothing", arguments: ["nurse", "x", "kubernetes-operator", "sql", ""])
    func unrelated(id: String) {
        #expect(ClosestIDs.to(id, among: Self.known).isEmpty)
        #expect(ClosestIDs.hint(for: id, among: Self.known).isEmpty)
    }

    @Test("nearest first, at most three, ties alphabetical; the hint quotes them")
    func ordering() {
        let ids = ["ab-1", "ab-2", "ab-3", "ab-4", "abc-1"]
        #expect(ClosestIDs.to("ab-0", among: ids) == ["ab-1", "ab-2", "ab-3"])
        #expect(ClosestIDs.hint(for: "ab-0", among: ["ab-1"]) == "; did you mean \"ab-1\"?")
        #expect(ClosestIDs.hint(for: "ab-0", among: ["ab-1", "ab-2"]) == "; did you mean \"ab-1\" or \"ab-2\"?")
    }

    @Test("the bounded distance agrees with a plain edit distance on random strings")
    func againstReference() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let a = Self.word(&random), b = Self.word(&random)
            let reference = Self.osa(Array(a.unicodeScalars), Array(b.unicodeScalars))
            for bound in 0...4 {
                let bounded = ClosestIDs.distance(Array(a.unicodeScalars), Array(b.unicodeScalars), atMost: bound)
                #expect(bounded == (reference <= bound ? reference : nil), "\(a) \(b) bound \(bound)")
            }
        }
    }

    static func word(_ random: inout SplitMix64) -> String {
        String((0..<Int(random.next() % 7)).map { _ in "abc".randomElement(using: &random) ?? "a" })
    }

    /// Optimal string alignment distance, the textbook full table.
    static func osa(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
