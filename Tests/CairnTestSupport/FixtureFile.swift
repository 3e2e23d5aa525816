public import Foundation

/// The files under `Tests/CairnTestSupport/Fixtures`, copied into this module's bundle so that
/// every test target reads the same real files.
public enum FixtureFile {
    /// A fixture that is not in the bundle: a test names a file that does not exist.
    public struct Missing: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "missing fixture Fixtures/\(path)" }
    }

    /// The fixture at `path` (a file or a folder, relative to `Fixtures/`), or nil when absent.
    public static func url(_ path: String) -> URL? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Fixtures").appendingPathComponent(path),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    /// The fixture at `path`, or ``Missing``.
    public static func existingURL(_ path: String) throws -> URL {
        guard let url = url(path) else { throw Missing(path: path) }
        return url
    }

    /// The UTF-8 text of the fixture at `path`.
    public static func text(_ path: String) throws -> String {
        try String(contentsOf: existingURL(path), encoding: .utf8)
    }
}
