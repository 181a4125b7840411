import Corpus

/// What a first labelling pass said about a document, as features for the second:
/// each token's first-pass label, and for each normalized word and stem, how many of
/// its occurrences the first pass put in an entity of each type (or left outside).
///
/// A surname mentioned alone ("دالي") after the full name ("سلفادور دالي") is the
/// typical beneficiary. Counts exclude the token itself when its features are made,
/// so a token never sees its own first-pass label through the word memory.
///
/// Built once per document: O(tokens) time, a fixed number of allocations.
public struct DocumentMemory: Sendable {
    /// First-pass label of every token of the document.
    public let labels: [Int]
    let wordSlots: [Int32]      // per token: its word's slot
    let stemSlots: [Int32]      // per token: its stem's slot
    /// counts[slot × width + type] for types 0..<T, and `width - 1` for outside.
    let counts: [Int32]
    let width: Int

    /// - Parameters:
    ///   - words, stems: per token hashes of the normalized word and stem.
    ///   - labels: per token first-pass labels in `tags`.
    public init(words: [UInt64], stems: [UInt64], labels: [Int], tags: BIOTagSet) {
        precondition(words.count == labels.count && stems.count == labels.count)
        self.labels = labels
        width = tags.types.count + 1
        var slots: [UInt64: Int32] = [:]
        slots.reserveCapacity(labels.count / 2)
        func slot(_ key: UInt64) -> Int32 {
            if let s = slots[key] { return s }
            let s = Int32(slots.count)
            slots[key] = s
            return s
        }
        // Words and stems share the table under distinct keys.
        wordSlots = words.map { slot(FeatureHash.key(1, $0)) }
        stemSlots = stems.map { slot(FeatureHash.key(2, $0)) }
        var counts = [Int32](repeating: 0, count: slots.count * width)
        for (i, label) in labels.enumerated() {
            let column = tags.typeIndex(of: label) ?? (width - 1)
            counts[Int(wordSlots[i]) * width + column] += 1
            counts[Int(stemSlots[i]) * width + column] += 1
        }
        self.counts = counts
    }

    /// Calls `body(column, count)` for each column (type index, or `width - 1` for
    /// outside) that the *other* occurrences of token `i`'s word (or stem) have.
    @inline(__always)
    func forEachOther(token i: Int, stem: Bool, ownColumn: Int, _ body: (Int) -> Void) {
        let base = Int(stem ? stemSlots[i] : wordSlots[i]) * width
        for c in 0..<width {
            let n = counts[base + c] - (c == ownColumn ? 1 : 0)
            if n > 0 { body(c) }
        }
    }
}
