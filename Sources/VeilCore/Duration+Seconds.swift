extension Duration {
    /// This duration in seconds, for rates, sleeps and metrics that take a `Double`.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
