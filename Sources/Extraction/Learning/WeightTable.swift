/// The emission weights laid out for tagging: an open-addressing table whose slot
/// holds a feature key and that feature's weights for every label side by side,
/// so that scoring a feature touches one place in memory instead of three (key
/// table, row table, weight matrix). Tagging is bound by these memory accesses.
///
/// A slot is `stride` 32-bit words: the key as two words (low, high), then `L`
/// weights as Float32 bit patterns, padded to an even count. Key 0 marks an empty
/// slot; the table is at most half full. Built once from a model; read-only after.
struct WeightTable: Sendable {
    private let words: [UInt32]
    private let mask: Int
    /// One bit per 2^20 buckets of the key's high bits, set for every stored key:
    /// 128 KiB that stay in cache and turn away most unknown keys (rare words,
    /// bigrams never seen) before they cost a trip to the table.
    private let filter: [UInt64]
    static let filterBits = 20
    let labels: Int
    let stride: Int

    init(keys: [UInt64], emissions: [Float], labels L: Int) {
        precondition(emissions.count == keys.count * L)
        var size = 16
        while size < keys.count * 2 { size <<= 1 }
        let stride = (2 + L + 1) & ~1
        var words = [UInt32](repeating: 0, count: size * stride)
        let mask = size - 1
        for (row, key) in keys.enumerated() {
            var i = Int(truncatingIfNeeded: key) & mask
            while words[i * stride] != 0 || words[i * stride + 1] != 0 { i = (i &+ 1) & mask }
            let base = i * stride
            words[base] = UInt32(truncatingIfNeeded: key)
            words[base + 1] = UInt32(truncatingIfNeeded: key >> 32)
            for y in 0..<L { words[base + 2 + y] = emissions[row * L + y].bitPattern }
        }
        var filter = [UInt64](repeating: 0, count: (1 << Self.filterBits) / 64)
        for key in keys {
            let bit = Int(truncatingIfNeeded: key >> UInt64(64 - Self.filterBits))
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
        self.words = words
        self.mask = mask
        self.labels = L
        self.stride = stride
    }

    /// Adds the weights of every known key of `keys[range]` to `scores[0..<L]`. O(keys).
    @inline(__always)
    func accumulate(_ keys: UnsafeBufferPointer<UInt64>, _ range: Range<Int>, into scores: UnsafeMutablePointer<Float>,
                    words w: UnsafeBufferPointer<UInt32>, filter f: UnsafeBufferPointer<UInt64>) {
        let L = labels
        for k in range {
            let key = keys[k]
            let bit = Int(truncatingIfNeeded: key >> UInt64(64 - Self.filterBits))
            if (f[bit >> 6] >> UInt64(bit & 63)) & 1 == 0 { continue }
            let low = UInt32(truncatingIfNeeded: key), high = UInt32(truncatingIfNeeded: key >> 32)
            var i = Int(truncatingIfNeeded: key) & mask
            while true {
                let base = i &* stride
                let a = w[base], b = w[base + 1]
                if a == low && b == high {
                    for y in 0..<L { scores[y] += Float(bitPattern: w[base + 2 + y]) }
                    break
                }
                if a == 0 && b == 0 { break }
                i = (i &+ 1) & mask
            }
        }
    }

    func withStorage<R>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt64>) -> R) -> R {
        words.withUnsafeBufferPointer { w in filter.withUnsafeBufferPointer { f in body(w, f) } }
    }
}
