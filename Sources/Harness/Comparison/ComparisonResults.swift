import Foundation
import Scoring

/// Everything a comparison measured, as one value: what ran on what, where,
/// every competitor's scores under every scheme with bootstrap intervals, its
/// paired test against the baseline, its errors and its timings.
///
/// It is the single source of the three reports (`results.json` is its JSON
/// form, schema `mizan.results/1`, documented field by field in
/// docs/RESULTS.md) and the input of run history.
///
/// Fractions (P, R, F1, accuracy, their intervals and differences) are in
/// [0, 1]; times are in seconds; every number is finite.
public struct ComparisonResults: Hashable, Sendable, Codable {
    public static let schemaName = "mizan.results/1"

    public var schema: String
    public var run: Run
    public var data: DataSummary
    public var settings: Settings
    /// Name of the competitor every other one is tested against.
    public var baseline: String
    /// In report order: configurations in the order given, then outside systems.
    public var competitors: [CompetitorResults]
    /// Caveats a reader needs (a single document resampled by sentence, a
    /// parallel run with fewer documents than workers, ...).
    public var notes: [String]

    public init(run: Run, data: DataSummary, settings: Settings, baseline: String,
                competitors: [CompetitorResults], notes: [String]) {
        self.schema = Self.schemaName
        self.run = run
        self.data = data
        self.settings = settings
        self.baseline = baseline
        self.competitors = competitors
        self.notes = notes
    }

    public func competitor(named name: String) -> CompetitorResults? {
        competitors.first { $0.name == name }
    }

    // MARK: - Run

    public struct Run: Hashable, Sendable, Codable {
        /// Unique and sortable: UTC start time and four random hex digits.
        public var id: String
        public var started: Date
        /// Wall time of the whole comparison (reports excluded).
        public var durationSeconds: Double
        /// Where that time went.
        public var phases: Phases
        public var mizanVersion: String
        public var git: Git?
        public var machine: MachineDescription
        public var host: String
        /// The command's arguments, for rerunning it.
        public var arguments: [String]

        public init(id: String, started: Date, durationSeconds: Double, phases: Phases, mizanVersion: String, git: Git?,
                    machine: MachineDescription, host: String, arguments: [String]) {
            self.id = id
            self.started = started
            self.durationSeconds = durationSeconds
            self.phases = phases
            self.mizanVersion = mizanVersion
            self.git = git
            self.machine = machine
            self.host = host
            self.arguments = arguments
        }
    }

    /// Seconds spent in each phase of a comparison.
    public struct Phases: Hashable, Sendable, Codable {
        /// Training or finding the models of learned configurations.
        public var preparingSeconds: Double
        /// Loading, warm-up, timed passes and reading saved predictions.
        public var runningSeconds: Double
        /// Scoring every competitor (whole set and units).
        public var scoringSeconds: Double
        /// Bootstrap intervals and paired tests.
        public var statisticsSeconds: Double

        public init(preparingSeconds: Double, runningSeconds: Double, scoringSeconds: Double, statisticsSeconds: Double) {
            self.preparingSeconds = preparingSeconds
            self.runningSeconds = runningSeconds
            self.scoringSeconds = scoringSeconds
            self.statisticsSeconds = statisticsSeconds
        }
    }

    public struct Git: Hashable, Sendable, Codable {
        public var commit: String
        /// Tracked files differed from the commit.
        public var dirty: Bool

        public init(commit: String, dirty: Bool) {
            self.commit = commit
            self.dirty = dirty
        }
    }

    // MARK: - Data

    public struct DataSummary: Hashable, Sendable, Codable {
        public var description: String
        public var format: EvaluationData.Format
        public var paths: [String]
        public var split: String?
        /// SHA-256 of the evaluated documents' ids, texts and gold entities.
        public var contentHash: String
        public var documents: Int
        public var sentences: Int?
        public var tokens: Int
        /// Unicode scalars.
        public var characters: Int
        /// Gold entities per scored type (after `type_map`), in type order.
        public var goldEntities: [TypeCount]
        /// What the bootstrap and the paired tests resample: `document` or `sentence`.
        public var bootstrapUnit: EvaluationUnits.Kind
        /// Unit ids, in the order of every competitor's `unit_counts`.
        public var units: [String]

