import ArabicText
import Corpus

/// Where a token stands in the gazetteer matches of one layer: for each type index
/// `k` (see `GazetteerLayer.types`), bit `2k` is set when a match of that type
/// begins at the token and bit `2k+1` when the token is inside one (not first).
public struct GazetteerMembership: Sendable, Hashable {
    public var bits: UInt64
    public init(bits: UInt64 = 0) { self.bits = bits }
    @inlinable public func begins(typeIndex k: Int) -> Bool { (bits >> UInt64(2 * k)) & 1 == 1 }
    @inlinable public func inside(typeIndex k: Int) -> Bool { (bits >> UInt64(2 * k + 1)) & 1 == 1 }
    @inlinable public var isEmpty: Bool { bits == 0 }
}

/// One longest match of a gazetteer entry: a token range and the entry's types
/// (indices into `GazetteerLayer.types`); `throughClitic` when the first token
/// matched by one of its clitic readings (`وسورية`, `للأمم المتحدة`).
public struct GazetteerMatch: Sendable, Hashable {
    public var tokens: Range<Int>
    public var types: BitSet128
    public var throughClitic: Bool
}

/// A gazetteer's matches over one analysed document.
public struct GazetteerLayer: Sendable {
    public let types: [EntityType]
    /// Non-overlapping, in document order.
    public let matches: [GazetteerMatch]
    /// Per token.
    public let membership: [GazetteerMembership]
}

/// Lists of names compiled into a token trie over normalized forms.
///
/// Matching is greedy longest-match from left to right within each sentence; when
/// `matchesClitics` is set, a match's first token may carry proclitics (it matches
/// through any of its clitic readings), later tokens must match whole. A token that
/// is itself a vocabulary word never needs its clitic reading to start the same match,
/// so `بغداد` matches as written and `ببغداد` through ب.
///
/// Immutable once built; matching a document is O(tokens × longest entry).
public struct Gazetteer: Sendable {
    public let name: String
    public let types: [EntityType]
    public let trie: PhraseTrie
    public let matchesClitics: Bool
    /// Distinct entries compiled.
    public let entryCount: Int

    public init(name: String, types: [EntityType], trie: PhraseTrie, matchesClitics: Bool, entryCount: Int) {
        precondition(types.count <= 32, "a gazetteer has at most 32 types")
        self.name = name
        self.types = types
        self.trie = trie
        self.matchesClitics = matchesClitics
        self.entryCount = entryCount
    }

    /// The longest match starting at token `t` (ending before `end`), if any.
    /// The end of the longest entry that continues from `node` at token `t + 1`, with its labels.
    @inline(__always)
    func walk(from node: Int32, at t: Int, end: Int, in document: AnalyzedDocument) -> (end: Int, labels: BitSet128)? {
        var node = node
        var k = t + 1
        var best: (end: Int, labels: BitSet128)?
        while true {
            let labels = trie.labels[Int(node)]
            if !labels.isEmpty { best = (k, labels) }
            guard k < end, let next = trie.child(node, document.wordIDs[k]) else { return best }
            node = next
            k += 1
        }
    }

    /// The longest match starting at token `t` (ending before `end`), if any.
    @inline(__always)
    func longestMatch(at t: Int, end: Int, in document: AnalyzedDocument) -> GazetteerMatch? {
        var best: GazetteerMatch?
        if let first = trie.child(PhraseTrie.root, document.wordIDs[t]), let m = walk(from: first, at: t, end: end, in: document) {
            best = GazetteerMatch(tokens: t..<m.end, types: m.labels, throughClitic: false)
        }
        if matchesClitics {
            for i in document.readingBounds[t]..<document.readingBounds[t + 1] {
                let reading = document.readings[i]
                guard reading.analysis.procliticLength > 0, let first = trie.child(PhraseTrie.root, reading.lookupID),
                      let m = walk(from: first, at: t, end: end, in: document) else { continue }
                if m.end > (best?.tokens.upperBound ?? 0) {
                    best = GazetteerMatch(tokens: t..<m.end, types: m.labels, throughClitic: true)
                }
            }
        }
        return best
    }

    /// This gazetteer's matches and per-token membership in `document`.
    public func layer(for document: AnalyzedDocument) -> GazetteerLayer {
        var matches: [GazetteerMatch] = []
        var membership = [GazetteerMembership](repeating: GazetteerMembership(), count: document.tokenCount)
        for s in 0..<document.sentenceCount {
            let range = document.sentenceRange(s)
            var t = range.lowerBound
            while t < range.upperBound {
                guard let match = longestMatch(at: t, end: range.upperBound, in: document) else { t += 1; continue }
                matches.append(match)
                var begin: UInt64 = 0, inside: UInt64 = 0
                var l = match.types.low & 0xFFFF_FFFF
                while l != 0 {
                    let k = UInt64(l.trailingZeroBitCount)
                    begin |= 1 << (2 * k)
                    inside |= 1 << (2 * k + 1)
                    l &= l - 1
                }
                membership[match.tokens.lowerBound].bits |= begin
                for i in match.tokens.dropFirst() { membership[i].bits |= inside }
                t = match.tokens.upperBound
            }
        }
        return GazetteerLayer(types: types, matches: matches, membership: membership)
    }
}
