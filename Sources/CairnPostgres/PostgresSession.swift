import CairnStore
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresNIO

/// One connection, held by one caller: queries that wait for their answer, transactions, and
/// `COPY`. Every failure becomes a ``StoreError`` that names the database and what the server said.
final class PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    let location: String
    /// Set when the connection may be left mid-transaction: it is closed rather than reused.
    private(set) var isBroken = false
    private var inTransaction = false

    let executor: DispatchTaskExecutor

    init(connection: PostgresConnection, logger: Logger, location: String, executor: DispatchTaskExecutor) {
        self.executor = executor
        self.connection = connection
        self.logger = logger
        self.location = location
    }

    /// Runs a query and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try Array(connection.query(query, logger: logger).wait().rows)
        } catch {
            throw failure(error)
        }
    }

    /// Runs a query and hands its rows to `body` one at a time as they arrive.
    func forEachRow(_ query: PostgresQuery, _ body: @escaping @Sendable (PostgresRow) throws -> Void) throws {
        do {
            _ = try connection.query(query, logger: logger, body).wait()
        } catch {
            throw failure(error)
        }
    }

    /// Runs SQL without parameters (one statement).
    func execute(_ sql: String) throws {
        try query(PostgresQuery(unsafeSQL: sql))
    }

    /// How many rows a statement changed.
    @discardableResult
    func update(_ query: PostgresQuery) throws -> Int {
        do {
            return try connection.query(query, logger: logger).wait().metadata.rows ?? 0
        } catch {
            throw failure(error)
        }
    }

    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    func transaction<T>(_ isolation: String = "READ COMMITTED", _ body: () throws -> T) throws -> T {
        precondition(!inTransaction, "transactions do not nest")
        try execute("BEGIN ISOLATION LEVEL \(isolation)")
        inTransaction = true
        defer { inTransaction = false }
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            do { try execute("ROLLBACK") } catch { isBroken = true }
            throw error
        }
    }

    /// Streams text-format rows into `table` with `COPY … FROM STDIN`: `produce` runs on the
    /// caller's thread and hands over text a line or more at a time, and the text goes to the
    /// server a megabyte at a time while `produce` goes on, at most a few megabytes ahead.
    func copy(into table: String, columns: [String], _ produce: (_ send: (String) throws -> Void) throws -> Void) throws {
        try copyBytes(into: table, columns: columns) { send in
            try withoutActuallyEscaping(send) { sendBytes in
                try produce { text in try sendBytes(Array(text.utf8)) }
            }
        }
    }

    /// ``copy(into:columns:_:)`` for a producer that writes the text's UTF-8 bytes itself.
    func copyBytes(into table: String, columns: [String], _ produce: (_ send: ([UInt8]) throws -> Void) throws -> Void) throws {
        let connection = self.connection
        let logger = self.logger
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        let space = DispatchSemaphore(value: 4)
        let state = NIOLockedValueBox(CopyState())
        let promise = connection.eventLoop.makePromise(of: Void.self)
        let future = promise.futureResult
        Task(executorPreference: executor) {
            defer {
                state.withLockedValue { $0.consumerGone = true }
                space.signal()
            }
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    for await buffer in stream {
                        try await writer.write(buffer)
                        space.signal()
                    }
                    if state.withLockedValue({ $0.producerFailed }) { throw CancellationError() }
                }
                promise.succeed(())
            } catch {
                promise.fail(error)
            }
        }
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 20)
        func flush() throws {
            guard !pending.isEmpty else { return }
            space.wait()
            // The server refused the data (or the connection broke): stop producing, and report its error below.
            if state.withLockedValue({ $0.consumerGone }) { throw CopyInterrupted() }
            continuation.yield(ByteBuffer(bytes: pending))
            pending.removeAll(keepingCapacity: true)
        }
        var produced: (any Error)?
        do {
            try produce { text in
                pending += text
                if pending.count >= 1 << 20 { try flush() }
            }
            try flush()
        } catch {
            produced = error
            state.withLockedValue { $0.producerFailed = true }
        }
        continuation.finish()
        do {
            try future.wait()
        } catch {
            if let produced, !(produced is CopyInterrupted) { throw produced }
            throw failure(error)
        }
        if let produced { throw produced }
    }

    private struct CopyState {
        var consumerGone = false
        var producerFailed = false
    }

    private struct CopyInterrupted: Error {}

    private func failure(_ error: any Error) -> any Error {
        if error is StoreError { return error }
        if let psql = error as? PSQLError {
            if psql.code == .serverClosedConnection || psql.code == .connectionError { isBroken = true }
            if let message = psql.serverInfo?[.message], message.hasPrefix(PostgresSchema.appendOnlyMessage) {
                return DecisionLogError(path: location, reason: .appendOnly(message))
            }
        }
        return StoreError(path: location, reason: .database(Self.explain(error)))
    }

    /// What the server said (message, detail, SQLSTATE), or the client's own error.
    static func explain(_ error: any Error) -> String {
        guard let psql = error as? PSQLError else { return "\(error)" }
        if let info = psql.serverInfo, let message = info[.message] {
            var text = message
            if let detail = info[.detail] { text += " (\(detail))" }
            if let state = info[.sqlState] { text += " [SQLSTATE \(state)]" }
            return text
        }
        if let underlying = psql.underlying { return "\(psql.code): \(underlying)" }
        return "\(psql.code)"
    }

    /// The SQLSTATE of a failed query, when the server gave one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}

/// COPY's text format: a tab between fields, `\N` for NULL, and backslash escapes for the
/// characters that would end a field or a row.
enum CopyText {
    static func field(_ value: String?) -> String {
        guard let value else { return "\\N" }
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var escaped = ""
        escaped.reserveCapacity(value.utf8.count + 4)
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    static func field(_ value: Int64?) -> String { value.map(String.init) ?? "\\N" }

    /// Appends a text field, escaped, or `\N`.
    static func append(_ value: String?, to bytes: inout [UInt8]) {
        guard let value else {
            bytes.append(0x5C)
            bytes.append(0x4E)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x09: bytes.append(0x5C); bytes.append(0x74)
            case 0x0A: bytes.append(0x5C); bytes.append(0x6E)
            case 0x0D: bytes.append(0x5C); bytes.append(0x72)
            default: bytes.append(byte)
            }
        }
    }

    /// Appends a number in decimal, or `\N`.
    static func append(_ value: Int64?, to bytes: inout [UInt8]) {
        guard let value else {
            bytes.append(0x5C)
            bytes.append(0x4E)
            return
        }
        if value < 0 { bytes.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { bytes.append(buffer[index]) }
        }
    }
}
