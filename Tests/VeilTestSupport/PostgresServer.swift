import Foundation
import Glibc
import Synchronization

/// A real PostgreSQL 15 server for tests: Debian's `postgresql-15` binaries, a fresh cluster
/// made by `initdb` in a temporary directory, listening on a free loopback port, with SCRAM
/// password authentication (so a wrong password is refused as in production), and TLS when
/// given a certificate.
///
/// PostgreSQL refuses to run as root: as root (tests and CI) every server program runs as the
/// Debian `postgres` user through `setpriv`, which execs it in place. `postgres` itself is this
/// process's child (not daemonised by `pg_ctl start`, whose surviving server would keep
/// Foundation's `Process` from ever reporting the start command's exit).
///
/// The server is stopped with `pg_ctl stop -m fast` by `stop()` or `deinit`, and also when the
/// test process dies: a watchdog shell waits for end-of-file on its stdin, whose write end only
/// this process holds, then runs that command, so a crashed test leaves no server behind.
///
/// `@unchecked Sendable`: `Process` and `Pipe` are not marked Sendable; after `init` only
/// `stop()` touches them, once, under the `stopped` lock.
package final class PostgresServer: @unchecked Sendable {
    package static let binaries = "/usr/lib/postgresql/15/bin"
    package static let systemUser = "postgres"

    package let port: UInt16
    /// The superuser `initdb` made; tests log in as it.
    package let user = "veil"
    package let password = "veil-test-password-\(UUID().uuidString.prefix(8))"
    private let directory: URL
    /// The running `postgres`; replaced by `restart` (guarded by `serverLock`).
    private var server: Process
    private let serverLock = NSLock()
    /// How `postgres` is started, for `restart`.
    private let serverArguments: [String]
    private var data: String { directory.appendingPathComponent("data").path }
    private let watchdog: Process
    private let watchdogInput: Pipe
    private let stopped = Mutex(false)

    /// Makes the cluster and starts the server; ready for connections when this returns. With
    /// `tls`, the server also offers TLS with that certificate (clients choose whether to use it).
    /// `alsoListenOn`: addresses besides 127.0.0.1 to accept logins on, each with the /30
    /// around it (a test network namespace's link).
    package init(tls: TestCertificates.ServerIdentity? = nil, alsoListenOn addresses: [String] = []) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binaries + "/initdb") else {
            throw TestSupport.Failure(description: "PostgreSQL 15 is not installed (\(Self.binaries)/initdb): "
                                          + "run `bash scripts/setup.sh` (postgresql-15)")
        }
        directory = try TestSupport.temporaryDirectory(prefix: "veil-postgres")
        let data = directory.appendingPathComponent("data").path
        let socket = directory.appendingPathComponent("run").path
        let passwordFile = directory.appendingPathComponent("password").path
        do {
            // The server's user must reach the folder, own its data and socket folders, and read the password.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
            for folder in [data, socket] {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                try Self.giveToServerUser(folder)
            }
            try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passwordFile)
            let initdb = Self.command(Self.binaries + "/initdb")
            try TestSupport.run(initdb.executable, initdb.prefix + ["-D", data, "-U", user, "-A", "scram-sha-256",
                                                                    "--pwfile=" + passwordFile, "-E", "UTF8",
                                                                    "--locale=C.UTF-8", "--no-sync"])
            port = try TestSupport.freeLoopbackPort()
            // fsync off: a test server's data need not survive a power cut, and fsync costs seconds here.
            var settings = ["listen_addresses=" + (["127.0.0.1"] + addresses).joined(separator: ","), "fsync=off"]
            if !addresses.isEmpty {
                let rules = addresses.map { "host all all \($0)/30 scram-sha-256\n" }.joined()
                let hba = try FileHandle(forWritingTo: URL(fileURLWithPath: data + "/pg_hba.conf"))
                try hba.seekToEnd()
                try hba.write(contentsOf: Data(rules.utf8))
                try hba.close()
            }
            if let tls { settings += try Self.install(tls, in: directory) }
            serverArguments = ["-D", data, "-p", String(port), "-k", socket] + settings.flatMap { ["-c", $0] }
            server = try Self.start(Self.binaries + "/postgres", serverArguments,
                                    output: directory.appendingPathComponent("server.log"))
            watchdogInput = Pipe()
            watchdog = try Self.start("/bin/sh", ["-c", "cat >/dev/null; exec \"$0\" -D \"$1\" -m fast -w stop",
                                                  Self.binaries + "/pg_ctl", data],
                                      output: directory.appendingPathComponent("stop.log"), input: watchdogInput)
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        try waitUntilReady()
    }

    deinit { stop() }

    /// Stops the server (`pg_ctl stop -m fast`, run by the watchdog), waits for it, and removes
    /// its directory. Idempotent.
    package func stop() {
        guard !stopped.withLock({ was in defer { was = true }; return was }) else { return }
        try? watchdogInput.fileHandleForWriting.close()
        watchdog.waitUntilExit()
        let server = serverLock.withLock { self.server }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Stops the server with `pg_ctl stop -m mode` ("fast": clients disconnected, clean
    /// shutdown; "immediate": no shutdown checkpoint, crash recovery at the next start), keeps
    /// it down for `downtime` seconds, and starts it again on the same port; ready when this returns.
    package func restart(mode: String, downtime: Double) throws {
        try pause(mode: mode)
        Thread.sleep(forTimeInterval: downtime)
        try resume()
    }

    /// Stops the server with `pg_ctl stop -m mode` until ``resume()``.
    package func pause(mode: String = "fast") throws {
        let pgctl = Self.command(Self.binaries + "/pg_ctl")
        try TestSupport.run(pgctl.executable, pgctl.prefix + ["-D", data, "-m", mode, "-w", "stop"])
        serverLock.withLock { server }.waitUntilExit()
    }

    /// Starts the paused server again on the same port; ready when this returns.
    package func resume() throws {
        let restarted = try Self.start(Self.binaries + "/postgres", serverArguments,
                                       output: directory.appendingPathComponent("server-restarted.log"))
        serverLock.withLock { server = restarted }
        try waitUntilReady()
    }

    /// The server's log, for a failing test's message.
    package var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
    }

    /// Creates an empty database (through `psql`, a test tool) and returns its name.
    package func createDatabase() throws -> String {
        let name = "test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try sql("CREATE DATABASE \(name)")
        return name
    }

    /// Runs `statement` with `psql` as the superuser in `database`, returning what it printed
    /// (unaligned, tuples only): for setting up or inspecting state the code under test must not reach.
    @discardableResult
    package func sql(_ statement: String, database: String = "postgres") throws -> String {
        let outcome = try TestSupport.launch(Self.binaries + "/psql",
                                             ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database,
                                              "-v", "ON_ERROR_STOP=1", "-At", "-c", statement],
                                             environment: ["PGPASSWORD": password])
        guard outcome.status == 0 else {
            throw TestSupport.Failure(description: "psql -c \(statement) failed (exit \(outcome.status)): \(outcome.errors)")
        }
        return outcome.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `pg_dump` of `database` (plain SQL): everything PostgreSQL would keep in a backup.
    package func dump(database: String) throws -> String {
        let outcome = try TestSupport.launch(Self.binaries + "/pg_dump",
                                             ["-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database],
                                             environment: ["PGPASSWORD": password])
        guard outcome.status == 0 else {
            throw TestSupport.Failure(description: "pg_dump \(database) failed (exit \(outcome.status)): \(outcome.errors)")
        }
        return outcome.standardOutput
    }

    /// Polls `pg_isready` until the server accepts connections (a few hundred milliseconds
    /// after start; up to 30 s on a loaded machine).
    private func waitUntilReady() throws {
        let server = serverLock.withLock { self.server }
        let ready = try TestSupport.waitFor(seconds: 30) {
            guard server.isRunning else { return true }
            let probe = try TestSupport.launch(Self.binaries + "/pg_isready", ["-h", "127.0.0.1", "-p", String(port), "-t", "1"])
            return probe.status == 0
        }
        guard ready, server.isRunning else {
            let log = self.log
            stop()
            throw TestSupport.Failure(description: "PostgreSQL did not start on port \(port): \(log)")
        }
    }

    /// Copies the certificate and key where the server's user owns them (PostgreSQL refuses a
    /// key others can read) and returns the settings that turn TLS on.
    private static func install(_ tls: TestCertificates.ServerIdentity, in directory: URL) throws -> [String] {
        let certificate = directory.appendingPathComponent("server.crt").path
        let key = directory.appendingPathComponent("server.key").path
        try FileManager.default.copyItem(atPath: tls.certificate, toPath: certificate)
        try FileManager.default.copyItem(atPath: tls.key, toPath: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key)
        try giveToServerUser(certificate)
        try giveToServerUser(key)
        return ["ssl=on", "ssl_cert_file=\(certificate)", "ssl_key_file=\(key)"]
    }

    /// Starts `program` as the server's user, writing its output to `output`.
    private static func start(_ program: String, _ arguments: [String], output: URL, input: Pipe? = nil) throws -> Process {
        let command = command(program)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.prefix + arguments
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        try giveToServerUser(output.path)
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        try? handle.close()
        return process
    }

    /// How to run `program` as the server's user: through `setpriv` (exec in place) when root, directly otherwise.
    private static func command(_ program: String) -> (executable: String, prefix: [String]) {
        guard getuid() == 0 else { return (program, []) }
        return ("/usr/bin/setpriv", ["--reuid=\(systemUser)", "--regid=\(systemUser)", "--init-groups", program])
    }

    private static func giveToServerUser(_ path: String) throws {
        guard getuid() == 0 else { return }
        guard let account = getpwnam(systemUser) else {
            throw TestSupport.Failure(description: "there is no \(systemUser) user: run `bash scripts/setup.sh` (postgresql-15)")
        }
        guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw TestSupport.Failure(description: "chown \(systemUser) \(path) failed: errno \(errno)")
        }
    }
}
