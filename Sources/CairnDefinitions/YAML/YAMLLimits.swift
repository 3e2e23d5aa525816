/// The limits every YAML or JSON definition file must stay within (listed in the README's Limits table).
///
/// They are checked on the parser's event stream before any node tree is built, so an
/// alias bomb ("billion laughs") or a deeply nested document is refused with a
/// ``FormatError`` at the offending position instead of exhausting memory or time:
///
/// - at most ``maximumAliases`` (100) alias nodes (`*name`) in one file;
/// - at most ``maximumAliasedNodes`` (100,000) nodes added in total by expanding those
///   aliases (an alias of a list of ten scalars adds eleven nodes);
/// - at most ``maximumDepth`` (256) levels of nested lists and mappings.
///
/// Definition files written by people stay far inside these limits.
package enum YAMLLimits {
    /// The most alias nodes (`*name`) a file may use.
    package static let maximumAliases = 100
    /// The most nodes that expanding all aliases of a file may add.
    package static let maximumAliasedNodes = 100_000
    /// The deepest nesting of lists and mappings a file may use.
    package static let maximumDepth = 256
}
