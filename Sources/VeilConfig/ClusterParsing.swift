import VeilCore

extension ConfigurationParser {
    /// `cluster: { database: {host, port, name, user, passwordFile, tls: {ca}}, node: {name, advertise, capacity} }`.
    /// Nil when anything is wrong (the problems say what, with its path).
    func parseCluster(_ reader: MappingReader) -> ClusterSettings? {
        defer { reader.finish() }
        let database = reader.mapping("database").flatMap(parseClusterDatabase)
        let node = reader.mapping("node").flatMap(parseClusterNode)
        if !reader.contains("database") { reader.report(nil, "needs database: {host, name, user, passwordFile}") }
        if !reader.contains("node") { reader.report(nil, "needs node: {name, advertise: \"https://HOST:PORT\"}") }
        guard let database, let node else { return nil }
        return ClusterSettings(database: database, node: node)
    }

    private func parseClusterDatabase(_ reader: MappingReader) -> ClusterSettings.Database? {
        defer { reader.finish() }
        let required = ["host", "name", "user", "passwordFile"].filter { !reader.contains($0) }
        if !required.isEmpty {
            reader.report(nil, "needs \(required.joined(separator: ", ")) (host, name, user and passwordFile are required)")
        }
        let host = reader.text("host"), name = reader.text("name"), user = reader.text("user")
        let port = reader.int("port", in: 1...65535)
        let passwordFile = reader.text("passwordFile").map(paths.absolute)
        if let passwordFile, paths.entry(at: passwordFile) != .file {
            reader.report("passwordFile", "the file \(passwordFile) does not exist (its first line is the database "
                          + "password; relative paths start at the configuration file's folder)")
        }
        var certificateAuthority: String?
        if let tls = reader.mapping("tls") {
            certificateAuthority = tls.text("ca").map(paths.absolute)
            if let ca = certificateAuthority, paths.entry(at: ca) != .file {
                tls.report("ca", "the file \(ca) does not exist (the PEM certificate of the CA that signed the database server's certificate)")
            } else if certificateAuthority == nil {
                tls.report(nil, "needs ca: PATH (the PEM certificate of the CA that signed the database server's certificate)")
            }
            tls.finish()
        } else if let host, !Loopback.contains(host) {
            reader.report("host", "'\(host)' is not a loopback address, so the database connection needs TLS: add "
                          + "tls: { ca: PATH } (the cluster's catalog and audit chain must not cross the network in the clear)")
        }
        guard let host, let name, let user, let passwordFile else { return nil }
        return ClusterSettings.Database(host: host, port: port ?? 5432, name: name, user: user, passwordFile: passwordFile,
                                        certificateAuthority: certificateAuthority)
    }

    private func parseClusterNode(_ reader: MappingReader) -> ClusterSettings.Node? {
        defer { reader.finish() }
        for (key, need) in [("name", "name: this node's name, unique in the cluster"),
                            ("advertise", "advertise: \"https://HOST:PORT\" (where the other nodes reach this one)")]
        where !reader.contains(key) {
            reader.report(nil, "needs \(need)")
        }
        var name = reader.text("name")
        if let given = name, !CameraName.isValid(given) {
            reader.report("name", "'\(given)' is not a valid node name: use \(CameraName.rule)")
            name = nil
        }
        var address: (host: String, port: Int)?
        if let advertise = reader.text("advertise") {
            if advertise.hasPrefix("https://"), case .success(let parsed) = ListenAddress.parseAny(String(advertise.dropFirst(8))),
               parsed.port > 0 {
                address = parsed
            } else {
                reader.report("advertise", "'\(advertise)' is not https://HOST:PORT (nodes talk HTTPS only, "
                              + "for example https://veil-2.branch.example:8443)")
            }
        }
        let capacity = reader.int("capacity", in: 0...10_000)
        guard let name, let address else { return nil }
        return ClusterSettings.Node(name: name, advertiseHost: address.host, advertisePort: address.port, capacity: capacity)
    }
}
