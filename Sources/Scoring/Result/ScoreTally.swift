/// How the CoNLL-scheme errors split by kind, on the alignment of gold and
/// predicted entities (see `Scorer`). Every false negative is a missed entity
/// or one side of an aligned pair with a wrong boundary, a wrong type, or both;
/// every false positive likewise with spurious. So
/// `fn = wrongBoundary + wrongType + wrongBoth + missed` and
/// `fp = wrongBoundary + wrongType + wrongBoth + spurious`.
public struct BoundaryCounts: Hashable, Sendable, Codable {
    /// Exact matches (the CoNLL true positives).
    public var exact = 0
    /// Right type, wrong boundary: overlapping, same type, different span.
    public var wrongBoundary = 0
    /// Wrong type, right boundary: same span, different type.
    public var wrongType = 0
    /// Both wrong: overlapping, different span and type.
    public var wrongBoth = 0
    /// Gold entities that overlap no prediction left to them.
    public var missed = 0
    /// Predictions that overlap no gold entity left to them.
    public var spurious = 0

    public init() {}

    public static let zero = BoundaryCounts()

    public static func += (lhs: inout BoundaryCounts, rhs: BoundaryCounts) {
        lhs.exact += rhs.exact
        lhs.wrongBoundary += rhs.wrongBoundary
        lhs.wrongType += rhs.wrongType
        lhs.wrongBoth += rhs.wrongBoth
        lhs.missed += rhs.missed
        lhs.spurious += rhs.spurious
    }
}

/// Counts of aligned pairs by gold type (rows) and predicted type (columns),
/// with a SPURIOUS row for predictions aligned to no gold entity and a MISSED
/// column for gold entities aligned to no prediction. Pairs are those of the
/// alignment (overlapping entities, exact matches first; see `Scorer`), so the
/// diagonal holds exact matches and right-type boundary errors.
public struct ConfusionMatrix: Hashable, Sendable {
    /// The number of types; the matrix is `(size + 1) × (size + 1)`.
    public private(set) var size: Int
    /// Row-major counts; row `size` is SPURIOUS, column `size` is MISSED.
    public private(set) var cells: [Int]

    public init(size: Int) {
        self.size = size
        self.cells = Array(repeating: 0, count: (size + 1) * (size + 1))
    }

    /// The count for a gold type and a predicted type, by index into the result's
    /// `types`; `nil` stands for SPURIOUS (gold) or MISSED (predicted).
    public subscript(gold gold: Int?, predicted predicted: Int?) -> Int {
        get { cells[(gold ?? size) * (size + 1) + (predicted ?? size)] }
        set { cells[(gold ?? size) * (size + 1) + (predicted ?? size)] = newValue }
    }

    public static func += (lhs: inout ConfusionMatrix, rhs: ConfusionMatrix) {
        precondition(lhs.size == rhs.size, "confusion matrices over different type tables")
        for i in lhs.cells.indices { lhs.cells[i] += rhs.cells[i] }
    }
}

/// Everything the scorer counts for a set of documents, per type: it adds up,
/// so a corpus is the sum of its documents and a bootstrap resample is the sum
/// of the documents drawn (`tally += document.tally`).
///
/// Per-type arrays are indexed by the `types` table of the `ScoreResult` the
/// tally came from; tallies from one result always have the same width.
public struct ScoreTally: Hashable, Sendable {
    /// Tokens scored (0 for documents without tokens).
    public var tokens = 0
    /// Tokens whose gold and predicted tags are equal (conlleval's accuracy numerator).
    public var matchingTags = 0
    /// CoNLL exact match, per type: tp and fn charged to the gold type, fp to the predicted type.
    public var conll: [Counts]
    /// SemEval-2013 counts, `semeval[scheme.index][type]`: COR, INC, PAR and MIS
    /// charged to the gold entity's type, SPU to the predicted entity's type.
    public var semeval: [[SemEvalCounts]]
    public var confusion: ConfusionMatrix
    /// Error breakdown per type (pairs and missed by gold type, spurious by predicted type).
    public var boundaries: [BoundaryCounts]

    /// An empty tally over `typeCount` types.
    public init(typeCount: Int) {
        conll = Array(repeating: .zero, count: typeCount)
        semeval = Array(repeating: Array(repeating: .zero, count: typeCount), count: SemEvalScheme.all.count)
        confusion = ConfusionMatrix(size: typeCount)
        boundaries = Array(repeating: .zero, count: typeCount)
    }

    public var typeCount: Int { conll.count }

    /// Adds another tally over the same type table. O(types²).
    public static func += (lhs: inout ScoreTally, rhs: ScoreTally) {
        precondition(lhs.typeCount == rhs.typeCount, "tallies over different type tables")
        lhs.tokens += rhs.tokens
        lhs.matchingTags += rhs.matchingTags
        for t in 0..<lhs.typeCount {
            lhs.conll[t] += rhs.conll[t]
            lhs.boundaries[t] += rhs.boundaries[t]
        }
        for s in lhs.semeval.indices {
            for t in 0..<lhs.typeCount { lhs.semeval[s][t] += rhs.semeval[s][t] }
        }
        lhs.confusion += rhs.confusion
    }

    public static func + (lhs: ScoreTally, rhs: ScoreTally) -> ScoreTally {
        var t = lhs
        t += rhs
        return t
    }

    /// CoNLL counts over all types (the micro average's counts).
    public var conllOverall: Counts { Average.sum(conll) }

    /// SemEval counts of one scheme over all types.
    public func semevalOverall(_ scheme: SemEvalScheme) -> SemEvalCounts { Average.sum(semeval[scheme.index]) }

    /// Per-type SemEval rows of one scheme.
    public func semevalRows(_ scheme: SemEvalScheme) -> [SemEvalCounts] { semeval[scheme.index] }

    public var boundaryOverall: BoundaryCounts {
        var total = BoundaryCounts()
        for b in boundaries { total += b }
        return total
    }

    /// Token accuracy as conlleval counts it (O tokens included); nil without tokens.
    public var accuracy: Double? { tokens == 0 ? nil : Double(matchingTags) / Double(tokens) }
}

/// One document's tally.
public struct DocumentScore: Hashable, Sendable {
    public var id: String
    public var tally: ScoreTally

    public init(id: String, tally: ScoreTally) {
        self.id = id
        self.tally = tally
    }
}
