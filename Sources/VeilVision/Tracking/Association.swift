import VeilCore

/// Greedy matching of predicted track boxes to detection boxes.
enum Association {
    /// Pairs `(trackIndex, detectionIndex)`, each index used at most once.
    ///
    /// First the pairs with IoU ≥ `iouThreshold`, highest IoU first; then, among what is
    /// left, pairs whose centres are within `centerDistanceFactor` × the larger side of the
    /// larger box and whose areas differ by at most 4×, nearest first. Ties break by index,
    /// so the result is deterministic.
    static func greedy(
        tracks: [Rect], detections: [Rect], iouThreshold: Double, centerDistanceFactor: Double
    ) -> [(Int, Int)] {
        var byIoU: [(score: Double, track: Int, detection: Int)] = []
        var byDistance: [(score: Double, track: Int, detection: Int)] = []
        for (t, trackBox) in tracks.enumerated() {
            for (d, detectionBox) in detections.enumerated() {
                let iou = trackBox.iou(detectionBox)
                if iou >= iouThreshold {
                    byIoU.append((iou, t, d))
                } else if let distance = normalizedDistance(trackBox, detectionBox), distance <= centerDistanceFactor {
                    byDistance.append((distance, t, d))
                }
            }
        }
        byIoU.sort { ($0.score, -$0.track, -$0.detection) > ($1.score, -$1.track, -$1.detection) }
        byDistance.sort { ($0.score, $0.track, $0.detection) < ($1.score, $1.track, $1.detection) }

        var usedTracks = Set<Int>(), usedDetections = Set<Int>()
        var pairs: [(Int, Int)] = []
        for candidate in byIoU + byDistance
        where !usedTracks.contains(candidate.track) && !usedDetections.contains(candidate.detection) {
            usedTracks.insert(candidate.track)
            usedDetections.insert(candidate.detection)
            pairs.append((candidate.track, candidate.detection))
        }
        return pairs
    }

    /// Centre distance in units of the larger side of the larger box; nil when the areas
    /// differ by more than 4× (not plausibly the same object).
    static func normalizedDistance(_ a: Rect, _ b: Rect) -> Double? {
        let small = Swift.min(a.area, b.area), large = Swift.max(a.area, b.area)
        guard small > 0, large <= 4 * small else { return nil }
        let scale = Swift.max(a.width, a.height, b.width, b.height)
        let dx = a.center.x - b.center.x, dy = a.center.y - b.center.y
        return (dx * dx + dy * dy).squareRoot() / scale
    }
}
