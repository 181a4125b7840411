import Benchmark
import Corpus
import Scoring

// Scoring throughput: a seeded, generated 1,000,000-token CoNLL pair read from
// disk and scored with the default options (what `mizan score --gold G --pred P`
// does before rendering). Goal: at least 20 times faster than seqeval (~13 s)
// and conlleval.pl (~6 s) on this pair, i.e. at most 0.3 s, with peak memory
// under 100 MiB. Thresholds/ holds the measured p90 values; the tolerances
// below say how far a later run may drift from them before
// `swift package benchmark thresholds check` fails.
let benchmarks: @Sendable () -> Void = {
    let pair: SyntheticCoNLL.Pair
    do {
        pair = try SyntheticCoNLL.pair(tokens: 1_000_000, seed: 42)
    } catch {
        fatalError("cannot write the synthetic CoNLL pair: \(error)")
    }

    Benchmark(
        "Score1MTokenCoNLLPair",  // no spaces: the threshold files are named after it
        configuration: .init(
            metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
            warmupIterations: 1,
            maxDuration: .seconds(30),
            maxIterations: 10,
            thresholds: [
                .wallClock: .init(relative: [.p90: 25.0]),
                .cpuTotal: .init(relative: [.p90: 25.0]),
                .peakMemoryResident: .init(relative: [.p90: 10.0]),
                .mallocCountTotal: .init(relative: [.p90: 5.0]),
            ]
        )
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let corpus = try CoNLLPairing.read(gold: pair.gold, predicted: pair.predicted)
            let result = try Scorer().score(corpus)
            blackHole(result)
        }
    }
}
