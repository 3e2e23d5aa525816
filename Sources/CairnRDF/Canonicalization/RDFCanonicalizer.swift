import CairnSyntax
import Crypto
// Hand-written: no Swift package implements RDFC-1.0; this one passes the W3C RDFC-1.0 suite and refuses poisoned datasets.

/// Why an RDF dataset could not be canonicalized.
public enum RDFCanonicalizationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The dataset needed more n-degree hashing work than allowed: a dataset built to poison
    /// blank node canonicalization (many indistinguishable blank nodes) is refused, not hashed for hours.
    case tooComplex(limit: Int)
    /// N-degree hashing had to recurse deeper than ``RDFCanonicalizer/maximumRecursionDepth``
    /// (a long chain of blank nodes that look alike).
    case tooDeep(limit: Int)

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case .tooComplex(let limit):
            "the RDF dataset needs more than \(limit.groupedDigits) steps of blank node hashing to canonicalize "
                + "(a dataset built to exhaust RDFC-1.0 is refused)"
        case .tooDeep(let limit):
            "the RDF dataset has a chain of more than \(limit) blank nodes that look alike; it is not canonicalized"
        }
    }
}

/// RDF Dataset Canonicalization (W3C RDFC-1.0, the algorithm earlier called URDNA2015) with SHA-256.
///
/// Blank nodes get the labels `c14n0`, `c14n1`, … that depend only on the dataset's content,
/// so two isomorphic datasets give the same canonical N-Quads text.
public struct RDFCanonicalizer: Sendable {
    /// The hash function RDFC-1.0 runs with: SHA-256 (the default, which Data Integrity's
    /// eddsa-rdfc-2022 uses) or SHA-384 (the other the specification allows).
    public enum HashAlgorithm: String, Sendable, CaseIterable {
        case sha256 = "SHA256"
        case sha384 = "SHA384"
    }

    public var hashAlgorithm: HashAlgorithm = .sha256
    /// The most permutation steps and n-degree hash calls allowed before giving up.
    public var workLimit: Int
    /// The deepest n-degree hashing may recurse (it recurses along chains of look-alike blank nodes).
    public static let maximumRecursionDepth = 200

    /// A canonicalizer that gives up after `workLimit` steps of n-degree hashing.
    /// The steps of blank-node hashing a canonicalization may take by default.
    public static let defaultWorkLimit = 20_000

    public init(workLimit: Int = RDFCanonicalizer.defaultWorkLimit, hashAlgorithm: HashAlgorithm = .sha256) {
        self.workLimit = workLimit
        self.hashAlgorithm = hashAlgorithm
    }

    /// The canonical N-Quads of `quads`: one line per distinct quad, each ending in a line feed,
    /// sorted in code point order.
    public func canonicalNQuads(_ quads: [RDFQuad]) throws(RDFCanonicalizationError) -> String {
        let labelled = try canonicalize(quads)
        let lines = Set(labelled.map { $0.nQuad + "\n" })
        return lines.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined()
    }

    /// The issued identifiers map (RDFC-1.0 §4.4.3 step 7): each blank node label of `quads` and
    /// the canonical identifier it was given.
    public func issuedIdentifiers(_ quads: [RDFQuad]) throws(RDFCanonicalizationError) -> [String: String] {
        var state = State(quads: quads, workLimit: workLimit, hashAlgorithm: hashAlgorithm)
        try state.run()
        return state.canonical.issued
    }

    /// `quads` with every blank node relabelled by its canonical identifier.
    public func canonicalize(_ quads: [RDFQuad]) throws(RDFCanonicalizationError) -> [RDFQuad] {
        var state = State(quads: quads, workLimit: workLimit, hashAlgorithm: hashAlgorithm)
        try state.run()
        return quads.map { quad in
            RDFQuad(subject: state.relabel(quad.subject), predicate: quad.predicate,
                    object: state.relabel(quad.object), graph: quad.graph.map { state.relabel($0) })
        }
    }
}

