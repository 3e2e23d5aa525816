import CairnRDF
import CairnSyntax
import Foundation

/// Graph isomorphism for RDF graphs (RDF 1.1 Concepts §3.6): a bijection between blank nodes
/// that maps one set of triples onto the other. Blank nodes are first coloured by iterated
/// hashing of their neighbourhoods; when colours leave ties, one tied node is paired with each
/// candidate in turn, colours are refined again, and the search backtracks.
enum RDFGraphIsomorphism {
    static func isomorphic(_ first: [RDFTriple], _ second: [RDFTriple]) -> Bool {
        let a = Set(first), b = Set(second)
        guard a.count == b.count else { return false }
        let groundA = a.filter { !$0.hasBlankNode }, groundB = b.filter { !$0.hasBlankNode }
        guard groundA == groundB else { return false }
        let blankA = Array(a.subtracting(groundA)), blankB = Array(b.subtracting(groundB))
        var colorsA = Dictionary(uniqueKeysWithValues: Set(blankA.flatMap(\.blankLabels)).map { ($0, 0) })
        var colorsB = Dictionary(uniqueKeysWithValues: Set(blankB.flatMap(\.blankLabels)).map { ($0, 0) })
        guard colorsA.count == colorsB.count else { return false }
        refine(blankA, &colorsA, blankB, &colorsB)
        return search(blankA, colorsA, blankB, colorsB, target: Set(blankB), depth: 0)
    }

    private static func search(
        _ a: [RDFTriple], _ colorsA: [String: Int], _ b: [RDFTriple], _ colorsB: [String: Int],
        target: Set<RDFTriple>, depth: Int
    ) -> Bool {
        let classesA = Dictionary(grouping: colorsA.keys, by: { colorsA[$0]! })
        let classesB = Dictionary(grouping: colorsB.keys, by: { colorsB[$0]! })
        guard classesA.mapValues(\.count) == classesB.mapValues(\.count) else { return false }
        guard let (color, members) = classesA.filter({ $0.value.count > 1 }).min(by: { $0.value.count < $1.value.count })
        else {
            // Every colour names one node: the mapping is forced; check it.
            var mapping: [String: String] = [:]
            for (label, color) in colorsA { mapping[label] = classesB[color]![0] }
            return Set(a.map { $0.renamingBlanks(mapping) }) == target
        }
        let chosen = members.sorted()[0]
        for candidate in classesB[color]!.sorted() {
            var nextA = colorsA, nextB = colorsB
            var hasher = Hasher()
            hasher.combine(color)
            hasher.combine("chosen")
            hasher.combine(depth)
            let mark = hasher.finalize()
            nextA[chosen] = mark
            nextB[candidate] = mark
            refine(a, &nextA, b, &nextB)
            if search(a, nextA, b, nextB, target: target, depth: depth + 1) { return true }
        }
        return false
    }

    /// Refines both colourings in step until neither gains classes.
    private static func refine(_ a: [RDFTriple], _ colorsA: inout [String: Int],
                               _ b: [RDFTriple], _ colorsB: inout [String: Int]) {
        var countA = Set(colorsA.values).count, countB = Set(colorsB.values).count
        while true {
            colorsA = step(a, colorsA)
            colorsB = step(b, colorsB)
            let newA = Set(colorsA.values).count, newB = Set(colorsB.values).count
            if newA == countA && newB == countB { return }
            countA = newA
            countB = newB
        }
    }

    private static func step(_ triples: [RDFTriple], _ colors: [String: Int]) -> [String: Int] {
        var edges: [String: [Int]] = [:]
        func value(_ term: RDFTerm) -> Int {
            var hasher = Hasher()
            if case .blank(let label) = term {
                hasher.combine("blank")
                hasher.combine(colors[label]!)
            } else {
                hasher.combine(term)
            }
            return hasher.finalize()
        }
        for triple in triples {
            if case .blank(let label) = triple.subject {
                var hasher = Hasher()
                hasher.combine("s")
                hasher.combine(triple.predicate)
                hasher.combine(value(triple.object))
                edges[label, default: []].append(hasher.finalize())
            }
            if case .blank(let label) = triple.object {
                var hasher = Hasher()
                hasher.combine("o")
                hasher.combine(triple.predicate)
                hasher.combine(value(triple.subject))
                edges[label, default: []].append(hasher.finalize())
            }
        }
        var next: [String: Int] = [:]
        for (label, color) in colors {
            var hasher = Hasher()
            hasher.combine(color)
            hasher.combine(edges[label, default: []].sorted())
            next[label] = hasher.finalize()
        }
        return next
    }
}

extension RDFTriple {
    var hasBlankNode: Bool { !blankLabels.isEmpty }

    var blankLabels: [String] {
        var labels: [String] = []
        if case .blank(let label) = subject { labels.append(label) }
        if case .blank(let label) = object { labels.append(label) }
        return labels
    }

    func renamingBlanks(_ mapping: [String: String]) -> RDFTriple {
        func rename(_ term: RDFTerm) -> RDFTerm {
            if case .blank(let label) = term { return .blank(mapping[label] ?? label) }
            return term
        }
        return RDFTriple(subject: rename(subject), predicate: predicate, object: rename(object))
    }
}

/// Parsing helpers for the RDF tests.
enum RDFTestSupport {
    static func triples(_ xml: String, base: String? = "http://example.org/doc") throws -> [RDFTriple] {
        var result: [RDFTriple] = []
        try RDFXMLParser(base: base).parse(data: Data(xml.utf8), documentName: "test.rdf") { result.append($0) }
        return result
    }

    /// The error a document gives, or nil when it parses.
    static func error(_ xml: String, base: String? = "http://example.org/doc") -> RDFXMLError? {
        do {
            _ = try triples(xml, base: base)
            return nil
        } catch let error as RDFXMLError {
            return error
        } catch {
            return RDFXMLError(file: "?", message: "unexpected \(error)")
        }
    }

    static func rdf(_ body: String) -> String {
        """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/ns#">
        \(body)
        </rdf:RDF>
        """
    }
}
