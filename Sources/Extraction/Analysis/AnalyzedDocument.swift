import ArabicText
import Corpus

/// One clitic reading of a token, with the vocabulary id of its lookup form
/// (`WordID.unknown` when no resource of the configuration mentions it).
public struct TokenReading: Sendable, Hashable {
    public var analysis: CliticAnalysis
    public var lookupID: WordID
}

/// A document analysed once for every stage: tokens with offsets into the original
/// text, sentences, each token's normalized form, shape, vocabulary id and clitic
/// readings, and the annotation layers (gazetteer matches, rule classes) of the
/// configuration's resources.
///
/// Storage is flat (one array per property, indexed by token), so analysing a
/// document allocates a fixed number of arrays whatever its length, and a sentence
/// or token view (`sentence(_:)`, `token(_:)`) allocates nothing.
public struct AnalyzedDocument: Sendable {
    public let id: String
    /// The original text's scalars; every offset indexes this.
    public let scalars: [Unicode.Scalar]
    public let tokens: [TokenSpan]
    public let kinds: [TokenKind]
    public let shapes: [TokenShape]
    /// Index of the first token of each sentence (ascending, starting at 0 when there are tokens).
    public let sentenceStarts: [Int]
    /// All tokens' normalized forms, concatenated; token `i` is `normalized[normalizedBounds[i]..<normalizedBounds[i+1]]`.
    /// Punctuation glued to a word (`«داعش»`, `(د`) is left out of its normalized form.
    public let normalized: [Unicode.Scalar]
    public let normalizedBounds: [Int]
    /// Vocabulary id of each token's normalized form.
    public let wordIDs: [WordID]
    /// All tokens' clitic readings, concatenated; token `i`'s are `readings[readingBounds[i]..<readingBounds[i+1]]`.
    public let readings: [TokenReading]
    public let readingBounds: [Int]
    /// One layer per gazetteer of the configuration, in `Extractor.gazetteers` order.
    public internal(set) var gazetteerLayers: [GazetteerLayer] = []
    /// One layer per rule set of the configuration, in `Extractor.ruleSets` order.
    public internal(set) var classLayers: [ClassLayer] = []

    init(id: String, scalars: [Unicode.Scalar], tokens: [TokenSpan], kinds: [TokenKind], shapes: [TokenShape],
         sentenceStarts: [Int], normalized: [Unicode.Scalar], normalizedBounds: [Int], wordIDs: [WordID],
         readings: [TokenReading], readingBounds: [Int]) {
        self.id = id
        self.scalars = scalars
        self.tokens = tokens
        self.kinds = kinds
        self.shapes = shapes
        self.sentenceStarts = sentenceStarts
        self.normalized = normalized
        self.normalizedBounds = normalizedBounds
        self.wordIDs = wordIDs
        self.readings = readings
        self.readingBounds = readingBounds
    }

    public var tokenCount: Int { tokens.count }
    public var sentenceCount: Int { sentenceStarts.count }

    /// The token range of sentence `i`.
    @inlinable
    public func sentenceRange(_ i: Int) -> Range<Int> {
        sentenceStarts[i]..<(i + 1 < sentenceStarts.count ? sentenceStarts[i + 1] : tokens.count)
    }

    /// A view of sentence `i`. O(1).
    public func sentence(_ i: Int) -> AnalyzedSentence { AnalyzedSentence(document: self, range: sentenceRange(i)) }

    /// A view of token `i`. O(1).
    public func token(_ i: Int) -> TokenAnalysis { TokenAnalysis(document: self, index: i) }

    /// The normalized scalars of token `i`. O(1).
    @inlinable
    public func normalizedForm(_ i: Int) -> ArraySlice<Unicode.Scalar> {
        normalized[normalizedBounds[i]..<normalizedBounds[i + 1]]
    }

    /// The clitic readings of token `i`. O(1).
    @inlinable
    public func readings(_ i: Int) -> ArraySlice<TokenReading> {
        readings[readingBounds[i]..<readingBounds[i + 1]]
    }

    /// The original text of scalars `[start, end)`.
    public func text(from start: Int, to end: Int) -> String { scalars.string(from: start, to: end) }
}

/// A sentence of an analysed document: a token range and access to every layer.
public struct AnalyzedSentence: Sendable {
    public let document: AnalyzedDocument
    public let range: Range<Int>
    public var count: Int { range.count }
    /// Token `k` of the sentence (`k` counts from 0 within the sentence).
    public func token(_ k: Int) -> TokenAnalysis { TokenAnalysis(document: document, index: range.lowerBound + k) }
}

/// Everything known about one token, read from its document's flat layers.
public struct TokenAnalysis: Sendable {
    public let document: AnalyzedDocument
    /// The token's index in the document.
    public let index: Int

    public var span: TokenSpan { document.tokens[index] }
    public var kind: TokenKind { document.kinds[index] }
    public var shape: TokenShape { document.shapes[index] }
    /// The token as written.
    public var text: String { document.text(from: span.start, to: span.end) }
    /// The normalized form (used for matching).
    public var normalized: ArraySlice<Unicode.Scalar> { document.normalizedForm(index) }
    public var normalizedText: String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: normalized)
        return String(s)
    }
    public var wordID: WordID { document.wordIDs[index] }
    /// Clitic readings: proclitics, article and the vocabulary id of each lookup form.
    public var readings: ArraySlice<TokenReading> { document.readings(index) }
    /// Gazetteer membership in layer `layer`: B/I bits per type (see `GazetteerLayer`).
    public func gazetteerMembership(layer: Int = 0) -> GazetteerMembership {
        document.gazetteerLayers[layer].membership[index]
    }
    /// The rule classes (trigger lists and built-ins) the token belongs to, in layer `layer`.
    public func classes(layer: Int = 0) -> BitSet128 { document.classLayers[layer].classes[index] }
}
