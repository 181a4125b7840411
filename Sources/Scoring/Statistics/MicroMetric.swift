/// Which micro-averaged score a statistic is about: the score of the summed
/// counts, so a resample of documents is scored by adding its documents' counts.
public enum MicroMetric: String, Sendable, Hashable, Codable, CaseIterable {
    case precision
    case recall
    case f1

    /// The metric of `counts`, as a fraction in [0, 1], with 0/0 taken as 0
    /// (`Counts.scores()`'s default, the same number the scorer reports).
    @inlinable
    public func value(of counts: Counts) -> Double {
        let prf = counts.scores()
        switch self {
        case .precision: return prf.precision
        case .recall: return prf.recall
        case .f1: return prf.f1
        }
    }
}
