import Corpus

/// The units that the bootstrap and the paired tests resample: the gold
/// set's documents, or, when the gold set is one document with sentences
/// (ANERcorp has no `-DOCSTART-`), its sentences.
///
/// Sentences are grouped where an entity (gold or predicted by any
/// competitor, projected onto the tokens) crosses a sentence break, so that
/// each entity lies inside one unit. Then the scorer's counts of the units add
/// up exactly to its counts of the whole document: alignment works on
/// clusters of overlapping entities, and no cluster spans two units.
///
/// Invariant: the pieces of a document partition its text, in order.
public struct EvaluationUnits: Sendable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case document
        case sentence
    }

    /// A unit: a scalar range of one gold document, with its tokens and sentences.
    struct Piece: Sendable {
        var document: Int
        var start: Int
        var end: Int
        var tokens: Range<Int>
        var sentences: Range<Int>
    }

    public private(set) var kind: Kind
    /// Unit ids in order: the document ids, or `DOC#s12` (sentence 12) and
    /// `DOC#s12-13` (sentences 12 and 13, which an entity joins).
    public private(set) var ids: [String]
    var pieces: [Piece]

    public var count: Int { ids.count }

    /// Documents as units.
    public init(documents gold: [AnnotatedDocument]) {
        kind = .document
        ids = gold.map(\.id)
        pieces = []
    }

    /// The units for `gold` and every competitor's predictions (each in gold order).
    public static func plan(gold: [AnnotatedDocument], predictions: [[AnnotatedDocument]]) -> EvaluationUnits {
        guard gold.count == 1, let tokens = gold[0].document.tokens, gold[0].document.sentenceStarts.count >= 2 else {
            return EvaluationUnits(documents: gold)
        }
        let document = gold[0].document
        let starts = document.sentenceStarts
        // blocked[s]: an entity runs from sentence s − 1 into sentence s.
        var blocked = [Bool](repeating: false, count: starts.count)
        var sentenceOfToken = [Int](repeating: 0, count: tokens.count)
        for s in starts.indices {
            let end = s + 1 < starts.count ? starts[s + 1] : tokens.count
            for t in starts[s]..<end { sentenceOfToken[t] = s }
        }
        for entities in [gold[0].entities] + predictions.map({ $0[0].entities }) {
            for case let range? in TokenProjection.tokenRanges(of: entities, tokens: tokens) {
                let first = sentenceOfToken[range.lowerBound], last = sentenceOfToken[range.upperBound]
                if first < last { for s in (first + 1)...last { blocked[s] = true } }
            }
        }
        var units = EvaluationUnits(documents: gold)
        units.kind = .sentence
        units.ids = []
        let textLength = document.text.unicodeScalars.count
        var first = 0
        for s in 1...starts.count where s == starts.count || !blocked[s] {
            let start = first == 0 ? 0 : tokens[starts[first]].start
            let end = s == starts.count ? textLength : tokens[starts[s]].start
            let endToken = s == starts.count ? tokens.count : starts[s]
            units.pieces.append(Piece(document: 0, start: start, end: end, tokens: starts[first]..<endToken, sentences: first..<s))
            units.ids.append(s - first == 1 ? "\(document.id)#s\(first + 1)" : "\(document.id)#s\(first + 1)-\(s)")
            first = s
        }
        return units
    }

    /// `documents` (gold, or a competitor's predictions over the gold
    /// documents) cut into the units, each a document of its own with offsets
    /// from its start. Documents as units come back unchanged.
    /// - Complexity: O(text + tokens + entities).
    public func split(_ documents: [AnnotatedDocument]) -> [AnnotatedDocument] {
        guard kind == .sentence else { return documents }
        var out: [AnnotatedDocument] = []
        out.reserveCapacity(pieces.count)
        let source = documents[0]
        let scalars = Array(source.document.text.unicodeScalars)
        let tokens = source.document.tokens ?? []
        let starts = source.document.sentenceStarts
        let entities = source.entities.sorted { $0.start < $1.start }
        var e = 0
        for (k, piece) in pieces.enumerated() {
            var unitEntities: [EntitySpan] = []
            while e < entities.count, entities[e].start < piece.end {
                let entity = entities[e]
                let start = entity.start - piece.start
                let end = Swift.min(entity.end, piece.end) - piece.start
                if start >= 0, end > start {
                    unitEntities.append(EntitySpan(start: start, end: end, type: entity.type, text: entity.text))
                }
                e += 1
            }
            let unitTokens = tokens[piece.tokens].map { TokenSpan(start: $0.start - piece.start, end: $0.end - piece.start) }
            let unitStarts = starts[piece.sentences].map { $0 - piece.tokens.lowerBound }
            let text = scalars.string(from: piece.start, to: piece.end)
            out.append(AnnotatedDocument(
                document: Document(id: ids[k], text: text, tokens: unitTokens, sentenceStarts: unitStarts),
                entities: unitEntities))
        }
        return out
    }
}
