import Testing
@testable import VeilConfig

/// The malformed cases issue 6 names, each with a precise message at its path and line.
@Suite("Malformed configurations")
struct MalformedConfigurationTests {
    @Test func unknownKeySuggestsTheClosestKnownOne() throws {
        let problems = Fixtures.problems("""
            segmentSecond: 10
            \(Fixtures.sampleCamera)
            """)
        let problem = try #require(Fixtures.problem(at: "segmentSecond", in: problems))
        #expect(problem.message.hasPrefix("unknown key — did you mean 'segmentSeconds'?"))
        #expect(problem.line == 1)
    }

    @Test func unknownKeyInsideACameraIsFoundToo() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: sample
                url: samples/library-walk-720p.mp4
                overrides:
                  staleness_frames: 10
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[0].overrides.staleness_frames", in: problems))
        #expect(problem.message.contains("did you mean 'stalenessFrames'?"))
        #expect(problem.line == 5)
    }

    @Test func badURLNamesTheAcceptedKinds() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: sample
                url: samples/library-walk-720p.mp4
              - name: door
                url: htp://x
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[1].url", in: problems))
        #expect(problem.description == "cameras[1].url: 'htp://x' is not an rtsp://, rtsps:// or file URL, nor a file path (line 5)")
    }

    @Test func negativeRetentionIsRejected() throws {
        let problems = Fixtures.problems("""
            retention:
              raw: -1h
            \(Fixtures.sampleCamera)
            """)
        let problem = try #require(Fixtures.problem(at: "retention.raw", in: problems))
        #expect(problem.description == "retention.raw: must be positive, got '-1h' (line 2)")
    }

    @Test func duplicateCameraNamesPointAtTheSecond() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: lobby
                url: rtsp://192.0.2.1/a
              - name: lobby
                url: rtsp://192.0.2.2/b
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[1].name", in: problems))
        #expect(problem.message.hasPrefix("'lobby' is already the name of cameras[0]"))
        #expect(problem.line == 4)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let yaml = """
            segmentSeconds: 0
            retention: {raw: -1h, epochLength: 7m}
            metrics: {listen: 0.0.0.0:9464}
            redaction: {faceThreshold: 1.5, personCadence: 0, style: mosaic}
            cameras:
              - name: Lobby Cam
                url: rtsp://192.0.2.1/a
              - name: door
                url: rtsps://192.0.2.2/b
              - name: demo
                url: missing.mp4
                loop: maybe
            """
        do {
            _ = try Fixtures.parse(yaml)
            Issue.record("expected the configuration to be rejected")
        } catch {
            #expect(error.problems.map(\.path) == [
                "segmentSeconds", "retention.raw", "retention.epochLength", "metrics.listen",
                "redaction.style", "redaction.faceThreshold", "redaction.personCadence",
                "cameras[0].name", "cameras[1]", "cameras[2].url", "cameras[2].loop",
            ])
            let lines = error.description.split(separator: "\n")
            #expect(lines.first == "test.yaml: 11 problems:")
            #expect(lines.count == 12)
            #expect(error.problems.allSatisfy { $0.line != nil })
        }
    }

    @Test func syntaxErrorsGiveTheLine() throws {
        let problems = Fixtures.problems("cameras:\n  - name: a\n   url: [\n")
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("not valid YAML") == true)
        #expect(problems.first?.line != nil)
    }

    @Test func plannerCombinationsAreCheckedAfterMerging() throws {
        let problems = Fixtures.problems("""
            cameras:
              - name: sample
                url: samples/library-walk-720p.mp4
                overrides: {stalenessFrames: 30}
            """)
        let problem = try #require(Fixtures.problem(at: "cameras[0].overrides", in: problems))
        #expect(problem.message.hasPrefix("stalenessFrames (30) must be ≤ holdFrames (25)"))
        #expect(problem.line == 4)
    }
}

@Suite("Malformed documents and retention")
struct MalformedDocumentTests {
    @Test func emptyAndNonMappingDocuments() {
        #expect(Fixtures.problems("").map(\.message) == ["the file is empty; see veil.example.yaml for every key"])
        #expect(Fixtures.problems("- a\n- b\n").map(\.description) == ["expected a mapping of keys to values, got a list (line 1)"])
        #expect(Fixtures.problems("retention: {}\n").map(\.message) == ["no cameras: add a 'cameras:' list (see veil.example.yaml)"])
    }

    @Test func epochLengthFollowsTheVaultsRule() {
        let problems = Fixtures.problems("""
            segmentSeconds: 120
            retention: {epochLength: 1m, maxHold: -1d}
            \(Fixtures.sampleCamera)
            """)
        #expect(problems.map(\.path) == ["segmentSeconds", "retention.maxHold"])
        #expect(problems[0].message.hasPrefix("(120 s) must not be longer than retention.epochLength (60 s)"))
        #expect(Fixtures.problems("retention: {epochLength: 7m}\n\(Fixtures.sampleCamera)").map(\.path) == ["retention.epochLength"])
    }

    @Test func wrongTypesSayWhatWasExpected() {
        let problems = Fixtures.problems("""
            segmentSeconds: ten
            officers: alice
            storage: {maxBytes: lots}
            redaction: {headsOnly: sometimes, margin: [1]}
            \(Fixtures.sampleCamera)
            """)
        #expect(problems.map(\.description) == [
            "segmentSeconds: expected a whole number, got 'ten' (line 1)",
            "officers: expected a list, got 'alice' (line 2)",
            "storage.maxBytes: 'lots' is not a size: write a number with a unit, like 500GB or 10GiB (line 3)",
            "redaction.margin: expected a number, got a list (line 4)",
            "redaction.headsOnly: expected true or false, got 'sometimes' (line 4)",
        ])
    }

    @Test func anUnknownTuneIsNamedWithASuggestion() throws {
        let problems = Fixtures.problems("""
            redaction:
              encoder: {tune: zerolatncy}
            cameras:
              - name: sample
                url: samples/library-walk-720p.mp4
            """)
        let problem = try #require(Fixtures.problem(at: "redaction.encoder.tune", in: problems))
        #expect(problem.message.contains("did you mean 'zerolatency'?"))
    }
}
