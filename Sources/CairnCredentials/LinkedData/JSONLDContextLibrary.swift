import CairnCore
public import CairnSyntax
public import Foundation

/// JSON-LD contexts available offline, by URL.
///
/// A JSON-LD processor that checks a proof must never fetch a context: the result would depend
/// on the network and on whoever serves the URL. Cairn bundles the contexts that Open Badges 3.0
/// and CLR 2.0 credentials use (``bundled``); a user adds others from a folder with ``adding(folder:)``.
/// A context URL that is not in the library is an error naming it.
public struct JSONLDContextLibrary: Sendable {
    /// The parsed context documents, by URL.
    package private(set) var documents: [String: JSONNode]

    /// The largest context file (and index) read from a `--contexts` folder; published contexts
    /// are a few KiB.
    public static let maximumFileBytes = 16 << 20

    /// A library holding exactly `documents`.
    package init(documents: [String: JSONNode] = [:]) {
        self.documents = documents
    }

    /// The contexts bundled with Cairn (VC 1.1 and 2.0, Open Badges 3.0.x and its extensions,
    /// CLR 2.0, Data Integrity, Ed25519Signature2020, Security v1 and v2). Empty only if the
    /// package's resources are missing.
    public static let bundled: JSONLDContextLibrary = {
        guard let folder = Bundle.module.url(forResource: "Contexts", withExtension: nil) else {
            return JSONLDContextLibrary()
        }
        return (try? JSONLDContextLibrary().adding(folder: folder)) ?? JSONLDContextLibrary()
    }()

    /// The context document for `url`, if the library holds it.
    package func document(for url: String) -> JSONNode? {
        documents[url]
    }

    /// This library plus `document` under `url` (replacing an earlier one).
    package func adding(url: String, document: JSONNode) -> JSONLDContextLibrary {
        var copy = self
        copy.documents[url] = document
        return copy
    }

    /// This library plus the contexts of `folder`, which holds an `INDEX.tsv` or `CONTEXTS.tsv`
    /// with one `URL TAB file` line per context (files relative to the folder). Lines that are
    /// empty or start with `#` are skipped.
    ///
    /// - Throws: a ``FormatError`` naming the index line or the context file that is wrong.
    public func adding(folder: URL) throws(FormatError) -> JSONLDContextLibrary {
        let candidates = ["INDEX.tsv", "CONTEXTS.tsv"].map { folder.appendingPathComponent($0) }
        guard let index = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw FormatError(location: SourceLocation(file: folder.path),
                              message: "the contexts folder has no INDEX.tsv or CONTEXTS.tsv (lines: URL TAB file)")
        }
        let text = try BoundedFile.text(at: index.path, limit: Self.maximumFileBytes, subject: "context index files")
        var copy = self
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: true)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2 else {
                throw FormatError(location: SourceLocation(file: index.path, line: number + 1, column: 1),
                                  message: "expected a context URL, a TAB and a file name, found \"\(line)\"")
            }
            let file = folder.appendingPathComponent(fields[1])
            let bytes: [UInt8]
            do {
                bytes = try BoundedFile.bytes(at: file.path, limit: Self.maximumFileBytes, subject: "JSON-LD context files")
            } catch {
                throw FormatError(location: SourceLocation(file: index.path, line: number + 1, column: 1),
                                  message: "cannot read the context file \(fields[1]) for \(fields[0]): \(error.message)")
            }
            copy.documents[fields[0]] = try JSONParser.parse(bytes, file: file.path)
        }
        return copy
    }
}