        public init(description: String, format: EvaluationData.Format, paths: [String], split: String?,
                    contentHash: String, documents: Int, sentences: Int?, tokens: Int, characters: Int,
                    goldEntities: [TypeCount], bootstrapUnit: EvaluationUnits.Kind, units: [String]) {
            self.description = description
            self.format = format
            self.paths = paths
            self.split = split
            self.contentHash = contentHash
            self.documents = documents
            self.sentences = sentences
            self.tokens = tokens
            self.characters = characters
            self.goldEntities = goldEntities
            self.bootstrapUnit = bootstrapUnit
            self.units = units
        }
    }

    public struct TypeCount: Hashable, Sendable, Codable {
        public var type: String
        public var count: Int

        public init(type: String, count: Int) {
            self.type = type
            self.count = count
        }
    }

    // MARK: - Settings

    public struct Settings: Hashable, Sendable, Codable {
        /// The scheme of the summary, the per-type tables and the paired tests.
        public var scheme: ComparisonScheme
        /// The entity types scored, after `type_map`.
        public var types: [String]
        public var typeMap: [TypeMapping]
        public var zeroDivision: Double
        public var warmups: Int
        public var repeats: Int
        /// Workers of the parallel timing (1: none).
        public var jobs: Int
        public var seed: UInt64
        public var resamples: Int
        public var confidence: Double
        public var pairedTest: PairedComparison.Method
        public var pairedTrials: Int
        /// Significance level of the plain-words verdicts.
        public var alpha: Double
        /// Characters of context on each side of a listed error.
        public var contextWidth: Int

        public init(scheme: ComparisonScheme, types: [String], typeMap: [TypeMapping], zeroDivision: Double,
                    warmups: Int, repeats: Int, jobs: Int, seed: UInt64, resamples: Int, confidence: Double,
                    pairedTest: PairedComparison.Method, pairedTrials: Int, alpha: Double, contextWidth: Int) {
            self.scheme = scheme
            self.types = types
            self.typeMap = typeMap
            self.zeroDivision = zeroDivision
            self.warmups = warmups
            self.repeats = repeats
            self.jobs = jobs
            self.seed = seed
            self.resamples = resamples
            self.confidence = confidence
            self.pairedTest = pairedTest
            self.pairedTrials = pairedTrials
            self.alpha = alpha
            self.contextWidth = contextWidth
        }
    }

    public struct TypeMapping: Hashable, Sendable, Codable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }
}

// MARK: - Competitor

