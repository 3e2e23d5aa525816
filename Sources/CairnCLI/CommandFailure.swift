import ArgumentParser
import Cairn
import Foundation

/// A failure a person can act on: one line per problem on standard error, then the
/// contract's exit code (65 invalid data, 66 file not found, 64 an unknown id on the command line).
struct CommandFailure: Error {
    var lines: [String]
    var code: Int32

    init(_ error: WorkspaceError) {
        switch error {
        case .fileNotFound:
            lines = [error.description]
            code = 66
        case .invalidInput(let issues):
            lines = issues.map(\.description)
            code = 65
        case .unknownID:
            lines = [error.description]
            code = 64
        case .audit:
            lines = [error.description]
            code = 65
        }
    }

    init(lines: [String], code: Int32) {
        self.lines = lines
        self.code = code
    }

    /// Writes the problems to standard error and exits with the code.
    func exit() -> ExitCode {
        var text = ""
        for line in lines { text += "cairn: error: \(line)\n" }
        FileHandle.standardError.write(Data(text.utf8))
        return ExitCode(code)
    }
}

extension AsyncParsableCommand {
    /// Runs `body`, mapping a ``CommandFailure`` to its message and exit code, and anything
    /// unexpected to exit code 70.
    func reportingFailures(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            throw failure.exit()
        } catch let error as WorkspaceError {
            throw CommandFailure(error).exit()
        } catch let error as StoreError {
            throw CommandFailure(error).exit()
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            throw CommandFailure(lines: ["internal error: \(error)"], code: 70).exit()
        }
    }
}

/// Writes the whole output at once, so a failure never leaves half a report behind.
func emit(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
}
