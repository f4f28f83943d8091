import VeilCore
extension ConfigurationParser {
    /// `web: { listen, tls: { certificate, key } | { selfSigned: true }, session: { idle, absolute } }`.
    func parseWeb(_ reader: MappingReader) -> WebSettings? {
        defer { reader.finish() }
        var settings = WebSettings()
        guard let node = reader.value("listen"), let text = reader.values.text(node, reader.childPath("listen")) else {
            reader.report(nil, "needs listen: \"HOST:PORT\" (for example \"0.0.0.0:8443\", or \"127.0.0.1:8080\" behind a reverse proxy)")
            return nil
        }
        switch ListenAddress.parseAny(text) {
        case .success(let address): (settings.host, settings.port) = address
        case .failure(let reason):
            problems.add(reader.childPath("listen"), reason.message(for: text), at: node)
            return nil
        }
        if let tls = reader.mapping("tls") {
            settings.tls = parseTLS(tls) ?? settings.tls
        } else if !settings.isLoopback {
            reader.report("listen", "'\(text)' is not a loopback address, so the console needs HTTPS: add tls: { selfSigned: true } "
                          + "or tls: { certificate: PATH, key: PATH } (plain HTTP is allowed on 127.0.0.1 or [::1] only)")
        }
        if let session = reader.mapping("session") {
            settings.sessionIdleTimeout = session.duration("idle") ?? settings.sessionIdleTimeout
            settings.sessionLifetime = session.duration("absolute") ?? settings.sessionLifetime
            if settings.sessionIdleTimeout > settings.sessionLifetime {
                session.report("idle", "must not be longer than absolute (a session ends at the absolute limit anyway)")
            }
            session.finish()
        }
        return settings
    }

    private func parseTLS(_ reader: MappingReader) -> WebSettings.TLS? {
        defer { reader.finish() }
        let selfSigned = reader.bool("selfSigned")
        let certificate = reader.text("certificate").map(paths.absolute)
        let key = reader.text("key").map(paths.absolute)
        switch (selfSigned, certificate, key) {
        case (true?, nil, nil):
            return .selfSigned
        case (nil, let certificate?, let key?), (false?, let certificate?, let key?):
            for (name, path) in [("certificate", certificate), ("key", key)] where paths.entry(at: path) != .file {
                reader.report(name, "the file \(path) does not exist (a PEM file; relative paths start at the configuration file's folder)")
            }
            return .files(certificate: certificate, key: key)
        case (true?, _, _):
            reader.report("selfSigned", "give either selfSigned: true or certificate and key, not both")
        default:
            reader.report(nil, "needs certificate: PATH and key: PATH (PEM files), or selfSigned: true")
        }
        return nil
    }
}
