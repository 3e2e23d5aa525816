import Cairn
import Foundation

/// (c) Frameworks: the pieces of `Benchmarks/frameworks.sh` that need the library directly —
/// writing the ESCO-scale file, a parse-only pass over it, and opening the store and searching.
public enum FrameworkBenchmarks {
    /// `generate-esco PATH [--scale S]`: writes the file and prints what it holds.
    public static func generate(path: String, scale: Double) throws {
        let generator = ESCOFileGenerator.scaled(scale)
        var summary = ESCOFileGenerator.Summary()
        let elapsed = try seconds { summary = try generator.write(to: path) }
        print("\(path): \(summary.triples) triples (\(summary.skills) skills, \(summary.occupations) occupations, "
              + "\(summary.relations) relations, \(summary.labels) labels, \(summary.broaderLinks) broader links), "
              + "written in \(formatted(elapsed, decimals: 1)) s")
    }

    /// `parse PATH`: Cairn's RDF/XML parser over the file, counting triples and doing nothing else
    /// with them (the same base IRI as `cairn frameworks triples`).
    public static func parse(path: String) throws {
        let base = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        var count = 0
        let elapsed = try seconds {
            try RDFXMLParser(base: base).parse(file: path) { _ in count += 1 }
        }
        print("\(path): \(count) triples parsed in \(formatted(elapsed, decimals: 2)) s")
    }

    /// `open-search STORE TEXT`: opens the store and runs one skill search, three times in one
    /// process (the first open is this process's first, the later ones find SQLite's file and
    /// the operating system's cache warm).
    public static func openSearch(store: String, text: String) throws {
        guard FileManager.default.fileExists(atPath: store) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: store])
        }
        for run in 1...3 {
            var opened: SQLiteStore?
            var hits: [SkillSearchHit] = []
            let openTime = try seconds { opened = try SQLiteStore(path: store) }
            guard let opened else { return }
            let searchTime = try seconds { hits = try opened.searchSkills(text) }
            let first = hits.first.map { " (first: \($0.label))" } ?? ""
            print("open + search \"\(text)\" #\(run)\(run == 1 ? " (cold)" : ""): open \(formatted(openTime * 1000, decimals: 1)) ms"
                  + ", search \(formatted(searchTime * 1000, decimals: 1)) ms, total \(formatted((openTime + searchTime) * 1000, decimals: 1)) ms"
                  + "; \(hits.count) hits\(first)")
        }
    }
}
