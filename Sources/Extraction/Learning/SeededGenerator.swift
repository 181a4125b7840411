/// A seeded pseudo-random generator (SplitMix64), so that shuffling, and so
/// training, is the same on every run and platform for a given seed.
///
/// The standard library's `shuffle()` draws with `Int.random(in:)`, whose
/// algorithm is not promised to stay the same across Swift versions; training
/// shuffles with `shuffle(_:)` below instead, a plain Fisher–Yates.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return FeatureHash.finish(state)
    }

    /// A uniform integer in `0..<bound` (Lemire's multiply-shift with rejection). O(1) expected.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        while true {
            let product = next().multipliedFullWidth(by: b)
            if product.low >= (0 &- b) % b { return Int(product.high) }
        }
    }

    /// Shuffles `array` in place (Fisher–Yates). O(n).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = below(i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
