import CairnCore

/// An error that says where: every reader's error adopts it, so the loader, the command line
/// and an embedding program report a problem in any file without knowing which reader threw.
///
/// Each problem is a ``FormatError``: the file, the line and column where known (from 1), and
/// what was expected there. ``isUnreadableFile`` tells a file that could not be opened or read
/// (the command line's exit 66) from one that was read and refused for what it holds (65).
public protocol LocatedError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order; never empty.
    var problems: [FormatError] { get }
}

extension LocatedError {
    /// True when every problem is that the file could not be opened or read, not its content.
    public var isUnreadableFile: Bool {
        !problems.isEmpty && problems.allSatisfy { $0.kind == .unreadableFile }
    }

    /// The problems, each with `file` standing for `path` where a reader named the file by the
    /// path it was given: the path as typed by the user, not as the program opened it.
    public func problems(displaying path: String, as file: String) -> [FormatError] {
        problems.map { problem in
            var shown = problem
            if shown.location.file == path { shown.location.file = file }
            return shown
        }
    }
}
