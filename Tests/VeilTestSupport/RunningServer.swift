package import Foundation
import Glibc

/// One process of `scripts/rtsp-test-server.py`, started and waited for until it prints `READY <port>`.
/// Only touched under `RTSPTestServer`'s lock, hence `@unchecked Sendable`.
package final class RunningServer: @unchecked Sendable {
    package let port: UInt16
    private let process: Process
    /// We hold the write end of the server's stdin: when this process dies the server sees
    /// end-of-file and exits (`--watch-stdin`), so a crashed test leaves no server behind.
    private let stdinPipe: Pipe
    private let stdoutPipe: Pipe

    private init(port: UInt16, process: Process, stdinPipe: Pipe, stdoutPipe: Pipe) {
        self.port = port
        self.process = process
        self.stdinPipe = stdinPipe
        self.stdoutPipe = stdoutPipe
    }

    /// Starts `/usr/bin/python3 arguments…` (stderr appended to `log`) and waits up to
    /// `readyTimeout` for the ready line.
    package static func launch(arguments: [String], log: URL, readyTimeout: Duration = .seconds(20)) throws -> RunningServer {
        let process = Process()
        // Debian's interpreter: other Python builds on the machine have no `gi`.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        let stdinPipe = Pipe(), stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let logHandle = try FileHandle(forWritingTo: log)
        logHandle.seekToEndOfFile()
        process.standardError = logHandle
        try process.run()
        try? logHandle.close()

        let line = readLine(from: stdoutPipe.fileHandleForReading.fileDescriptor, within: readyTimeout)
        let words = line?.split(separator: " ") ?? []
        guard words.count == 2, words[0] == "READY", let port = UInt16(words[1]) else {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let errors = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw TestSupport.Failure(description: "the RTSP test server did not get ready (said \(line ?? "nothing")): \(errors)")
        }
        return RunningServer(port: port, process: process, stdinPipe: stdinPipe, stdoutPipe: stdoutPipe)
    }

    package func signal(_ number: Int32) {
        if process.isRunning { Glibc.kill(process.processIdentifier, number) }
    }

    /// SIGKILL (works on a stopped process too) and reaps it.
    package func terminate() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// Reads one line byte by byte with a deadline: a server that fails to start never hangs the test.
    private static func readLine(from descriptor: Int32, within timeout: Duration) -> String? {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        while ContinuousClock.now < deadline {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 100) >= 0 else { return nil }
            guard request.revents != 0 else { continue }
            var byte: UInt8 = 0
            guard read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
