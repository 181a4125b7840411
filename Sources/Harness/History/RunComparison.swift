import Corpus
import Scoring

/// What moved between two runs, competitor by competitor and type by type:
/// the material of `mizan diff` and of the regression gate.
///
/// F1 is compared under the later run's scheme. A paired test over documents
/// runs only where it means something: both runs on the same corpus (equal
/// content hashes), under the same scheme, with per-document counts on both
/// sides; otherwise `F1Change.untested` says why not.
public struct RunComparison: Sendable {
    public var baseline: RunRecord
    public var current: RunRecord
    /// Equal corpus content hashes: the same documents and gold.
    public var corpusMatches: Bool { baseline.corpus.contentHash == current.corpus.contentHash }
    public var schemeMatches: Bool { baseline.scheme == current.scheme }
    /// Same CPU model and core count: timings are comparable.
    public var sameHardware: Bool { baseline.machine.isSameHardware(as: current.machine) }
    /// The union of both runs' competitors: the current run's order, then those only in the baseline.
    public var competitors: [CompetitorComparison]
    /// The paired test's description.
    public var testSummary: String

    /// Compares `current` with `baseline`. O(competitors × types × (documents +
    /// test cost)); the default test costs rounds × documents-that-differ.
    public init(baseline: RunRecord, current: RunRecord, test: any PairedF1Test = ApproximateRandomization()) {
        self.baseline = baseline
        self.current = current
        self.testSummary = test.summary
        let pairable = baseline.corpus.contentHash == current.corpus.contentHash && baseline.scheme == current.scheme
        var names = current.competitors.map(\.name)
        names += baseline.competitors.map(\.name).filter { !names.contains($0) }
        competitors = names.map { name in
            CompetitorComparison(name: name, baseline: baseline.competitor(named: name),
                                 current: current.competitor(named: name), scheme: current.scheme,
                                 pairable: pairable, test: test)
        }
    }
}

/// One competitor in two runs.
public struct CompetitorComparison: Sendable {
    public enum Presence: Sendable, Hashable { case both, onlyBaseline, onlyCurrent }

    public var name: String
    public var presence: Presence
    public var baselineHash: String?
    public var currentHash: String?
    /// Both runs have the competitor, with different configuration hashes.
    public var configurationChanged: Bool { presence == .both && baselineHash != currentHash }
    /// Overall F1 first, then per type (Mizan's types in report order, then others by name).
    public var f1: [F1Change]
    /// Overall F1 under every scheme either run scored.
    public var schemes: [SchemeChange]
    /// Present when both runs timed the competitor.
    public var throughput: ThroughputChange?

    init(name: String, baseline: RunRecord.Competitor?, current: RunRecord.Competitor?,
         scheme: RunRecord.Scheme, pairable: Bool, test: any PairedF1Test) {
        self.name = name
        presence = baseline == nil ? .onlyCurrent : current == nil ? .onlyBaseline : .both
        baselineHash = baseline?.configurationHash
        currentHash = current?.configurationHash
        let before = baseline?.scores(scheme)
        let after = current?.scores(scheme)
        var typeSet = Set<EntityType>()
        typeSet.formUnion(before?.types.keys.map { $0 } ?? [])
        typeSet.formUnion(after?.types.keys.map { $0 } ?? [])
        let types = Self.reportOrder(typeSet)
        f1 = ([nil] + types.map { Optional($0) }).map { type in
            F1Change(type: type, baseline: before?[type], current: after?[type],
                     baselineCounts: baseline?.documentCounts, currentCounts: current?.documentCounts,
                     pairable: pairable && baseline != nil && current != nil, test: test)
        }
        var schemeList = current?.scores.map(\.scheme) ?? []
        schemeList += (baseline?.scores.map(\.scheme) ?? []).filter { !schemeList.contains($0) }
        schemes = schemeList.map { s in
            SchemeChange(scheme: s, baseline: baseline?.scores(s)?.overall.f1, current: current?.scores(s)?.overall.f1)
        }
        if let b = baseline?.timings, let c = current?.timings,
           let bs = b.tokensPerSecond, let cs = c.tokensPerSecond {
            throughput = ThroughputChange(baseline: bs, current: cs,
                                          baselineRepeats: b.repeatSeconds.count, currentRepeats: c.repeatSeconds.count,
                                          baselineLatencyP99: b.latency?.p99, currentLatencyP99: c.latency?.p99,
                                          baselinePeakMemory: b.peakMemoryBytes, currentPeakMemory: c.peakMemoryBytes)
        }
    }

