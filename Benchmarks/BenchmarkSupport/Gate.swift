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
///   thread CPU clock (nanoseconds): `tokensPerCPUSecond` for work counted in
///   tokens, `threadCPUMicroseconds` otherwise. Other processes disturb it much
///   less than wall time, so it is the speed gate;
/// - wall time is recorded and gated only against large slowdowns;
/// - peak resident memory is sampled by a thread every 10 ms, and that thread
///   allocates about four times per sample, which makes the malloc count of the
///   same benchmark drift with wall time. So memory is measured only by the
///   benchmarks that are about memory (`memory: true`), whose malloc tolerance
///   is relative and wide enough for the sampler.
public enum Gate {
    /// Tokens (or other work units) per second of the benchmark thread's CPU
    /// time: the one-core rate that other processes disturb least.
    public static let tokensPerCPUSecond = BenchmarkMetric.custom("tokensPerCPUSecond", polarity: .prefersLarger, useScalingFactor: false)

    /// CPU time of the benchmark thread per iteration, in microseconds.
    public static let threadCPUMicroseconds = BenchmarkMetric.custom("threadCPUMicroseconds", polarity: .prefersSmaller, useScalingFactor: false)

    /// Allowed deviation of the p90 from the stored threshold, in percent.
    public static func tolerance(_ metric: BenchmarkMetric, memory: Bool) -> Double {
        switch metric {
        case .mallocCountTotal: return memory ? 3 : 0.5
        case .peakMemoryResident: return 15
        case Gate.tokensPerCPUSecond, Gate.threadCPUMicroseconds: return 30
        case .wallClock: return 75
        default: return 30
        }
    }

    /// The metrics of a benchmark: wall time, malloc count, the thread CPU figure,
    /// and peak resident memory when `memory` is set.
    public static func metrics(countsTokens: Bool, memory: Bool) -> [BenchmarkMetric] {
        [.wallClock, countsTokens ? tokensPerCPUSecond : threadCPUMicroseconds, .mallocCountTotal]
            + (memory ? [.peakMemoryResident] : [])
    }

    /// A configuration with a relative p90 tolerance for every metric (a metric
    /// without one would be checked strictly and flap). One iteration is one run
    /// of the benchmark's body (scaling factor one).
    ///
    /// - Parameters:
    ///   - countsTokens: the body measures with `measuringUnitsPerCPUSecond`
    ///     (else with `measuringThreadCPU`).
    ///   - memory: also sample peak resident memory.
    public static func configuration(
        countsTokens: Bool = true, memory: Bool = false, timeUnits: BenchmarkTimeUnits = .milliseconds,
        warmupIterations: Int = 1, maxDuration: Duration = .seconds(5), maxIterations: Int = 25
    ) -> Benchmark.Configuration {
        let metrics = metrics(countsTokens: countsTokens, memory: memory)
        var thresholds: [BenchmarkMetric: BenchmarkThresholds] = [:]
        for metric in metrics {
            thresholds[metric] = BenchmarkThresholds(relative: [.p90: tolerance(metric, memory: memory)])
        }
        return .init(metrics: metrics, timeUnits: timeUnits, warmupIterations: warmupIterations,
                     scalingFactor: .one, maxDuration: maxDuration, maxIterations: maxIterations,
                     thresholds: thresholds)
    }
}

/// CPU time of the calling thread, in nanoseconds.
public func threadCPUNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

extension Benchmark {
    /// Runs `body` once per scaled iteration and records `units` per iteration
    /// divided by the thread CPU time taken, as `Gate.tokensPerCPUSecond`.
    public func measuringUnitsPerCPUSecond(_ units: Int, _ body: () throws -> Void) rethrows {
        let start = threadCPUNanoseconds()
        var iterations = 0
        for _ in scaledIterations {
            try body()
            iterations += 1
        }
        let elapsed = max(threadCPUNanoseconds() - start, 1)
        measurement(Gate.tokensPerCPUSecond, Int(Double(units * iterations) * 1e9 / Double(elapsed)))
    }

    /// Runs `body` once per scaled iteration and records the thread CPU time per
    /// iteration, as `Gate.threadCPUMicroseconds`.
    public func measuringThreadCPU(_ body: () throws -> Void) rethrows {
        let start = threadCPUNanoseconds()
        var iterations = 0
        for _ in scaledIterations {
            try body()
            iterations += 1
        }
        let elapsed = threadCPUNanoseconds() - start
        measurement(Gate.threadCPUMicroseconds, Int(elapsed / 1_000 / UInt64(max(iterations, 1))))
    }
}
