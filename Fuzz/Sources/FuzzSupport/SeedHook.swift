import Foundation

/// How a harness writes its seed corpus from the project's own code (`Fuzz/make-seeds.sh`):
/// started with `VEIL_FUZZ_WRITE_SEEDS=DIR`, the harness's `LLVMFuzzerInitialize` writes each
/// seed to DIR and exits before fuzzing begins.
public enum SeedHook {
    public static func writeSeedsIfAsked(_ makeSeeds: () throws -> [String: [UInt8]]) {
        guard let directory = ProcessInfo.processInfo.environment["VEIL_FUZZ_WRITE_SEEDS"] else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (name, bytes) in try makeSeeds() {
                try Data(bytes).write(to: URL(fileURLWithPath: directory + "/" + name))
                print("seed \(directory)/\(name): \(bytes.count) bytes")
            }
            exit(0)
        } catch {
            print("writing seeds failed: \(error)")
            exit(1)
        }
    }
}
