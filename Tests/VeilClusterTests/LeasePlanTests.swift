import Testing
@testable import VeilCluster

/// The plan every node follows from the same view: shares by capacity, failover beyond the
/// share, one camera at a time to a node that joined.
@Suite struct LeasePlanTests {
    static let cameras = ["a", "b", "c", "d", "e", "f"]

    static func view(_ members: [(String, Int, Bool)], leases: [String: (String, Bool, Bool)] = [:],
                     cameras: [String] = cameras) -> ClusterView {
        ClusterView(members: members.map { .init(name: $0.0, capacity: $0.1, isActive: $0.2) }, cameras: cameras,
                    leases: leases.mapValues { .init(node: $0.0, generation: 1, isValid: $0.1, wasReleased: $0.2) })
    }

    @Test func sharesFollowCapacityAndNeverExceedIt() {
        let members: [ClusterView.Member] = [.init(name: "x", capacity: 1, isActive: true), .init(name: "y", capacity: 10, isActive: true),
                                             .init(name: "z", capacity: 10, isActive: true)]
        #expect(LeasePlan.targets(cameras: 6, members: members) == ["x": 1, "y": 3, "z": 2])
        #expect(LeasePlan.targets(cameras: 30, members: members) == ["x": 1, "y": 10, "z": 10])
        #expect(LeasePlan.targets(cameras: 2, members: [.init(name: "x", capacity: 0, isActive: true)]) == ["x": 0])
    }

    @Test func aLoneNodeTakesEveryFreeCameraUpToItsCapacity() {
        #expect(Set(LeasePlan(view: Self.view([("x", 6, true)]), node: "x").acquire) == Set(Self.cameras))
        #expect(LeasePlan(view: Self.view([("x", 4, true)]), node: "x").acquire.count == 4)
    }

    @Test func aNodeTakesItsShareAndLeavesTheRestToAnotherLiveNode() {
        let plan = LeasePlan(view: Self.view([("x", 6, true), ("y", 6, true)]), node: "x")
        #expect(plan.acquire.count == 3 && plan.release.isEmpty)
    }

    /// A node that joined gets cameras one at a time, at the holder's segment boundaries.
    @Test func aNodeAboveItsShareGivesOneCameraUpWhileAnotherIsBelow() {
        let all = Dictionary(uniqueKeysWithValues: Self.cameras.map { ($0, ("x", true, false)) })
        let view = Self.view([("x", 6, true), ("y", 6, true)], leases: all)
        #expect(LeasePlan(view: view, node: "x").release.count == 1)
        #expect(LeasePlan(view: view, node: "y") == LeasePlan())
        // Once shares are met, nothing moves.
        var balanced = all
        for camera in ["d", "e", "f"] { balanced[camera] = ("y", true, false) }
        let settled = Self.view([("x", 6, true), ("y", 6, true)], leases: balanced)
        #expect(LeasePlan(view: settled, node: "x") == LeasePlan() && LeasePlan(view: settled, node: "y") == LeasePlan())
    }

    /// A dead node's cameras (expired, never released) are taken at once, beyond the survivor's
    /// share, even while the dead node's last heartbeat is fresh enough to count it as active.
    @Test func camerasOfANodeThatStoppedRenewingAreTakenBeyondTheShare() {
        var leases = Dictionary(uniqueKeysWithValues: ["a", "b", "c"].map { ($0, ("x", true, false)) })
        for camera in ["d", "e", "f"] { leases[camera] = ("y", false, false) }
        let plan = LeasePlan(view: Self.view([("x", 6, true), ("y", 6, true)], leases: leases), node: "x")
        #expect(Set(plan.acquire) == ["d", "e", "f"])
        // Released ones (a hand-over to the live node y) are left to y, below its share.
        for camera in ["d", "e", "f"] { leases[camera] = ("y", false, true) }
        #expect(LeasePlan(view: Self.view([("x", 6, true), ("y", 6, true)], leases: leases), node: "x").acquire.isEmpty)
        // …unless y is no longer active: then x takes them too.
        #expect(LeasePlan(view: Self.view([("x", 6, true), ("y", 6, false)], leases: leases), node: "x").acquire.count == 3)
    }

    @Test func nodesPreferDifferentCamerasFirst() {
        #expect(LeasePlan.preference(Self.cameras, node: "x") != LeasePlan.preference(Self.cameras, node: "y"))
        #expect(Set(LeasePlan.preference(Self.cameras, node: "x")) == Set(Self.cameras))
    }
}

extension LeasePlanTests {
    /// A node killed a moment ago (or still starting) is not active: nobody hands it a camera.
    @Test func nothingIsHandedToANodeThatIsNotActive() {
        let all = Dictionary(uniqueKeysWithValues: Self.cameras.map { ($0, ("x", true, false)) })
        #expect(LeasePlan(view: Self.view([("x", 6, true), ("y", 6, false)], leases: all), node: "x") == LeasePlan())
    }
}
