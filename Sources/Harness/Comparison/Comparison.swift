import Corpus
import Extraction
import Foundation
import Scoring

/// Runs competing extractors over a gold set and measures them honestly:
/// every competitor's entities are scored by the `Scorer` (all schemes, per
/// type, micro/macro/weighted), every F1 gets a bootstrap interval over the
/// units (documents, or sentences of a single-document gold set), each
/// competitor is tested against the baseline, and configurations are timed
/// (loading apart; warm-up then repeats single-threaded; then with workers).
///
/// ```swift
/// let data = try EvaluationData.read(path: "test.conll", format: .conll)
/// var settings = ComparisonSettings()
/// settings.typeMap = ["PERS": "PER"]
/// let results = try Comparison(settings: settings)
///     .run(data: data, competitors: [.configuration(path: "configs/rules.yaml")],
///          context: RunContext(mizanVersion: "0.1.0", arguments: []))
/// ```
public struct Comparison {
    public var settings: ComparisonSettings
    /// Makes a configuration loadable: trains or finds its model (see
    /// `ModelCache`). The default loads every configuration as it is.
    public var prepare: (String) throws -> PreparedConfiguration = { _ in PreparedConfiguration() }
    /// Receives progress events; called on the comparison's thread.
    public var progress: (ComparisonProgress) -> Void = { _ in }
    /// Where time comes from (tests script it).
    public var clock: any TimeSource = MonotonicClock()

    public init(settings: ComparisonSettings) {
        self.settings = settings
    }

    /// One competitor's output and measurements, before scoring.
    struct Run {
        var name: String
        var competitor: Competitor
        var description: String
        var configurationHash: String
        var model: ModelInfo?
        /// Entities per gold document (gold documents, so gold tokens).
        var predictions: [AnnotatedDocument]
        /// For CoNLL predictions: the corpus as `mizan score` reads it.
        var pairedCorpus: PairedCorpus?
        var timing: TimingResults?
    }

