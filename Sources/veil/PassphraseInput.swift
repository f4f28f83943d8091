import ArgumentParser
import Foundation
import VeilVault

/// `--passphrase-file`, or a prompt on the terminal with echo off.
struct PassphraseOptions: ParsableArguments {
    @Option(help: "Read the passphrase from this file (first line) instead of prompting on the terminal.")
    var passphraseFile: String?

    /// The passphrase for `officer`; with `confirm`, a prompted passphrase is asked twice.
    func read(for officer: String, confirm: Bool = false) throws -> Passphrase {
        try PassphraseSource.read(file: passphraseFile, prompt: "Passphrase for officer \(officer): ", confirm: confirm)
    }
}

/// `--new-passphrase-file`, or a prompt asked twice: the passphrase `veil officer passwd` sets.
struct NewPassphraseOptions: ParsableArguments {
    @Option(help: "Read the new passphrase from this file (first line) instead of prompting on the terminal.")
    var newPassphraseFile: String?

    func read(for officer: String) throws -> Passphrase {
        try PassphraseSource.read(file: newPassphraseFile, prompt: "New passphrase for officer \(officer): ", confirm: true)
    }
}

/// A passphrase from the first line of a file, or typed at the terminal with echo off.
enum PassphraseSource {
    static func read(file: String?, prompt: String, confirm: Bool) throws -> Passphrase {
        if let file {
            guard var bytes = FileManager.default.contents(atPath: file).map(Array.init) else {
                throw CommandFailure("cannot read passphrase file \(file); check the path and its permissions.")
            }
            if let newline = bytes.firstIndex(of: 0x0a) { bytes.removeSubrange(newline...) }
            if bytes.last == 0x0d { bytes.removeLast() }
            return Passphrase(zeroing: &bytes)
        }
        var first = try TerminalPrompt.readSecret(prompt)
        if confirm {
            var second = try TerminalPrompt.readSecret("Repeat the passphrase: ")
            defer { for i in second.indices { second[i] = 0 } }
            guard first == second else {
                for i in first.indices { first[i] = 0 }
                throw CommandFailure("the two passphrases differ; nothing was changed. Try again.")
            }
        }
        return Passphrase(zeroing: &first)
    }
}

/// Reads a line from the controlling terminal with echo turned off (termios), restoring
/// the terminal afterwards.
enum TerminalPrompt {
    static func readSecret(_ prompt: String) throws -> [UInt8] {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw CommandFailure("no terminal to prompt for a passphrase; use --passphrase-file FILE.")
        }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw CommandFailure("cannot read terminal settings; use --passphrase-file FILE.") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { throw CommandFailure("cannot turn off terminal echo; use --passphrase-file FILE.") }
        defer { tcsetattr(fd, TCSAFLUSH, &saved) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != 0x0a { line.append(byte) }
        byte = 0
        if line.last == 0x0d { line.removeLast() }
        return line
    }
}
