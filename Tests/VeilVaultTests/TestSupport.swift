import Foundation
@testable import VeilVault

func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text.filter { !$0.isWhitespace }) else { fatalError("bad hex in test: \(text)") }
    return bytes
}

func secure(_ bytes: [UInt8]) -> SecureBytes { SecureBytes(copying: bytes) }

extension SecureBytes {
    var array: [UInt8] { withUnsafeBytes { Array($0) } }
}
