/// Replaces the `user:password@` part of a URL with `***@`, so that credentials never reach
/// a message or a log line. Other strings are returned unchanged.
public func redactingCredentials(_ location: String) -> String {
    let characters = Array(location)
    guard let schemeEnd = (0..<max(0, characters.count - 2)).first(where: {
        characters[$0] == ":" && characters[$0 + 1] == "/" && characters[$0 + 2] == "/"
    }) else { return location }
    let authorityStart = schemeEnd + 3
    let authorityEnd = characters[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        ?? characters.count
    guard let at = characters[authorityStart..<authorityEnd].lastIndex(of: "@") else { return location }
    return String(characters[..<authorityStart]) + "***@" + String(characters[(at + 1)...])
}
