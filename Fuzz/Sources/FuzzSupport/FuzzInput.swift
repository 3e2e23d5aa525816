/// The bytes libFuzzer hands a target, with the views readers take.
public struct FuzzInput: Sendable {
    public let bytes: [UInt8]

    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        guard let data, size > 0 else {
            bytes = []
            return
        }
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes as text, invalid UTF-8 replaced (how readers that take a `String` get files they
    /// decode leniently; readers that refuse invalid UTF-8 are fed ``bytes``).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Stops the run with `message` when a property that must hold for every input does not: libFuzzer
/// records the input as a crash, the same as a trap inside the reader.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                    file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("fuzz property failed: \(message())", file: file, line: line) }
}