    public func run(data: EvaluationData, competitors: [Competitor], context: RunContext) throws -> ComparisonResults {
        guard !competitors.isEmpty else { throw ComparisonError("nothing to compare: give at least one configuration or system") }
        // Whole seconds: results.json keeps dates in ISO 8601 without fractions.
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let startNanoseconds = clock.nanoseconds()
        let scoredTypes = settings.scoredTypes(for: data)
        guard !scoredTypes.isEmpty else {
            throw ComparisonError("no entity type to score: the gold set \(data.description) has no entities; name the types with --types")
        }
        var notes = settings.notes
        var preparing: UInt64 = 0
        func seconds(since start: UInt64) -> Double { Double(clock.nanoseconds() &- start) / 1e9 }

        // 1. Run (or read) every competitor.
        let runningStart = clock.nanoseconds()
        var runs: [Run] = []
        for competitor in competitors {
            let run: Run
            switch competitor {
            case .configuration(let path):
                run = try runConfiguration(path: path, competitor: competitor, data: data, types: scoredTypes,
                                           preparing: &preparing)
            case .system(let name, let path, let format):
                let (documents, corpus, ignored) = try SystemPredictions.read(path: path, format: format, gold: data)
                if ignored > 0 {
                    notes.append("\(name)'s saved predictions (\(path)) cover \(ignored) document\(ignored == 1 ? "" : "s") outside the evaluated set; they were left out.")
                }
                run = Run(name: name, competitor: competitor, description: "", configurationHash: try Self.hashPredictions(path),
                          model: nil, predictions: documents, pairedCorpus: corpus, timing: nil)
            }
            if let other = runs.first(where: { $0.name == run.name }) {
                throw ComparisonError("two competitors are named \"\(run.name)\" (\(other.competitor.path) and \(run.competitor.path)); give a system another NAME, or a configuration another `name:`")
            }
            runs.append(run)
        }
        let baselineName = settings.baseline ?? runs[0].name
        guard let baseline = runs.firstIndex(where: { $0.name == baselineName }) else {
            throw ComparisonError("no competitor is named \"\(baselineName)\" (--baseline); competitors: \(runs.map(\.name).joined(separator: ", "))")
        }

        let runningSeconds = seconds(since: runningStart) - Double(preparing) / 1e9

        // 2. Score each as `mizan score` would, and per unit for the statistics.
        let scoringStart = clock.nanoseconds()
        let options = ScoringOptions(typeMap: settings.typeMap, types: scoredTypes, zeroDivision: 0,
                                     projectOntoTokens: true, errorLimit: Int.max, contextWidth: settings.contextWidth)
        var results: [ScoreResult] = []
        for run in runs {
            progress(.scoring(competitor: run.name))
            results.append(try score(run, data: data, options: options))
        }
        let units = EvaluationUnits.plan(gold: data.documents, predictions: runs.map(\.predictions))
        if units.kind == .sentence {
            notes.append("The gold set is one document, so the bootstrap and the paired tests resample its \(data.sentences ?? 0) sentences (\(units.count) units; sentences that an entity crosses are kept together).")
        } else if units.count < 10 {
            notes.append("Only \(units.count) document\(units.count == 1 ? "" : "s") to resample: confidence intervals and p-values are rough.")
        }
        var unitOptions = options
        unitOptions.errorLimit = 0
        let typeTable = Array(Set(results.flatMap(\.types))).sorted()
        // The gold units once; each competitor's entities are cut into them.
        let unitDocuments = units.documents(data.documents.map(\.document))
        let goldUnits = units.kind == .sentence
            ? zip(unitDocuments, units.entities(data.documents[0].entities)).map { AnnotatedDocument(document: $0, entities: $1) }
            : data.documents
        var rows: [[[[Counts]]]] = []
        for (run, result) in zip(runs, results) {
            let predictedUnits = units.kind == .sentence
                ? zip(unitDocuments, units.entities(run.predictions[0].entities)).map { AnnotatedDocument(document: $0, entities: $1) }
                : run.predictions
            rows.append(try unitRows(run, result: result, units: units, gold: goldUnits, predicted: predictedUnits,
                                     options: unitOptions, typeTable: typeTable))
        }
        let scoringSeconds = seconds(since: scoringStart)
        progress(.statistics)
        let statisticsStart = clock.nanoseconds()
        let statistics = ComparisonStatistics.compute(
            rows: rows, baseline: baseline, primary: settings.scheme,
            bootstrap: DocumentBootstrap(resamples: settings.resamples, confidence: settings.confidence, seed: settings.seed),
            trials: settings.pairedTrials, zeroDivision: 0)
        let statisticsSeconds = seconds(since: statisticsStart)

        // 3. Assemble.
        var competitorResults: [CompetitorResults] = []
        for (c, (run, result)) in zip(runs, results).enumerated() {
            competitorResults.append(assemble(run, result: result, index: c, statistics: statistics, typeTable: typeTable,
                                              rows: rows[c], baseline: runs[baseline].name, data: data))
        }
        if data.documents.count == 1, settings.jobs > 1, runs.contains(where: { $0.timing != nil }) {
            notes.append("With one document the workers cannot share the work: the parallel timings are one worker's.")
        }
        let goldCounts = data.goldEntityCounts.reduce(into: [EntityType: Int]()) { $0[settings.typeMap[$1.key] ?? $1.key, default: 0] += $1.value }
        let summary = ComparisonResults.DataSummary(
            description: data.description, format: data.format, paths: data.paths, split: data.split,
            contentHash: data.contentHash, documents: data.workload.documents, sentences: data.sentences,
            tokens: data.workload.tokens, characters: data.workload.characters,
            goldEntities: scoredTypes.sorted().map { .init(type: $0.name, count: goldCounts[$0] ?? 0) },
            bootstrapUnit: units.kind, units: units.ids)
        let resultSettings = ComparisonResults.Settings(
            scheme: settings.scheme, types: scoredTypes.sorted().map(\.name),
            typeMap: settings.typeMap.sorted { $0.key < $1.key }.map { .init(from: $0.key.name, to: $0.value.name) },
            zeroDivision: 0, warmups: settings.plan.warmups, repeats: settings.plan.repeats, jobs: settings.jobs,
            seed: settings.seed, resamples: settings.resamples, confidence: settings.confidence,
            pairedTest: .approximateRandomization, pairedTrials: settings.pairedTrials, alpha: settings.alpha,
            contextWidth: settings.contextWidth)
        let duration = Double(clock.nanoseconds() &- startNanoseconds) / 1e9
        let run = ComparisonResults.Run(
            id: Self.makeID(started), started: started, durationSeconds: duration,
            phases: .init(preparingSeconds: Double(preparing) / 1e9, runningSeconds: runningSeconds,
                          scoringSeconds: scoringSeconds, statisticsSeconds: statisticsSeconds),
            mizanVersion: context.mizanVersion,
            git: .detect(in: context.directory), machine: .current(), host: ProcessInfo.processInfo.hostName,
            arguments: context.arguments)
        progress(.finished)
        return ComparisonResults(run: run, data: summary, settings: resultSettings, baseline: runs[baseline].name,
                                 competitors: competitorResults, notes: notes)
    }

