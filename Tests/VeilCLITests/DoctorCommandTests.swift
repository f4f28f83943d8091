import Foundation
import Testing
import VeilTestSupport

/// `veil doctor` against real set-ups: the built binary, a real GStreamer RTSP camera, real
/// files. A good set-up passes; each broken one is named and makes the exit status non-zero;
/// nothing is ever written into the data directory.
@Suite(.serialized) struct DoctorCommandTests {
    @Test func aGoodSetUpPassesAndDescribesTheCamera() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        let before = try setup.dataTree()
        let outcome = try setup.doctor()
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        for check in ["configuration", "data directory", "officers", "models", "inference", "free space", "clock"] {
            #expect(DoctorSetup.line(check, in: outcome) != nil, "no line for \(check): \(outcome.standardOutput)")
        }
        #expect(!outcome.standardOutput.contains("FAIL"), "\(outcome.standardOutput)")
        #expect(DoctorSetup.line("officers", in: outcome)?.hasPrefix("ok") == true)
        #expect(DoctorSetup.line("officers", in: outcome)?.contains("1 registered (alice)") == true)
        let line = try #require(DoctorSetup.line("camera front", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("ok"))
        // The sample is 1280×720 H.264 at 25 fps.
        #expect(line.contains("h264 1280×720 at 25 fps"), "\(line)")
        #expect(try setup.dataTree() == before, "doctor changed the data directory")
    }

    @Test func cameraCredentialsAreUsedButNeverPrinted() throws {
        let camera = try RTSPTestServer(credentials: .init(user: "operator", password: "s3cret-Pa55"))
        let setup = try DoctorSetup(cameraURL: camera.authorizedURL)
        defer { setup.remove() }
        let outcome = try setup.doctor()
        #expect(outcome.status == 0, "\(outcome.standardOutput)\(outcome.standardError)")
        #expect(DoctorSetup.line("camera front", in: outcome)?.contains("h264 1280×720") == true, "\(outcome.standardOutput)")
        #expect(!(outcome.standardOutput + outcome.standardError).contains("s3cret-Pa55"))
    }

    @Test func anAlteredModelFileFails() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        // A copy of models/ whose files are links to the real ones, except YuNet (loaded on
        // every backend): a real copy with one byte changed.
        let models = setup.folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: false)
        let original = VeilProcess.repositoryRoot.appendingPathComponent("models")
        let altered = "face_detection_yunet_2023mar.onnx"
        for name in try FileManager.default.contentsOfDirectory(atPath: original.path) where name != altered {
            try FileManager.default.createSymbolicLink(at: models.appendingPathComponent(name),
                                                       withDestinationURL: original.appendingPathComponent(name))
        }
        var bytes = try Data(contentsOf: original.appendingPathComponent(altered))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: models.appendingPathComponent(altered))

        let outcome = try setup.doctor(environment: ["VEIL_MODELS_DIR": models.path])
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("models", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains(altered) && line.contains("SHA-256"), "\(line)")
        #expect(DoctorSetup.line("camera front", in: outcome)?.hasPrefix("ok") == true, "\(outcome.standardOutput)")
    }

    @Test func aWorldWritableDataDirectoryFailsWithTheChmodThatFixesIt() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: setup.data)
        let before = try setup.dataTree()
        let outcome = try setup.doctor()
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("data directory", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains("mode 0777") && line.contains("fix: chmod 0750 \(setup.data)"), "\(line)")
        #expect(try setup.dataTree() == before, "doctor changed the data directory")
    }

    /// Owned by someone else (here `nobody`; with no `veil` user the owner must be whoever runs
    /// doctor): the recorder could not write it, and the line gives the chown.
    @Test func aDataDirectoryOwnedBySomeoneElseFailsWithTheChownThatFixesIt() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        try FileManager.default.setAttributes([.ownerAccountID: 65534], ofItemAtPath: setup.data)
        let outcome = try setup.doctor()
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("data directory", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains("fix: chown"), "\(line)")
    }

    @Test func anUnreachableCameraFails() throws {
        // Nothing listens on port 1 of the loopback interface: the connection is refused.
        let setup = try DoctorSetup(cameraURL: "rtsp://127.0.0.1:1/cam1")
        defer { setup.remove() }
        let outcome = try setup.doctor()
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("camera front", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains("rtsp://127.0.0.1:1/cam1") && line.contains("fix:"), "\(line)")
    }

    @Test func noRegisteredOfficerFailsAndNothingIsCreated() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url(), officer: false)
        defer { setup.remove() }
        let outcome = try setup.doctor()
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("officers", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains("no privacy officer") && line.contains("veil officer add NAME"), "\(line)")
        // Opening the vault would have created vault/ and audit/; doctor only reads.
        #expect(try FileManager.default.contentsOfDirectory(atPath: setup.data).isEmpty)
    }

    @Test func malformedYAMLFailsWithItsLineAndSkipsTheRest() throws {
        let setup = try DoctorSetup(cameraURL: "rtsp://127.0.0.1:1/cam1")
        defer { setup.remove() }
        try Data("dataDirectory: \(setup.data)\ncameras:\n  - name: front\n    url: [unclosed\n".utf8)
            .write(to: URL(fileURLWithPath: setup.config))
        let outcome = try setup.doctor()
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("configuration", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains("not valid YAML") && line.contains("(line "), "\(line)")
        #expect(DoctorSetup.line("camera front", in: outcome) == nil && DoctorSetup.line("officers", in: outcome) == nil)
        #expect(DoctorSetup.line("clock", in: outcome) != nil, "the clock check needs no configuration")
    }

    @Test func aMissingConfigurationFails() throws {
        let folder = try VeilProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("veil.yaml").path
        let outcome = try VeilProcess.run(["doctor", "--config", missing])
        #expect(outcome.status == 1, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("configuration", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("FAIL") && line.contains(missing) && line.contains("no such file"), "\(line)")
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func openVINOMissingWithAutoIsOnlyAWarning() throws {
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        let outcome = try setup.doctor(environment: ["VEIL_OPENVINO_DIR": setup.folder.path])
        #expect(outcome.status == 0, "\(outcome.standardOutput)")
        let line = try #require(DoctorSetup.line("inference", in: outcome), "\(outcome.standardOutput)")
        #expect(line.hasPrefix("warning") && line.contains("OpenCV DNN"), "\(line)")
        // On OpenCV the Darknet YOLO is loaded, not the ONNX conversion.
        #expect(DoctorSetup.line("models", in: outcome)?.contains("yolov3-tiny,") == true, "\(outcome.standardOutput)")
    }
}