public struct CompetitorResults: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case configuration
        case system
    }

    public var name: String
    public var kind: Kind
    /// The configuration file, or the saved predictions.
    public var path: String
    /// The configuration's one-line description; empty for a system.
    public var description: String
    /// SHA-256 of the configuration and its resources, or of the prediction file(s).
    public var configurationHash: String
    /// The learned model used, for a configuration with a learned stage.
    public var model: ModelInfo?
    /// The types this competitor was scored on (gold or predicted, after mapping), in order.
    public var types: [String]
    /// One entry per scheme, in `ComparisonScheme.allCases` order.
    public var schemes: [SchemeResults]
    /// Token accuracy (conlleval's, O tokens included) when the gold set has tokens.
    public var accuracy: Double?
    /// The paired test against the baseline; nil for the baseline itself.
    public var versusBaseline: PairedResult?
    /// Rows: gold types in `types` order, then SPURIOUS; columns: predicted types, then MISSED.
    public var confusion: [[Int]]
    /// How the CoNLL-scheme errors split (exact, wrong boundary, wrong type, both, missed, spurious).
    public var errorKinds: BoundaryCounts
    public var excludedGold: [ComparisonResults.TypeCount]
    public var excludedPredicted: [ComparisonResults.TypeCount]
    /// Entities that overlap no gold token (left out of every count).
    public var unalignedGold: Int
    public var unalignedPredicted: Int
    /// Every false positive and false negative of the CoNLL scheme, in document order.
    public var errors: [ListedError]
    /// Extraction timings; nil for an outside system.
    public var timing: TimingResults?
    /// Per unit (`data.units` order), per type (`types` order): CoNLL [tp, fp, fn].
    public var unitCounts: [[[Int]]]

    public init(name: String, kind: Kind, path: String, description: String, configurationHash: String,
                model: ModelInfo?, types: [String], schemes: [SchemeResults], accuracy: Double?,
                versusBaseline: PairedResult?, confusion: [[Int]], errorKinds: BoundaryCounts,
                excludedGold: [ComparisonResults.TypeCount], excludedPredicted: [ComparisonResults.TypeCount],
                unalignedGold: Int, unalignedPredicted: Int, errors: [ListedError], timing: TimingResults?,
                unitCounts: [[[Int]]]) {
        self.name = name
        self.kind = kind
        self.path = path
        self.description = description
        self.configurationHash = configurationHash
        self.model = model
        self.types = types
        self.schemes = schemes
        self.accuracy = accuracy
        self.versusBaseline = versusBaseline
        self.confusion = confusion
        self.errorKinds = errorKinds
        self.excludedGold = excludedGold
        self.excludedPredicted = excludedPredicted
        self.unalignedGold = unalignedGold
        self.unalignedPredicted = unalignedPredicted
        self.errors = errors
        self.timing = timing
        self.unitCounts = unitCounts
    }

    /// The scores under `scheme`.
    public func scores(_ scheme: ComparisonScheme) -> SchemeResults {
        schemes.first { $0.scheme == scheme }!
    }

    public var falsePositives: Int { errors.lazy.filter { $0.kind == .falsePositive }.count }
    public var falseNegatives: Int { errors.lazy.filter { $0.kind == .falseNegative }.count }
}

public struct ModelInfo: Hashable, Sendable, Codable {
    /// The model file used (under `.mizan/models/`).
    public var path: String
    /// True when an up-to-date model was found and no training ran.
    public var reused: Bool
    /// Training time in seconds when trained by this run.
    public var trainingSeconds: Double?
    /// What the model was trained on, and its SHA-256.
    public var trainingData: String
    public var trainingDataHash: String

    public init(path: String, reused: Bool, trainingSeconds: Double?, trainingData: String, trainingDataHash: String) {
        self.path = path
        self.reused = reused
        self.trainingSeconds = trainingSeconds
        self.trainingData = trainingData
        self.trainingDataHash = trainingDataHash
    }
}

/// The scores of one competitor under one scheme.
public struct SchemeResults: Hashable, Sendable, Codable {
    public var scheme: ComparisonScheme
    /// Micro average: the score of the summed counts.
    public var overall: ScoreFigures
    public var macro: AverageFigures
    public var weighted: AverageFigures
    /// Per type, in the competitor's `types` order.
    public var types: [ScoreFigures]

    public init(scheme: ComparisonScheme, overall: ScoreFigures, macro: AverageFigures, weighted: AverageFigures, types: [ScoreFigures]) {
        self.scheme = scheme
        self.overall = overall
        self.macro = macro
        self.weighted = weighted
        self.types = types
    }

    public func type(_ name: String) -> ScoreFigures? { types.first { $0.type == name } }
}

/// A closed interval [lower, upper].
public struct Interval: Hashable, Sendable, Codable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    public init(_ interval: ConfidenceInterval) {
        self.init(lower: interval.lower, upper: interval.upper)
    }
}

