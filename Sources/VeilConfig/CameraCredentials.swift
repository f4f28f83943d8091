import Foundation

/// The user name and password a camera asks for. Printing, debug-printing or dumping a
/// value shows `***`, so that a log line or an error message that interpolates a camera
/// by accident still carries no credential.
public struct CameraCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    public var username: String
    public var password: PasswordSource

    public init(username: String, password: PasswordSource) {
        self.username = username
        self.password = password
    }

    /// The password itself: the inline one, or the first line of the password file, read
    /// now so that a rotated file is picked up at the next connection. Never log it.
    public func resolvedPassword() throws -> String {
        switch password {
        case .inline(let password):
            return password
        case .file(let path):
            do {
                let contents = try FileText.read(path)
                return String(contents.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            } catch {
                throw PasswordFileError(path: path, reason: (error as NSError).localizedDescription)
            }
        }
    }

    public var description: String { "***" }
    public var debugDescription: String { "***" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

/// Where a camera's password comes from. Printed as `***` (inline) or the file's path.
public enum PasswordSource: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    /// Written in the configuration (or in the URL's user information).
    case inline(String)
    /// The first line of a file readable only by the recorder (recommended).
    case file(path: String)

    public var description: String {
        switch self {
        case .inline: "***"
        case .file(let path): "file \(path)"
        }
    }

    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .enum) }
}

/// A camera's password file could not be read when connecting.
public struct PasswordFileError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String {
        "cannot read the camera password file \(path): \(reason); check that it exists and that the recorder may read it"
    }
}

extension NetworkSource {
    /// The URL with the credentials inserted as user information (percent-encoded), as
    /// FFmpeg's RTSP client expects them. The result contains the password: hand it to the
    /// demuxer only, never to a log or a message; use `url` for those.
    public func connectionURL() throws -> String {
        guard let credentials else { return url }
        guard var components = URLComponents(string: url) else { return url }
        components.percentEncodedUser = Self.percentEncoded(credentials.username)
        let password = try credentials.resolvedPassword()
        components.percentEncodedPassword = password.isEmpty ? nil : Self.percentEncoded(password)
        return components.string ?? url
    }

    private static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.urlUserAllowed
        allowed.remove(charactersIn: ":@/?#[]%")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
