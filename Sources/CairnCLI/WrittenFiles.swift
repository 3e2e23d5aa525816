import Foundation

/// Files a command writes for the user (an import's YAML, an export): all or none are refused
/// when one exists and `--force` was not given (exit 73), each written atomically.
///
/// - Parameters:
///   - files: each file's path as the user should see it, its URL, and its text.
///   - hint: said after "give --force to replace it" (", or --out DIR").
func writeFiles(_ files: [(shown: String, url: URL, text: String)], force: Bool, hint: String = "") throws {
    let existing = files.filter { FileManager.default.fileExists(atPath: $0.url.path) }
    if !force, !existing.isEmpty {
        throw CommandFailure(lines: existing.map { "\($0.shown) already exists; give --force to replace it\(hint)" }, code: 73)
    }
    for file in files {
        do {
            try FileManager.default.createDirectory(at: file.url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.text.utf8).write(to: file.url, options: .atomic)
        } catch {
            throw CommandFailure(lines: ["\(file.shown): cannot be written: \(error.localizedDescription)"], code: 73)
        }
    }
}

/// Notes (what a format could not carry, choices made) on standard error, one line each.
func noteLines(_ notes: [String]) {
    guard !notes.isEmpty else { return }
    FileHandle.standardError.write(Data(notes.map { "cairn: note: \($0)\n" }.joined().utf8))
}
