import Corpus
import Foundation
import Scoring

/// One recorded comparison run: what was run, on what, where, and every figure
/// needed to compare it with another run later (scores, timings, and the
/// per-document counts that paired significance tests resample).
///
/// The same value is stored in the history database (`HistoryStore`) and written
/// as a baseline file (`Benchmarks/baseline.json`, see `RunRecord+File.swift`).
/// docs/HISTORY.md documents every field.
///
/// Invariants (checked by `validate()`, which `HistoryStore.record(_:)` and
/// `write(to:)` call): competitor names are unique; every figure is finite;
/// a competitor's per-document counts sum, type by type, to the counts of its
/// scores under `scheme`.
public struct RunRecord: Hashable, Sendable, Codable {
    /// A unique, sortable identifier such as `20251130-142501-7f3a` (UTC time and
    /// four random hex digits; see `makeID(time:)`).
    public var id: String
    /// When the run started, to the millisecond (finer parts are dropped so that
    /// the database and the JSON file give back exactly the same value).
    public var time: Date {
        get { _time }
        set { _time = Self.millisecondPrecision(newValue) }
    }
    private var _time: Date
    /// The source tree the run was made from; nil outside a git checkout.
    public var git: GitState?
    /// `Mizan.version` of the binary that made the run.
    public var mizanVersion: String
    public var machine: Machine
    public var corpus: CorpusIdentity
    /// The seed of the run's bootstrap and randomized tests.
    public var seed: UInt64
    /// The scheme of the per-document counts, and therefore of the regression
    /// gate and of paired tests: `conll` unless the harness chose `strict`.
    /// Overall per-document counts are the sum over types, which is what both of
    /// these schemes report overall.
    public var scheme: Scheme
    /// Every competitor of the run, in report order.
    public var competitors: [Competitor]

    public init(id: String, time: Date, git: GitState?, mizanVersion: String, machine: Machine,
                corpus: CorpusIdentity, seed: UInt64, scheme: Scheme = .conll, competitors: [Competitor]) {
        self.id = id
        self._time = Self.millisecondPrecision(time)
        self.git = git
        self.mizanVersion = mizanVersion
        self.machine = machine
        self.corpus = corpus
        self.seed = seed
        self.scheme = scheme
        self.competitors = competitors
    }

    /// The competitor called `name`, if the run has one.
    public func competitor(named name: String) -> Competitor? {
        competitors.first { $0.name == name }
    }

    /// Whole milliseconds since 1970, the precision at which times are kept.
    public var timeMilliseconds: Int64 { Int64((time.timeIntervalSince1970 * 1000).rounded()) }

    static func millisecondPrecision(_ date: Date) -> Date {
        Self.date(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    static func date(milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    enum CodingKeys: String, CodingKey {
        case id, time, git, mizanVersion, machine, corpus, seed, scheme, competitors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  time: try c.decode(Date.self, forKey: .time),
                  git: try c.decodeIfPresent(GitState.self, forKey: .git),
                  mizanVersion: try c.decode(String.self, forKey: .mizanVersion),
                  machine: try c.decode(Machine.self, forKey: .machine),
                  corpus: try c.decode(CorpusIdentity.self, forKey: .corpus),
                  seed: try c.decode(UInt64.self, forKey: .seed),
                  scheme: try c.decode(Scheme.self, forKey: .scheme),
                  competitors: try c.decode([Competitor].self, forKey: .competitors))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(time, forKey: .time)
        try c.encodeIfPresent(git, forKey: .git)
        try c.encode(mizanVersion, forKey: .mizanVersion)
        try c.encode(machine, forKey: .machine)
        try c.encode(corpus, forKey: .corpus)
        try c.encode(seed, forKey: .seed)
        try c.encode(scheme, forKey: .scheme)
        try c.encode(competitors, forKey: .competitors)
    }
}

extension RunRecord {
    /// The commit a run was made from, and whether the tree had uncommitted changes.
    public struct GitState: Hashable, Sendable, Codable {
        /// Full hexadecimal commit hash.
        public var commit: String
        /// True when tracked files differed from the commit.
        public var dirty: Bool

        public init(commit: String, dirty: Bool) {
            self.commit = commit
            self.dirty = dirty
        }

        /// `abc1234` or `abc1234+dirty`.
        public var short: String { String(commit.prefix(7)) + (dirty ? "+dirty" : "") }
    }

    /// The computer a run was timed on. Throughput is compared only between runs
    /// on the same `cpu` with the same number of `cores` (`isSameHardware`).
    public struct Machine: Hashable, Sendable, Codable {
        public var host: String
        public var os: String
        /// CPU model name, e.g. `AMD EPYC 7B13`.
        public var cpu: String
        /// Logical processors available to the process.
        public var cores: Int
        /// Physical memory in bytes.
        public var memoryBytes: Int64

        public init(host: String, os: String, cpu: String, cores: Int, memoryBytes: Int64) {
            self.host = host
            self.os = os
            self.cpu = cpu
            self.cores = cores
            self.memoryBytes = memoryBytes
        }

        /// Whether timings from the two machines can be compared: same CPU model
        /// and core count (host names change from one CI container to the next).
        public func isSameHardware(as other: Machine) -> Bool {
            cpu == other.cpu && cores == other.cores
        }
    }

    /// The gold set a run was scored on. Two runs are paired document by
    /// document only when their `contentHash` is the same.
    public struct CorpusIdentity: Hashable, Sendable, Codable {
        /// As given on the command line (for people; not compared).
        public var path: String
        /// A hash of the texts and gold annotations of the evaluated split,
        /// computed by the harness; equal hashes mean the same documents and gold.
        public var contentHash: String
        public var documents: Int
        public var tokens: Int

        public init(path: String, contentHash: String, documents: Int, tokens: Int) {
            self.path = path
            self.contentHash = contentHash
            self.documents = documents
            self.tokens = tokens
        }
    }

    /// A scoring scheme, as data: `conll` (conlleval/seqeval exact span and type),
    /// and the four SemEval-2013 schemes of nervaluate (`strict`, `exact`,
    /// `partial`, `type`). The set is open so that a later scheme can be stored.
    public struct Scheme: RawRepresentable, Hashable, Comparable, Sendable, Codable,
                          CustomStringConvertible, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ name: String) { self.rawValue = name }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
        public static func < (a: Scheme, b: Scheme) -> Bool { a.order < b.order }

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(rawValue)
        }