/// P, R and F1 of a set of counts, with bootstrap intervals.
public struct ScoreFigures: Hashable, Sendable, Codable {
    /// The entity type; nil for the overall (micro) score.
    public var type: String?
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var precisionInterval: Interval
    public var recallInterval: Interval
    public var f1Interval: Interval
    /// Gold entities (CoNLL tp + fn; SemEval POS).
    public var support: Int
    /// Predicted entities (CoNLL tp + fp; SemEval ACT).
    public var predicted: Int
    /// CoNLL scheme: true positives, false positives, false negatives.
    public var counts: Counts?
    /// SemEval schemes: COR, INC, PAR, MIS, SPU.
    public var outcomes: SemEvalCounts?

    public init(type: String?, precision: Double, recall: Double, f1: Double, precisionInterval: Interval,
                recallInterval: Interval, f1Interval: Interval, support: Int, predicted: Int,
                counts: Counts?, outcomes: SemEvalCounts?) {
        self.type = type
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.precisionInterval = precisionInterval
        self.recallInterval = recallInterval
        self.f1Interval = f1Interval
        self.support = support
        self.predicted = predicted
        self.counts = counts
        self.outcomes = outcomes
    }
}

/// A macro or support-weighted average over types, with bootstrap intervals.
public struct AverageFigures: Hashable, Sendable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var precisionInterval: Interval
    public var recallInterval: Interval
    public var f1Interval: Interval

    public init(precision: Double, recall: Double, f1: Double, precisionInterval: Interval, recallInterval: Interval, f1Interval: Interval) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.precisionInterval = precisionInterval
        self.recallInterval = recallInterval
        self.f1Interval = f1Interval
    }
}

/// A competitor against the baseline under the settings' scheme.
public struct PairedResult: Hashable, Sendable, Codable {
    public var baseline: String
    public var scheme: ComparisonScheme
    /// Overall (micro) F1 of the competitor minus the baseline's.
    public var deltaF1: Double
    /// Bootstrap percentile interval of the difference (same resamples as the F1 intervals).
    public var deltaInterval: Interval
    /// Two-sided p-value of "the two score the same" (`settings.paired_test`).
    public var pValue: Double
    /// `p_value < settings.alpha`.
    public var significant: Bool
    /// The same per type, for the types either scored.
    public var types: [TypeDifference]

    public init(baseline: String, scheme: ComparisonScheme, deltaF1: Double, deltaInterval: Interval,
                pValue: Double, significant: Bool, types: [TypeDifference]) {
        self.baseline = baseline
        self.scheme = scheme
        self.deltaF1 = deltaF1
        self.deltaInterval = deltaInterval
        self.pValue = pValue
        self.significant = significant
        self.types = types
    }

    public struct TypeDifference: Hashable, Sendable, Codable {
        public var type: String
        public var deltaF1: Double
        public var pValue: Double
        public var significant: Bool

        public init(type: String, deltaF1: Double, pValue: Double, significant: Bool) {
            self.type = type
            self.deltaF1 = deltaF1
            self.pValue = pValue
            self.significant = significant
        }
    }
}

/// One false positive or false negative (CoNLL scheme).
public struct ListedError: Hashable, Sendable, Codable {
    public var document: String
    public var kind: EntityError.Kind
    public var category: EntityError.Category
    public var type: String
    /// Scalar offsets in the document (after projection onto gold tokens).
    public var start: Int
    public var end: Int
    public var text: String
    /// Gold-file line, for CoNLL data.
    public var line: Int?
    /// The entity on the other side the alignment paired it with.
    public var alignedWith: AlignedEntity?
    public var leftContext: String
    public var rightContext: String

    public init(document: String, kind: EntityError.Kind, category: EntityError.Category, type: String,
                start: Int, end: Int, text: String, line: Int?, alignedWith: AlignedEntity?,
                leftContext: String, rightContext: String) {
        self.document = document
        self.kind = kind
        self.category = category
        self.type = type
        self.start = start
        self.end = end
        self.text = text
        self.line = line
        self.alignedWith = alignedWith
        self.leftContext = leftContext
        self.rightContext = rightContext
    }

    public struct AlignedEntity: Hashable, Sendable, Codable {
        public var type: String
        public var start: Int
        public var end: Int
        public var text: String

