// The YAML configuration loader: the input is a `veil.yaml`, loaded from a file and parsed
// and checked as `veil config check` and `veil record` do (every problem collected, never a
// crash); parsed a second time from the repository root, where the seeds' sample exists.
import Foundation
import FuzzSupport
@testable import VeilConfig

/// Relative paths resolve from the repository root, so the seeds' sample camera exists (parsing only looks).
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = FuzzBytes.array(data, count)
    // `load` as `veil config check FILE` runs it: reading (any bytes), then parsing.
    do {
        _ = try VeilConfiguration.load(path: Scratch.write(bytes, to: "veil.yaml"))
    } catch {
        _ = error.description
    }
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let configuration = try VeilConfiguration.parse(yaml: text, source: "fuzz.yaml", baseDirectory: repositoryRoot)
        _ = configuration.cameras.count
    } catch {
        _ = error.description
    }
    return 0
}
