/// The outcome of a paired significance test between two systems scored on
/// the same documents.
public struct PairedComparison: Hashable, Sendable, Codable {
    public enum Method: String, Hashable, Sendable, Codable {
        case pairedBootstrap = "paired-bootstrap"
        case approximateRandomization = "approximate-randomization"
    }

    public var method: Method
    public var metric: MicroMetric
    /// The metric of system A, and of system B, over all documents.
    public var a: Double
    public var b: Double
    /// Two-sided p-value of "A and B score the same", with the +1 correction:
    /// `(extreme + 1) / (trials + 1)`, so never 0 and at most 1.
    public var pValue: Double
    /// Resamples (bootstrap) or shuffles (randomization) drawn.
    public var trials: Int
    /// How many trials were at least as extreme as the observed difference.
    public var extreme: Int
    public var seed: UInt64
    /// Percentile confidence interval of `a - b` (paired bootstrap only).
    public var differenceInterval: ConfidenceInterval?

    /// A's score minus B's: positive when A is better.
    public var difference: Double { a - b }

    /// True when `pValue < alpha`.
    public func isSignificant(at alpha: Double = 0.05) -> Bool { pValue < alpha }

    /// The smallest p-value the test can produce with this many trials,
    /// `1 / (trials + 1)`: a report should say "p < 0.001" only when
    /// `resolution` allows it.
    public var resolution: Double { 1 / Double(trials + 1) }
}

/// Paired significance tests over documents: is system A's micro score really
/// different from system B's on this corpus, or could the difference come from
/// which documents happened to be in it?
///
/// Both tests take one `Counts` per document for each system, in the same
/// document order, and are two-sided. p-values carry the +1 correction
/// `(r + 1) / (n + 1)` (r trials at least as extreme among n; Davison and
/// Hinkley 1997; North, Curtis and Sham 2002): the observed data count as one
/// arrangement, so a p-value is never 0 and is a valid bound even for a small
/// number of trials. Identical systems give p = 1 exactly.
///
/// "At least as extreme" compares differences with a tolerance of 1e-12, so
/// that differences equal up to rounding count as ties.
public enum PairedTest {
    static let tieTolerance = 1e-12

    /// Paired bootstrap (Koehn 2004; Berg-Kirkpatrick, Burkett and Klein
    /// 2012): draw documents with replacement, the same documents for both
    /// systems, and compute δ* = m(A*) − m(B*). The bootstrap distribution of
    /// δ*, shifted to mean zero, stands in for the distribution of δ under
    /// "no difference": p = (#{|δ* − δ| ≥ |δ|} + 1) / (resamples + 1). Also
    /// returns the percentile interval of δ*.
    ///
    /// - Precondition: `a.count == b.count`, `resamples >= 1`.
    /// - Complexity: O(resamples × documents).
    public static func pairedBootstrap(
        _ a: [Counts], _ b: [Counts], metric: MicroMetric = .f1,
        resamples: Int = 10_000, confidence: Double = 0.95, seed: UInt64 = 0
    ) -> PairedComparison {
        precondition(a.count == b.count, "paired test over different document counts (\(a.count) and \(b.count))")
        precondition(resamples >= 1, "a bootstrap needs at least one resample")
        let scoreA = metric.value(of: a.reduce(into: .zero) { $0 += $1 })
        let scoreB = metric.value(of: b.reduce(into: .zero) { $0 += $1 })
        let observed = scoreA - scoreB

        var deltas = [Double]()
        deltas.reserveCapacity(resamples)
        var extreme = 0
        ResampledSums.forEach([a, b], resamples: resamples, seed: seed) { _, totals in
            let delta = metric.value(of: totals[0]) - metric.value(of: totals[1])
            deltas.append(delta)
            if abs(delta - observed) >= abs(observed) - tieTolerance { extreme += 1 }
        }
        let interval = Quantile.percentileInterval(&deltas, estimate: observed, confidence: confidence)
        return PairedComparison(
            method: .pairedBootstrap, metric: metric, a: scoreA, b: scoreB,
            pValue: Double(extreme + 1) / Double(resamples + 1),
            trials: resamples, extreme: extreme, seed: seed, differenceInterval: interval)
    }

    /// Approximate randomization (Noreen 1989; Yeh 2000): under "no
    /// difference" the two systems' outputs on a document are exchangeable, so
    /// each trial swaps A's and B's counts on every document with probability
    /// ½ and computes |m(A') − m(B')|.
    /// p = (#{|δ'| ≥ |δ|} + 1) / (trials + 1).
    ///
    /// Documents where both systems have equal counts cannot change a trial
    /// and are skipped; the result is still determined by the seed and data.
    ///
    /// - Precondition: `a.count == b.count`, `trials >= 1`.
    /// - Complexity: O(trials × documents where A and B differ).
    public static func approximateRandomization(
        _ a: [Counts], _ b: [Counts], metric: MicroMetric = .f1,
        trials: Int = 10_000, seed: UInt64 = 0
    ) -> PairedComparison {
        precondition(a.count == b.count, "paired test over different document counts (\(a.count) and \(b.count))")
        precondition(trials >= 1, "a randomization test needs at least one trial")
        let totalA = a.reduce(into: Counts.zero) { $0 += $1 }
        let totalB = b.reduce(into: Counts.zero) { $0 += $1 }
        let scoreA = metric.value(of: totalA)
        let scoreB = metric.value(of: totalB)
        let observed = abs(scoreA - scoreB)

        // Swapping document i moves (b[i] − a[i]) from B's total to A's. Moves
        // are added under a mask from the random bit rather than behind a
        // branch, which a random bit would mispredict half the time.
        var moves: [SIMD4<Int64>] = []
        for i in a.indices where a[i] != b[i] {
            moves.append(SIMD4(Int64(b[i].tp - a[i].tp), Int64(b[i].fp - a[i].fp), Int64(b[i].fn - a[i].fn), 0))
        }
        let startA = SIMD4(Int64(totalA.tp), Int64(totalA.fp), Int64(totalA.fn), 0)
        let sum = startA &+ SIMD4(Int64(totalB.tp), Int64(totalB.fp), Int64(totalB.fn), 0)

        var generator = Xoshiro256StarStar(seed: seed)
        var extreme = 0
        moves.withUnsafeBufferPointer { moves in
            for _ in 0..<trials {
                var shuffledA = startA
                var bits: UInt64 = 0
                for j in 0..<moves.count {
                    if j & 63 == 0 { bits = generator.next() }
                    let mask = SIMD4<Int64>(repeating: 0 &- Int64(bits & 1))
                    shuffledA &+= moves[j] & mask
                    bits >>= 1
                }
                // B keeps what A gave up: the pair's total is fixed.
                let shuffledB = sum &- shuffledA
                let a = Counts(tp: Int(shuffledA[0]), fp: Int(shuffledA[1]), fn: Int(shuffledA[2]))
                let b = Counts(tp: Int(shuffledB[0]), fp: Int(shuffledB[1]), fn: Int(shuffledB[2]))
                let delta = abs(metric.value(of: a) - metric.value(of: b))
                if delta >= observed - tieTolerance { extreme += 1 }
            }
        }
        return PairedComparison(
            method: .approximateRandomization, metric: metric, a: scoreA, b: scoreB,
            pValue: Double(extreme + 1) / Double(trials + 1),
            trials: trials, extreme: extreme, seed: seed, differenceInterval: nil)
    }
}
