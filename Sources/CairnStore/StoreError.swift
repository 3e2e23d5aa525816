import Foundation

/// Why the store (frameworks, decision log) could not do what was asked, naming the store file.
public struct StoreError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The file or its folder could not be created or opened.
        case cannotOpen(String)
        /// The file exists but is not a database Cairn created.
        case notACairnStore
        /// The store was written by a newer Cairn, with a schema this one does not know
        /// (`found` is nil when the newer schema did not record its version number).
        case schemaTooNew(found: Int?, supported: Int)
        /// An import reader sent content before (or without) a framework header.
        case noFrameworkHeader
        /// SQLite refused an operation (disk full, locked for too long, corrupt file…).
        case database(String)
        /// What was asked conflicts with what the store holds (a status list that exists already,
        /// is full or is unknown; a credential already revoked…): the request, not the
        /// database, is at fault, and retrying it as it is would fail again.
        case refused(String)
    }

    /// The store file.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .cannotOpen(let why):
            return "\(path): cannot open the store: \(why)"
        case .notACairnStore:
            return "\(path): not a Cairn store (the file exists but was not created by Cairn); choose another --store file"
        case .schemaTooNew(let found, let supported):
            let version = found.map { "version \($0)" } ?? "(migrated by a newer Cairn)"
            return "\(path): the store's schema \(version) is newer than this Cairn supports (version \(supported)); "
                + "use a newer Cairn or another store"
        case .noFrameworkHeader:
            return "\(path): the framework reader sent content before naming the framework; nothing was imported"
        case .database(let why), .refused(let why):
            return "\(path): \(why)"
        }
    }
}
