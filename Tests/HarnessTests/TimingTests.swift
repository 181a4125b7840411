import Foundation
import Testing
@testable import Harness

/// A clock that returns scripted readings, one per call, so tests know every
/// duration the bookkeeping sees.
final class ScriptedClock: TimeSource, @unchecked Sendable {
    private var readings: [UInt64]
    private var next = 0
    private let lock = NSLock()

    init(_ readings: [UInt64]) { self.readings = readings }

    func nanoseconds() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        precondition(next < readings.count, "the scripted clock ran out of readings")
        next += 1
        return readings[next - 1]
    }

    var readingsTaken: Int { lock.lock(); defer { lock.unlock() }; return next }
}

/// A clock that moves `step` nanoseconds forward on every reading.
final class SteppingClock: TimeSource, @unchecked Sendable {
    private var now: UInt64 = 0
    private let step: UInt64
    private let lock = NSLock()
    init(step: UInt64) { self.step = step }
    func nanoseconds() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        now += step
        return now
    }
}

@Suite("Spread")
struct SpreadTests {
    @Test("median, min and max; the median of an even count is the mean of the middle two")
    func values() {
        #expect(Spread(of: [3, 1, 2]) == Spread(median: 2, min: 1, max: 3))
        #expect(Spread(of: [4, 1, 3, 2]) == Spread(median: 2.5, min: 1, max: 4))
        #expect(Spread(of: [7]) == Spread(median: 7, min: 7, max: 7))
        #expect(Spread(of: []) == Spread(median: 0, min: 0, max: 0))
        #expect(Spread(of: [90, 100, 110]).relativeRange == 0.2)
    }
}

@Suite("Timing bookkeeping")
struct TimingSummaryTests {
    let workload = Workload(documents: 4, tokens: 10_000, characters: 50_000)

    @Test("rates per repeat and their median, minimum and maximum")
    func rates() {
        let second: UInt64 = 1_000_000_000
        let repeats = [2 * second, 1 * second, 4 * second].map {
            RepeatMeasurement(wallNanoseconds: $0, documentNanoseconds: [$0 / 4, $0 / 4, $0 / 4, $0 / 4])
        }
        let summary = TimingSummary(workload: workload, repeats: repeats, warmups: 2)
        #expect(summary.repeatThroughput.map(\.tokensPerSecond) == [5000, 10_000, 2500])
        #expect(summary.tokensPerSecond == Spread(median: 5000, min: 2500, max: 10_000))
        #expect(summary.charactersPerSecond == Spread(median: 25_000, min: 12_500, max: 50_000))
        #expect(summary.documentsPerSecond == Spread(median: 2, min: 1, max: 4))
        #expect(summary.wallSeconds == Spread(median: 2, min: 1, max: 4))
        #expect(summary.warmups == 2)
        #expect(summary.jobs == 1)
        #expect(summary.latency.count == 12)
    }

    @Test("a zero duration gives zero rates, never infinity")
    func zeroDuration() {
        let t = Throughput(workload, nanoseconds: 0)
        #expect(t.tokensPerSecond == 0 && t.charactersPerSecond == 0 && t.documentsPerSecond == 0)
    }

    @Test("latency percentiles agree with exact nearest-rank percentiles within the histogram's 0.1%")
    func percentiles() {
        // 1, 2, …, 100 milliseconds.
        let latencies = (1...100).map { UInt64($0) * 1_000_000 }
        let p = LatencyPercentiles(nanoseconds: latencies)
        #expect(p.count == 100)
        #expect(p.max == 0.1)  // exact
        for (value, exact) in [(p.p50, 0.050), (p.p90, 0.090), (p.p99, 0.099)] {
            #expect(value >= exact && value <= exact * 1.001, "\(value) vs \(exact)")
        }

        // A skewed sample: most documents fast, a long tail.
        var generator = SystemRandomNumberGenerator()
        let sample = (0..<10_000).map { _ in
            UInt64(Double.random(in: 0..<1, using: &generator).squareRoot() * 1e7 + pow(Double.random(in: 0..<1, using: &generator), 8) * 5e8)
        }
        let sorted = sample.sorted()
        let q = LatencyPercentiles(nanoseconds: sample)
        func nearestRank(_ percent: Double) -> Double {
            Double(sorted[Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1]) / 1e9
        }
        for (value, exact) in [(q.p50, nearestRank(50)), (q.p90, nearestRank(90)), (q.p99, nearestRank(99))] {
            #expect(value >= exact && value <= exact * 1.001 + 1e-9, "\(value) vs \(exact)")
        }
        #expect(q.max == Double(sorted.last!) / 1e9)
        #expect(LatencyPercentiles(nanoseconds: []) == LatencyPercentiles(p50: 0, p90: 0, p99: 0, max: 0, count: 0))
    }