    // MARK: - Running a configuration

    func runConfiguration(path: String, competitor: Competitor, data: EvaluationData, types: Set<EntityType>,
                          preparing: inout UInt64) throws -> Run {
        let provisional = competitor.provisionalName
        progress(.preparing(competitor: provisional))
        let preparingStart = clock.nanoseconds()
        let prepared = try prepare(path)
        preparing &+= clock.nanoseconds() &- preparingStart
        let hash = try ConfigurationHash.of(path: path)
        progress(.loading(competitor: provisional))
        ProcessMemory.resetPeak()
        let residentBefore = ProcessMemory.residentBytes()
        let loadStart = clock.nanoseconds()
        var extractor: Extractor
        do {
            extractor = try Configuration.load(path: path, parameters: prepared.parameters)
        } catch let error as ConfigurationError {
            throw ComparisonError(error.description)
        }
        let loadingSeconds = Double(clock.nanoseconds() &- loadStart) / 1e9
        extractor.outputTypes = types
        let name = extractor.name
        let documents = data.documents.map(\.document)
        let count = documents.count
        let plan = settings.plan

        // Single-threaded: warm-ups, then measured repeats, entities kept from the last.
        var entities = [[EntitySpan]](repeating: [], count: count)
        var pass = 0
        let passes = plan.warmups + plan.repeats
        var passStart = clock.nanoseconds()
        var lastReport: UInt64 = 0
        let single = TimedRun.measure(data.workload, plan: plan, clock: ForwardingClock(source: clock)) { i in
            if i == 0 {
                pass += 1
                passStart = clock.nanoseconds()
            }
            entities[i] = extractor.extract(documents[i])
            let now = clock.nanoseconds()
            if now &- lastReport > 100_000_000 || i == count - 1 {
                lastReport = now
                let phase = pass <= plan.warmups ? "warm-up \(pass)/\(plan.warmups)" : "repeat \(pass - plan.warmups)/\(plan.repeats)"
                progress(.pass(competitor: name, phase: phase, done: i + 1, total: count, seconds: Double(now &- passStart) / 1e9))
            }
        }
        _ = passes

        // With workers: the same documents shared out; their entities must not change.
        var parallel: PassTimings?
        if settings.jobs > 1 {
            progress(.pass(competitor: name, phase: "\(settings.jobs) workers", done: 0, total: count, seconds: 0))
            let slots = ResultSlots(count: count)
            let shared = extractor
            let summary = try TimedRun.measureConcurrently(data.workload, plan: plan, jobs: settings.jobs, clock: MonotonicClock()) { i in
                slots.store(shared.extract(documents[i]), at: i)
            }
            parallel = PassTimings(summary)
            if let differing = (0..<count).first(where: { slots.value(at: $0) != entities[$0] }) {
                throw ComparisonError("\(name) (\(path)) found different entities in document \"\(data.documents[differing].id)\" when run on \(settings.jobs) workers than on one: an extraction stage is not safe to run in parallel")
            }
        }
        let peak = ProcessMemory.peakResidentBytes()
        let slowest = single.slowestDocuments(settings.slowestDocuments).map {
            DocumentTime(document: data.documents[$0.document].id, seconds: $0.seconds, tokens: data.documentTokens[$0.document])
        }
        let timing = TimingResults(loadingSeconds: loadingSeconds, residentBeforeBytes: residentBefore, peakResidentBytes: peak,
                                   singleThreaded: PassTimings(single), parallel: parallel, slowestDocuments: slowest)
        let predictions = zip(data.documents, entities).map { AnnotatedDocument(document: $0.document, entities: $1) }
        return Run(name: name, competitor: competitor, description: extractor.summary, configurationHash: hash,
                   model: prepared.model, predictions: predictions, pairedCorpus: nil, timing: timing)
    }

    // MARK: - Scoring

