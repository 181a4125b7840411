import Corpus

/// What the scorer is asked to do besides matching.
public struct ScoringOptions: Hashable, Sendable {
    /// Renames applied to gold and predicted types before anything else
    /// (`--map PERS=PER`). Not transitive: each type is looked up once.
    public var typeMap: [EntityType: EntityType]
    /// When set, only these types (after mapping) are scored; entities of other
    /// types are left out of every count and reported in `ScoreResult.excluded`.
    public var types: Set<EntityType>?
    /// The value of a 0/0 precision or recall: 0 (default, as conlleval and
    /// seqeval's `zero_division=0`) or 1.
    public var zeroDivision: Double
    /// When the gold document has tokens (CoNLL), predicted and gold entities are
    /// snapped outward to the tokens they overlap before matching, so a
    /// character-level system is scored on the tokenized gold set.
    public var projectOntoTokens: Bool
    /// How many false positives and negatives to list with context (all are counted).
    public var errorLimit: Int
    /// Scalars of context on each side of a listed error.
    public var contextWidth: Int

    public init(typeMap: [EntityType: EntityType] = [:], types: Set<EntityType>? = nil, zeroDivision: Double = 0,
                projectOntoTokens: Bool = true, errorLimit: Int = 0, contextWidth: Int = 30) {
        self.typeMap = typeMap
        self.types = types
        self.zeroDivision = zeroDivision
        self.projectOntoTokens = projectOntoTokens
        self.errorLimit = errorLimit
        self.contextWidth = contextWidth
    }

    /// The type an entity is scored as, or nil when `types` leaves it out.
    public func scoredType(_ type: EntityType) -> EntityType? {
        let mapped = typeMap[type] ?? type
        if let types, !types.contains(mapped) { return nil }
        return mapped
    }
}

/// A false positive or false negative of the CoNLL scheme, with where it is and
/// what it was aligned with.
public struct EntityError: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case falsePositive = "false_positive"
        case falseNegative = "false_negative"
    }

    /// Why the entity is an error (see `BoundaryCounts`).
    public enum Category: String, Hashable, Sendable, Codable {
        case wrongBoundary = "right_type_wrong_boundary"
        case wrongType = "wrong_type_right_boundary"
        case wrongBoth = "wrong_type_wrong_boundary"
        case missed
        case spurious
    }

    public var document: String
    public var kind: Kind
    public var category: Category
    /// The entity as scored (after mapping and projection onto tokens).
    public var entity: EntitySpan
    /// The entity on the other side it was aligned with, if any.
    public var partner: EntitySpan?
    /// Gold-file line of the entity's first token, for CoNLL input.
    public var line: Int?
    /// Up to `contextWidth` scalars before and after the entity, newlines as spaces.
    public var leftContext: String
    public var rightContext: String
}

/// How tags were read, for reports (CoNLL input only).
public struct TaggingSummary: Hashable, Sendable {
    public var scheme: String
    public var policy: InvalidTagPolicy
    public var goldViolations: TagViolationSummary
    public var predictedViolations: TagViolationSummary

    public init(scheme: String, policy: InvalidTagPolicy, goldViolations: TagViolationSummary, predictedViolations: TagViolationSummary) {
        self.scheme = scheme
        self.policy = policy
        self.goldViolations = goldViolations
        self.predictedViolations = predictedViolations
    }
}

/// The scorer's result: a plain value holding per-document tallies (so a
/// bootstrap resample is a sum of documents), their total, and what a report
/// needs besides.
public struct ScoreResult: Hashable, Sendable {
    public var options: ScoringOptions
    /// Every type scored (gold or predicted, after mapping and filtering), sorted
    /// by name: the index space of every per-type array in the tallies.
    public var types: [EntityType]
    /// Per document, in gold order.
    public var documents: [DocumentScore]
    /// The sum of `documents`.
    public var total: ScoreTally
    /// Entities left out by `ScoringOptions.types`, by (mapped) type.
    public var excludedGold: [EntityType: Int]
    public var excludedPredicted: [EntityType: Int]
    /// Entities that overlap no token when projected onto the gold tokens; they
    /// cannot be scored on tokens and are left out (and counted here).
    public var unalignedGold: Int
    public var unalignedPredicted: Int
    /// The first `options.errorLimit` errors, in document order.
    public var errors: [EntityError]
    /// How many false positives and false negatives there are in all.
    public var falsePositives: Int { total.conllOverall.fp }
    public var falseNegatives: Int { total.conllOverall.fn }
    /// How tags were read, when the input was tagged (CoNLL).
    public var tagging: TaggingSummary?

    public init(options: ScoringOptions, types: [EntityType], documents: [DocumentScore], total: ScoreTally,
                excludedGold: [EntityType: Int] = [:], excludedPredicted: [EntityType: Int] = [:],
                unalignedGold: Int = 0, unalignedPredicted: Int = 0, errors: [EntityError] = [], tagging: TaggingSummary? = nil) {
        self.options = options
        self.types = types
        self.documents = documents
        self.total = total
        self.excludedGold = excludedGold
        self.excludedPredicted = excludedPredicted
        self.unalignedGold = unalignedGold
        self.unalignedPredicted = unalignedPredicted
        self.errors = errors
        self.tagging = tagging
    }

    /// Scores of the CoNLL scheme: micro (overall), macro and weighted.
    public func conllAverages(of tally: ScoreTally? = nil) -> Averages {
        Averages(tally?.conll ?? total.conll, zeroDivision: options.zeroDivision)
    }

    /// Scores of a SemEval scheme: micro (overall), macro and weighted.
    public func semevalAverages(_ scheme: SemEvalScheme, of tally: ScoreTally? = nil) -> Averages {
        Averages((tally ?? total).semevalRows(scheme), zeroDivision: options.zeroDivision)
    }

    /// The index of a type in `types`.
    public func index(of type: EntityType) -> Int? {
        var lo = 0, hi = types.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if types[mid] < type { lo = mid + 1 } else { hi = mid }
        }
        return lo < types.count && types[lo] == type ? lo : nil
    }
}

/// Micro, macro and support-weighted precision, recall and F1 of one scheme.
public struct Averages: Hashable, Sendable {
    public var micro: PRF
    public var macro: PRF
    public var weighted: PRF

    public init<R: ScoreRow>(_ rows: [R], zeroDivision: Double) {
        micro = Average.sum(rows).scores(zeroDivision: zeroDivision)
        macro = Average.macro(rows, zeroDivision: zeroDivision)
        weighted = Average.weighted(rows, zeroDivision: zeroDivision)
    }
}