    @Test("slowest documents by their median over repeats")
    func slowest() {
        let repeats = [
            RepeatMeasurement(wallNanoseconds: 100, documentNanoseconds: [10, 50, 30, 5]),
            RepeatMeasurement(wallNanoseconds: 100, documentNanoseconds: [10, 20, 35, 5]),
            RepeatMeasurement(wallNanoseconds: 100, documentNanoseconds: [90, 21, 31, 5]),
        ]
        let summary = TimingSummary(workload: workload, repeats: repeats)
        let slowest = summary.slowestDocuments(2)
        #expect(slowest.map(\.document) == [2, 1])
        #expect(slowest.map(\.seconds) == [31e-9, 21e-9])
        #expect(summary.slowestDocuments(10).count == 4)
    }

    @Test("a summary survives a JSON round trip")
    func codable() throws {
        let repeats = [RepeatMeasurement(wallNanoseconds: 1_000, documentNanoseconds: [200, 300, 100, 400])]
        let summary = TimingSummary(workload: workload, repeats: repeats, warmups: 1, jobs: 2)
        let decoded = try JSONDecoder().decode(TimingSummary.self, from: JSONEncoder().encode(summary))
        #expect(decoded == summary)
    }
}

@Suite("Timed runs")
struct TimedRunTests {
    @Test("warm-ups run but are not recorded; each document's latency and the pass time come from the clock")
    func singleThreaded() throws {
        let workload = Workload(documents: 3, tokens: 300, characters: 1200)
        // Per repeat: pass start, then before/after per document, then pass end.
        let clock = ScriptedClock([
            0, 1_000, 3_000, 3_000, 7_000, 7_500, 8_500, 9_000,          // repeat 1
            10_000, 10_000, 11_000, 11_000, 12_000, 12_000, 13_000, 13_000, // repeat 2
        ])
        var calls: [Int] = []
        let summary = TimedRun.measure(workload, plan: RepeatPlan(warmups: 2, repeats: 2), clock: clock) { i in
            calls.append(i)
        }
        #expect(calls == [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2])
        #expect(clock.readingsTaken == 16)
        #expect(summary.repeats == [
            RepeatMeasurement(wallNanoseconds: 9_000, documentNanoseconds: [2_000, 4_000, 1_000]),
            RepeatMeasurement(wallNanoseconds: 3_000, documentNanoseconds: [1_000, 1_000, 1_000]),
        ])
        #expect(summary.tokensPerSecond.max == 100_000_000)  // 300 tokens in 3 µs
        #expect(summary.documentsPerSecond.min == 3 / 9e-6)
        #expect(summary.warmups == 2)
    }

    @Test("an error from the extraction stops the run")
    func errorStops() {
        struct Broken: Error {}
        var calls = 0
        #expect(throws: Broken.self) {
            _ = try TimedRun.measure(Workload(documents: 5, tokens: 5, characters: 5),
                                     plan: RepeatPlan(warmups: 0, repeats: 3), clock: SteppingClock(step: 1)) { i in
                calls += 1
                if i == 2 { throw Broken() }
            }
        }
        #expect(calls == 3)
    }

    @Test("concurrent workers visit every document once per pass")
    func concurrent() throws {
        let visits = VisitCounter(documents: 50)
        let summary = try TimedRun.measureConcurrently(
            Workload(documents: 50, tokens: 500, characters: 2000), plan: RepeatPlan(warmups: 1, repeats: 3),
            jobs: 4, clock: SteppingClock(step: 10)) { i in visits.visit(i) }
        #expect(visits.counts == Array(repeating: 4, count: 50))
        #expect(summary.jobs == 4)
        #expect(summary.repeats.count == 3)
        #expect(summary.repeats.allSatisfy { $0.documentNanoseconds.count == 50 && $0.documentNanoseconds.allSatisfy { $0 > 0 } })
        #expect(summary.latency.count == 150)
    }

    @Test("an error in one worker stops the pool and is rethrown")
    func concurrentError() {
        struct Broken: Error {}
        #expect(throws: Broken.self) {
            _ = try TimedRun.measureConcurrently(
                Workload(documents: 100, tokens: 1, characters: 1), plan: RepeatPlan(warmups: 0, repeats: 1),
                jobs: 3) { i in if i == 10 { throw Broken() } }
        }
    }

    @Test("the monotonic clock does not go backwards and measures a sleep")
    func monotonic() {
        let clock = MonotonicClock()
        let a = clock.nanoseconds()
        let (_, seconds) = clock.measure { usleep(20_000) }
        #expect(clock.nanoseconds() >= a)
        #expect(seconds >= 0.019)  // a lower bound only: sleeps may overrun
    }
}

