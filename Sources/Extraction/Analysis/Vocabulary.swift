/// The index of a word (a normalized token) in a `Vocabulary`; `WordID.unknown` when absent.
public typealias WordID = Int32

extension WordID {
    public static let unknown: WordID = -1
}

/// Open-addressing table from 64-bit keys to `Int32` values, built once and then
/// read concurrently. Several slots may hold the same key (the vocabulary stores
/// word hashes, which can collide, and verifies the word itself).
///
/// Complexity: O(1) expected per probe sequence; load factor at most 1/2.
struct ProbeTable: Sendable {
    private(set) var keys: [UInt64]
    private(set) var values: [Int32]
    private(set) var count = 0
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds a slot (duplicates of `key` allowed).
    mutating func insert(_ key: UInt64, _ value: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        var i = Self.slot(key, mask)
        while values[i] >= 0 { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
        count += 1
    }

    /// The first value stored under `key`, or `nil`.
    @inline(__always)
    func first(_ key: UInt64) -> Int32? {
        var i = Self.slot(key, mask)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key { return v }
            i = (i + 1) & mask
        }
    }

    /// Calls `body` with each value under `key` until it returns true.
    @inline(__always)
    func firstMatching(_ key: UInt64, _ body: (Int32) -> Bool) -> Int32? {
        var i = Self.slot(key, mask)
        while true {
            let v = values[i]
            if v < 0 { return nil }
            if keys[i] == key, body(v) { return v }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for i in oldKeys.indices where oldValues[i] >= 0 { insert(oldKeys[i], oldValues[i]) }
    }
}

/// FNV-1a over scalar values: incremental, so that a clitic reading's lookup form
/// (`ا` + the rest of a word) hashes without being built.
@usableFromInline
struct WordHasher {
    @usableFromInline var value: UInt64 = 0xCBF2_9CE4_8422_2325
    @inlinable init() {}
    @inlinable @inline(__always)
    mutating func combine(_ s: Unicode.Scalar) {
        value = (value ^ UInt64(s.value)) &* 0x0000_0100_0000_01B3
    }
}

/// The words that a configuration's resources mention (gazetteer entries, rule
/// lists), interned to dense ids, each word a sequence of normalized scalars.
///
/// Built once while a configuration loads, then immutable and shared by every
/// thread. Lookup hashes the word and verifies it, so it never confuses two words.
public struct Vocabulary: Sendable {
    private var table = ProbeTable()
    private var storage: [Unicode.Scalar] = []
    private var ends: [Int] = []

    public init() {}

    /// The number of distinct words.
    public var count: Int { ends.count }

    /// The scalars of word `id`.
    public func scalars(of id: WordID) -> ArraySlice<Unicode.Scalar> {
        let i = Int(id)
        return storage[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    /// The word `id` as a string.
    public func word(_ id: WordID) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars(of: id))
        return String(s)
    }

    /// The id of `word`, adding it when new. O(length).
    @discardableResult
    public mutating func intern<C: Collection<Unicode.Scalar>>(_ word: C) -> WordID {
        if let id = id(of: word, prefix: nil) { return id }
        var h = WordHasher()
        for s in word { h.combine(s) }
        let id = WordID(ends.count)
        storage.append(contentsOf: word)
        ends.append(storage.count)
        table.insert(h.value, id)
        return id
    }

    /// The id of `prefix` (when given) followed by `word`, or `nil`. O(length), no allocation.
    @inlinable
    public func id<C: Collection<Unicode.Scalar>>(of word: C, prefix: Unicode.Scalar? = nil) -> WordID? {
        var h = WordHasher()
        if let prefix { h.combine(prefix) }
        for s in word { h.combine(s) }
        let length = word.count + (prefix == nil ? 0 : 1)
        return lookup(hash: h.value) { candidate in
            guard candidate.count == length else { return false }
            var i = candidate.startIndex
            if let prefix {
                if candidate[i] != prefix { return false }
                i += 1
            }
            for s in word {
                if candidate[i] != s { return false }
                i += 1
            }
            return true
        }
    }

    @usableFromInline
    func lookup(hash: UInt64, _ equal: (ArraySlice<Unicode.Scalar>) -> Bool) -> WordID? {
        table.firstMatching(hash) { equal(scalars(of: $0)) }
    }
}
