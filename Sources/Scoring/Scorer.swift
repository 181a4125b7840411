import Corpus

/// Gold and predicted documents that cannot be paired: a document on one side
/// only, an id twice on one side, or texts that differ.
public struct PairingError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Side: String, Sendable { case gold, predicted = "predictions" }
    public var documentID: String
    public var side: Side
    public var message: String
    public var description: String { message }
}

/// Scores predicted entities against gold entities.
///
/// ```swift
/// let result = try Scorer(ScoringOptions(typeMap: ["PERS": "PER"]))
///     .score(gold: goldDocuments, predicted: systemDocuments)
/// let f1 = result.conllAverages().micro.f1
/// ```
///
/// Documents are paired by id (every id on both sides, once each, with the same
/// text). Each entity's type is mapped and filtered (`ScoringOptions`); when
/// the gold document has tokens the entities are projected onto them. Then
/// each document is aligned (see `DocumentAlignment`) and counted under the
/// CoNLL scheme (exact span and type, as conlleval and seqeval) and the four
/// SemEval-2013 schemes (as nervaluate), with per-type rows that add up to the
/// overall row. The result keeps one tally per document.
///
/// Complexity: O(e log e) in the number of entities, plus the contested
/// clusters (see `DocumentAlignment`), plus one pass over the tokens for accuracy.
public struct Scorer: Sendable {
    public var options: ScoringOptions

    public init(_ options: ScoringOptions = ScoringOptions()) {
        self.options = options
    }

    /// Scores documents paired by id, in gold order.
    ///
    /// Token accuracy is counted on BIO tags projected from the entities when
    /// the gold documents have tokens (for tagged input use `score(_:)`, which
    /// counts conlleval's way on the tags as written).
    /// - Throws: `PairingError` naming the first document that cannot be paired.
    public func score(gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) throws -> ScoreResult {
        var predictedByID: [String: Int] = [:]
        predictedByID.reserveCapacity(predicted.count)
        for (i, d) in predicted.enumerated() {
            if predictedByID.updateValue(i, forKey: d.id) != nil {
                throw PairingError(documentID: d.id, side: .predicted, message: "document \"\(d.id)\" appears twice in the predictions")
            }
        }
        var goldIDs = Set<String>()
        var pairs: [(AnnotatedDocument, AnnotatedDocument)] = []
        pairs.reserveCapacity(gold.count)
        for g in gold {
            guard goldIDs.insert(g.id).inserted else {
                throw PairingError(documentID: g.id, side: .gold, message: "document \"\(g.id)\" appears twice in the gold set")
            }
            guard let j = predictedByID[g.id] else {
                throw PairingError(documentID: g.id, side: .predicted, message: "document \"\(g.id)\" is in the gold set but not in the predictions")
            }
            let p = predicted[j]
            if g.document.text != p.document.text {
                throw PairingError(documentID: g.id, side: .predicted, message: "document \"\(g.id)\": the predicted text differs from the gold text \(Self.firstDifference(g.document.text, p.document.text))")
            }
            pairs.append((g, p))
        }
        if let extra = predicted.first(where: { !goldIDs.contains($0.id) }) {
            throw PairingError(documentID: extra.id, side: .gold, message: "document \"\(extra.id)\" is in the predictions but not in the gold set")
        }
        return run(pairs, tagPairs: nil, sentenceLines: nil, tagging: nil)
    }

    /// Scores a corpus read from tagged CoNLL files (`CoNLLPairing`). Token
    /// accuracy compares the tags as written, after `typeMap` and `types`, as
    /// conlleval.pl does (a tag of an excluded type counts as `O`).
    public func score(_ corpus: PairedCorpus) throws -> ScoreResult {
        precondition(corpus.gold.count == corpus.predicted.count)
        let pairs = Array(zip(corpus.gold, corpus.predicted))
        return run(pairs, tagPairs: corpus.tagPairs, sentenceLines: corpus.sentenceLines,
                   tagging: TaggingSummary(scheme: corpus.scheme.name, policy: corpus.policy,
                                           goldViolations: corpus.goldViolations, predictedViolations: corpus.predictedViolations),
                   alreadyOnTokens: true)
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        var offset = 0
        var i = a.unicodeScalars.makeIterator(), j = b.unicodeScalars.makeIterator()
        while true {
            let x = i.next(), y = j.next()
            if x == nil, y == nil { return "" }
            if x != y { return "at offset \(offset)" }
            offset += 1
        }
    }

    // MARK: - The scoring pass

    /// Maps entity types to the scored type table with a one-entry cache (types repeat).
    struct TypeResolver {
        let options: ScoringOptions
        var index: [EntityType: Int] = [:]
        var lastName: EntityType?
        var lastIndex: Int? = nil

        /// The provisional id of a type, or nil when it is filtered out.
        mutating func id(_ type: EntityType) -> Int? {
            if let lastName, lastName == type { return lastIndex }
            let result: Int?
            if let scored = options.scoredType(type) {
                if let known = index[scored] { result = known } else { result = index.count; index[scored] = result }
            } else {
                result = nil
            }
            lastName = type
            lastIndex = result
            return result
        }
    }

