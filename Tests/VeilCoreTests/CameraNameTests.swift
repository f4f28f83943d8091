import Testing
import VeilCore

/// One rule for camera names: what the configuration, the vault and the archive all accept.
@Suite struct CameraNameTests {
    @Test(arguments: ["lobby", "cam1", "lobby-2", "library-walk", "a", "0door", "back_yard", String(repeating: "a", count: 64)])
    func accepted(_ name: String) {
        #expect(CameraName.isValid(name))
    }

    @Test(arguments: ["", "Lobby", "Lobby Cam", "lobby.2", ".hidden", "..", "../etc", "no/slashes", "-flag", "_lobby",
                      "caméra", String(repeating: "a", count: 65)])
    func rejected(_ name: String) {
        #expect(!CameraName.isValid(name))
    }
}