/// `veil doctor` on a cluster node: the real PostgreSQL answers (nothing written to it), and a
/// node whose clock is 30 s off (libfaketime) is warned, since footage times come from it.
@Suite(.serialized) struct DoctorClusterTests {
    static let faketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1"

    @Test(.enabled(if: FileManager.default.fileExists(atPath: faketime)
                       && FileManager.default.isExecutableFile(atPath: PostgresServer.binaries + "/initdb")))
    func aClusterNodeChecksItsDatabaseAndWarnsOfASkewedClock() throws {
        let postgres = try PostgresServer()
        defer { postgres.stop() }
        let database = try postgres.createDatabase()
        let camera = try RTSPTestServer()
        let setup = try DoctorSetup(cameraURL: camera.url())
        defer { setup.remove() }
        let password = setup.folder.appendingPathComponent("pgpass").path
        try Data((postgres.password + "\n").utf8).write(to: URL(fileURLWithPath: password))
        try Data("""
            cluster:
              database: {host: 127.0.0.1, port: \(postgres.port), name: \(database), user: \(postgres.user), passwordFile: \(password)}
              node: {name: north, advertise: "https://127.0.0.1:8443"}
            web: {listen: "127.0.0.1:0", tls: {selfSigned: true}}

            """.utf8 + (try Data(contentsOf: URL(fileURLWithPath: setup.config)))).write(to: URL(fileURLWithPath: setup.config))

        let fine = try setup.doctor()
        let line = try #require(DoctorSetup.line("cluster database", in: fine), "\(fine.standardOutput)\(fine.standardError)")
        #expect(line.hasPrefix("ok") && line.contains("schema version 0 (veil record migrates it to"), "\(line)")
        #expect(try postgres.sql("SELECT to_regclass('schema_version') IS NULL", database: database) == "t",
                "doctor wrote nothing to the database")

        // 30 s behind, through env(1) so the preloaded binary sees its arguments.
        let skewed = try TestSupport.launch("/usr/bin/env", [VeilProcess.executable.path, "doctor", "--config", setup.config],
                                            environment: ["LD_PRELOAD": Self.faketime, "FAKETIME": "-30s",
                                                          "FAKETIME_DONT_FAKE_MONOTONIC": "1"],
                                            in: VeilProcess.repositoryRoot)
        let warned = try #require(DoctorSetup.line("cluster database", in: skewed.standardOutput), "\(skewed.standardOutput)\(skewed.errors)")
        #expect(warned.hasPrefix("warning") && warned.contains("s behind the cluster database's"), "\(warned)")
        let seconds = Double(warned.components(separatedBy: "clock is ").last?.split(separator: " ").first ?? "") ?? 0
        #expect((28...32).contains(seconds), "\(warned)")

        // A wrong password fails, naming the database and not the password.
        try Data("not-the-password\n".utf8).write(to: URL(fileURLWithPath: password))
        let refused = try setup.doctor()
        #expect(refused.status == 1)
        let failed = try #require(DoctorSetup.line("cluster database", in: refused), "\(refused.standardOutput)")
        #expect(failed.hasPrefix("FAIL") && failed.contains("postgresql://\(postgres.user)@127.0.0.1:\(postgres.port)/\(database)")
                && !failed.contains("not-the-password"), "\(failed)")
    }
}