        public init(type: String, start: Int, end: Int, text: String) {
            self.type = type
            self.start = start
            self.end = end
            self.text = text
        }
    }
}

// MARK: - Timing

public struct TimingResults: Hashable, Sendable, Codable {
    /// Loading the configuration (lists, rules, model), once, before any pass.
    public var loadingSeconds: Double
    /// Resident memory before loading, and the peak while loading and running.
    public var residentBeforeBytes: Int?
    public var peakResidentBytes: Int?
    public var singleThreaded: PassTimings
    /// With `settings.jobs` workers; nil when jobs is 1.
    public var parallel: PassTimings?
    /// The slowest documents of the single-threaded passes, by median time.
    public var slowestDocuments: [DocumentTime]

    public init(loadingSeconds: Double, residentBeforeBytes: Int?, peakResidentBytes: Int?,
                singleThreaded: PassTimings, parallel: PassTimings?, slowestDocuments: [DocumentTime]) {
        self.loadingSeconds = loadingSeconds
        self.residentBeforeBytes = residentBeforeBytes
        self.peakResidentBytes = peakResidentBytes
        self.singleThreaded = singleThreaded
        self.parallel = parallel
        self.slowestDocuments = slowestDocuments
    }
}

public struct DocumentTime: Hashable, Sendable, Codable {
    public var document: String
    public var seconds: Double
    public var tokens: Int

    public init(document: String, seconds: Double, tokens: Int) {
        self.document = document
        self.seconds = seconds
        self.tokens = tokens
    }
}

/// Measured passes of one kind (single-threaded or with workers).
public struct PassTimings: Hashable, Sendable, Codable {
    public var jobs: Int
    public var warmups: Int
    /// Every measured repeat, in order.
    public var repeats: [RepeatFigures]
    public var tokensPerSecond: Spread
    public var charactersPerSecond: Spread
    public var documentsPerSecond: Spread
    public var wallSeconds: Spread
    /// Per-document latency percentiles pooled over the repeats.
    public var latency: LatencyPercentiles

    public init(_ summary: TimingSummary) {
        jobs = summary.jobs
        warmups = summary.warmups
        repeats = zip(summary.repeats, summary.repeatThroughput).map { r, t in
            RepeatFigures(wallSeconds: r.wallSeconds, tokensPerSecond: t.tokensPerSecond,
                          charactersPerSecond: t.charactersPerSecond, documentsPerSecond: t.documentsPerSecond)
        }
        tokensPerSecond = summary.tokensPerSecond
        charactersPerSecond = summary.charactersPerSecond
        documentsPerSecond = summary.documentsPerSecond
        wallSeconds = summary.wallSeconds
        latency = summary.latency
    }
}

public struct RepeatFigures: Hashable, Sendable, Codable {
    public var wallSeconds: Double
    public var tokensPerSecond: Double
    public var charactersPerSecond: Double
    public var documentsPerSecond: Double

    public init(wallSeconds: Double, tokensPerSecond: Double, charactersPerSecond: Double, documentsPerSecond: Double) {
        self.wallSeconds = wallSeconds
        self.tokensPerSecond = tokensPerSecond
        self.charactersPerSecond = charactersPerSecond
        self.documentsPerSecond = documentsPerSecond
    }
}

// MARK: - JSON

extension ComparisonResults {
    /// Reads `results.json`; refuses another schema by name.
    public static func decode(_ data: Data, file: String = "results.json") throws -> ComparisonResults {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        struct Header: Decodable { var schema: String? }
        let header = try? decoder.decode(Header.self, from: data)
        guard let schema = header?.schema else {
            throw ComparisonError("\(file): not a results file (no \"schema\" field)")
        }
        guard schema == schemaName else {
            throw ComparisonError("\(file): schema \(schema), but this Mizan reads \(schemaName)")
        }
        return try decoder.decode(ComparisonResults.self, from: data)
    }
}

/// A comparison that could not be made, with what to do about it.
public struct ComparisonError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
