import CairnStore
import Testing

/// `--database` values: what each names, and what is refused and why (passwords never echoed).
@Suite("Store locations (--database)")
struct StoreLocationTests {
    @Test("valid values", arguments: [
        ("sqlite:.cairn/store.sqlite", StoreLocation.sqlite(path: ".cairn/store.sqlite")),
        ("sqlite:///var/cairn/store.sqlite", .sqlite(path: "/var/cairn/store.sqlite")),
        ("/tmp/store.sqlite", .sqlite(path: "/tmp/store.sqlite")),
        ("postgres://cairn:s3cret@db.example.org:6432/credits?sslmode=require&pool=8",
         .postgres(PostgresAddress(host: "db.example.org", port: 6432, user: "cairn", password: "s3cret", database: "credits",
                                   sslMode: "require", poolSize: 8))),
        ("postgresql://registrar@localhost/cairn",
         .postgres(PostgresAddress(host: "localhost", user: "registrar", database: "cairn"))),
        ("postgres:///cairn?host=/var/run/postgresql",
         .postgres(PostgresAddress(host: "/var/run/postgresql", user: "postgres", database: "cairn", sslMode: "disable"))),
    ])
    func parses(text: String, expected: StoreLocation) throws {
        #expect(try StoreLocation(parsing: text) == expected)
    }

    @Test("refused values say why", arguments: [
        ("mysql://db/cairn", "unknown database kind \"mysql\""),
        ("postgres://cairn:s3cret@db/cairn?sslmode=maybe", "sslmode must be disable, prefer or require"),
        ("postgres://cairn:s3cret@db/cairn?pool=0", "pool must be a number of connections from 1 to 64"),
        ("postgres://cairn:s3cret@db/cairn?colour=blue", "unknown option \"colour\""),
        ("postgres:///cairn", "names no host"),
        ("sqlite:", "sqlite: needs a file path"),
        ("postgres://cairn:s3cret@db:99999/cairn", "the port must be 1 to 65535, not 99999"),
    ])
    func refuses(text: String, reason: String) {
        #expect {
            try StoreLocation(parsing: text)
        } throws: { error in
            guard let error = error as? StoreLocationError else { return false }
            return error.reason.contains(reason) && !error.description.contains("s3cret")
        }
    }

    @Test("messages show a PostgreSQL URL without its password")
    func description() throws {
        let location = try StoreLocation(parsing: "postgres://cairn:s3cret@db.example.org:5433/credits")
        #expect(location.description == "postgres://cairn@db.example.org:5433/credits")
        #expect(location.isShared && location.exists)
    }
}