    func run(_ pairs: [(AnnotatedDocument, AnnotatedDocument)], tagPairs: [[TagPair: Int]]?, sentenceLines: [[Int]]?,
             tagging: TaggingSummary?, alreadyOnTokens: Bool = false) -> ScoreResult {
        // Pass 1: the type table, sorted by name.
        var resolver = TypeResolver(options: options)
        var excludedGold: [EntityType: Int] = [:], excludedPredicted: [EntityType: Int] = [:]
        for (g, p) in pairs {
            // Index loops: iterating the values would copy each span (two strings).
            for i in g.entities.indices where resolver.id(g.entities[i].type) == nil {
                excludedGold[options.typeMap[g.entities[i].type] ?? g.entities[i].type, default: 0] += 1
            }
            for i in p.entities.indices where resolver.id(p.entities[i].type) == nil {
                excludedPredicted[options.typeMap[p.entities[i].type] ?? p.entities[i].type, default: 0] += 1
            }
        }
        let types = resolver.index.keys.sorted()
        var finalIndex = [Int](repeating: 0, count: types.count)
        for (i, t) in types.enumerated() { finalIndex[resolver.index[t]!] = i }

        var documents: [DocumentScore] = []
        documents.reserveCapacity(pairs.count)
        var total = ScoreTally(typeCount: types.count)
        var unalignedGold = 0, unalignedPredicted = 0
        var errors: [EntityError] = []
        var tagCache: [String: String] = [:]

        for (d, (g, p)) in pairs.enumerated() {
            var tally = ScoreTally(typeCount: types.count)
            let tokens = alreadyOnTokens || !options.projectOntoTokens ? nil : g.document.tokens
            var goldMentions = mentions(g.entities, resolver: &resolver, finalIndex: finalIndex, tokens: tokens, unaligned: &unalignedGold)
            var predictedMentions = mentions(p.entities, resolver: &resolver, finalIndex: finalIndex, tokens: tokens, unaligned: &unalignedPredicted)

            // Token accuracy.
            if let tagPairs {
                for (pair, n) in tagPairs[d] {
                    tally.tokens += n
                    if scoredTag(pair.gold, cache: &tagCache) == scoredTag(pair.predicted, cache: &tagCache) { tally.matchingTags += n }
                }
            } else if let tokenSpans = g.document.tokens {
                let a = Self.bioLabels(goldMentions, tokens: tokenSpans), b = Self.bioLabels(predictedMentions, tokens: tokenSpans)
                tally.tokens = tokenSpans.count
                for i in a.indices where a[i] == b[i] { tally.matchingTags += 1 }
            }

            let wantErrors = errors.count < options.errorLimit
            var collector: ErrorCollector? = wantErrors ? ErrorCollector() : nil
            DocumentAlignment.align(gold: &goldMentions, predicted: &predictedMentions, into: &tally, observer: &collector)
            if let collector, !collector.items.isEmpty {
                errors += ErrorCollector.render(collector.items.prefix(options.errorLimit - errors.count), gold: g, predicted: p,
                                                types: types, lines: sentenceLines?[d], contextWidth: options.contextWidth)
            }
            total += tally
            documents.append(DocumentScore(id: g.id, tally: tally))
        }
        return ScoreResult(options: options, types: types, documents: documents, total: total,
                           excludedGold: excludedGold, excludedPredicted: excludedPredicted,
                           unalignedGold: unalignedGold, unalignedPredicted: unalignedPredicted,
                           errors: errors, tagging: tagging)
    }

    /// Mentions of the entities that are scored, projected onto `tokens` when given.
    func mentions(_ entities: [EntitySpan], resolver: inout TypeResolver, finalIndex: [Int], tokens: [TokenSpan]?, unaligned: inout Int) -> [Mention] {
        var out: [Mention] = []
        out.reserveCapacity(entities.count)
        for i in entities.indices {
            guard let id = resolver.id(entities[i].type) else { continue }
            var start = entities[i].start, end = entities[i].end
            if let tokens {
                guard let range = Self.tokenRange(start: start, end: end, tokens: tokens) else { unaligned += 1; continue }
                start = tokens[range.lowerBound].start
                end = tokens[range.upperBound].end
            }
            out.append(Mention(start: start, end: end, type: finalIndex[id], index: i))
        }
        return out
    }

    /// The tokens `[first, last]` a range overlaps, or nil. O(log t).
    static func tokenRange(start: Int, end: Int, tokens: [TokenSpan]) -> ClosedRange<Int>? {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= start { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tokens.count, tokens[lo].start < end else { return nil }
        var a = lo, b = tokens.count
        while a < b {
            let mid = (a + b) / 2
            if tokens[mid].start < end { a = mid + 1 } else { b = mid }
        }
        return lo...(a - 1)
    }

    /// BIO labels per token (0 = O, 2t+1 = B-t, 2t+2 = I-t); where mentions
    /// compete for a token the first in document order keeps it
    /// (`TokenProjection.bioTags`'s rule).
    static func bioLabels(_ mentions: [Mention], tokens: [TokenSpan]) -> [Int] {
        var labels = [Int](repeating: 0, count: tokens.count)
        let sorted = mentions.sorted { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        for m in sorted {
            guard let range = tokenRange(start: m.start, end: m.end, tokens: tokens), range.allSatisfy({ labels[$0] == 0 }) else { continue }
            labels[range.lowerBound] = 2 * m.type + 1
            for i in range.dropFirst() { labels[i] = 2 * m.type + 2 }
        }
        return labels
    }

    /// A tag with its type mapped; `O` when the type is filtered out.
    func scoredTag(_ tag: String, cache: inout [String: String]) -> String {
        if let known = cache[tag] { return known }
        var result = tag
        if tag != "O", let dash = tag.firstIndex(of: "-") {
            let type = EntityType(String(tag[tag.index(after: dash)...]))
            if let scored = options.scoredType(type) {
                result = String(tag[...dash]) + scored.name
            } else {
                result = "O"
            }
        }
        cache[tag] = result
        return result
    }
}
