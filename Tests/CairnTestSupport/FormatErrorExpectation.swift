public import CairnSyntax
import Testing

/// Runs `body`, expecting it to throw ``FormatErrors``, and returns the errors.
public func formatErrors(_ body: () throws -> Void) -> [FormatError] {
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