    /// The competitor's scores as `mizan score` computes them on the same
    /// predictions: on CoNLL gold, token accuracy counts the gold tags as
    /// written against the predicted BIO tags (conlleval's way).
    func score(_ run: Run, data: EvaluationData, options: ScoringOptions) throws -> ScoreResult {
        let scorer = Scorer(options)
        if let corpus = run.pairedCorpus {
            return try scorer.score(corpus)
        }
        if let conll = data.conll, run.competitor.isConfiguration {
            var tagPairs: [[TagPair: Int]] = []
            for (d, prediction) in run.predictions.enumerated() {
                let tokens = prediction.document.tokens ?? []
                let predicted = TokenProjection.bioTags(for: prediction.entities, tokens: tokens)
                var pairs: [TagPair: Int] = [:]
                for (g, p) in zip(conll.tags[d], predicted) { pairs[TagPair(gold: g, predicted: p), default: 0] += 1 }
                tagPairs.append(pairs)
            }
            let corpus = PairedCorpus(gold: data.documents, predicted: run.predictions, tagPairs: tagPairs,
                                      sentenceLines: conll.sentenceLines, scheme: .iob2, policy: .begin,
                                      goldViolations: conll.violations, goldFile: conll.path, predictedFile: run.name)
            return try scorer.score(corpus)
        }
        do {
            return try scorer.score(gold: data.documents, predicted: run.predictions)
        } catch let error as PairingError {
            throw ComparisonError("\(run.competitor.path): \(error.message)")
        }
    }

    /// `[scheme][type][unit]` counts over `typeTable`, checked to add up to the result's totals.
    func unitRows(_ run: Run, result: ScoreResult, units: EvaluationUnits, gold: [AnnotatedDocument], predicted: [AnnotatedDocument],
                  options: ScoringOptions, typeTable: [EntityType]) throws -> [[[Counts]]] {
        let tallies: [ScoreTally]
        let localTypes: [EntityType]
        if units.kind == .document {
            tallies = result.documents.map(\.tally)
            localTypes = result.types
        } else {
            let unitResult = try Scorer(options).score(gold: gold, predicted: predicted)
            tallies = unitResult.documents.map(\.tally)
            localTypes = unitResult.types
        }
        let position = localTypes.map { typeTable.firstIndex(of: $0)! }
        var rows = [[[Counts]]](repeating: [[Counts]](repeating: [Counts](repeating: .zero, count: tallies.count), count: typeTable.count),
                                count: ComparisonScheme.allCases.count)
        for (s, scheme) in ComparisonScheme.allCases.enumerated() {
            for (u, tally) in tallies.enumerated() {
                for (t, row) in scheme.rows(tally).enumerated() { rows[s][position[t]][u] = row }
            }
            // The units must add up to the whole: anything else is a harness bug.
            let totals = scheme.rows(result.total)
            for (t, type) in result.types.enumerated() {
                let k = typeTable.firstIndex(of: type)!
                let sum = rows[s][k].reduce(into: Counts.zero) { $0 += $1 }
                guard sum == totals[t] else {
                    throw ComparisonError("internal error: \(run.name)'s \(scheme.rawValue) counts for \(type) over the \(units.count) \(units.kind.rawValue) units (\(sum)) differ from its counts over the documents (\(totals[t]))")
                }
            }
        }
        return rows
    }

    // MARK: - Results

