/// A registrar exception that could not be applied, and why — typically one a pathway change
/// left dangling (the requirement it names is gone, the badge class was renamed).
public struct ExceptionProblem: Hashable, Sendable {
    public var exception: RegistrarException
    public var message: String

    public init(exception: RegistrarException, message: String) {
        self.exception = exception
        self.message = message
    }
}
