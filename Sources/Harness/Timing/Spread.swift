/// Median, minimum and maximum of a few measurements (rates over repeats).
public struct Spread: Hashable, Sendable, Codable {
    public var median: Double
    public var min: Double
    public var max: Double

    public init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }

    /// The spread of `values`; the median of an even count is the mean of the
    /// two middle values. An empty list gives all zeros.
    /// - Complexity: O(n log n).
    public init<S: Sequence<Double>>(of values: S) {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else {
            self.init(median: 0, min: 0, max: 0)
            return
        }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        self.init(median: median, min: first, max: last)
    }

    /// (max − min) / median: the run-to-run noise, as a fraction of the median
    /// (0 when the median is 0).
    public var relativeRange: Double { median == 0 ? 0 : (max - min) / median }
}
