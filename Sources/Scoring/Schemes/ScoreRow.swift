/// A row of a score table: counts that add up and give precision, recall and F1.
/// `Counts` (CoNLL exact match) and `SemEvalCounts` are rows; averages are
/// computed over rows of either kind.
public protocol ScoreRow: Hashable, Sendable {
    /// Gold entities the row is about (recall's denominator).
    var support: Int { get }
    /// Predicted entities the row is about (precision's denominator).
    var predicted: Int { get }
    /// Precision, recall and F1, with `zeroDivision` for 0/0.
    func scores(zeroDivision: Double) -> PRF
    static var zero: Self { get }
    static func += (lhs: inout Self, rhs: Self)
}

/// Micro, macro and support-weighted averages over per-type rows.
public enum Average {
    /// The unweighted mean of the per-type precision, recall and F1, over the types
    /// present in the rows (gold or predicted: `support + predicted > 0`), as
    /// seqeval's `average="macro"` does over the union of gold and predicted types.
    /// With no type present every value is `zeroDivision` (F1 by `PRF`'s rule).
    public static func macro<R: ScoreRow>(_ rows: [R], zeroDivision: Double = 0) -> PRF {
        var p = 0.0, r = 0.0, f = 0.0, n = 0
        for row in rows where row.support + row.predicted > 0 {
            let s = row.scores(zeroDivision: zeroDivision)
            p += s.precision
            r += s.recall
            f += s.f1
            n += 1
        }
        guard n > 0 else { return PRF(precision: zeroDivision, recall: zeroDivision, zeroDivision: zeroDivision) }
        return PRF(precision: p / Double(n), recall: r / Double(n), f1: f / Double(n))
    }

    /// The mean of the per-type values weighted by support (gold count), as
    /// seqeval's `average="weighted"`. When no row has support: recall is
    /// `zeroDivision`, and precision and F1 are `zeroDivision` if nothing was
    /// predicted either, else 0 (seqeval's rule).
    public static func weighted<R: ScoreRow>(_ rows: [R], zeroDivision: Double = 0) -> PRF {
        var p = 0.0, r = 0.0, f = 0.0, total = 0, predicted = 0
        for row in rows {
            predicted += row.predicted
            guard row.support > 0 else { continue }
            let s = row.scores(zeroDivision: zeroDivision)
            let w = Double(row.support)
            p += s.precision * w
            r += s.recall * w
            f += s.f1 * w
            total += row.support
        }
        guard total > 0 else {
            let pf = predicted == 0 ? zeroDivision : 0
            return PRF(precision: pf, recall: zeroDivision, f1: pf)
        }
        let w = Double(total)
        return PRF(precision: p / w, recall: r / w, f1: f / w)
    }

    /// The sum of the rows (micro average's counts).
    public static func sum<R: ScoreRow>(_ rows: [R]) -> R {
        var total = R.zero
        for row in rows { total += row }
        return total
    }
}
