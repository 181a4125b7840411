import Benchmark
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How Mizan's benchmarks are measured and gated, in one place so that every
/// target uses the same metrics and tolerances.
///
/// `swift package benchmark thresholds check --path Thresholds` compares the p90
/// of each metric of a fresh run with the p90 stored in `Thresholds/` and fails
/// when it is worse by more than the metric's tolerance below (an improvement
/// beyond it is reported too, and also makes the command exit non-zero: read
/// its output, or use scripts/check). Facts of this machine (2 cores shared with
/// other builds) that shape the choice:
/// - malloc counts are exact when nothing samples the process: they are the
///   tight gate, and load cannot move them;
/// - the framework's `cpuTotal` comes from /proc in 10 ms ticks, too coarse for
///   iterations of a few milliseconds, so CPU time is measured here with the
///   process CPU clock (nanoseconds): `tokensPerCPUSecond` for work counted in
///   tokens, `cpuMicroseconds` otherwise. Other processes disturb it less
///   than wall time (up to 2× here, against 3×), so it is the speed gate, but
///   on this machine only against gross slowdowns (`cpuSlowdown`);
/// - wall time is recorded and gated only against larger ones (`wallSlowdown`);
/// - peak resident memory is sampled by a thread every 10 ms (so a transient
///   peak, as in training, is caught or not: up to 15% apart), and that thread
///   allocates about four times per sample, which makes the malloc count of the
///   same benchmark drift with wall time. So memory is measured only by the
///   benchmarks that are about memory (`memory: true`), whose malloc tolerance
///   is relative and wide enough for the sampler.
public enum Gate {
    /// Tokens (or other work units) per second of CPU time: the one-core rate
    /// that other processes disturb least.
    public static let tokensPerCPUSecond = BenchmarkMetric.custom("tokensPerCPUSecond", polarity: .prefersLarger, useScalingFactor: false)

    /// CPU time per iteration, in microseconds.
    public static let cpuMicroseconds = BenchmarkMetric.custom("cpuMicroseconds", polarity: .prefersSmaller, useScalingFactor: false)

    /// The slowdown of CPU time that fails the gate. Measured here: the p90 of
    /// the CPU figures of unchanged code moved by up to 2× between a run at load
    /// average 4 and one at load average 9 (other processes thrash the caches
    /// that the measured code shares with them, and a virtual machine's CPU
    /// clock also counts time the host gave to others).
    public static let cpuSlowdown = 2.5
    /// The slowdown of wall time that fails the gate: the p90 of wall time of
    /// unchanged code moved by up to 3× between the same two runs.
    public static let wallSlowdown = 4.0

    /// Allowed deviation of the p90 from the stored threshold, in percent. For a
    /// metric where larger is better the framework measures the drop (a slowdown
    /// by f drops tokens/s by 1 − 1/f), otherwise the rise (f − 1).
    public static func tolerance(_ metric: BenchmarkMetric, memory: Bool) -> Double {
        switch metric {
        case .mallocCountTotal: return memory ? 2 : 0.5
        case .peakMemoryResident: return 25
        case Gate.tokensPerCPUSecond: return 100 * (1 - 1 / cpuSlowdown)
        case Gate.cpuMicroseconds: return 100 * (cpuSlowdown - 1)
        case .wallClock: return 100 * (wallSlowdown - 1)
        default: return 50
        }
    }

    /// The metrics of a benchmark: wall time, malloc count, the CPU figure,
    /// and peak resident memory when `memory` is set.
    public static func metrics(countsTokens: Bool, memory: Bool) -> [BenchmarkMetric] {
        [.wallClock, countsTokens ? tokensPerCPUSecond : cpuMicroseconds, .mallocCountTotal]
            + (memory ? [.peakMemoryResident] : [])
    }

    /// A configuration with a relative p90 tolerance for every metric (a metric
    /// without one would be checked strictly and flap). One iteration is one run
    /// of the benchmark's body (scaling factor one).
    ///
    /// - Parameters:
    ///   - countsTokens: the body measures with `measuringUnitsPerCPUSecond`
    ///     (else with `measuringCPU`).
    ///   - memory: also sample peak resident memory.
    ///   - mallocTolerance: a wider malloc tolerance (percent) for a benchmark
    ///     whose allocations vary from run to run.
    public static func configuration(
        countsTokens: Bool = true, memory: Bool = false, mallocTolerance: Double? = nil,
        timeUnits: BenchmarkTimeUnits = .microseconds,
        warmupIterations: Int = 1, maxDuration: Duration = .seconds(5), maxIterations: Int = 25
    ) -> Benchmark.Configuration {
        let metrics = metrics(countsTokens: countsTokens, memory: memory)
        var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [:]
        for metric in metrics {
            let allowed = metric == .mallocCountTotal ? mallocTolerance ?? tolerance(metric, memory: memory) : tolerance(metric, memory: memory)
            thresholds[metric] = BenchmarkThresholds(relative: [.p90: allowed])
        }
        return .init(metrics: metrics, timeUnits: timeUnits, warmupIterations: warmupIterations,
                     scalingFactor: .one, maxDuration: maxDuration, maxIterations: maxIterations,
                     thresholds: thresholds)
    }
}

/// CPU time of the process (all its threads), in nanoseconds: all threads, so
/// that code that works on several is measured whole. The framework's memory
/// sampler, when a benchmark asks for memory, adds well under 1% to it.
public func processCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

extension Benchmark {
    /// Runs `body` `passes` times per scaled iteration and records `units` per
    /// pass divided by the CPU time taken, as `Gate.tokensPerCPUSecond`.
    ///
    /// A body that takes a few milliseconds is run several times per iteration
    /// (`passes`), so that an iteration lasts some 30 ms or more: shorter ones
    /// are at the mercy of the scheduler's time slices on a busy machine (a 2 ms
    /// body measured 9 ms at p90 while a build ran). Malloc counts and wall time
    /// are per iteration, that is for all its passes.
    public func measuringUnitsPerCPUSecond(_ units: Int, passes: Int = 1, _ body: () throws -> Void) rethrows {
        let start = processCPUNanoseconds()
        var runs = 0
        for _ in scaledIterations {
            for _ in 0..<passes { try body() }
            runs += passes
        }
        let elapsed = max(processCPUNanoseconds() - start, 1)
        measurement(Gate.tokensPerCPUSecond, Int(Double(units * runs) * 1e9 / Double(elapsed)))
    }

    /// Runs `body` `passes` times per scaled iteration and records the CPU time
    /// per pass, as `Gate.cpuMicroseconds` (see `measuringUnitsPerCPUSecond`
    /// for `passes`).
    public func measuringCPU(passes: Int = 1, _ body: () throws -> Void) rethrows {
        let start = processCPUNanoseconds()
        var runs = 0
        for _ in scaledIterations {
            for _ in 0..<passes { try body() }
            runs += passes
        }
        let elapsed = processCPUNanoseconds() - start
        measurement(Gate.cpuMicroseconds, Int(elapsed / 1_000 / UInt64(max(runs, 1))))
    }
}
