/// Badges from the catalogues that would close a role's essential gaps.
public struct BadgeRecommendation: Hashable, Sendable {
    /// The badge classes to earn, in the order that closes the most gaps first.
    public var badges: [Pick]
    /// Essential gaps no catalogue badge covers.
    public var uncovered: [RoleSkill]
    /// `true` when the set is proven the smallest that closes every closable gap; `false` when
    /// there were too many candidates and a greedy choice was made.
    public var isExact: Bool

    public struct Pick: Hashable, Sendable {
        public var badge: String
        public var closes: [RoleSkill]
    }

    /// Candidates above this many are chosen greedily (the classic ln n approximation).
    public static let exactCandidateLimit = 22

    /// The fewest badge classes of `catalog` (not already held validly) that together cover
    /// every essential gap of `fit` that any badge covers; among equally small sets, the one
    /// listed first by badge id. Exact up to ``exactCandidateLimit`` useful candidates.
    public init(closing fit: RoleFit, catalog: Catalog, held: Set<String>) {
        let gaps = fit.missingEssential
        var candidates: [(badge: String, covers: Set<Int>)] = []
        for badgeClass in catalog.badgeClasses.values.sorted(by: { $0.id < $1.id }) where !held.contains(badgeClass.id) {
            let covers = Set(gaps.indices.filter { gap in
                badgeClass.alignments.contains { catalog.covers($0, required: gaps[gap].skill) }
            })
            if !covers.isEmpty { candidates.append((badgeClass.id, covers)) }
        }
        // Drop candidates whose gaps another candidate covers too (keeping the first of equals).
        candidates = candidates.enumerated().filter { position, candidate in
            !candidates.enumerated().contains { other, better in
                other != position && candidate.covers.isSubset(of: better.covers)
                    && (better.covers.count > candidate.covers.count || other < position)
            }
        }.map(\.element)
        let coverable = candidates.reduce(into: Set<Int>()) { $0.formUnion($1.covers) }
        uncovered = gaps.indices.filter { !coverable.contains($0) }.map { gaps[$0] }
        var chosen: [Int]
        if candidates.count <= Self.exactCandidateLimit {
            chosen = Self.smallestCover(candidates.map(\.covers), target: coverable)
            isExact = true
        } else {
            chosen = Self.greedyCover(candidates.map(\.covers), target: coverable)
            isExact = false
        }
        // Most gaps first, then by id.
        chosen.sort { (candidates[$0].covers.count, candidates[$1].badge) > (candidates[$1].covers.count, candidates[$0].badge) }
        var closed: Set<Int> = []
        badges = chosen.map { index in
            let new = candidates[index].covers.subtracting(closed).sorted()
            closed.formUnion(candidates[index].covers)
            return Pick(badge: candidates[index].badge, closes: new.map { gaps[$0] })
        }
    }

    /// The smallest set of `sets` whose union is `target`, by iterative deepening (sets are few).
    static func smallestCover(_ sets: [Set<Int>], target: Set<Int>) -> [Int] {
        guard !target.isEmpty else { return [] }
        for size in 1...sets.count {
            var chosen: [Int] = []
            func search(from start: Int, covered: Set<Int>) -> Bool {
                if covered.isSuperset(of: target) { return true }
                guard chosen.count < size else { return false }
                // Bound: the remaining picks cannot cover more than the largest sets left.
                let missing = target.subtracting(covered).count
                let best = sets[start...].map { $0.subtracting(covered).count }.max() ?? 0
                guard best * (size - chosen.count) >= missing else { return false }
                for index in start..<sets.count where !sets[index].isSubset(of: covered) {
                    chosen.append(index)
                    if search(from: index + 1, covered: covered.union(sets[index])) { return true }
                    chosen.removeLast()
                }
                return false
            }
            if search(from: 0, covered: []) { return chosen }
        }
        return Array(sets.indices)
    }

    static func greedyCover(_ sets: [Set<Int>], target: Set<Int>) -> [Int] {
        var covered: Set<Int> = []
        var chosen: [Int] = []
        while !covered.isSuperset(of: target) {
            guard let next = sets.indices.filter({ !chosen.contains($0) })
                .max(by: { sets[$0].subtracting(covered).count < sets[$1].subtracting(covered).count
                    || (sets[$0].subtracting(covered).count == sets[$1].subtracting(covered).count && $0 > $1) }),
                !sets[next].subtracting(covered).isEmpty else { break }
            chosen.append(next)
            covered.formUnion(sets[next])
        }
        return chosen
    }
}
