import Benchmark
import BenchmarkSupport
import Corpus
import Scoring

// Scoring throughput: a seeded, generated 1,000,000-token CoNLL pair
// (SyntheticCoNLL, seed 42) scored with the default options, all schemes.
// Goal (issue 2): at least 20 times faster than seqeval (~13 s) and conlleval.pl
// (~6 s) on this pair, i.e. at most 0.3 s, with peak memory under 100 MiB.
//
// - score-conll-pair-1M: read both files, pair and decode the tags, score: what
//   `mizan score --gold G --pred P` does before rendering. Its peak memory is the
//   100 MiB goal (nothing else is held by the process).
// - read-conll-pair-1M: reading, pairing and tag decoding alone.
// - score-paired-corpus-1M: scoring a corpus already in memory (read in this
//   benchmark's setup hook, so that the other two do not carry it); no memory
//   figure, since the process holds the corpus by design.
//
// Run from Benchmarks/: swift package benchmark --target ScoringThroughput

/// The corpus read by the setup hook of score-paired-corpus-1M.
final class CorpusHolder: @unchecked Sendable {
    var corpus: PairedCorpus?
}

let tokens = 1_000_000

let benchmarks: @Sendable () -> Void = {
    let pair: SyntheticCoNLL.Pair
    do {
        pair = try SyntheticCoNLL.pair(tokens: tokens, seed: 42)
    } catch {
        fatalError("cannot write the synthetic CoNLL pair: \(error)")
    }
    let configuration = Gate.configuration(memory: true, maxDuration: .seconds(10), maxIterations: 15)

    Benchmark("score-conll-pair-1M", configuration: configuration) { benchmark in
        try benchmark.measuringUnitsPerCPUSecond(tokens) {
            let corpus = try CoNLLPairing.read(gold: pair.gold, predicted: pair.predicted)
            blackHole(try Scorer().score(corpus))
        }
    }

    Benchmark("read-conll-pair-1M", configuration: configuration) { benchmark in
        try benchmark.measuringUnitsPerCPUSecond(tokens) {
            blackHole(try CoNLLPairing.read(gold: pair.gold, predicted: pair.predicted))
        }
    }

    let holder = CorpusHolder()
    // No memory sampling here: the process holds the corpus by design, and the
    // sampler's own allocations would blur this benchmark's few hundred.
    var scoreOnly = Gate.configuration(maxDuration: .seconds(10), maxIterations: 15)
    scoreOnly.setup = { holder.corpus = try CoNLLPairing.read(gold: pair.gold, predicted: pair.predicted) }
    scoreOnly.teardown = { holder.corpus = nil }
    Benchmark("score-paired-corpus-1M", configuration: scoreOnly) { benchmark in
        guard let corpus = holder.corpus else { fatalError("the setup hook did not read the corpus") }
        try benchmark.measuringUnitsPerCPUSecond(tokens) {
            blackHole(try Scorer().score(corpus))
        }
    }
}
