import Testing
import VeilCore
@testable import VeilBenchmark

/// The arithmetic behind `veil bench stages`' table: per-frame and per-call figures, medians,
/// ranges and sealing throughput, from hand-made runs.
@Suite struct StageSummaryTests {
    func run(frames: Int, rawBytes: Int, _ costs: [BenchmarkStage: (wall: Double, cpu: Double, calls: Int)]) -> StageRun {
        var run = StageRun()
        run.frames = frames
        run.rawBytes = rawBytes
        for (stage, cost) in costs {
            var stageCost = StageCost()
            stageCost.wallSeconds = cost.wall
            stageCost.cpuSeconds = cost.cpu
            stageCost.calls = cost.calls
            run.costs[stage] = stageCost
        }
        return run
    }

    @Test func medianOfAnOddAndAnEvenCount() throws {
        let odd = try #require(Spread([3, 1, 2]))
        #expect(odd.median == 2 && odd.lowest == 1 && odd.highest == 3)
        let even = try #require(Spread([4, 1, 3, 2]))
        #expect(even.median == 2.5 && even.lowest == 1 && even.highest == 4)
        #expect(Spread([]) == nil)
    }

    @Test func figuresPerFramePerCallAndSealThroughput() throws {
        let summary = StageSummary(runs: [
            run(frames: 100, rawBytes: 2_000_000, [.decode: (0.2, 0.4, 1), .detect(.person): (2.0, 4.0, 20), .seal: (0.1, 0.02, 1)]),
            run(frames: 100, rawBytes: 2_000_000, [.decode: (0.4, 0.6, 1), .detect(.person): (3.0, 5.0, 20), .seal: (0.05, 0.01, 1)]),
        ])
        #expect(summary.stages == [.decode, .detect(.person), .seal])
        let decode = try #require(summary.wallMillisecondsPerFrame(.decode))
        #expect(abs(decode.median - 3) < 1e-9 && abs(decode.lowest - 2) < 1e-9 && abs(decode.highest - 4) < 1e-9)
        #expect(abs(try #require(summary.cpuMillisecondsPerFrame(.detect(.person))).median - 45) < 1e-9)
        #expect(abs(try #require(summary.wallMillisecondsPerCall(.detect(.person))).median - 125) < 1e-9)
        #expect(summary.calls(.detect(.person)) == 20)
        let seal = try #require(summary.sealMegabytesPerSecond)
        #expect(abs(seal.lowest - 20) < 1e-9 && abs(seal.highest - 40) < 1e-9)
        #expect(abs(try #require(summary.sealMegabytesPerCPUSecond).median - 150) < 1e-9)
        #expect(summary.rawBytesPerFrame == 20_000)
    }

    @Test func stagesInPipelineOrder() {
        let shuffled: [BenchmarkStage] = [.seal, .blur, .detect(.person), .encode, .trackAndPlan, .decode, .detect(.face)]
        #expect(shuffled.sorted() == [.decode, .detect(.face), .detect(.person), .trackAndPlan, .blur, .encode, .seal])
        #expect(shuffled.sorted().map(\.description)
                == ["decode", "detect (face)", "detect (person)", "track/plan", "blur", "encode", "seal"])
    }
}
