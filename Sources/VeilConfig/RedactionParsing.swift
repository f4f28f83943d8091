extension ConfigurationParser {
    /// Reads `redaction:` or a camera's `overrides:`; both take the keys of `RedactionKnob.all`.
    func parseRedaction(_ reader: MappingReader) -> RedactionOverrides {
        var overrides = RedactionOverrides()
        // The mappings inside (`encoder:`), each opened when its first knob is read.
        var sections: [String: MappingReader] = [:], opened: Set<String> = []
        for knob in RedactionKnob.all {
            var knobReader: MappingReader? = reader
            if let section = knob.section {
                if opened.insert(section).inserted { sections[section] = reader.mapping(section) }
                knobReader = sections[section]
            }
            guard let knobReader else { continue }
            overrides.set(knob) { knob.read(knobReader, into: &$0) }
        }
        for section in sections.keys.sorted() { sections[section]?.finish() }
        reader.finish()
        return overrides
    }
}
