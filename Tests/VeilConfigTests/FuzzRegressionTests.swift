import Foundation
import Testing
@testable import VeilConfig

/// Configurations that once crashed the loader under Fuzz/ConfigFuzzer (kept in
/// Tests/Fixtures/fuzz/ConfigFuzzer/): each is now reported as a problem at its path.
@Suite struct FuzzRegressionTests {
    static func fixture(_ name: String) throws -> String {
        let url = URL(fileURLWithPath: Fixtures.repositoryRoot + "/Tests/Fixtures/fuzz/ConfigFuzzer/" + name)
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// `epochLength: 99999999999999999999s` trapped converting the length to Int for its message.
    @Test func anEpochLengthBeyondIntIsAProblemNotATrap() throws {
        let problems = Fixtures.problems(try Self.fixture("epoch-length-beyond-int.yaml"))
        let problem = try #require(Fixtures.problem(at: "retention.epochLength", in: problems))
        #expect(problem.message == "must be at most 100 years (36500d), got '99999999999999999999s'")
        #expect(problem.line == 2)
    }

    /// Every duration is bounded the same way, so no later conversion to milliseconds can overflow.
    @Test(arguments: ["raw", "redacted", "maxHold"])
    func everyDurationIsAtMost100Years(key: String) throws {
        let problems = Fixtures.problems("""
            retention:
              \(key): 36501d
            \(Fixtures.sampleCamera)
            """)
        let problem = try #require(Fixtures.problem(at: "retention.\(key)", in: problems))
        #expect(problem.message == "must be at most 100 years (36500d), got '36501d'")
        #expect(try Fixtures.parse("retention:\n  \(key): 36500d\n\(Fixtures.sampleCamera)").retention.epochLength == 3600)
    }
}

/// Messages about a camera URL must never show its password (CameraURLFuzzer's check).
@Suite struct URLSecrecyRegressionTests {
    /// Found by the fuzzer: `//:7f,@r/…` followed later by `fil_://rl…@…`. Only the user
    /// information after the first `://` was masked, so the message showed `:7f,@`.
    @Test func userInformationBeforeTheFirstSchemeIsMasked() throws {
        let url = Fixtures.repositoryRoot + "/Tests/Fixtures/fuzz/CameraURLFuzzer/password-before-the-first-scheme"
        let input = try Data(contentsOf: URL(fileURLWithPath: url))
        let text = String(decoding: input.prefix(while: { $0 != 0x0a }), as: UTF8.self)
        #expect(URLComponents(string: text)?.percentEncodedPassword == "7f,")
        guard case .invalid(let message) = CameraURL.classify(text) else {
            Issue.record("expected the text to be refused")
            return
        }
        #expect(!message.contains(":7f,@"))
        #expect(message.hasPrefix("'//:***@r/:/A"))
    }

    /// Found by the fuzzer: `rtsp://@%1@%14//:1` parses, but no URL string can be made of it
    /// without its user information, and the URL kept for logs fell back to the text itself.
    @Test func aURLThatCannotBeRebuiltWithoutItsUserInformationIsRefused() throws {
        let url = Fixtures.repositoryRoot + "/Tests/Fixtures/fuzz/CameraURLFuzzer/no-url-without-the-user-information"
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: url)), as: UTF8.self)
        #expect(text == "rtsp://@%1@%14//:1")
        guard case .invalid(let message) = CameraURL.classify(text) else {
            Issue.record("expected the URL to be refused")
            return
        }
        #expect(message == "'rtsp://***@%14//:1' is not a valid rtsp:// URL once its user information is taken out: "
                + "check the host and path, like rtsp://192.0.2.10:554/stream1")
    }

    /// The same for a network URL written without its scheme: it is taken for a file, and the
    /// "does not exist" message quoted the path with the password.
    @Test func aURLMissingItsSchemeIsQuotedWithoutItsPassword() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: lobby
                url: //admin:s3cret@192.0.2.10/stream1
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[0].url", in: problems))
        #expect(!problem.message.contains("s3cret"))
        #expect(problem.message.contains(":***@192.0.2.10/stream1' does not exist"))
        #expect(CameraURL.displayedPath("/srv/video/nas@home/walk.mp4") == "/srv/video/nas@home/walk.mp4")
    }
}

/// Files are read through `FileText`, not `String(contentsOfFile:)`, which leaks 4 KiB on
/// every empty file (LeakSanitizer); what the user is told stays the same.
@Suite struct FileReadingTests {
    @Test func anEmptyConfigurationFileIsReportedAsEmpty() throws {
        let path = Fixtures.repositoryRoot + "/Tests/Fixtures/fuzz/ConfigFuzzer/empty.yaml"
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        #expect(throws: ConfigurationError.self) { try VeilConfiguration.load(path: path) }
        do { _ = try VeilConfiguration.load(path: path) } catch {
            #expect(error.problems.map(\.message) == ["the file is empty; see veil.example.yaml for every key"])
        }
    }

    @Test func aFileThatIsNotUTF8CannotBeRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("veil-\(UUID().uuidString).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data([0x63, 0x3a, 0xff, 0xfe])))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { _ = try VeilConfiguration.load(path: path); Issue.record("loaded a file that is not UTF-8") } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.message.hasPrefix("cannot read the file: ") == true)
        }
    }

    @Test func anEmptyPasswordFileIsAnEmptyPassword() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("veil-\(UUID().uuidString).password").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CameraCredentials(username: "viewer", password: .file(path: path)).resolvedPassword() == "")
    }
}

/// Nesting thousands of levels deep overflowed the stack inside Yams (ASan: stack-overflow).
@Suite struct DeepNestingTests {
    @Test(arguments: [("nested-flow-sequences.yaml", 1), ("nested-block-sequences.yaml", 5)])
    func aDocumentNestedTooDeeplyIsOneProblem(file: String, line: Int) throws {
        let problems = Fixtures.problems(try FuzzRegressionTests.fixture(file))
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.path == "")
        #expect(problem.message.hasPrefix("nested more than 64 levels deep"))
        #expect(problem.line == line)
    }

    @Test func theExampleAndZonesNestWellWithinTheLimit() throws {
        let example = try String(contentsOfFile: Fixtures.repositoryRoot + "/veil.example.yaml", encoding: .utf8)
        #expect(YAMLNesting.firstLineTooDeep(in: example) == nil)
        #expect(YAMLNesting.firstLineTooDeep(in: String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(YAMLNesting.firstLineTooDeep(in: String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == 1)
    }
}
