/// Entity-level counts under one matching scheme: true positives, false
/// positives, false negatives. Counts add up (`a += b`), so per-document counts
/// sum to corpus counts and bootstrap resamples are sums of documents.
///
/// Invariant: all fields are non-negative.
public struct Counts: Hashable, Sendable, Codable, ScoreRow {
    public var tp: Int
    public var fp: Int
    public var fn: Int

    public init(tp: Int = 0, fp: Int = 0, fn: Int = 0) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
    }

    public static let zero = Counts()

    /// Gold entities (tp + fn).
    public var support: Int { tp + fn }
    /// Predicted entities (tp + fp).
    public var predicted: Int { tp + fp }

    @inlinable
    public static func += (lhs: inout Counts, rhs: Counts) {
        lhs.tp += rhs.tp
        lhs.fp += rhs.fp
        lhs.fn += rhs.fn
    }

    @inlinable
    public static func + (lhs: Counts, rhs: Counts) -> Counts {
        var c = lhs
        c += rhs
        return c
    }

    /// Precision, recall and F1 with `zeroDivision` standing in for 0/0
    /// (0 by default, as seqeval's `zero_division=0`; conlleval also prints 0).
    public func scores(zeroDivision: Double = 0) -> PRF {
        PRF(precision: Self.ratio(tp, predicted, zeroDivision),
            recall: Self.ratio(tp, support, zeroDivision),
            zeroDivision: zeroDivision)
    }

    static func ratio(_ n: Int, _ d: Int, _ zero: Double) -> Double {
        d == 0 ? zero : Double(n) / Double(d)
    }
}

/// Precision, recall and their harmonic mean, as fractions in [0, 1].
public struct PRF: Hashable, Sendable, Codable {
    public var precision: Double
    public var recall: Double
    public var f1: Double

    public init(precision: Double, recall: Double, f1: Double) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }

    /// F1 from P and R as seqeval computes it: `2·P·R / (P + R)`, and 0 when
    /// `P + R` is 0.
    ///
    /// `zeroDivision` has already been applied to P and R (the value a 0/0 ratio
    /// takes); F1 then follows from them. With `zeroDivision` 1 and neither gold
    /// nor predicted entities P = R = 1, so F1 = 1; with predictions but no gold
    /// (P = 0, R = 1) or gold but no predictions (P = 1, R = 0), F1 = 0. These are
    /// seqeval's (and scikit-learn's) results for `zero_division=1`. The parameter
    /// is kept for source compatibility: F1 needs nothing but P and R.
    public init(precision: Double, recall: Double, zeroDivision: Double = 0) {
        self.precision = precision
        self.recall = recall
        let sum = precision + recall
        // Same operation order as numpy's `(1 + beta2) * precision * recall / denom`,
        // so the values agree to the last bit.
        self.f1 = sum == 0 ? 0 : 2 * precision * recall / sum
    }
}