    /// Mizan's five types first in their report order, then any other type by name.
    static func reportOrder(_ types: Set<EntityType>) -> [EntityType] {
        EntityType.mizanTypes.filter(types.contains) + types.subtracting(EntityType.mizanTypes).sorted()
    }
}

/// F1 of one competitor for one type (or all types) in two runs.
public struct F1Change: Sendable, Hashable {
    /// nil for all types (micro average).
    public var type: EntityType?
    public var baseline: RunRecord.Score?
    public var current: RunRecord.Score?
    /// Two-sided p-value of the paired test, when it could run.
    public var pValue: Double?
    /// Documents paired by the test (those with a non-zero count in either run).
    public var pairedDocuments: Int
    /// Why there is no p-value, when there is none.
    public var untested: String?

    init(type: EntityType?, baseline: RunRecord.Score?, current: RunRecord.Score?,
         baselineCounts: DocumentCounts?, currentCounts: DocumentCounts?, pairable: Bool, test: any PairedF1Test) {
        self.type = type
        self.baseline = baseline
        self.current = current
        pairedDocuments = 0
        guard pairable else { untested = "runs are not on the same corpus and scheme"; return }
        guard baseline != nil, current != nil else { untested = "scored in one run only"; return }
        guard let a = baselineCounts, let b = currentCounts else { untested = "scored in one run only"; return }
        // A table is empty either because nothing was found and nothing was
        // missed, or because the run predates per-document counts.
        func hasCounts(_ table: DocumentCounts, _ score: RunRecord.Score?) -> Bool {
            !table.isEmpty || score?.tally == .zero
        }
        guard hasCounts(a, baseline), hasCounts(b, current) else {
            untested = "no per-document counts in \(hasCounts(a, baseline) ? "the later" : "the earlier") run"
            return
        }
        let pairs = DocumentCounts.paired(a, b, type: type)
        pairedDocuments = pairs.documents.count
        pValue = test.pValue(pairs.a, pairs.b)
    }

    /// Current minus baseline F1, in points (F1 × 100); nil unless both have a score.
    public var deltaPoints: Double? {
        guard let b = baseline?.f1, let c = current?.f1 else { return nil }
        return (c - b) * 100
    }

    /// "all types" or the type's name.
    public var label: String { type?.name ?? "all types" }
}

/// Overall F1 under one scheme in two runs.
public struct SchemeChange: Sendable, Hashable {
    public var scheme: RunRecord.Scheme
    public var baseline: Double?
    public var current: Double?
}

/// Throughput (tokens/s over repeats) of one competitor in two runs.
public struct ThroughputChange: Sendable, Hashable {
    /// Tokens/s over the repeats.
    public var baseline: Spread
    public var current: Spread
    public var baselineRepeats: Int
    public var currentRepeats: Int
    public var baselineLatencyP99: Double?
    public var currentLatencyP99: Double?
    public var baselinePeakMemory: Int64?
    public var currentPeakMemory: Int64?

    /// Relative change of the median, (current − baseline) / baseline: −0.5 is half as fast.
    public var medianChange: Double { baseline.median > 0 ? current.median / baseline.median - 1 : 0 }

    /// How far the fastest current repeat falls below the slowest baseline
    /// repeat, as a fraction of the latter (positive: slower beyond the spread
    /// of both runs' repeats; zero or negative: the ranges meet).
    public var slowdownBeyondSpread: Double { baseline.min > 0 ? 1 - current.max / baseline.min : 0 }
}
