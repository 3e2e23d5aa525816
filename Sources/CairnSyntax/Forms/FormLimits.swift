/// How much of a form body the parsers accept before they refuse it as too large.
///
/// A form comes from a stranger, so every count and size the parsers keep is bounded here, and
/// a body over a limit is refused with a ``FormError`` whose ``FormError/isTooLarge`` is true (a
/// server answers 413 rather than 400). The parsers hold no more than the body they are given,
/// so the body's own size is the caller's limit to set, before reading it into memory.
///
/// A negative limit counts as zero.
public struct FormLimits: Sendable, Hashable {
    /// The most fields that are not files (default 200).
    public var maxFields: Int
    /// The most bytes in one field's value, after decoding (default 64 KiB).
    public var maxFieldBytes: Int
    /// The most bytes in one file (default 8 MiB).
    public var maxFileBytes: Int
    /// The most file parts, empty ones included (default 8).
    public var maxFiles: Int
    /// The most bytes in one multipart part's headers, from the line after its boundary to the
    /// blank line that ends them (default 8 KiB).
    public var maxHeaderBytes: Int
    /// The most bytes in a field's name, after decoding (default 256).
    public var maxNameBytes: Int

    /// Limits for a form; each defaults to what an upload form of a web application needs.
    public init(maxFields: Int = 200, maxFieldBytes: Int = 64 << 10, maxFileBytes: Int = 8 << 20, maxFiles: Int = 8,
                maxHeaderBytes: Int = 8 << 10, maxNameBytes: Int = 256) {
        self.maxFields = maxFields
        self.maxFieldBytes = maxFieldBytes
        self.maxFileBytes = maxFileBytes
        self.maxFiles = maxFiles
        self.maxHeaderBytes = maxHeaderBytes
        self.maxNameBytes = maxNameBytes
    }
}
