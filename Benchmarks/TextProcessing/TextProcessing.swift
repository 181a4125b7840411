// Text processing in ArabicText: normalization, tokenization, sentence splitting,
// clitic analysis, and the whole per-document analysis that every extractor runs
// first (Extraction's DocumentAnalyzer).
//
// Input: 100 documents of generated Arabic news text, about 1,000 words each
// (ArabicNewsText, seed 7): hamza forms, clitics, tashkeel, tatweel, digits of
// three scripts, Latin words, punctuation, bidi marks, ligatures. One iteration
// processes the whole batch; tokensPerCPUSecond counts the tokenizer's tokens.
//
// Run from Benchmarks/: swift package benchmark --target TextProcessing
import ArabicText
import Benchmark
import BenchmarkSupport
import Corpus
import Extraction

let benchmarks: @Sendable () -> Void = {
    var generator = ArabicNewsText(seed: 7)
    let texts = (0..<100).map { _ in generator.text(words: 1_000) }
    let scalarTexts = texts.map { Array($0.unicodeScalars) }
    let tokenizer = Tokenizer()
    let tokenLists = scalarTexts.map { tokenizer.tokenize($0) }
    let tokenCount = tokenLists.reduce(0) { $0 + $1.count }
    let normalizer = ArabicNormalizer()

    // The normalized form of every Arabic word token, as the clitic analyser sees it.
    let words: [[Unicode.Scalar]] = zip(scalarTexts, tokenLists).flatMap { scalars, tokens in
        tokens.filter { $0.kind == .arabic }.map { token in
            var form: [Unicode.Scalar] = []
            for i in token.start..<token.end { normalizer.append(scalars[i], to: &form) }
            return form
        }
    }
    // A lexicon of lookup forms (every bare word of the batch that the analyser
    // would not cut), for the lexicon-checked readings.
    let clitics = CliticAnalyzer()
    let lexicon = Set(words.filter { clitics.analyses(of: $0).isEmpty })

    // The String-to-String entry point is much slower than the scalar path the
    // analyser uses (and nothing in Mizan calls it on documents): ten documents.
    let stringTexts = Array(texts.prefix(10))
    let stringTokens = tokenLists.prefix(10).reduce(0) { $0 + $1.count }
    Benchmark("normalize-string", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(stringTokens) {
            for text in stringTexts { blackHole(normalizer.normalize(text)) }
        }
    }

    let longest = scalarTexts.map(\.count).max() ?? 0
    Benchmark("normalize-scalars", configuration: Gate.configuration()) { benchmark in
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(longest)
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            for scalars in scalarTexts {
                out.removeAll(keepingCapacity: true)
                for s in scalars { normalizer.append(s, to: &out) }
                blackHole(out.count)
            }
        }
    }

    Benchmark("tokenize", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            for scalars in scalarTexts { blackHole(tokenizer.tokenize(scalars)) }
        }
    }

    let splitter = SentenceSplitter()
    Benchmark("split-sentences", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            for (scalars, tokens) in zip(scalarTexts, tokenLists) {
                blackHole(splitter.sentenceStarts(tokens: tokens, scalars: scalars))
            }
        }
    }

    Benchmark("clitic-readings", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            var readings = 0
            for word in words { clitics.forEachAnalysis(of: word) { _ in readings += 1 } }
            blackHole(readings)
        }
    }

    Benchmark("clitic-readings-lexicon", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            var readings = 0
            for word in words { readings += clitics.analyses(of: word) { lexicon.contains($0) }.count }
            blackHole(readings)
        }
    }

    let analyzer = DocumentAnalyzer()
    let documents = texts.enumerated().map { Document(id: "doc\($0.offset)", text: $0.element) }
    Benchmark("analyze-document", configuration: Gate.configuration()) { benchmark in
        benchmark.measuringUnitsPerCPUSecond(tokenCount) {
            for document in documents { blackHole(analyzer.analyze(document).tokenCount) }
        }
    }
}
