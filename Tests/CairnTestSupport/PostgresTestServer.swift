import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server for tests: the one `CAIRN_TEST_DATABASE_URL` names (CI starts one), or
/// else a throwaway cluster this test process starts itself in a temporary folder on a free
/// loopback port — as the `postgres` user when the tests run as root, since PostgreSQL refuses
/// to run as root — and stops when it exits. When neither is possible, ``unavailable`` says why
/// and the tests that need PostgreSQL are skipped with that message.
public enum PostgresTestServer {
    /// The server's URL (its `postgres` database), or why there is none.
    public static let server: Result<String, Unavailable> = start()

    /// Why no PostgreSQL server could be had.
    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether tests that need PostgreSQL can run; when not, says why on standard error (once).
    public static var isAvailable: Bool {
        _ = skipNotice
        if case .success = server { return true }
        return false
    }

    private static let skipNotice: Void = {
        if case .failure(let reason) = server {
            FileHandle.standardError.write(Data("PostgreSQL tests skipped: \(reason)\n".utf8))
        }
    }()

    /// A new, empty database on the server, and its URL: each test gets its own.
    public static func freshDatabase(prefix: String = "cairn_test") throws -> String {
        let url = try server.get()
        let name = "\(prefix)_\(UInt64.random(in: 0...UInt64.max) & 0xffff_ffff_ffff)"
        try psql(url, "CREATE DATABASE \(name)")
        guard var components = URLComponents(string: url) else { throw Unavailable(description: "bad URL \(url)") }
        components.path = "/" + name
        return components.string ?? url
    }

    /// Runs one SQL command with `psql` against `url`.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try run(psqlPath ?? "psql", ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        guard result.status == 0 else { throw Unavailable(description: "psql failed: \(result.output)") }
        return result.output
    }

    private static var psqlPath: String? {
        binaryFolder.map { $0 + "/psql" }.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    /// The newest PostgreSQL installed from Debian's packages (`/usr/lib/postgresql/N/bin`).
    private static let binaryFolder: String? = {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.reversed().map { "\(root)/\($0)/bin" }.first {
            FileManager.default.isExecutableFile(atPath: $0 + "/initdb")
        }
    }()

    /// The folder of the cluster this process started, stopped when it exits .
    private static let clusterFolder = Mutex<String?>(nil)

    private static func start() -> Result<String, Unavailable> {
        if let url = ProcessInfo.processInfo.environment["CAIRN_TEST_DATABASE_URL"], !url.isEmpty {
            return .success(url)
        }
        guard let bin = binaryFolder else {
            return .failure(Unavailable(description: "no PostgreSQL server is installed (apt-get install postgresql), "
                                        + "and CAIRN_TEST_DATABASE_URL is not set"))
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let asRoot = getuid() == 0
            if asRoot {
                guard let account = getpwnam("postgres") else {
                    return .failure(Unavailable(description: "tests run as root and there is no postgres user to run a server as"))
                }
                chown(folder, account.pointee.pw_uid, account.pointee.pw_gid)
            }
            let port = try freePort()
            func asServerUser(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
                asRoot ? try run("/usr/sbin/runuser", ["-u", "postgres", "--", command] + arguments) : try run(command, arguments)
            }
            let initdb = try asServerUser(bin + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "--no-sync",
                                                            "-E", "UTF8", "--locale", "C"])
            guard initdb.status == 0 else { return .failure(Unavailable(description: "initdb failed: \(initdb.output)")) }
            // The server pg_ctl leaves running would inherit this process's descriptors — among
            // them the one Foundation watches to see its child exit, which would then never be
            // seen to — so pg_ctl runs from a shell that closes every descriptor above 2 first.
            let started = try run("/bin/bash", ["-c", #"for fd in /proc/$$/fd/*; do n=${fd##*/}; [ "$n" -gt 2 ] && eval "exec $n>&-"; done 2>/dev/null; exec "$@""#, "bash"]
                                  + (asRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [bin + "/pg_ctl", 
                "-D", folder + "/data", "-l", folder + "/server.log", "-w", "-t", "60", "start", "-o",
                "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200",
            ])
            guard started.status == 0 else { return .failure(Unavailable(description: "pg_ctl start failed: \(started.output)")) }
            clusterFolder.withLock { $0 = folder }
            atexit {
                guard let folder = PostgresTestServer.clusterFolder.withLock({ $0 }),
                      let bin = PostgresTestServer.binaryFolder else { return }
                let arguments = ["-D", folder + "/data", "-m", "immediate", "stop"]
                _ = getuid() == 0 ? try? PostgresTestServer.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/pg_ctl"] + arguments)
                    : try? PostgresTestServer.run(bin + "/pg_ctl", arguments)
                try? FileManager.default.removeItem(atPath: folder)
            }
            return .success("postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable")
        } catch {
            return .failure(Unavailable(description: "could not start a PostgreSQL server: \(error)"))
        }
    }

    /// A loopback port nothing listens on now.
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Unavailable(description: "no socket") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw Unavailable(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func run(_ command: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.hasPrefix("/") ? command : "/usr/bin/env")
        process.arguments = command.hasPrefix("/") ? arguments : [command] + arguments
        // Output goes to a file, not a pipe: the server `pg_ctl start` leaves running inherits the
        // descriptor, and a pipe would then never reach its end.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("cairn-pg-run-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }
}
