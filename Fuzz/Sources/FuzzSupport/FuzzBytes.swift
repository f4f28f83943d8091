/// The fuzzer's input as a byte array, and splitting it into the several inputs a harness needs.
public enum FuzzBytes {
    /// Copies libFuzzer's buffer.
    public static func array(_ data: UnsafePointer<UInt8>?, _ count: Int) -> [UInt8] {
        guard let data, count > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }

    /// The input cut at each occurrence of `separator` into at most `parts` pieces (the last
    /// keeps any further separators), padded with empty pieces.
    public static func split(_ bytes: [UInt8], by separator: [UInt8], parts: Int) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var rest = bytes[...]
        while pieces.count < parts - 1, let cut = firstRange(of: separator, in: rest) {
            pieces.append(Array(rest[..<cut.lowerBound]))
            rest = rest[cut.upperBound...]
        }
        pieces.append(Array(rest))
        while pieces.count < parts { pieces.append([]) }
        return pieces
    }

    private static func firstRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index..<index + needle.count].elementsEqual(needle) { return index..<index + needle.count }
            index += 1
        }
        return nil
    }
}
