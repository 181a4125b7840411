/// First-order Viterbi decoding with reusable buffers.
///
/// Scores are `emission[i][y] + transition[previous][y]`; a disallowed transition
/// has score −∞ (the BIO constraints of `BIOTagSet`), so the best path always
/// keeps them. Ties go to the lowest label number, so decoding is deterministic.
///
/// Complexity: O(n · L²) time for n tokens and L labels; the buffers grow to the
/// longest sentence seen and are then reused, so decoding allocates nothing.
public struct ViterbiDecoder: Sendable {
    /// Emission scores, n × L, row-major. Callers fill it through `prepare(tokens:labels:)`.
    public var emissions: [Float] = []
    private var scores: [Float] = []
    private var backpointers: [Int32] = []

    public init() {}

    /// Sizes and zeroes the emission buffer for `tokens × labels` scores.
    public mutating func prepare(tokens: Int, labels: Int) {
        let size = tokens * labels
        if emissions.count < size {
            emissions = Array(repeating: 0, count: size)
            scores = Array(repeating: 0, count: size)
            backpointers = Array(repeating: 0, count: size)
        } else {
            emissions.withUnsafeMutableBufferPointer { e in
                for i in 0..<size { e[i] = 0 }
            }
        }
    }

    /// Decodes the best label sequence for `tokens` tokens from the emission buffer.
    ///
    /// - Parameters:
    ///   - transitions: `(L + 1) × L` scores with −∞ where a transition is not allowed;
    ///     row `L` holds the scores of starting the sentence with each label.
    ///   - labels: receives the `tokens` labels (its contents are replaced).
    public mutating func decode(tokens n: Int, labels L: Int, transitions: [Float], into labels: inout [Int]) {
        labels.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        precondition(transitions.count == (L + 1) * L)
        emissions.withUnsafeBufferPointer { emit in
        scores.withUnsafeMutableBufferPointer { score in
        backpointers.withUnsafeMutableBufferPointer { back in
        transitions.withUnsafeBufferPointer { trans in
            let start = L * L
            for y in 0..<L { score[y] = emit[y] + trans[start + y] }
            var i = 1
            while i < n {
                let row = i * L, previousRow = row - L
                for y in 0..<L {
                    var best = -Float.infinity
                    var arg: Int32 = 0
                    for p in 0..<L {
                        let s = score[previousRow + p] + trans[p * L + y]
                        if s > best { best = s; arg = Int32(p) }
                    }
                    score[row + y] = best + emit[row + y]
                    back[row + y] = arg
                }
                i += 1
            }
            let lastRow = (n - 1) * L
            var bestLabel = 0
            for y in 1..<L where score[lastRow + y] > score[lastRow + bestLabel] { bestLabel = y }
            for _ in 0..<n { labels.append(0) }
            var y = bestLabel
            var j = n - 1
            while true {
                labels[j] = y
                if j == 0 { break }
                y = Int(back[j * L + y])
                j -= 1
            }
        }
        }
        }
        }
    }
}
