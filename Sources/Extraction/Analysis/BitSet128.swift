/// A set of small integers 0..<128 in two machine words: the classes a token
/// belongs to, or the types a gazetteer entry has. Value semantics, no allocation.
public struct BitSet128: Sendable, Hashable {
    public var low: UInt64
    public var high: UInt64

    @inlinable public init() { low = 0; high = 0 }
    @inlinable public init(low: UInt64, high: UInt64) { self.low = low; self.high = high }
    @inlinable public init(_ member: Int) { self.init(); insert(member) }

    public static let capacity = 128

    @inlinable public var isEmpty: Bool { low == 0 && high == 0 }

    @inlinable public func contains(_ i: Int) -> Bool {
        i < 64 ? (low >> UInt64(i)) & 1 == 1 : (high >> UInt64(i - 64)) & 1 == 1
    }

    @inlinable public mutating func insert(_ i: Int) {
        precondition(i >= 0 && i < 128)
        if i < 64 { low |= 1 << UInt64(i) } else { high |= 1 << UInt64(i - 64) }
    }

    @inlinable public func union(_ o: BitSet128) -> BitSet128 { BitSet128(low: low | o.low, high: high | o.high) }
    @inlinable public func intersection(_ o: BitSet128) -> BitSet128 { BitSet128(low: low & o.low, high: high & o.high) }
    @inlinable public func intersects(_ o: BitSet128) -> Bool { (low & o.low) | (high & o.high) != 0 }
    @inlinable public mutating func formUnion(_ o: BitSet128) { low |= o.low; high |= o.high }

    /// The smallest member. O(1).
    @inlinable public var first: Int? {
        if low != 0 { return low.trailingZeroBitCount }
        if high != 0 { return 64 + high.trailingZeroBitCount }
        return nil
    }

    /// The members in increasing order.
    public var members: [Int] {
        var out: [Int] = []
        var l = low, h = high
        while l != 0 { out.append(l.trailingZeroBitCount); l &= l - 1 }
        while h != 0 { out.append(64 + h.trailingZeroBitCount); h &= h - 1 }
        return out
    }
}

/// A trie over word ids: each path from the root spells a phrase (a gazetteer
/// entry, a multi-word trigger), and each node carries the set of labels (types or
/// classes) of the phrase ending there.
///
/// Transitions live in one flat hash table keyed by (node, word), so a step is one
/// probe and the trie costs a few words per transition. Immutable once built.
public struct PhraseTrie: Sendable {
    private var transitions = ProbeTable()
    /// Labels of the phrase ending at each node (empty: no phrase ends there).
    public private(set) var labels: [BitSet128] = [BitSet128()]
    /// The longest phrase, in words.
    public private(set) var maximumLength = 0

    public init() {}

    public static let root: Int32 = 0

    /// The number of phrases that end somewhere (nodes with labels).
    public var phraseCount: Int { labels.reduce(0) { $0 + ($1.isEmpty ? 0 : 1) } }

    @inline(__always)
    static func key(_ node: Int32, _ word: WordID) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    /// Adds `phrase` with `label`. O(length).
    public mutating func insert(_ phrase: [WordID], label: Int) {
        precondition(!phrase.isEmpty)
        var node = Self.root
        for w in phrase {
            if let next = transitions.first(Self.key(node, w)) {
                node = next
            } else {
                let next = Int32(labels.count)
                labels.append(BitSet128())
                transitions.insert(Self.key(node, w), next)
                node = next
            }
        }
        labels[Int(node)].insert(label)
        maximumLength = max(maximumLength, phrase.count)
    }

    /// The child of `node` along `word`, or `nil`. O(1).
    @inline(__always)
    public func child(_ node: Int32, _ word: WordID) -> Int32? {
        guard word >= 0 else { return nil }
        return transitions.first(Self.key(node, word))
    }
}
