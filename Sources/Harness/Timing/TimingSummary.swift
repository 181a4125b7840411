/// One measured pass over the workload.
public struct RepeatMeasurement: Hashable, Sendable, Codable {
    /// The whole pass, first document started to last finished.
    public var wallNanoseconds: UInt64
    /// Each document's own time, in document order.
    public var documentNanoseconds: [UInt64]

    public init(wallNanoseconds: UInt64, documentNanoseconds: [UInt64]) {
        self.wallNanoseconds = wallNanoseconds
        self.documentNanoseconds = documentNanoseconds
    }

    public var wallSeconds: Double { Double(wallNanoseconds) / 1e9 }
}

/// Everything measured about one competitor's extraction speed: the repeats,
/// their rates summarised as median/min/max, and per-document latency
/// percentiles pooled over the measured repeats (warm-ups are not recorded).
///
/// Rates use each pass's wall time, so with several workers they are the
/// throughput of the pool, while latencies stay per document.
public struct TimingSummary: Hashable, Sendable, Codable {
    public var workload: Workload
    public var warmups: Int
    /// Worker threads the passes ran on (1: single-threaded).
    public var jobs: Int
    public var repeats: [RepeatMeasurement]
    /// The rates of each repeat, in repeat order.
    public var repeatThroughput: [Throughput]
    public var tokensPerSecond: Spread
    public var charactersPerSecond: Spread
    public var documentsPerSecond: Spread
    public var wallSeconds: Spread
    public var latency: LatencyPercentiles

    /// Summarises measured repeats of `workload`.
    /// - Complexity: O(repeats × documents).
    public init(workload: Workload, repeats: [RepeatMeasurement], warmups: Int = 0, jobs: Int = 1) {
        self.workload = workload
        self.warmups = warmups
        self.jobs = jobs
        self.repeats = repeats
        repeatThroughput = repeats.map { Throughput(workload, nanoseconds: $0.wallNanoseconds) }
        tokensPerSecond = Spread(of: repeatThroughput.map(\.tokensPerSecond))
        charactersPerSecond = Spread(of: repeatThroughput.map(\.charactersPerSecond))
        documentsPerSecond = Spread(of: repeatThroughput.map(\.documentsPerSecond))
        wallSeconds = Spread(of: repeats.map(\.wallSeconds))
        latency = LatencyPercentiles(nanoseconds: repeats.lazy.flatMap(\.documentNanoseconds))
    }

    /// The `count` slowest documents by their median time over the repeats,
    /// slowest first (ties by document index).
    /// - Complexity: O(documents × repeats log repeats + documents log documents).
    public func slowestDocuments(_ count: Int) -> [(document: Int, seconds: Double)] {
        let documents = repeats.map(\.documentNanoseconds.count).min() ?? 0
        let medians = (0..<documents).map { d in
            (document: d, seconds: Spread(of: repeats.map { Double($0.documentNanoseconds[d]) / 1e9 }).median)
        }
        return Array(medians.sorted { $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.document < $1.document }
            .prefix(Swift.max(0, count)))
    }
}
