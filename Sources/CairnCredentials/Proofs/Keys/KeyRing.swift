import CairnCore
public import CairnSyntax
import Foundation

/// The public keys a person trusts, read from a folder (`cairn verify --keys DIR`).
///
/// Every `.jwk`, `.json` and `.pem` file in the folder (not its subfolders) is read with
/// ``KeyFile``. A key is found by each of its ids:
/// - the JWK `kid`, or the Open Badges `CryptographicKey` `id` (a URL);
/// - the file name without its extension, when the file holds one key;
/// - the ids that the folder's optional `INDEX.tsv` maps to the file (`key id TAB file name`
///   per line; blank lines and lines starting with `#` are skipped).
///
/// A file that cannot be read is a ``Problem`` (file and reason); the other keys still load.
/// An id claimed by two different keys is a problem too, and finds neither.
public struct KeyRing: Sendable, Hashable {
    /// One key and where it came from.
    public struct Entry: Sendable, Hashable {
        public var key: PublicKey
        /// Every id the key is found by.
        public var ids: [String]
        /// The file's name inside the folder (or a caller's description for keys added in code).
        public var file: String
        /// `JWK`, `JWK Set member 2`, `CryptographicKey`, `PEM`.
        public var form: String
        /// For a CryptographicKey, its `owner` (issuer profile URL).
        public var owner: String?

        public init(key: PublicKey, ids: [String], file: String, form: String, owner: String? = nil) {
            self.key = key
            self.ids = ids
            self.file = file
            self.form = form
            self.owner = owner
        }
    }

    /// A key file (or index line) that was not used, and why.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The file's path as given to ``load(folder:)`` plus its name.
        public var file: String
        public var reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }

        /// `file: reason`.
        public var description: String { "\(file): \(reason)" }
    }

    /// The file that maps key ids to file names, when a folder has one.
    public static let indexFileName = "INDEX.tsv"
    /// The file name extensions read as key files.
    public static let keyFileExtensions: Set<String> = ["jwk", "json", "pem"]

    public private(set) var entries: [Entry]
    public private(set) var problems: [Problem]
    /// The folder the keys came from, as given (empty for a ring built in code).
    public private(set) var folder: String
    private var byID: [String: Int] = [:]

    /// A ring of the given keys; ids claimed by two different keys become problems.
    public init(entries: [Entry] = [], folder: String = "") {
        self.entries = []
        self.problems = []
        self.folder = folder
        for entry in entries { add(entry) }
    }

    /// Adds a key; an id it shares with a different key is a problem and then finds neither.
    public mutating func add(_ entry: Entry) {
        entries.append(entry)
        let index = entries.count - 1
        var kept: [String] = []
        for id in entry.ids where !id.isEmpty && !kept.contains(id) {
            kept.append(id)
            if let other = byID[id] {
                if other >= 0 && entries[other].key != entry.key {
                    problems.append(Problem(
                        file: path(of: entry.file),
                        reason: "the key id \"\(id)\" is also given to a different key in \(entries[other].file); "
                            + "neither is used for that id"))
                    byID[id] = -1
                }
            } else {
                byID[id] = index
            }
        }
        entries[index].ids = kept
    }

    /// Reads every key file in `folder`.
    ///
    /// - Throws: ``FormatError`` only when the folder itself cannot be listed; problems with
    ///   single files are in ``problems``.
    public static func load(folder: String) throws(FormatError) -> KeyRing {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            var isDirectory: ObjCBool = false
            let exists = manager.fileExists(atPath: folder, isDirectory: &isDirectory)
            let reason = !exists ? "no such folder" : !isDirectory.boolValue ? "not a folder" : "the folder cannot be read"
            throw FormatError(location: SourceLocation(file: folder), message: "cannot read the keys folder: \(reason)")
        }
        var ring = KeyRing(folder: folder)
        var keysByFile: [String: [KeyFile.Key]] = [:]
        for name in names {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            let ext = url.pathExtension.lowercased()
            guard keyFileExtensions.contains(ext), !name.hasPrefix(".") else { continue }
            do {
                let bytes = try readFile(url.path, display: ring.path(of: name))
                keysByFile[name] = try KeyFile.keys(in: bytes, file: ring.path(of: name))
            } catch {
                ring.problems.append(Problem(file: ring.path(of: name), reason: error.message))
            }
        }
        var indexIDs: [String: [String]] = [:]
        let indexPath = URL(fileURLWithPath: folder).appendingPathComponent(indexFileName).path
        if manager.fileExists(atPath: indexPath) {
            do {
                let bytes = try readFile(indexPath, display: ring.path(of: indexFileName))
                let text = String(decoding: bytes, as: UTF8.self)
                for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
                    if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    let where_ = "\(indexFileName) line \(number + 1)"
                    guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                        ring.problems.append(Problem(file: ring.path(of: indexFileName),
                                                     reason: "line \(number + 1) is not \"key id TAB file name\""))
                        continue
                    }
                    guard let keys = keysByFile[fields[1]] else {
                        ring.problems.append(Problem(file: ring.path(of: indexFileName),
                                                     reason: "\(where_) names \"\(fields[1])\", which is not a readable key file in the folder"))
                        continue
                    }
                    guard keys.count == 1 else {
                        ring.problems.append(Problem(file: ring.path(of: indexFileName),
                                                     reason: "\(where_) names \"\(fields[1])\", which holds \(keys.count) keys; give each its kid instead"))
                        continue
                    }
                    indexIDs[fields[1], default: []].append(fields[0])
                }
            } catch {
                ring.problems.append(Problem(file: ring.path(of: indexFileName), reason: error.message))
            }
        }
        for name in keysByFile.keys.sorted() {
            guard let keys = keysByFile[name] else { continue }
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            for key in keys {
                var ids = key.ids
                if keys.count == 1 { ids += [stem] + (indexIDs[name] ?? []) }
                ring.add(Entry(key: key.key, ids: ids, file: name, form: key.form, owner: key.owner))
            }
        }
        return ring
    }

    /// The key with this id, or `nil`.
    ///
    /// Matching is exact, with two tolerances that cannot pick a wrong key: an id with a
    /// `#fragment` also matches a key whose id is the part before `#` (a key document named
    /// with a fragment), and a single trailing `/` is ignored on either side.
    public func lookup(id: String) -> Entry? {
        var candidates = [id]
        if let hash = id.firstIndex(of: "#"), hash > id.startIndex { candidates.append(String(id[..<hash])) }
        for candidate in candidates {
            if let entry = exact(candidate) { return entry }
            if candidate.hasSuffix("/"), let entry = exact(String(candidate.dropLast())) { return entry }
            if !candidate.hasSuffix("/"), let entry = exact(candidate + "/") { return entry }
        }
        return nil
    }

    /// Whether some id in the ring was dropped because two different keys claim it.
    public func isAmbiguous(id: String) -> Bool { byID[id] == -1 }

    private func exact(_ id: String) -> Entry? {
        guard let index = byID[id], index >= 0 else { return nil }
        return entries[index]
    }

    func path(of name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func readFile(_ path: String, display: String) throws(FormatError) -> [UInt8] {
        try BoundedFile.bytes(at: path, display: display, limit: KeyFile.maximumBytes, subject: "key files")
    }
}
