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

    /// The unit documents of the gold set: each unit's text, tokens and
    /// sentences with offsets from its start. Documents as units come back as they are.
    /// - Complexity: O(text + tokens), one pass over the text.
    public func documents(_ gold: [Document]) -> [Document] {
        guard kind == .sentence else { return gold }
        let source = gold[0]
        let tokens = source.tokens ?? []
        let starts = source.sentenceStarts
        // String indices of every cut, found in one pass over the scalars.
        let scalars = source.text.unicodeScalars
        var cuts: [String.Index] = []
        cuts.reserveCapacity(pieces.count + 1)
        var index = scalars.startIndex
        var position = 0
        for offset in pieces.map(\.start) + [pieces.last?.end ?? 0] {
            while position < offset, index != scalars.endIndex {
                scalars.formIndex(after: &index)
                position += 1
            }
            cuts.append(index)
        }
        return pieces.enumerated().map { k, piece in
            Document(id: ids[k], text: String(scalars[cuts[k]..<cuts[k + 1]]),
                     tokens: tokens[piece.tokens].map { TokenSpan(start: $0.start - piece.start, end: $0.end - piece.start) },
                     sentenceStarts: starts[piece.sentences].map { $0 - piece.tokens.lowerBound })
        }
    }

    /// Entities of the gold document (gold, or a competitor's predictions)
    /// per unit, with offsets from the unit's start. An entity belongs to the
    /// unit its start falls in; units never cut an entity that overlaps a token.
    /// - Complexity: O(e log e).
    public func entities(_ entities: [EntitySpan]) -> [[EntitySpan]] {
        guard kind == .sentence else { return [entities] }
        var out = [[EntitySpan]](repeating: [], count: pieces.count)
        let sorted = entities.sorted { $0.start < $1.start }
        var k = 0
        for entity in sorted {
            while k + 1 < pieces.count, entity.start >= pieces[k].end { k += 1 }
            let piece = pieces[k]
            let start = entity.start - piece.start
            let end = Swift.min(entity.end, piece.end) - piece.start
            if start >= 0, end > start {
                out[k].append(EntitySpan(start: start, end: end, type: entity.type, text: entity.text))
            }
        }
        return out
    }

    /// `documents` (gold, or a competitor's predictions over the gold
    /// documents) cut into the units, each a document of its own with offsets
    /// from its start. Documents as units come back unchanged.
    public func split(_ documents: [AnnotatedDocument]) -> [AnnotatedDocument] {
        guard kind == .sentence else { return documents }
        return zip(self.documents(documents.map(\.document)), entities(documents[0].entities)).map {
            AnnotatedDocument(document: $0, entities: $1)
        }
    }
}