/// Issues identifiers with a prefix and counter, remembering the order (RDFC-1.0 §4.3).
struct IdentifierIssuer {
    var prefix: String
    var counter = 0
    var issued: [String: String] = [:]
    var order: [String] = []

    init(prefix: String) { self.prefix = prefix }

    mutating func issue(_ existing: String) -> String {
        if let known = issued[existing] { return known }
        let identifier = prefix + String(counter)
        counter += 1
        issued[existing] = identifier
        order.append(existing)
        return identifier
    }
}

extension RDFCanonicalizer {
    struct State {
        let quads: [RDFQuad]
        let workLimit: Int
        let hashAlgorithm: HashAlgorithm
        var work = 0
        var quadsByBlank: [String: [Int]] = [:]
        var canonical = IdentifierIssuer(prefix: "c14n")
        var firstDegreeCache: [String: String] = [:]

        init(quads: [RDFQuad], workLimit: Int, hashAlgorithm: HashAlgorithm = .sha256) {
            self.quads = quads
            self.workLimit = workLimit
            self.hashAlgorithm = hashAlgorithm
            for (index, quad) in quads.enumerated() {
                for term in [quad.subject, quad.object, quad.graph] {
                    if case .blank(let label)? = term, quadsByBlank[label]?.last != index {
                        quadsByBlank[label, default: []].append(index)
                    }
                }
            }
        }

        func relabel(_ term: RDFTerm) -> RDFTerm {
            if case .blank(let label) = term, let issued = canonical.issued[label] { return .blank(issued) }
            return term
        }

        mutating func run() throws(RDFCanonicalizationError) {
            var hashToBlanks: [String: [String]] = [:]
            for label in quadsByBlank.keys.sorted() {
                hashToBlanks[firstDegreeHash(label), default: []].append(label)
            }
            var nonUnique: [[String]] = []
            for hash in hashToBlanks.keys.sorted() {
                guard let labels = hashToBlanks[hash] else { continue }
                if labels.count == 1 {
                    _ = canonical.issue(labels[0])
                } else {
                    nonUnique.append(labels)
                }
            }
            for labels in nonUnique {
                var results: [(hash: String, issuer: IdentifierIssuer)] = []
                for label in labels where canonical.issued[label] == nil {
                    var temporary = IdentifierIssuer(prefix: "b")
                    _ = temporary.issue(label)
                    results.append(try nDegreeHash(label, issuer: temporary))
                }
                for result in results.sorted(by: { $0.hash < $1.hash }) {
                    for existing in result.issuer.order { _ = canonical.issue(existing) }
                }
            }
        }

        /// The hex digest of `text` with the canonicaliser's hash function.
        func hashHex(_ text: String) -> String {
            let bytes: [UInt8] = switch hashAlgorithm {
            case .sha256: Array(SHA256.hash(data: Array(text.utf8)))
            case .sha384: Array(SHA384.hash(data: Array(text.utf8)))
            }
            return bytes.map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined()
        }

        /// Hash First Degree Quads (§4.6).
        mutating func firstDegreeHash(_ label: String) -> String {
            if let cached = firstDegreeCache[label] { return cached }
            var lines: [String] = []
            for index in quadsByBlank[label] ?? [] {
                let quad = quads[index]
                func mask(_ term: RDFTerm) -> RDFTerm {
                    if case .blank(let other) = term { return .blank(other == label ? "a" : "z") }
                    return term
                }
                let masked = RDFQuad(subject: mask(quad.subject), predicate: quad.predicate, object: mask(quad.object),
                                     graph: quad.graph.map(mask))
                lines.append(masked.nQuad + "\n")
            }
            lines.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let hash = hashHex(lines.joined())
            firstDegreeCache[label] = hash
            return hash
        }