        public static let conll: Scheme = "conll"
        public static let strict: Scheme = "strict"
        public static let exact: Scheme = "exact"
        public static let partial: Scheme = "partial"
        public static let type: Scheme = "type"
        /// The five schemes in report order.
        public static let all: [Scheme] = [.conll, .strict, .exact, .partial, .type]

        /// Schemes whose overall counts are the sum of the per-type counts, so
        /// that per-document counts by type also give the overall figure.
        public var isAdditive: Bool { self == .conll || self == .strict }

        private var order: (Int, String) { (Self.all.firstIndex(of: self) ?? Self.all.count, rawValue) }
    }
}

extension RunRecord {
    /// One competitor of a run: a Mizan configuration or the saved output of an
    /// outside system.
    public struct Competitor: Hashable, Sendable, Codable {
        public enum Kind: String, Hashable, Sendable, Codable {
            /// A Mizan extractor configuration that the harness ran (and timed).
            case configuration
            /// Saved predictions of another system (no timings).
            case outsideSystem = "outside-system"
        }

        /// The configuration's name (file stem) or the system's `--system` name.
        public var name: String
        public var kind: Kind
        /// A hash of the configuration's settings (for an outside system, of its
        /// prediction files). A different hash means a deliberately different
        /// competitor: the gate reports it as a change, not as a regression.
        public var configurationHash: String
        /// Scores under each scheme the harness computed, in report order.
        public var scores: [SchemeScores]
        /// Extraction timings; nil for an outside system.
        public var timings: Timings?
        /// Per-document counts under the run's `scheme`, for paired tests.
        public var documentCounts: DocumentCounts

        public init(name: String, kind: Kind, configurationHash: String, scores: [SchemeScores],
                    timings: Timings?, documentCounts: DocumentCounts) {
            self.name = name
            self.kind = kind
            self.configurationHash = configurationHash
            self.scores = scores
            self.timings = timings
            self.documentCounts = documentCounts
        }

        /// The scores under `scheme`, if the harness computed them.
        public func scores(_ scheme: Scheme) -> SchemeScores? {
            scores.first { $0.scheme == scheme }
        }
    }

    /// All scores of one competitor under one scheme.
    public struct SchemeScores: Hashable, Sendable, Codable {
        public var scheme: Scheme
        /// Micro-averaged over all types.
        public var overall: Score
        /// Per entity type.
        public var types: [EntityType: Score]

        public init(scheme: Scheme, overall: Score, types: [EntityType: Score]) {
            self.scheme = scheme
            self.overall = overall
            self.types = types
        }

        /// The score of `type`, or the overall score when `type` is nil.
        public subscript(type: EntityType?) -> Score? {
            guard let type else { return overall }
            return types[type]
        }

