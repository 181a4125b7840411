/// Deterministic 64-bit feature keys.
///
/// A feature such as "suffix of length 2 is `ية`" or "word at -1 is `وزير`" is
/// named by a 64-bit key: the hash of its template number and its value. Keys are
/// computed from scalars in place, so featurizing a token allocates nothing.
///
/// Swift's `Hasher` is seeded per process and would make keys (and so model files)
/// differ between runs; this hash is fixed: FNV-1a over 32-bit units, then the
/// SplitMix64 finalizer for avalanche. With a few million distinct features the
/// chance that two collide is about 10⁻⁷; a collision merges two features and is
/// harmless to a linear model.
public enum FeatureHash {
    /// The hash of the empty value.
    public static let empty: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Extends `state` with one 32-bit unit (an FNV-1a step).
    @inlinable @inline(__always)
    public static func step(_ state: UInt64, _ unit: UInt32) -> UInt64 {
        (state ^ UInt64(unit)) &* 0x0000_0100_0000_01b3
    }

    /// The SplitMix64 finalizer: spreads every input bit over the output.
    @inlinable @inline(__always)
    public static func finish(_ state: UInt64) -> UInt64 {
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The hash of a sequence of scalars (a token, a prefix, a stem). O(n).
    @inlinable
    public static func hash<S: Sequence>(_ scalars: S) -> UInt64 where S.Element == Unicode.Scalar {
        var h = empty
        for s in scalars { h = step(h, s.value) }
        return finish(h)
    }

    /// The hash of a string's scalars. O(n).
    @inlinable
    public static func hash(_ string: String) -> UInt64 { hash(string.unicodeScalars) }

    /// The key of a feature made of a template number and one value hash. O(1).
    @inlinable @inline(__always)
    public static func key(_ template: UInt32, _ value: UInt64) -> UInt64 {
        nonZero(finish((value ^ (UInt64(template) &* 0x9e37_79b9_7f4a_7c15)) &+ 0x632b_e59b_d9b4_e019))
    }

    /// The key of a feature made of a template number and two value hashes
    /// (bigrams, conjunctions). Order matters: `key(t, a, b) != key(t, b, a)`. O(1).
    @inlinable @inline(__always)
    public static func key(_ template: UInt32, _ first: UInt64, _ second: UInt64) -> UInt64 {
        nonZero(finish(finish(first ^ (UInt64(template) &* 0x9e37_79b9_7f4a_7c15)) ^ (second &* 0xd6e8_feb8_6659_fd93)))
    }

    /// Zero is the feature index's empty-slot marker, so no key is ever zero.
    @inlinable @inline(__always)
    static func nonZero(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }
}
