import VeilCore
import VeilVision

/// The redactor's eye for motion: takes the change map of every frame, tells whether
/// something moves that no track covers (which brings the next detector run forward), and
/// runs the motion safety net when it is on.
struct MotionWatch {
    private var changeMap: ChangeMap
    /// Followed even when the net does not mask, so a region it has given up on (a door, a
    /// screen) stops triggering runs after `frames` frames.
    private var net: MotionNet
    private let masks: Bool

    init(changeMap: ChangeMap.Configuration, net: MotionNet.Configuration?) {
        self.changeMap = ChangeMap(configuration: changeMap)
        self.net = MotionNet(configuration: net ?? MotionNet.Configuration())
        self.masks = net != nil
    }

    /// Before the detectors run on `frame`: true when it shows motion that neither the tracks
    /// live at it nor the net account for. A frame whose change map cannot be taken counts as moving.
    mutating func look(at image: YUV420Image, frame: Int, tracks: [Track], planner: MaskPlanner) -> Bool {
        guard let motion = try? changeMap.observe(image) else { return true }
        net.observe(motion: motion, frame: frame)
        return net.hasUnexplainedMotion(coveredBy: Self.covers(tracks, planner))
    }

    /// After the detectors ran on `frame`: the net's masks for it (none when it only watches)
    /// and how many regions it began masking.
    mutating func settle(frame: Int, tracks: [Track], planner: MaskPlanner) -> (masks: [Rect], newlyMasked: Int) {
        let settled = net.settle(coveredBy: Self.covers(tracks, planner), frame: frame)
        return masks ? settled : ([], 0)
    }

    mutating func reset() {
        changeMap.reset()
        net.reset()
    }

    /// What the tracks' masks cover: each track's box grown by the body margin.
    private static func covers(_ tracks: [Track], _ planner: MaskPlanner) -> [Rect] {
        tracks.map { $0.box.dilated(by: planner.configuration.margin) }
    }
}
