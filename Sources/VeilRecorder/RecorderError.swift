/// A recorder failure that is not a single library call's, with its own message.
public struct RecorderError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
