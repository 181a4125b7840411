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

/// Paired approximate randomization over documents (Noreen 1989; the test
/// Yeh 2000 recommends for F1): under the null hypothesis each document's two
/// outcomes are exchangeable, so each round swaps every document's pair with
/// probability ½ and recomputes the F1 difference of the summed counts. The
/// p-value is (r + 1) / (rounds + 1), r being the rounds whose |ΔF1| reaches the
/// observed one.
///
/// Documents with equal counts in both systems do not change under a swap and
/// are summed once, so a round costs O(documents that differ); two identical
/// systems give p = 1 without a round. Seeded: equal inputs give equal p-values.
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
        precondition(a.count == b.count, "paired counts must have equal lengths")
        var base = Counts.zero
        var differing: [(a: Counts, b: Counts)] = []
        for (x, y) in zip(a, b) {
            if x == y { base += x } else { differing.append((x, y)) }
        }
        if differing.isEmpty { return 1 }
        let totalA = differing.reduce(base) { $0 + $1.a }
        let totalB = differing.reduce(base) { $0 + $1.b }
        let observed = abs(Self.f1(totalA.tp, totalA.fp, totalA.fn) - Self.f1(totalB.tp, totalB.fp, totalB.fn))
        // Swapping document d moves (b_d − a_d) from one side to the other.
        let shift = differing.map { (tp: $0.b.tp - $0.a.tp, fp: $0.b.fp - $0.a.fp, fn: $0.b.fn - $0.a.fn) }
        var generator = SplitMix64(seed: seed)
        var reached = 0
        for _ in 0..<rounds {
            var tp = 0, fp = 0, fn = 0
            var bits: UInt64 = 0
            for (index, s) in shift.enumerated() {
                if index % 64 == 0 { bits = generator.next() }
                if bits & 1 == 1 { tp += s.tp; fp += s.fp; fn += s.fn }
                bits >>= 1
            }
            let difference = Self.f1(totalA.tp + tp, totalA.fp + fp, totalA.fn + fn)
                - Self.f1(totalB.tp - tp, totalB.fp - fp, totalB.fn - fn)
            if abs(difference) >= observed - 1e-12 { reached += 1 }
        }
        return Double(reached + 1) / Double(rounds + 1)
    }

    /// F1 = 2tp / (2tp + fp + fn), 0 when there is nothing to score (equal to
    /// the harmonic mean of P and R under Scoring's zero-division rule).
    static func f1(_ tp: Int, _ fp: Int, _ fn: Int) -> Double {
        let denominator = 2 * tp + fp + fn
        return denominator == 0 ? 0 : Double(2 * tp) / Double(denominator)
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator,
/// so that randomized tests give the same answer on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
