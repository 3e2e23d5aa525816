import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock between processes for setting a store up, held on a file beside it
/// (`store.sqlite.lock`).
///
/// SQLite's own locks cannot serialise "is the schema there? if not, create it": GRDB's
/// migrator reads the applied migrations before it takes the write lock, so two processes that
/// open a new store at once could both decide to create the tables. The lock file is never
/// the database itself, because closing any descriptor of a database file drops the POSIX
/// locks SQLite holds on it. `flock` locks are released by the kernel when a process dies, so
/// a killed run never leaves the store locked.
enum SetupLock {
    /// Runs `body` while holding the lock. Where the lock file cannot be created (a read-only
    /// folder), `body` runs without it: nothing can be set up there anyway.
    static func holding<T>(besides path: String, _ body: () throws -> T) throws -> T {
        let descriptor = open(path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return try body() }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