final class VisitCounter: @unchecked Sendable {
    private var storage: [Int]
    private let lock = NSLock()
    init(documents: Int) { storage = Array(repeating: 0, count: documents) }
    func visit(_ i: Int) { lock.lock(); storage[i] += 1; lock.unlock() }
    var counts: [Int] { lock.lock(); defer { lock.unlock() }; return storage }
}

@Suite("Process memory and machine")
struct MachineTests {
    @Test("status fields are read in bytes")
    func statusParsing() {
        let status = "Name:\tmizan\nVmPeak:\t  3060 kB\nVmHWM:\t    1612 kB\nVmRSS:\t  1500 kB\nThreads:\t4\n"
        #expect(ProcessMemory.statusField("VmHWM", in: status) == 1612 * 1024)
        #expect(ProcessMemory.statusField("VmRSS", in: status) == 1500 * 1024)
        #expect(ProcessMemory.statusField("Threads", in: status) == 4)
        #expect(ProcessMemory.statusField("VmSwap", in: status) == nil)
        #expect(ProcessMemory.statusField("MemTotal", in: "MemTotal:       24578112 kB\n") == 24_578_112 * 1024)
    }

    @Test("the peak follows a large allocation, and can be reset", .enabled(if: FileManager.default.fileExists(atPath: "/proc/self/status")))
    func peakMemory() throws {
        let before = try #require(ProcessMemory.peakResidentBytes())
        let size = 256 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        // Touch every page so that it becomes resident.
        for offset in stride(from: 0, to: size, by: 4096) { block.storeBytes(of: 1, toByteOffset: offset, as: UInt8.self) }
        let during = try #require(ProcessMemory.peakResidentBytes())
        #expect(during >= before)
        block.deallocate()
        let resident = try #require(ProcessMemory.residentBytes())
        // glibc returns blocks this large to the system at once.
        #expect(resident < during - (128 << 20), "resident \(resident) after freeing, peak \(during)")
        if ProcessMemory.resetPeak() {
            let after = try #require(ProcessMemory.peakResidentBytes())
            #expect(after < during - (128 << 20), "peak \(after) after reset, was \(during)")
        }
    }

    @Test("CPU model from x86 and ARM /proc/cpuinfo")
    func cpuModel() {
        let x86 = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\nflags\t\t: fpu\n"
        #expect(MachineDescription.cpuModel(cpuinfo: x86) == "Intel(R) Xeon(R) CPU @ 2.20GHz")
        let arm = "processor\t: 0\nBogoMIPS\t: 108.00\nCPU part\t: 0xd40\n\nHardware\t: BCM2835\nModel\t\t: Raspberry Pi 4 Model B\n"
        #expect(MachineDescription.cpuModel(cpuinfo: arm) == "BCM2835")
        #expect(MachineDescription.cpuModel(cpuinfo: "") == nil)
    }

    @Test("this machine is described")
    func current() {
        let machine = MachineDescription.current()
        #expect(machine.logicalCores >= 1)
        #expect(machine.availableCores >= 1 && machine.availableCores <= machine.logicalCores)
        #expect(machine.memoryBytes > 0)
        #expect(!machine.cpuModel.isEmpty)
        #expect(!machine.architecture.isEmpty)
        #expect(machine.description.contains("GiB"))
    }
}
