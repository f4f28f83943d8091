import Foundation
import Testing
import VeilTestSupport
@testable import veil
@testable import VeilConfig
import ArgumentParser

/// Each redaction setting is declared once, in `RedactionKnob.all`: the same entry decides how
/// `veil.yaml`'s `redaction:` block and a camera's `overrides:` read it, how the overrides
/// merge, and what `veil redact` accepts and says in `--help`. If a consumer stops reading the
/// table (a hand-written key, flag or range), one of these fails.
@Suite("One declaration per redaction setting")
struct RedactionKnobTests {
    @Test(arguments: RedactionKnob.all.map(\.key))
    func theYAMLKeyAndTheCameraOverridesReadTheKnob(_ key: String) throws {
        let knob = try #require(RedactionKnob.all.first { $0.key == key })
        let cameraDefault = knob.value(in: .cameraDefaults)
        let value = try #require(Self.accepted(knob, unlike: cameraDefault).first { (try? Self.load(defaults: knob, $0)) != nil },
                                 "no value for \(key) that a whole configuration accepts")

        let defaults = try Self.load(defaults: knob, value)
        #expect(Self.same(knob.value(in: defaults.redaction), value))
        #expect(Self.same(knob.value(in: defaults.redaction.applying(defaults.cameras[0].overrides)), value), "inherited")

