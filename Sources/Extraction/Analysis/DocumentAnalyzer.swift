import ArabicText
import Corpus

/// Turns a document into an `AnalyzedDocument`: tokens (the document's own when it
/// has them, as CoNLL input does; otherwise the tokenizer's), sentences, normalized
/// forms, shapes, vocabulary ids and clitic readings.
///
/// Immutable and `Sendable`; analysing costs O(scalars) time and a fixed number of
/// allocations per document.
public struct DocumentAnalyzer: Sendable {
    public let normalizer: ArabicNormalizer
    public let tokenizer: Tokenizer
    public let splitter: SentenceSplitter
    public let clitics: CliticAnalyzer
    public let vocabulary: Vocabulary

    public init(normalizer: ArabicNormalizer = ArabicNormalizer(), clitics: CliticAnalyzer = CliticAnalyzer(),
                vocabulary: Vocabulary = Vocabulary()) {
        self.normalizer = normalizer
        self.tokenizer = Tokenizer()
        self.splitter = SentenceSplitter()
        self.clitics = clitics
        self.vocabulary = vocabulary
    }

    /// The normalized forms of the tokens of a phrase (a gazetteer entry or a
    /// trigger): tokenized and normalized exactly as document text is.
    public func normalizedTokens(of phrase: String) -> [[Unicode.Scalar]] {
        let scalars = Array(phrase.unicodeScalars)
        var out: [[Unicode.Scalar]] = []
        for token in tokenizer.tokenize(scalars) {
            var form: [Unicode.Scalar] = []
            for i in token.start..<token.end { normalizer.append(scalars[i], to: &form) }
            if !form.isEmpty { out.append(form) }
        }
        return out
    }

    public func analyze(_ document: Document) -> AnalyzedDocument {
        // One pass (Array(_:) would count the scalars first).
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(document.text.utf8.count)
        for s in document.text.unicodeScalars { scalars.append(s) }
        var tokens: [TokenSpan]
        var kinds: [TokenKind]
        var starts: [Int]
        if let given = document.tokens {
            tokens = given
            kinds = given.map { Tokenizer.kind(of: scalars[$0.start..<$0.end]) }
            starts = document.sentenceStarts.isEmpty && !given.isEmpty ? [0] : document.sentenceStarts
        } else {
            let made = tokenizer.tokenize(scalars)
            tokens = made.map { TokenSpan(start: $0.start, end: $0.end) }
            kinds = made.map(\.kind)
            starts = splitter.sentenceStarts(tokens: made, scalars: scalars)
        }
        let n = tokens.count
        var shapes: [TokenShape] = []
        shapes.reserveCapacity(n)
        var normalized: [Unicode.Scalar] = []
        normalized.reserveCapacity(scalars.count)
        var bounds = [0]
        bounds.reserveCapacity(n + 1)
        var wordIDs: [WordID] = []
        wordIDs.reserveCapacity(n)
        var readings: [TokenReading] = []
        var readingBounds = [0]
        readingBounds.reserveCapacity(n + 1)

        scalars.withUnsafeBufferPointer { buffer in
            for t in 0..<n {
                let span = tokens[t]
                var lo = span.start, hi = span.end
                // Glued punctuation is not part of the word for matching.
                if kinds[t] != .punctuation {
                    while lo < hi, Tokenizer.isPunctuation(buffer[lo]) { lo += 1 }
                    while hi > lo, Tokenizer.isPunctuation(buffer[hi - 1]) { hi -= 1 }
                }
                shapes.append(TokenShape.of(Token(start: lo, end: hi, kind: kinds[t]), in: buffer))
                let formStart = normalized.count
                for i in lo..<hi { normalizer.append(buffer[i], to: &normalized) }
                bounds.append(normalized.count)
                let form = normalized[formStart...]
                wordIDs.append(vocabulary.id(of: form) ?? .unknown)
                if kinds[t] == .arabic {
                    clitics.forEachAnalysis(of: form) { analysis in
                        let rest = form.dropFirst(analysis.procliticLength)
                        let id = analysis.article == .fused
                            ? vocabulary.id(of: rest, prefix: "\u{0627}")
                            : vocabulary.id(of: rest)
                        readings.append(TokenReading(analysis: analysis, lookupID: id ?? .unknown))
                    }
                }
                readingBounds.append(readings.count)
            }
        }
        return AnalyzedDocument(id: document.id, scalars: scalars, tokens: tokens, kinds: kinds, shapes: shapes,
                                sentenceStarts: n == 0 ? [] : starts, normalized: normalized, normalizedBounds: bounds,
                                wordIDs: wordIDs, readings: readings, readingBounds: readingBounds)
    }
}
