import Histogram

/// Per-document latency percentiles, in seconds.
///
/// Computed with an HDR histogram at three significant digits: p50, p90 and
/// p99 are the highest value equivalent to the exact percentile at that
/// resolution (so within 0.1% above it); `max` is exact.
public struct LatencyPercentiles: Hashable, Sendable, Codable {
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var max: Double
    /// Document latencies recorded.
    public var count: Int

    public init(p50: Double, p90: Double, p99: Double, max: Double, count: Int) {
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.max = max
        self.count = count
    }

    /// Percentiles of latencies given in nanoseconds; all zero when empty.
    /// - Complexity: O(n) to record, plus the histogram's bucket count per percentile.
    public init<S: Sequence<UInt64>>(nanoseconds latencies: S) {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        for value in latencies { histogram.record(value) }
        guard histogram.totalCount > 0 else {
            self.init(p50: 0, p90: 0, p99: 0, max: 0, count: 0)
            return
        }
        func seconds(_ ns: UInt64) -> Double { Double(ns) / 1e9 }
        self.init(p50: seconds(histogram.valueAtPercentile(50)),
                  p90: seconds(histogram.valueAtPercentile(90)),
                  p99: seconds(histogram.valueAtPercentile(99)),
                  max: seconds(histogram.maxRecorded),
                  count: Int(histogram.totalCount))
    }
}
