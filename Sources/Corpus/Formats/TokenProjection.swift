/// Projection between character spans and tokens.
///
/// A token belongs to an entity when their ranges overlap. This is how a
/// character-level system is scored on a tokenized gold set, and how the
/// extractor writes BIO tags over the tokens it was given.
public enum TokenProjection {
    /// The token range `[first, last]` covered by each entity, in entity order;
    /// `nil` for an entity that overlaps no token. O((t + e) log e).
    public static func tokenRanges(of entities: [EntitySpan], tokens: [TokenSpan]) -> [ClosedRange<Int>?] {
        entities.map { e in
            // Binary search for the first token ending after the entity's start.
            var lo = 0, hi = tokens.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if tokens[mid].end <= e.start { lo = mid + 1 } else { hi = mid }
            }
            guard lo < tokens.count, tokens[lo].start < e.end else { return nil }
            var last = lo
            while last + 1 < tokens.count, tokens[last + 1].start < e.end { last += 1 }
            return lo...last
        }
    }

    /// BIO (IOB2) tags for `tokens`. Where entities compete for a token the one
    /// first in document order (earlier start, then longer) keeps it.
    public static func bioTags(for entities: [EntitySpan], tokens: [TokenSpan]) -> [String] {
        var tags = Array(repeating: "O", count: tokens.count)
        let sorted = entities.sorted()
        let ranges = tokenRanges(of: sorted, tokens: tokens)
        for (entity, range) in zip(sorted, ranges) {
            guard let range, range.allSatisfy({ tags[$0] == "O" }) else { continue }
            tags[range.lowerBound] = "B-" + entity.type.name
            for i in range.dropFirst() { tags[i] = "I-" + entity.type.name }
        }
        return tags
    }

    /// Entities snapped outward to whole tokens (the span of the tokens they
    /// overlap), with surface text from `document`. Entities that overlap no
    /// token are dropped and returned separately so callers can report them.
    public static func snapToTokens(_ entities: [EntitySpan], in document: Document) -> (snapped: [EntitySpan], unaligned: [EntitySpan]) {
        guard let tokens = document.tokens else { return (entities, []) }
        let scalars = document.scalars
        var snapped: [EntitySpan] = []
        var unaligned: [EntitySpan] = []
        for (e, range) in zip(entities, tokenRanges(of: entities, tokens: tokens)) {
            guard let range else { unaligned.append(e); continue }
            let start = tokens[range.lowerBound].start, end = tokens[range.upperBound].end
            snapped.append(EntitySpan(start: start, end: end, type: e.type, text: scalars.string(from: start, to: end)))
        }
        return (snapped, unaligned)
    }
}
