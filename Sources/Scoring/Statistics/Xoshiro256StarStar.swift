/// A fast seeded pseudo-random generator: xoshiro256** (Blackman and Vigna,
/// 2018), its 256-bit state filled from the seed by SplitMix64 as its authors
/// recommend.
///
/// Mizan's statistics draw from this generator rather than from the standard
/// library so that a fixed seed gives the same resamples, and so the same
/// confidence intervals and p-values, on every platform and toolchain
/// (`Int.random(in:using:)` leaves its reduction algorithm unspecified).
///
/// Not cryptographically secure. Each call is O(1).
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        // SplitMix64 never yields four zero words in a row, so the state is
        // never the all-zero fixed point of xoshiro.
    }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniformly distributed integer in `0..<bound`, without modulo bias.
    ///
    /// Lemire's multiply-and-shift reduction with rejection ("Fast random
    /// integer generation in an interval", 2019), written out here so the
    /// mapping from generator output to index never changes.
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }
}

/// SplitMix64 (Steele, Lea and Flood, 2014): used to expand one 64-bit seed
/// into xoshiro's state. Also a usable generator on its own.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

