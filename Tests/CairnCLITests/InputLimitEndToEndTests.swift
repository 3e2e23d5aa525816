import CairnTestSupport
import Foundation
import Testing

/// The limits through the `cairn` binary: each command refuses an oversized or special file
/// with exit 65 and a message naming the file and the limit, before reading it.
@Suite("cairn: input limits and special files")
struct InputLimitEndToEndTests {
    /// A command, the name of the file it is given (`FILE` in its arguments), the size one past
    /// its limit, and what the refusal says.
    static let oversized: [(arguments: [String], file: String, size: Int, message: String)] = [
        (["audit", "--pathway", "data-analysis-foundations", "--learner", "FILE"], "lee.yaml", (64 << 20) + 1,
         "definition files over 64 MiB are refused"),
        (["verify", "FILE"], "badge.json", (64 << 20) + 1, "Open Badges files over 64 MiB are refused"),
        (["badges", "inspect", "FILE"], "badge.png", (64 << 20) + 1, "Open Badges files over 64 MiB are refused"),
        (["frameworks", "import", "FILE", "--format", "sfia-csv"], "sfia.csv", (256 << 20) + 1,
         "CSV framework files over 256 MiB are refused"),
        (["frameworks", "import", "FILE"], "package.json", (128 << 20) + 1, "CASE packages over 128 MiB are refused"),
        (["frameworks", "triples", "FILE"], "skills.rdf", (8 << 30) + 1, "RDF/XML files over 8 GiB are refused"),
    ]

    @Test("a file one byte past its reader's limit is refused by its size, naming file and limit",
          arguments: oversized.indices)
    func oversizedFile(_ index: Int) throws {
        let (arguments, name, size, message) = Self.oversized[index]
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try folder.write(name, "")
        // Sparse: the size is there without writing the bytes.
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
        // An import runs in the scratch folder, so that it can touch no store but the folder's own.
        let imports = arguments.starts(with: ["frameworks", "import"])
        let run = try CairnProcess.run(arguments.map { $0 == "FILE" ? file.path : $0 }, in: imports ? folder.url : nil)
        #expect(run.status == 65, "\(arguments): \(run.stderr)")
        // verify reports each file's outcome on standard output; the others fail on standard error.
        let report = arguments.first == "verify" ? run.stdout : run.stderr
        #expect(report.contains(name) && report.contains(message), "\(arguments): \(report)")
        #expect(report.contains("the file is \(Self.grouped(size)) bytes"), "\(report)")
        if arguments.first != "verify" {
            #expect(run.stdout.isEmpty, "\(arguments) wrote output before refusing: \(run.stdout.prefix(200))")
        }
    }

    @Test("a FIFO named on the command line is refused at once, not waited on",
          arguments: [["audit", "--pathway", "data-analysis-foundations", "--learner", "FILE"], ["verify", "FILE"],
                      ["frameworks", "import", "FILE", "--format", "sfia-csv"], ["frameworks", "triples", "FILE"]])
    func fifo(_ arguments: [String]) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let pipe = folder.url.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let imports = arguments.starts(with: ["frameworks", "import"])
        let run = try CairnProcess.run(arguments.map { $0 == "FILE" ? pipe : $0 }, in: imports ? folder.url : nil)
        #expect(run.status == 65, "\(arguments): \(run.stderr)")
        #expect((run.stdout + run.stderr).contains("is not a regular file"), "\(arguments): \(run.stderr)")
    }

    @Test("a learner record listing more than 10,000 earnings is refused at its badges list")
    func tooManyEarnings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let entries = String(repeating: "  - { badge: sql-querying, issued: 2025-03-01 }\n", count: 10_001)
        let file = try folder.write("lee.yaml", "learner: lee\nbadges:\n" + entries)
        let run = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", file.path])
        #expect(run.status == 65, "\(run.stderr)")
        #expect(run.stderr.contains("lee.yaml:3:3: the record lists 10,001 earnings; a learner record may list at most 10,000"),
                "\(run.stderr)")
        let atLimit = try folder.write("ada.yaml", "learner: ada\nbadges:\n"
                                       + String(repeating: "  - { badge: sql-querying, issued: 2025-03-01 }\n", count: 10_000))
        let read = try CairnProcess.run(["audit", "--pathway", "data-analysis-foundations", "--learner", atLimit.path])
        #expect(read.status == 0, "\(read.stderr)")
    }

    /// `67108865` → `67,108,865`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        return ([digits] + groups).joined(separator: ",")
    }
}
