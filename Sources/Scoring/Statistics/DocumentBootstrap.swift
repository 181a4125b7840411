/// Document-level bootstrap confidence intervals for micro-averaged scores.
///
/// A resample draws as many documents as the corpus has, uniformly with
/// replacement, adds their counts and scores the sum; the interval is the
/// percentile interval of the resampled scores. Resampling whole documents
/// rather than entities keeps the dependence between entities of one document
/// (Efron and Tibshirani, *An Introduction to the Bootstrap*, 1993).
///
/// Deterministic: the resampled document sets depend only on `seed`,
/// `resamples` and the number of documents, never on the counts or on how many
/// series are passed together. So two series bootstrapped in one call see the
/// same resamples, and a series gives the same interval alone or with others.
///
/// For the score of one entity type, pass each document's counts of that type.
public struct DocumentBootstrap: Hashable, Sendable, Codable {
    /// Number of resamples; Mizan's reports use at least 1,000.
    public var resamples: Int
    /// Coverage of the intervals, in (0, 1).
    public var confidence: Double
    public var seed: UInt64

    public init(resamples: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.resamples = resamples
        self.confidence = confidence
        self.seed = seed
    }

    /// Precision, recall and F1 intervals of the documents' summed counts.
    ///
    /// - Parameter documents: one `Counts` per document, in corpus order.
    /// - Complexity: O(resamples × documents.count) additions, plus sorting the
    ///   resampled scores.
    public func intervals(_ documents: [Counts]) -> PRFIntervals {
        intervals([documents])[0]
    }

    /// Intervals for several series over the same documents (competitors, or
    /// types), resampled together in one pass: the result at index k is what
    /// `intervals(series[k])` gives.
    ///
    /// - Precondition: every series has the same number of documents.
    /// - Complexity: O(resamples × documents × ⌈series.count / 8⌉): eight series
    ///   are summed at once (see `ResampledSums`).
    public func intervals(_ series: [[Counts]]) -> [PRFIntervals] {
        precondition(resamples >= 1, "a bootstrap needs at least one resample")
        precondition(confidence > 0 && confidence < 1, "confidence \(confidence) outside (0, 1)")
        guard let documentCount = series.first?.count else { return [] }
        precondition(series.allSatisfy { $0.count == documentCount },
                     "every series must have one Counts per document (\(series.map(\.count)))")

        var precision = Array(repeating: [Double](), count: series.count)
        var recall = precision
        var f1 = precision
        for k in series.indices {
            precision[k].reserveCapacity(resamples)
            recall[k].reserveCapacity(resamples)
            f1[k].reserveCapacity(resamples)
        }

        ResampledSums.forEach(series, resamples: resamples, seed: seed) { _, totals in
            for k in totals.indices {
                let prf = totals[k].scores()
                precision[k].append(prf.precision)
                recall[k].append(prf.recall)
                f1[k].append(prf.f1)
            }
        }

        return series.indices.map { k in
            let point = series[k].reduce(into: Counts.zero) { $0 += $1 }.scores()
            return PRFIntervals(
                precision: Quantile.percentileInterval(&precision[k], estimate: point.precision, confidence: confidence),
                recall: Quantile.percentileInterval(&recall[k], estimate: point.recall, confidence: confidence),
                f1: Quantile.percentileInterval(&f1[k], estimate: point.f1, confidence: confidence))
        }
    }
}
