import CairnStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A few connections to one PostgreSQL database, used one caller at a time each, from ordinary
/// (blocking) code: the connections live on an event-loop thread of their own, and the calling
/// thread waits for their answers. Nothing but this pool runs on that thread, so a caller can
/// never wait for the thread it is on.
final class PostgresConnectionPool: Sendable {
    let address: PostgresAddress
    private let group: MultiThreadedEventLoopGroup
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let slots: DispatchSemaphore
    private let nextID = NIOLockedValueBox(0)
    private let logger: Logger
    /// Where the async part of `COPY` runs: never the cooperative pool the callers may be blocking.
    let executor = DispatchTaskExecutor(label: "cairn.postgres.copy")

    init(address: PostgresAddress) {
        self.address = address
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        slots = DispatchSemaphore(value: address.poolSize)
        var logger = Logger(label: "cairn.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    deinit {
        let open = idle.withLockedValue { connections in
            defer { connections.removeAll() }
            return connections
        }
        for connection in open { try? (connection.close() as EventLoopFuture<Void>).wait() }
        try? group.syncShutdownGracefully()
    }

    /// Runs `body` with a connection of its own until it returns.
    func withConnection<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        slots.wait()
        defer { slots.signal() }
        let reused = idle.withLockedValue { $0.popLast() }
        let connection: PostgresConnection
        if let reused, !reused.isClosed {
            connection = reused
        } else {
            connection = try connect()
        }
        let session = PostgresSession(connection: connection, logger: logger, location: address.description, executor: executor)
        defer {
            if !connection.isClosed && !session.isBroken {
                idle.withLockedValue { $0.append(connection) }
            } else {
                _ = connection.close() as EventLoopFuture<Void>
            }
        }
        return try body(session)
    }

    private func connect() throws -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        if address.host.hasPrefix("/") {
            let socket = address.host.hasSuffix(".s.PGSQL.\(address.port)") ? address.host
                : address.host + "/.s.PGSQL.\(address.port)"
            configuration = .init(unixSocketPath: socket, username: address.user, password: address.password,
                                  database: address.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch address.sslMode {
            case "disable":
                tls = .disable
            default:
                let context: NIOSSLContext
                do {
                    context = try NIOSSLContext(configuration: .makeClientConfiguration())
                } catch {
                    throw StoreError(path: address.description, reason: .cannotOpen("cannot set up TLS: \(error)"))
                }
                tls = address.sslMode == "require" ? .require(context) : .prefer(context)
            }
            configuration = .init(host: address.host, port: address.port, username: address.user,
                                  password: address.password, database: address.database, tls: tls)
        }
        let id = nextID.withLockedValue { value in
            value += 1
            return value
        }
        do {
            return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: id, logger: logger).wait()
        } catch {
            throw StoreError(path: address.description, reason: .cannotOpen(PostgresSession.explain(error)))
        }
    }
}
