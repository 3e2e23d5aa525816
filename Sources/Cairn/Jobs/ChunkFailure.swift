/// Why a chunk cannot be computed, whoever tries: the reason its job fails with.
public struct ChunkFailure: Error, Sendable, Hashable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
