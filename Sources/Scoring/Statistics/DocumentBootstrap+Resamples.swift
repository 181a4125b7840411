extension DocumentBootstrap {
    /// Calls `body(resample, totals)` once per resample, in order, with
    /// `totals[k]` the counts of series `k` summed over the documents drawn.
    ///
    /// The draws are those of `intervals(_:)` (they depend only on `seed`,
    /// `resamples` and the number of documents), so a statistic computed here
    /// from the totals is resampled exactly as the intervals are: use it for
    /// statistics that combine several series, such as a macro average over
    /// per-type series, or the difference between two competitors.
    ///
    /// - Precondition: every series has the same number of documents; `resamples >= 1`.
    /// - Complexity: O(resamples × documents × ⌈series.count / 8⌉).
    public func forEachResample(_ series: [[Counts]], _ body: (Int, UnsafeBufferPointer<Counts>) -> Void) {
        precondition(resamples >= 1, "a bootstrap needs at least one resample")
        guard let documentCount = series.first?.count else { return }
        precondition(series.allSatisfy { $0.count == documentCount },
                     "every series must have one Counts per document (\(series.map(\.count)))")
        ResampledSums.forEach(series, resamples: resamples, seed: seed, body)
    }

    /// The percentile interval of `values` (one statistic per resample) around
    /// `estimate`, at this bootstrap's `confidence`. Sorts `values`.
    public func percentileInterval(_ values: inout [Double], estimate: Double) -> ConfidenceInterval {
        precondition(!values.isEmpty, "an interval of no resamples")
        return Quantile.percentileInterval(&values, estimate: estimate, confidence: confidence)
    }
}
