import CairnCore
import CairnSyntax
// CYaml is the libyaml that Yams builds and links; reading its event stream directly lets
// the limits be checked before Yams composes (and expands) any node.
import CYaml

/// Walks a YAML document's parser events and refuses it when it breaks ``YAMLLimits``
/// or repeats a key in one mapping, before any node tree is built.
///
/// Syntax errors are not reported here: the walk stops and leaves them to the composer,
/// which reports them with their position.
struct YAMLSafetyCheck {
    let file: String

    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        var size = 1
        var expectingKey = true
        var keys: [String: Int] = [:]
    }

    /// The first problem found, if any.
    func problem(in text: String) -> FormatError? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return bytes.withUnsafeMutableBufferPointer { buffer -> FormatError? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return walk(&parser)
        }
    }

    private func walk(_ parser: inout yaml_parser_t) -> FormatError? {
        var stack: [Frame] = []
        var anchorSizes: [String: Int] = [:]
        var aliases = 0
        var aliasedNodes = 0

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        /// Records a finished node of `size` nodes in its parent; returns a duplicate-key problem.
        func finish(size: Int, anchor: String?, keyText: String?, mark: yaml_mark_t) -> FormatError? {
            if let anchor { anchorSizes[anchor] = size }
            guard !stack.isEmpty else { return nil }
            let top = stack.count - 1
            stack[top].size = min(stack[top].size + size, Int.max / 2)
            guard stack[top].isMapping else { return nil }
            defer { stack[top].expectingKey.toggle() }
            guard stack[top].expectingKey, let keyText else { return nil }
            let line = Int(mark.line) + 1
            if let first = stack[top].keys[keyText] {
                return FormatError(location: location(mark),
                                   message: "duplicate key \(quoted(keyText)) (first given on line \(first))")
            }
            stack[top].keys[keyText] = line
            return nil
        }

        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let mark = event.start_mark
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = cString(scalar.value, length: scalar.length)
                if let problem = finish(size: 1, anchor: cString(scalar.anchor), keyText: text, mark: mark) {
                    return problem
                }
            case YAML_ALIAS_EVENT:
                aliases += 1
                if aliases > YAMLLimits.maximumAliases {
                    return FormatError(location: location(mark), message:
                        "the document uses more than \(YAMLLimits.maximumAliases) aliases (*name); "
                        + "files with that many are refused to guard against alias bombs")
                }
                let name = cString(event.data.alias.anchor) ?? ""
                let size = anchorSizes[name] ?? 1
                aliasedNodes = min(aliasedNodes + size, Int.max / 2)
                if aliasedNodes > YAMLLimits.maximumAliasedNodes {
                    return FormatError(location: location(mark), message:
                        "the document's aliases expand to more than \(YAMLLimits.maximumAliasedNodes.groupedDigits) nodes; "
                        + "files like that are refused to guard against alias bombs")
                }
                if let problem = finish(size: size, anchor: nil, keyText: nil, mark: mark) { return problem }
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                if stack.count >= YAMLLimits.maximumDepth {
                    return FormatError(location: location(mark), message:
                        "the document nests lists and mappings deeper than \(YAMLLimits.maximumDepth) levels")
                }
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? cString(event.data.mapping_start.anchor)
                    : cString(event.data.sequence_start.anchor)
                stack.append(Frame(isMapping: isMapping, anchor: anchor))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let problem = finish(size: frame.size, anchor: frame.anchor, keyText: nil, mark: mark) {
                    return problem
                }
            default:
                break
            }
        }
    }

    private func cString(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        if let length {
            return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        }
        return String(cString: pointer)
    }
}