        /// Hash Related Blank Node (§4.7).
        mutating func relatedHash(_ related: String, quad: RDFQuad, issuer: IdentifierIssuer, position: String) -> String {
            var input = position
            if position != "g" { input += "<" + quad.predicate + ">" }
            if let issued = canonical.issued[related] {
                input += "_:" + issued
            } else if let issued = issuer.issued[related] {
                input += "_:" + issued
            } else {
                input += firstDegreeHash(related)
            }
            return hashHex(input)
        }

        mutating func countWork() throws(RDFCanonicalizationError) {
            work += 1
            if work > workLimit { throw .tooComplex(limit: workLimit) }
        }

        /// Hash N-Degree Quads (§4.8).
        mutating func nDegreeHash(
            _ label: String, issuer startIssuer: IdentifierIssuer, depth: Int = 0
        ) throws(RDFCanonicalizationError) -> (hash: String, issuer: IdentifierIssuer) {
            try countWork()
            guard depth < RDFCanonicalizer.maximumRecursionDepth else {
                throw .tooDeep(limit: RDFCanonicalizer.maximumRecursionDepth)
            }
            var issuer = startIssuer
            var hashToRelated: [String: [String]] = [:]
            for index in quadsByBlank[label] ?? [] {
                let quad = quads[index]
                let positioned: [(RDFTerm?, String)] = [(quad.subject, "s"), (quad.object, "o"), (quad.graph, "g")]
                for (term, position) in positioned {
                    guard case .blank(let related)? = term, related != label else { continue }
                    let hash = relatedHash(related, quad: quad, issuer: issuer, position: position)
                    if hashToRelated[hash]?.contains(related) != true {
                        hashToRelated[hash, default: []].append(related)
                    }
                }
            }
            var dataToHash = ""
            for relatedHashValue in hashToRelated.keys.sorted() {
                dataToHash += relatedHashValue
                var chosenPath = ""
                var chosenIssuer: IdentifierIssuer?
                var permutations = Permutations(hashToRelated[relatedHashValue] ?? [])
                while let permutation = permutations.next() {
                    try countWork()
                    var issuerCopy = issuer
                    var path = ""
                    var recursionList: [String] = []
                    var skip = false
                    for related in permutation {
                        if let issued = canonical.issued[related] {
                            path += "_:" + issued
                        } else {
                            if issuerCopy.issued[related] == nil { recursionList.append(related) }
                            path += "_:" + issuerCopy.issue(related)
                        }
                        if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, path > chosenPath {
                            skip = true
                            break
                        }
                    }
                    if skip { continue }
                    for related in recursionList {
                        let result = try nDegreeHash(related, issuer: issuerCopy, depth: depth + 1)
                        path += "_:" + issuerCopy.issue(related)
                        path += "<" + result.hash + ">"
                        issuerCopy = result.issuer
                        if !chosenPath.isEmpty, path.utf8.count >= chosenPath.utf8.count, path > chosenPath {
                            skip = true
                            break
                        }
                    }
                    if skip { continue }
                    if chosenPath.isEmpty || path < chosenPath {
                        chosenPath = path
                        chosenIssuer = issuerCopy
                    }
                }
                dataToHash += chosenPath
                if let chosenIssuer { issuer = chosenIssuer }
            }
            return (hashHex(dataToHash), issuer)
        }
    }
}

/// All orderings of a small list, in lexicographic order of positions (Heap-free, by next permutation).
struct Permutations {
    private var items: [String]
    private var indices: [Int]
    private var finished: Bool

    init(_ items: [String]) {
        self.items = items
        self.indices = Array(items.indices)
        self.finished = false
    }

    mutating func next() -> [String]? {
        guard !finished else { return nil }
        let current = indices.map { items[$0] }
        // Advance to the next permutation of indices.
        var pivot = indices.count - 2
        while pivot >= 0, indices[pivot] >= indices[pivot + 1] { pivot -= 1 }
        if pivot < 0 {
            finished = true
        } else {
            var successor = indices.count - 1
            while indices[successor] <= indices[pivot] { successor -= 1 }
            indices.swapAt(pivot, successor)
            indices[(pivot + 1)...].reverse()
        }
        return current
    }
}
