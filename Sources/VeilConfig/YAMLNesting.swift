internal import CYaml

/// Yams builds its node tree recursively, one stack frame chain per level of nesting, so a
/// document nested a few thousand levels deep (`[[[[…`, `- - - …`) overflows the stack and
/// kills the process before any check runs. This walks libyaml's events first, with no
/// recursion, and finds the first collection nested deeper than `limit`. A real
/// configuration nests about five levels. (CYaml is the C module inside the Yams package;
/// Yams has no public event API.)
enum YAMLNesting {
    static let limit = 64

    /// The 1-based line of the first collection nested deeper than `limit`, or nil when there
    /// is none or the text is not YAML (Yams then reports the syntax error itself).
    static func firstLineTooDeep(in text: String, limit: Int = limit) -> Int? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > limit { return Int(event.start_mark.line) + 1 }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    break
                }
            }
        }
    }
}