    func assemble(_ run: Run, result: ScoreResult, index c: Int, statistics: ComparisonStatistics,
                  typeTable: [EntityType], rows: [[[Counts]]], baseline: String, data: EvaluationData) -> CompetitorResults {
        let intervals = statistics.intervals[c]
        var schemes: [SchemeResults] = []
        for (s, scheme) in ComparisonScheme.allCases.enumerated() {
            let stats = intervals[s]
            let averages = scheme.semeval.map { result.semevalAverages($0) } ?? result.conllAverages()
            func figures(_ type: EntityType?, local: Int?, global: Int?) -> ScoreFigures {
                let iv = global.map { stats.types[$0] } ?? stats.micro
                let counts: Counts?
                let outcomes: SemEvalCounts?
                let prf: PRF
                let support: Int, predicted: Int
                if let semeval = scheme.semeval {
                    let o = local.map { result.total.semevalRows(semeval)[$0] } ?? result.total.semevalOverall(semeval)
                    outcomes = o
                    counts = nil
                    prf = o.scores(zeroDivision: 0)
                    support = o.possible
                    predicted = o.actual
                } else {
                    let k = local.map { result.total.conll[$0] } ?? result.total.conllOverall
                    counts = k
                    outcomes = nil
                    prf = k.scores(zeroDivision: 0)
                    support = k.support
                    predicted = k.predicted
                }
                return ScoreFigures(type: type?.name, precision: prf.precision, recall: prf.recall, f1: prf.f1,
                                    precisionInterval: iv.precision, recallInterval: iv.recall, f1Interval: iv.f1,
                                    support: support, predicted: predicted, counts: counts, outcomes: outcomes)
            }
            func average(_ prf: PRF, _ iv: ComparisonStatistics.Intervals) -> AverageFigures {
                AverageFigures(precision: prf.precision, recall: prf.recall, f1: prf.f1,
                               precisionInterval: iv.precision, recallInterval: iv.recall, f1Interval: iv.f1)
            }
            schemes.append(SchemeResults(
                scheme: scheme, overall: figures(nil, local: nil, global: nil),
                macro: average(averages.macro, stats.macro), weighted: average(averages.weighted, stats.weighted),
                types: result.types.enumerated().map { t, type in figures(type, local: t, global: typeTable.firstIndex(of: type)) }))
        }

        var versus: PairedResult?
        if let paired = statistics.paired[c] {
            let types: [PairedResult.TypeDifference] = typeTable.indices.compactMap { t in
                guard let test = paired.types[t] else { return nil }
                return .init(type: typeTable[t].name, deltaF1: test.difference, pValue: test.pValue,
                             significant: test.isSignificant(at: settings.alpha))
            }
            versus = PairedResult(baseline: baseline, scheme: settings.scheme, deltaF1: paired.overall.difference,
                                  deltaInterval: paired.deltaInterval, pValue: paired.overall.pValue,
                                  significant: paired.overall.isSignificant(at: settings.alpha), types: types)
        }

        let n = result.types.count
        let confusion = (0...n).map { g in
            (0...n).map { p in result.total.confusion[gold: g == n ? nil : g, predicted: p == n ? nil : p] }
        }
        let errors = result.errors.map { e in
            ListedError(document: e.document, kind: e.kind, category: e.category, type: e.entity.type.name,
                        start: e.entity.start, end: e.entity.end, text: e.entity.text, line: e.line,
                        alignedWith: e.partner.map { .init(type: $0.type.name, start: $0.start, end: $0.end, text: $0.text) },
                        leftContext: e.leftContext, rightContext: e.rightContext)
        }
        // Unit counts under CoNLL, in the competitor's own type order.
        let conll = ComparisonScheme.allCases.firstIndex(of: .conll)!
        let positions = result.types.map { typeTable.firstIndex(of: $0)! }
        let unitCount = rows[conll].first?.count ?? 0
        let unitCounts = (0..<unitCount).map { u in positions.map { k in
            let c = rows[conll][k][u]
            return [c.tp, c.fp, c.fn]
        } }
        func counted(_ d: [EntityType: Int]) -> [ComparisonResults.TypeCount] {
            d.sorted { $0.key < $1.key }.map { .init(type: $0.key.name, count: $0.value) }
        }
        return CompetitorResults(
            name: run.name, kind: run.competitor.isConfiguration ? .configuration : .system, path: run.competitor.path,
            description: run.description, configurationHash: run.configurationHash, model: run.model,
            types: result.types.map(\.name), schemes: schemes, accuracy: result.total.accuracy, versusBaseline: versus,
            confusion: confusion, errorKinds: result.total.boundaryOverall,
            excludedGold: counted(result.excludedGold), excludedPredicted: counted(result.excludedPredicted),
            unalignedGold: result.unalignedGold, unalignedPredicted: result.unalignedPredicted,
            errors: errors, timing: run.timing, unitCounts: unitCounts)
    }

    // MARK: - Helpers

    /// SHA-256 of a prediction file, or of a folder's files in name order.
    static func hashPredictions(_ path: String) throws -> String {
        var h = SHA256()
        h.updateField("mizan.predictions/1")
        ConfigurationHash.hashResource(path, label: (path as NSString).lastPathComponent, into: &h)
        return h.finalizeHex()
    }

    /// `20251130-142501-7f3a`: UTC time and four random hex digits (sortable, unique enough).
    static func makeID(_ time: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
        func two(_ n: Int?) -> String { String(format: "%02d", n ?? 0) }
        let suffix = String(format: "%04x", Int(UInt16.random(in: .min ... .max)))
        return "\(c.year ?? 0)\(two(c.month))\(two(c.day))-\(two(c.hour))\(two(c.minute))\(two(c.second))-\(suffix)"
    }
}

/// A concrete `TimeSource` over an existential one, for generic timing code.
struct ForwardingClock: TimeSource {
    let source: any TimeSource
    func nanoseconds() -> UInt64 { source.nanoseconds() }
}

/// One slot per document for entities found by concurrent workers: each
/// index is written by exactly one worker, then read after all have finished.
final class ResultSlots: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<[EntitySpan]>
    let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: Swift.max(count, 1))
        storage.initialize(repeating: [], count: Swift.max(count, 1))
    }

    deinit {
        storage.deinitialize(count: Swift.max(count, 1))
        storage.deallocate()
    }

    func store(_ entities: [EntitySpan], at index: Int) { storage[index] = entities }
    func value(at index: Int) -> [EntitySpan] { storage[index] }
}
