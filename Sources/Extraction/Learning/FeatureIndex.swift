/// Interns 64-bit feature keys as dense row numbers `0..<count`.
///
/// Open addressing with linear probing over a power-of-two table of (key, row)
/// slots kept at most half full, so that a lookup touches one cache line; key 0
/// marks an empty slot (`FeatureHash` never produces it). Rows are given in order
/// of first insertion, so the numbering depends only on the order features are
/// seen, never on hashing or memory layout.
///
/// Complexity: `row(for:)` and `insert(_:)` are O(1) expected; lookups do not allocate.
public struct FeatureIndex: Sendable {
    @usableFromInline
    struct Slot: Sendable {
        @usableFromInline var key: UInt64
        @usableFromInline var row: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    /// The keys in row order: `keys[row]` is the key of `row`.
    public private(set) var keys: [UInt64]

    public init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(key: 0, row: -1), count: size)
        mask = size - 1
        keys = []
        keys.reserveCapacity(minimumCapacity)
    }

    /// An index over `keys` in the given row order. Duplicate keys are a precondition failure.
    public init(keys: [UInt64]) {
        self.init(minimumCapacity: keys.count)
        for k in keys {
            let (_, inserted) = insert(k)
            precondition(inserted, "duplicate feature key")
        }
    }

    /// The number of interned keys.
    public var count: Int { keys.count }

    /// The row of `key`, or -1 when the key was never inserted.
    public func row(for key: UInt64) -> Int {
        withLookup { $0.row(for: key) }
    }

    /// Read access for a batch of lookups (a sentence's features) without
    /// re-borrowing the table for each key.
    struct Lookup {
        let slots: UnsafeBufferPointer<Slot>
        let mask: Int

        @inline(__always)
        func row(for key: UInt64) -> Int {
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let slot = slots[i]
                if slot.key == key { return Int(slot.row) }
                if slot.key == 0 { return -1 }
                i = (i &+ 1) & mask
            }
        }
    }

    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { body(Lookup(slots: $0, mask: mask)) }
    }

    /// Inserts `key` if absent. Returns its row and whether it was new.
    @discardableResult
    public mutating func insert(_ key: UInt64) -> (row: Int, inserted: Bool) {
        precondition(key != 0, "feature key 0 is reserved")
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = slots[i].key
            if k == key { return (Int(slots[i].row), false) }
            if k == 0 { break }
            i = (i &+ 1) & mask
        }
        let row = keys.count
        slots[i] = Slot(key: key, row: Int32(row))
        keys.append(key)
        if keys.count * 2 > slots.count { grow() }
        return (row, true)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: Slot(key: 0, row: -1), count: size)
        mask = size - 1
        for (row, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key) & mask
            while slots[i].key != 0 { i = (i &+ 1) & mask }
            slots[i] = Slot(key: key, row: Int32(row))
        }
    }
}
