/// Interns 64-bit feature keys as dense row numbers `0..<count`.
///
/// Open addressing with linear probing over a power-of-two table kept at most
/// half full; key 0 marks an empty slot (`FeatureHash` never produces it).
/// Rows are given in order of first insertion, so the numbering depends only on
/// the order features are seen, never on hashing or memory layout.
///
/// Complexity: `row(for:)` and `insert(_:)` are O(1) expected; lookups do not allocate.
public struct FeatureIndex: Sendable {
    private var slotKeys: [UInt64]
    private var slotRows: [Int32]
    private var mask: Int
    /// The keys in row order: `keys[row]` is the key of `row`.
    public private(set) var keys: [UInt64]

    public init(minimumCapacity: Int = 1024) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slotKeys = Array(repeating: 0, count: size)
        slotRows = Array(repeating: -1, count: size)
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
        Int(lookup(key))
    }

    @inline(__always)
    func lookup(_ key: UInt64) -> Int32 {
        slotKeys.withUnsafeBufferPointer { sk in
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let k = sk[i]
                if k == key { return slotRows[i] }
                if k == 0 { return -1 }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Inserts `key` if absent. Returns its row and whether it was new.
    @discardableResult
    public mutating func insert(_ key: UInt64) -> (row: Int, inserted: Bool) {
        precondition(key != 0, "feature key 0 is reserved")
        var i = Int(truncatingIfNeeded: key) & mask
        while true {
            let k = slotKeys[i]
            if k == key { return (Int(slotRows[i]), false) }
            if k == 0 { break }
            i = (i &+ 1) & mask
        }
        let row = keys.count
        slotKeys[i] = key
        slotRows[i] = Int32(row)
        keys.append(key)
        if keys.count * 2 > slotKeys.count { grow() }
        return (row, true)
    }

    private mutating func grow() {
        let size = slotKeys.count * 2
        slotKeys = Array(repeating: 0, count: size)
        slotRows = Array(repeating: -1, count: size)
        mask = size - 1
        for (row, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key) & mask
            while slotKeys[i] != 0 { i = (i &+ 1) & mask }
            slotKeys[i] = key
            slotRows[i] = Int32(row)
        }
    }
}