        enum CodingKeys: String, CodingKey { case scheme, overall, types }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            scheme = try c.decode(Scheme.self, forKey: .scheme)
            overall = try c.decode(Score.self, forKey: .overall)
            let named = try c.decode([String: Score].self, forKey: .types)
            types = Dictionary(uniqueKeysWithValues: named.map { (EntityType($0.key), $0.value) })
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(scheme, forKey: .scheme)
            try c.encode(overall, forKey: .overall)
            try c.encode(Dictionary(uniqueKeysWithValues: types.map { ($0.key.name, $0.value) }), forKey: .types)
        }
    }

    /// Precision, recall and F1 (fractions in [0, 1]) with the tallies they came
    /// from and the bootstrap interval of F1.
    public struct Score: Hashable, Sendable, Codable {
        public var precision: Double
        public var recall: Double
        public var f1: Double
        /// tp/fp/fn, for `conll`.
        public var counts: Counts?
        /// COR/INC/PAR/MIS/SPU, for the SemEval schemes.
        public var outcomes: Outcomes?
        /// The 95% bootstrap interval of F1, when computed.
        public var f1Low: Double?
        public var f1High: Double?

        public init(precision: Double, recall: Double, f1: Double, counts: Counts? = nil,
                    outcomes: Outcomes? = nil, f1Low: Double? = nil, f1High: Double? = nil) {
            self.precision = precision
            self.recall = recall
            self.f1 = f1
            self.counts = counts
            self.outcomes = outcomes
            self.f1Low = f1Low
            self.f1High = f1High
        }

        /// P, R and F1 computed from `counts` (Scoring's zero-division rule).
        public init(counts: Counts, f1Low: Double? = nil, f1High: Double? = nil) {
            let prf = counts.scores()
            self.init(precision: prf.precision, recall: prf.recall, f1: prf.f1, counts: counts,
                      f1Low: f1Low, f1High: f1High)
        }

        /// tp/fp/fn: `counts`, or for a SemEval scheme COR as tp, INC+PAR+SPU as
        /// fp and INC+PAR+MIS as fn (which gives the scheme's P and R for
        /// strict, exact and type, where a partial match earns nothing).
        public var tally: Counts? { counts ?? outcomes?.exactMatchCounts }
    }

    /// nervaluate's five outcomes of matching predicted with gold entities.
    public struct Outcomes: Hashable, Sendable, Codable {
        public var correct: Int
        public var incorrect: Int
        public var partial: Int
        public var missed: Int
        public var spurious: Int

        public init(correct: Int = 0, incorrect: Int = 0, partial: Int = 0, missed: Int = 0, spurious: Int = 0) {
            self.correct = correct
            self.incorrect = incorrect
            self.partial = partial
            self.missed = missed
            self.spurious = spurious
        }

        enum CodingKeys: String, CodingKey {
            case correct = "COR", incorrect = "INC", partial = "PAR", missed = "MIS", spurious = "SPU"
        }

        /// Gold entities (POS = COR + INC + PAR + MIS).
        public var possible: Int { correct + incorrect + partial + missed }
        /// Predicted entities (ACT = COR + INC + PAR + SPU).
        public var actual: Int { correct + incorrect + partial + spurious }
        /// The reading of the outcomes as tp/fp/fn where only COR counts.
        public var exactMatchCounts: Counts {
            Counts(tp: correct, fp: actual - correct, fn: possible - correct)
        }
    }

    /// Extraction timings of a competitor over repeated passes over the corpus.
    public struct Timings: Hashable, Sendable, Codable {
        /// Tokens extracted in one repeat (one pass over the corpus).
        public var tokens: Int
        /// Wall-clock extraction seconds of each repeat, after warm-up.
        public var repeatSeconds: [Double]
        /// Per-document latency percentiles, in seconds.
        public var latency: Latency?
        /// Peak resident memory of the process, in bytes.
        public var peakMemoryBytes: Int64?

        public init(tokens: Int, repeatSeconds: [Double], latency: Latency?, peakMemoryBytes: Int64?) {
            self.tokens = tokens
            self.repeatSeconds = repeatSeconds
            self.latency = latency
            self.peakMemoryBytes = peakMemoryBytes
        }

        /// Tokens per second of each repeat, in repeat order.
        public var repeatTokensPerSecond: [Double] {
            repeatSeconds.map { $0 > 0 ? Double(tokens) / $0 : 0 }
        }

        /// Median, slowest and fastest tokens/s over the repeats; nil without repeats.
        /// O(r log r) for r repeats.
        public var tokensPerSecond: Spread? { repeatSeconds.isEmpty ? nil : Spread(of: repeatTokensPerSecond) }
    }

    public struct Latency: Hashable, Sendable, Codable {
        public var p50: Double
        public var p90: Double
        public var p99: Double

        public init(p50: Double, p90: Double, p99: Double) {
            self.p50 = p50
            self.p90 = p90
            self.p99 = p99
        }
    }
}
