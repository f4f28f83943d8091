/// When each packet still inside the decoder was read, by presentation time. Frames come out
/// in presentation order, so once a frame is out, no frame with an earlier time will follow:
/// those entries (packets that failed to decode) are forgotten and the table stays small.
struct PacketReadTimes {
    private var byPTS: [Int64: ContinuousClock.Instant] = [:]

    mutating func add(_ readTime: ContinuousClock.Instant, pts: Int64?) {
        guard let pts else { return }  // a frame without a time cannot be matched; it goes unmeasured
        byPTS[pts] = readTime
    }

    mutating func take(_ pts: Int64?) -> ContinuousClock.Instant? {
        guard let pts else { return nil }
        let readTime = byPTS.removeValue(forKey: pts)
        if byPTS.keys.contains(where: { $0 < pts }) { byPTS = byPTS.filter { $0.key > pts } }
        return readTime
    }
}
