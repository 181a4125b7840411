/// A point estimate with a two-sided confidence interval around it.
///
/// Invariant (for intervals Mizan computes): `lower <= upper`, all finite.
/// A percentile bootstrap interval need not contain `estimate` in general; on
/// scores summed over many documents it practically always does.
public struct ConfidenceInterval: Hashable, Sendable, Codable {
    /// The statistic on the full, unresampled data.
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    /// Coverage level, such as 0.95.
    public var confidence: Double

    public init(estimate: Double, lower: Double, upper: Double, confidence: Double) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
    }

    /// Half the interval's width: the "±" figure when it is roughly symmetric.
    public var halfWidth: Double { (upper - lower) / 2 }

    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

/// Confidence intervals for precision, recall and F1 computed from the same
/// resamples.
public struct PRFIntervals: Hashable, Sendable, Codable {
    public var precision: ConfidenceInterval
    public var recall: ConfidenceInterval
    public var f1: ConfidenceInterval

    public init(precision: ConfidenceInterval, recall: ConfidenceInterval, f1: ConfidenceInterval) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
    }

    public subscript(metric: MicroMetric) -> ConfidenceInterval {
        switch metric {
        case .precision: return precision
        case .recall: return recall
        case .f1: return f1
        }
    }
}

/// Quantiles of a sample.
public enum Quantile {
    /// The `p`-quantile of ascending-sorted values by linear interpolation
    /// between order statistics (Hyndman and Fan's type 7: R's default, and
    /// numpy's `percentile(..., method="linear")`).
    ///
    /// - Precondition: `sorted` is non-empty and ascending; `0 <= p <= 1`.
    /// - Complexity: O(1).
    public static func of(sorted: [Double], _ p: Double) -> Double {
        precondition(!sorted.isEmpty, "a quantile of no values")
        precondition((0...1).contains(p), "quantile level \(p) outside [0, 1]")
        let h = Double(sorted.count - 1) * p
        let below = Int(h.rounded(.down))
        let above = Swift.min(below + 1, sorted.count - 1)
        let fraction = h - Double(below)
        return sorted[below] + fraction * (sorted[above] - sorted[below])
    }

    /// The percentile interval `[q(α/2), q(1 − α/2)]` with α = 1 − confidence.
    static func percentileInterval(_ values: inout [Double], estimate: Double, confidence: Double) -> ConfidenceInterval {
        values.sort()
        let alpha = 1 - confidence
        return ConfidenceInterval(
            estimate: estimate,
            lower: of(sorted: values, alpha / 2),
            upper: of(sorted: values, 1 - alpha / 2),
            confidence: confidence)
    }
}
