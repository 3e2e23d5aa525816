import CairnCore
import CairnFormats
import Foundation
import Testing

/// Fixture files copied into the test bundle.
enum Fixture {
    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                               "missing fixture \(name)")
        return try String(contentsOf: url, encoding: .utf8)
    }
}

/// Runs `body`, expecting it to throw ``FormatErrors``, and returns the errors.
func formatErrors(_ body: () throws -> Void) -> [FormatError] {
    do {
        try body()
        Issue.record("expected FormatErrors, but nothing was thrown")
        return []
    } catch let error as FormatErrors {
        return error.errors
    } catch {
        Issue.record("expected FormatErrors, but \(error) was thrown")
        return []
    }
}

extension Requirement {
    /// The node with every `source` removed, for comparing trees read from different files.
    var withoutSources: Requirement {
        var copy = self
        copy.source = nil
        switch kind {
        case .all(let children): copy.kind = .all(children.map(\.withoutSources))
        case .any(let children): copy.kind = .any(children.map(\.withoutSources))
        case .countOf(let count, let children): copy.kind = .countOf(count, children.map(\.withoutSources))
        default: break
        }
        return copy
    }
}
