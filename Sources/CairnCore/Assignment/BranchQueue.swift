/// The order in which a branch and bound explores its branches: the most promising first, but
/// after each split it dives at once into the side the relaxation leans to (a "plunge"), so
/// that good answers come early and cut the rest.
struct BranchQueue<Branch> {
    private var waiting: [Branch] = []
    private var plunge: Branch?
    /// Whether the first branch should be explored before the second; on a tie the newer goes first.
    private let precedes: (Branch, Branch) -> Bool

    init(first: Branch, precedes: @escaping (Branch, Branch) -> Bool) {
        waiting = [first]
        self.precedes = precedes
    }

    /// Keeps a branch for later.
    mutating func push(_ branch: Branch) { waiting.append(branch) }

    /// Makes `branch` the next one explored.
    mutating func dive(into branch: Branch) { plunge = branch }

    /// The next branch to explore, or `nil` when none is left.
    mutating func next() -> Branch? {
        if let branch = plunge {
            plunge = nil
            return branch
        }
        guard !waiting.isEmpty else { return nil }
        var pick = 0
        for index in waiting.indices.dropFirst() where !precedes(waiting[pick], waiting[index]) { pick = index }
        return waiting.remove(at: pick)
    }
}
