import CairnDefinitions
import Testing

@Suite("Ids made from names for imported definitions")
struct DefinitionIDTests {
    @Test("slugs", arguments: [
        ("Data Mining in Practice", "data-mining-in-practice"),
        ("  Ünïcode — Café 2 ", "unicode-cafe-2"),
        ("!!!", ""),
        ("SQL: Querying (Level 3)", "sql-querying-level-3"),
        (String(repeating: "a", count: 80), String(repeating: "a", count: 64)),
    ])
    func slugs(name: String, slug: String) {
        #expect(DefinitionID.slug(name) == slug)
    }

    @Test("taken ids get the next free suffix; a name without letters gets the fallback")
    func suffixes() {
        var ids = DefinitionID(taken: ["sql", "sql-2"])
        #expect(ids.fresh("SQL", fallback: "badge") == "sql-3")
        #expect(ids.fresh("SQL", fallback: "badge") == "sql-4")
        #expect(ids.fresh("sql 2", fallback: "badge") == "sql-2-2")
        #expect(ids.fresh("***", fallback: "badge") == "badge")
        #expect(ids.fresh("***", fallback: "badge") == "badge-2")
    }

    /// Against the plain rule (try -2, -3, … until free) over random names that collide on
    /// purpose, including names that are themselves someone else's suffixed id.
    @Test("the same ids as trying every suffix from 2, for random colliding names")
    func matchesReference() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let pool = ["a", "a 2", "a-3", "b", "B", "é", "e", "***", "a 2 2"]
            let names = (0..<Int.random(in: 1...30, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
            let workspace = Set(pool.prefix(Int.random(in: 0...3, using: &generator)).map(DefinitionID.slug))
            var ids = DefinitionID(taken: workspace)
            var reference = workspace
            for name in names {
                let base = DefinitionID.slug(name).isEmpty ? "x" : DefinitionID.slug(name)
                var expected = base
                var counter = 2
                while reference.contains(expected) {
                    expected = "\(base)-\(counter)"
                    counter += 1
                }
                reference.insert(expected)
                #expect(ids.fresh(name, fallback: "x") == expected, "\(names) with \(workspace)")
            }
        }
    }
}
