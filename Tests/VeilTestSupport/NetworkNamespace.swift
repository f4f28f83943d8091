import Foundation

/// A Linux network namespace joined to this machine by veth pairs (iproute2; needs root), for
/// tests that cut one link while others stay up: a real partition, on this machine only.
///
/// Each link is a /30: the host side is `10.<subnet>.<link>.1`, the namespace side `…2`.
/// Taking a link's host side down drops what is sent over it silently, as a broken cable or
/// a dead switch port does: connections hang and time out, nothing is refused.
package final class NetworkNamespace: @unchecked Sendable {
    package let name: String
    /// Host-side addresses, one per link, in the order given to `init`.
    package let hostAddresses: [String]
    private let hostInterfaces: [String]
    private var removed = false

    /// Whether this process may make namespaces (root with iproute2).
    package static var isAvailable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
    }

    /// Makes the namespace with `links` veth pairs and loopback up.
    package init(links: Int) throws {
        let tag = String(UInt32.random(in: 0..<0xFFFF_FFFF), radix: 36)
        name = "veil-\(tag)"
        let subnet = Int.random(in: 100...250)
        hostInterfaces = (0..<links).map { "vh\(tag.prefix(8))\($0)" }
        hostAddresses = (0..<links).map { "10.\(subnet).\($0).1" }
        try Self.ip(["netns", "add", name])
        do {
            try Self.ip(["-n", name, "link", "set", "lo", "up"])
            for link in 0..<links {
                let inside = "vn\(link)"
                try Self.ip(["link", "add", hostInterfaces[link], "type", "veth", "peer", "name", inside, "netns", name])
                try Self.ip(["addr", "add", "\(hostAddresses[link])/30", "dev", hostInterfaces[link]])
                try Self.ip(["link", "set", hostInterfaces[link], "up"])
                try Self.ip(["-n", name, "addr", "add", "10.\(subnet).\(link).2/30", "dev", inside])
                try Self.ip(["-n", name, "link", "set", inside, "up"])
            }
        } catch {
            remove()
            throw error
        }
    }

    deinit { remove() }

    /// Arguments that run a program inside the namespace: `/usr/sbin/ip netns exec NAME program …`.
    package func command(_ program: String, _ arguments: [String]) -> (executable: String, arguments: [String]) {
        ("/usr/sbin/ip", ["netns", "exec", name, program] + arguments)
    }

    /// Cuts (`false`) or restores link `index` at its host side.
    package func setLink(_ index: Int, up: Bool) throws {
        try Self.ip(["link", "set", hostInterfaces[index], up ? "up" : "down"])
    }

    /// Deletes the namespace and its links. Idempotent.
    package func remove() {
        guard !removed else { return }
        removed = true
        for interface in hostInterfaces { try? Self.ip(["link", "delete", interface]) }
        try? Self.ip(["netns", "delete", name])
    }

    private static func ip(_ arguments: [String]) throws {
        try TestSupport.run("/usr/sbin/ip", arguments)
    }
}
