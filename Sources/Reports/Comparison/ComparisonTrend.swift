import Foundation
import Harness

/// F1 and tokens/s of the current run's competitors over the recorded runs,
/// oldest first, for the Trend sheet and the trend section of the text report.
///
/// Built from the history's trend points (`HistoryStore.trend`); a run marks
/// where the corpus differs from the current run's, and which competitors'
/// configurations changed since the run before, so that a jump in a line is
/// read as a change of input rather than of the extractor.
public struct ComparisonTrend: Hashable, Sendable {
    public struct Run: Hashable, Sendable {
        public var id: String
        public var time: Date
        /// F1 (overall, the history's scheme) and median tokens/s per competitor, in `competitors` order; nil when absent.
        public var f1: [Double?]
        public var tokensPerSecond: [Double?]
        /// The run scored another corpus than the current run.
        public var otherCorpus: Bool
        /// Competitors whose configuration hash differs from the previous run's.
        public var changed: [String]
    }

    /// One competitor in one recorded run.
    public struct Point: Hashable, Sendable {
        public var runId: String
        public var time: Date
        public var corpusHash: String
        public var competitor: String
        public var configurationHash: String
        public var f1: Double?
        public var tokensPerSecond: Double?

        public init(runId: String, time: Date, corpusHash: String, competitor: String, configurationHash: String,
                    f1: Double?, tokensPerSecond: Double?) {
            self.runId = runId
            self.time = time
            self.corpusHash = corpusHash
            self.competitor = competitor
            self.configurationHash = configurationHash
            self.f1 = f1
            self.tokensPerSecond = tokensPerSecond
        }
    }

    public var competitors: [String]
    public var runs: [Run]

    /// The trend from the history's points (`HistoryStore.trend`).
    public init(history points: [HistoryStore.TrendPoint], results: ComparisonResults) {
        self.init(points: points.map {
            Point(runId: $0.runId, time: $0.time, corpusHash: $0.corpusHash, competitor: $0.competitor,
                  configurationHash: $0.configurationHash, f1: $0.f1, tokensPerSecond: $0.tokensPerSecond)
        }, results: results)
    }

    /// The trend of `results`' competitors in `points` (any order of runs; oldest first after building).
    public init(points: [Point], results: ComparisonResults) {
        competitors = results.competitors.map(\.name)
        let index = Dictionary(uniqueKeysWithValues: competitors.enumerated().map { ($1, $0) })
        var byRun: [String: Run] = [:]
        var order: [String] = []
        var previousHash: [String: String] = [:]
        for p in points.sorted(by: { ($0.time, $0.runId) < ($1.time, $1.runId) }) {
            guard let k = index[p.competitor] else { continue }
            if byRun[p.runId] == nil {
                order.append(p.runId)
                byRun[p.runId] = Run(id: p.runId, time: p.time, f1: Array(repeating: nil, count: competitors.count),
                                     tokensPerSecond: Array(repeating: nil, count: competitors.count),
                                     otherCorpus: p.corpusHash != results.data.contentHash, changed: [])
            }
            byRun[p.runId]!.f1[k] = p.f1
            byRun[p.runId]!.tokensPerSecond[k] = p.tokensPerSecond
            if let before = previousHash[p.competitor], before != p.configurationHash {
                byRun[p.runId]!.changed.append(p.competitor)
            }
            previousHash[p.competitor] = p.configurationHash
        }
        runs = order.map { byRun[$0]! }
    }

    /// "other corpus; changed: rules, hybrid", or "".
    public func remark(_ run: Run) -> String {
        var parts: [String] = []
        if run.otherCorpus { parts.append("other corpus") }
        if !run.changed.isEmpty { parts.append("changed: " + run.changed.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