        let overridden = try Self.load(overrides: knob, value)
        #expect(knob.value(in: overridden.redaction) == cameraDefault)
        #expect(knob.value(in: overridden.redaction.applying(overridden.cameras[0].overrides)) == cameraDefault)
        #expect(Self.same(knob.value(in: overridden.redaction.applying(overridden.cameras[1].overrides)), value))
    }

    @Test(arguments: RedactionKnob.all.map(\.key))
    func theFlagReadsTheKnob(_ key: String) throws {
        let knob = try #require(RedactionKnob.all.first { $0.key == key })
        let arguments = Self.accepted(knob, unlike: knob.value(in: RedactionSettings())).map { value in
            (value, knob.isSwitch ? (value == "true" ? "--\(knob.flag)" : "--no-\(knob.flag)") : "--\(knob.flag)=\(value)")
        }
        // The first value whose combination with the other defaults passes, as for the YAML key.
        let (value, command) = try #require(arguments.lazy.compactMap { value, argument in
            (try? RedactCommand.parseAsRoot(["in.mp4", "-o", "out.mp4", argument]) as? RedactCommand).map { (value, $0) }
        }.first, "no value for --\(knob.flag) that the command accepts")
        #expect(Self.same(knob.value(in: try command.redaction.settings(encoding: command.encoding)), value), "--\(knob.flag) \(value)")
    }

    /// An out-of-range or malformed value is refused by the YAML key, the override and the flag,
    /// each naming the same accepted values.
    @Test(arguments: RedactionKnob.all.map(\.key))
    func aRejectedValueIsRejectedEverywhereWithTheSameRange(_ key: String) throws {
        let knob = try #require(RedactionKnob.all.first { $0.key == key })
        let rejected = Self.rejected(knob)
        for (configuration, path) in [(Self.defaultsYAML(knob, rejected), "redaction.\(key)"),
                                      (Self.overridesYAML(knob, rejected), "cameras[1].overrides.\(key)")] {
            do {
                _ = try VeilConfiguration.parse(yaml: configuration, source: "test.yaml", baseDirectory: TestSupport.repositoryRoot.path)
                Issue.record("\(path): \(rejected) was accepted")
            } catch {
                let problems = error.problems.filter { $0.path == path }
                #expect(problems.count == 1 && problems[0].message.contains(knob.accepted), "\(error.problems)")
            }
        }
        guard !knob.isSwitch else { return } // a switch takes no value
        do {
            _ = try RedactCommand.parseAsRoot(["in.mp4", "-o", "out.mp4", "--\(knob.flag)=\(rejected)"])
            Issue.record("--\(knob.flag)=\(rejected) was accepted")
        } catch {
            let message = RedactCommand.message(for: error)
            #expect(message.contains("--\(knob.flag)") && message.contains(knob.accepted), "\(message)")
        }
    }

    /// A combination `veil.yaml` refuses (MalformedConfigurationTests) is refused by the flags
    /// before any model loads, in the same words with flags for keys.
    @Test func anUnsafeCombinationIsRefusedInTheWordsOfTheYAMLCheck() {
        do {
            _ = try RedactCommand.parseAsRoot(["in.mp4", "-o", "out.mp4", "--staleness-frames", "30"])
            Issue.record("--staleness-frames 30 with the default hold of 25 was accepted")
        } catch {
            let message = RedactCommand.message(for: error)
            #expect(message.contains("--staleness-frames (30) must be ≤ --hold-frames (25), or people can be shown"), "\(message)")
        }
    }

    @Test func helpListsEveryFlagWithItsHelpAcceptedValuesAndDefault() {
        // Long names put their help on the next line: compare with the white space collapsed.
        let help = RedactCommand.helpMessage(columns: 10_000).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for knob in RedactionKnob.all {
            let name = knob.isSwitch ? "--\(knob.flag)/--no-\(knob.flag)" : "--\(knob.flag) <\(knob.flag)>"
            #expect(help.contains("\(name) \(knob.flagHelp)"), "\(knob.key) in \(help)")
        }
    }

    // MARK: - Values

    /// Values the knob accepts other than `current`, most likely to pass the cross-field checks first.
    static func accepted(_ knob: RedactionKnob, unlike current: String) -> [String] {
        let candidates: [String] = switch knob.kind {
        case .integer(let range):
            (Int(current).map { [$0 - 1, $0 + 1] } ?? []).filter(range.contains).map(String.init)
                + ["\(range.lowerBound)", "\(range.upperBound)"]
        case .number(let range): ["\(range.lowerBound)", "\(range.upperBound)"]
        case .onOff: [current == "true" ? "false" : "true"]
        case .oneOf(let names): names
        case .text: [current + "x"]
        }
        return candidates.filter { !same($0, current) }
    }

    static func rejected(_ knob: RedactionKnob) -> String {
        switch knob.kind {
        case .integer(let range): "\(range.lowerBound - 1)"
        case .number(let range): "\(range.upperBound + 1)"
        case .onOff: "maybe"
        case .oneOf: "nonsense"
        case .text: "not absolute"
        }
    }

    /// Equal as written, or as numbers (`0` and `0.0`).
    static func same(_ a: String, _ b: String) -> Bool {
        a == b || (Double(a) != nil && Double(a) == Double(b))
    }

    // MARK: - Configurations

    /// `{holdFrames: 26}`, or `{encoder: {crf: 22}}` for a key inside `encoder:`.
    static func mapping(_ knob: RedactionKnob, _ value: String) -> String {
        knob.key.split(separator: ".").reversed().reduce(value) { "{\($1): \($0)}" }
    }

    static let cameras = """
        cameras:
          - name: plain
            url: samples/library-walk-720p.mp4
        """

    static func defaultsYAML(_ knob: RedactionKnob, _ value: String) -> String {
        "redaction: \(mapping(knob, value))\n" + cameras
    }

    static func overridesYAML(_ knob: RedactionKnob, _ value: String) -> String {
        cameras + "\n  - name: tuned\n    url: samples/library-walk-720p.mp4\n    overrides: \(mapping(knob, value))\n"
    }

    static func load(defaults knob: RedactionKnob, _ value: String) throws -> VeilConfiguration {
        try VeilConfiguration.parse(yaml: defaultsYAML(knob, value), source: "test.yaml", baseDirectory: TestSupport.repositoryRoot.path)
    }

    static func load(overrides knob: RedactionKnob, _ value: String) throws -> VeilConfiguration {
        try VeilConfiguration.parse(yaml: overridesYAML(knob, value), source: "test.yaml", baseDirectory: TestSupport.repositoryRoot.path)
    }
}
