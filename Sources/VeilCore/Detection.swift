/// What a detector looks for.
public enum DetectionKind: String, Hashable, Sendable, Codable, CaseIterable {
    case face
    case person
}

/// One detector hit, already mapped back to full-resolution frame coordinates.
public struct Detection: Hashable, Sendable {
    public var kind: DetectionKind
    public var box: Rect
    public var score: Float

    public init(kind: DetectionKind, box: Rect, score: Float) {
        self.kind = kind
        self.box = box
        self.score = score
    }
}
