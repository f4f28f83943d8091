public import VeilCore

/// Shape checks on configured polygons and lines (normalised coordinates).
public enum PolygonShape {
    /// True when two edges that do not share a vertex cross or touch: such a "polygon"
    /// has no clear inside, so a zone drawn that way is refused.
    public static func isSelfIntersecting(_ polygon: Polygon) -> Bool {
        let points = polygon.points
        let count = points.count
        guard count > 3 else { return false }
        for i in 0..<count {
            let a1 = points[i], a2 = points[(i + 1) % count]
            for j in (i + 1)..<count {
                // Adjacent edges share a vertex; the first and the last edge do too.
                if j == i + 1 || (i == 0 && j == count - 1) { continue }
                if segmentsIntersect(a1, a2, points[j], points[(j + 1) % count]) { return true }
            }
        }
        return false
    }

    /// Whether the closed segments p1–p2 and q1–q2 have a point in common.
    static func segmentsIntersect(_ p1: Point, _ p2: Point, _ q1: Point, _ q2: Point) -> Bool {
        let d1 = cross(q1, q2, p1), d2 = cross(q1, q2, p2), d3 = cross(p1, p2, q1), d4 = cross(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        return (d1 == 0 && onSegment(q1, q2, p1)) || (d2 == 0 && onSegment(q1, q2, p2))
            || (d3 == 0 && onSegment(p1, p2, q1)) || (d4 == 0 && onSegment(p1, p2, q2))
    }

    /// The z component of (b − a) × (c − a).
    static func cross(_ a: Point, _ b: Point, _ c: Point) -> Double {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }

    private static func onSegment(_ a: Point, _ b: Point, _ p: Point) -> Bool {
        p.x >= min(a.x, b.x) && p.x <= max(a.x, b.x) && p.y >= min(a.y, b.y) && p.y <= max(a.y, b.y)
    }
}
