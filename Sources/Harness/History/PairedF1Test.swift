import Scoring

/// A paired significance test of a difference in corpus F1 between two
/// systems scored on the same documents: the seam through which the diff and
/// the regression gate get their p-values.
public protocol PairedF1Test: Sendable {
    /// How the test is described in output, e.g. "approximate randomization, 10000 rounds".
    var summary: String { get }

    /// The two-sided p-value of "no difference in F1" between systems `a` and
    /// `b`, whose per-document counts are paired by index (`a.count == b.count`).
    func pValue(_ a: [Counts], _ b: [Counts]) -> Double
}

/// Paired approximate randomization over documents (Noreen 1989; Yeh 2000),
/// two-sided, from Scoring's statistics (`PairedTest.approximateRandomization`):
/// each round swaps every document's two outcomes with probability ½ and
/// recomputes |ΔF1| of the summed counts; p = (r + 1) / (rounds + 1).
///
/// Documents with equal counts in both systems cannot change a round and are
/// skipped, so a round costs O(documents that differ), and two identical
/// systems give p = 1. Seeded: equal inputs give equal p-values.
public struct ApproximateRandomization: PairedF1Test {
    public var rounds: Int
    public var seed: UInt64

    public init(rounds: Int = 10_000, seed: UInt64 = 0x4D49_5A41_4E00) {
        precondition(rounds > 0, "rounds must be positive")
        self.rounds = rounds
        self.seed = seed
    }

    public var summary: String { "paired approximate randomization over documents, \(rounds) rounds" }

    public func pValue(_ a: [Counts], _ b: [Counts]) -> Double {
        PairedTest.approximateRandomization(a, b, metric: .f1, trials: rounds, seed: seed).pValue
    }
}
