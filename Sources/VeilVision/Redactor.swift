internal import CVeilVision
import Foundation
public import VeilCore

/// Hides the regions of a `MaskPlan` in a YUV 4:2:0 image, in place.
///
/// * `.regions`: each rectangle is rounded outwards to whole pixels and clamped to the
///   frame; luma pixels inside it and the chroma samples covering them are rewritten.
///   Rectangles that overlap, directly or through a chain of others, form a group that a blur
///   hides once: one blur over the group's bounding box with the largest kernel any member
///   would get alone, written back only inside the members, so every covered pixel is blurred
///   once and at least as strongly as by its strongest covering rectangle. (The planner's
///   masks overlap a lot, a face inside its person, people side by side; blurred one by one,
///   the overlaps were shrunk, blurred and copied once per rectangle.) Solid and pixelate
///   hide each rectangle on its own.
///   Zones (polygons) are hidden the same way, pixel by pixel inside the polygon.
///   Every luma pixel outside all masks, and every chroma sample none of whose four luma
///   pixels is masked, stays bit-identical.
/// * `.fullFrame`: with `.solid(luma)` the frame becomes flat grey; with `.blur` or
///   `.pixelate` it gets a coarse blur (shrunk until the longer side is 16 samples, then
///   enlarged), so the operator still sees that the camera is alive but nobody can be
///   recognised.
///
/// Blur (`.blur(strength:)`): the luma gets two passes of a box blur whose half-width is
/// `strength` percent of the region's smaller side (the default 50 averages over a box as
/// wide as that side), and the colour inside the region becomes neutral grey. Measured with
/// YuNet at score 0.3 (input 320 and 640): in messi5.jpg, astronaut.png, basketball1/2.png
/// it finds nothing in a blurred tight face box; with half that kernel, or with the colour
/// kept, it still finds the smudge under the hair at 0.4–0.7. In camera.png (head in
/// profile) it still finds the *head* around a tight box even when the box is filled solid
/// grey: the hair, ear and collar outside the box suffice. Hence face boxes must be enlarged
/// by `MaskPlannerConfiguration.faceMargin` (0.3) before redaction; with that margin none of
/// the five images yields a hit.
/// Stateless and `Sendable`: one value can serve every thread.
public struct Redactor: Sendable {
    /// The style for regions and zones.
    public var style: RedactionStyle

    public init(style: RedactionStyle = .default) {
        self.style = style
    }

    /// Applies `plan` to `image` in place. Throws `VisionError` for an invalid style
    /// (blur strength or block below 1); the caller must then drop or fully mask the frame.
    public func apply(_ plan: MaskPlan, to image: YUV420Image) throws {
        let cStyle = try style.shimStyle
        switch plan {
        case .fullFrame:
            try run("masking the whole \(image.width)x\(image.height) frame") { message, capacity in
                veilcv_redact_full(image.y.writable, image.u.writable, image.v.writable, cStyle, message, capacity)
            }
        case let .regions(rects, zones):
            let pixelRects = rects.compactMap { $0.pixelBounds(in: image.size) }
            if !pixelRects.isEmpty {
                // Overlapping rectangles go to the shim together, so that a blur hides their pixels once.
                let groups = pixelRects.overlapGroups()
                let members = groups.flatMap { $0.map { pixelRects[$0].shimRect } }
                let sizes = groups.map { Int32($0.count) }
                try run("hiding \(pixelRects.count) regions in \(groups.count) groups in a \(image.width)x\(image.height) frame") { message, capacity in
                    veilcv_redact_rects(image.y.writable, image.u.writable, image.v.writable, members,
                                        Int32(members.count), sizes, Int32(sizes.count), cStyle, message, capacity)
                }
            }
            for zone in zones {
                guard zone.points.count >= 3, zone.points.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                    throw VisionError(.invalidArgument, operation: "hiding a privacy zone",
                                      detail: "the zone \(zone.points) needs at least 3 finite points",
                                      remedy: "Fix the privacy zones in the camera configuration")
                }
                let xy = zone.points.flatMap { [Float($0.x), Float($0.y)] }
                try run("hiding a privacy zone of \(zone.points.count) points") { message, capacity in
                    veilcv_redact_polygon(image.y.writable, image.u.writable, image.v.writable, xy,
                                          Int32(zone.points.count), cStyle, message, capacity)
                }
            }
        }
    }

    private func run(_ operation: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws {
        try callShim(body, orThrow: { result in
            VisionError(visionCode(for: result.status, otherwise: .redactionFailed), operation: operation,
                        detail: result.message, remedy: "Drop the frame or mask it in full; check the redaction style")
        })
    }
}

extension RedactionStyle {
    var shimStyle: veilcv_style {
        get throws {
            switch self {
            case let .blur(strength) where strength >= 1:
                return veilcv_style(kind: VEILCV_STYLE_BLUR, amount: Int32(clamping: strength))
            case let .solid(luma):
                return veilcv_style(kind: VEILCV_STYLE_SOLID, amount: Int32(luma))
            case let .pixelate(block) where block >= 1:
                return veilcv_style(kind: VEILCV_STYLE_PIXELATE, amount: Int32(clamping: block))
            default:
                throw VisionError(.invalidArgument, operation: "choosing the redaction style",
                                  detail: "\(self) is out of range (strength and block must be at least 1)",
                                  remedy: "Fix the redaction style in the configuration")
            }
        }
    }
}

extension Rect {
    /// Whole pixels covering the rectangle (rounded outwards), clamped to the frame; nil if empty.
    func pixelBounds(in frame: Size) -> Rect? {
        guard x.isFinite, y.isFinite, width.isFinite, height.isFinite else { return nil }
        let left = Swift.max(0, floor(minX)), top = Swift.max(0, floor(minY))
        let right = Swift.min(frame.width, ceil(maxX)), bottom = Swift.min(frame.height, ceil(maxY))
        guard right > left, bottom > top else { return nil }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The shim's rectangle for whole-pixel bounds from `pixelBounds(in:)`.
    var shimRect: veilcv_rect {
        veilcv_rect(x: Int32(x), y: Int32(y), width: Int32(width), height: Int32(height))
    }
}
