// Statistics in Scoring: document-level bootstrap confidence intervals and the
// paired significance tests (paired bootstrap, approximate randomization) that
// `mizan compare`, `mizan diff` and `mizan check` run for every competitor.
//
// Input: per-document counts generated here (seed 31) for 924 documents (the
// number of sentences in ANERcorp's CAMeL Lab test split, which the harness
// resamples as documents) and 6 competitors of different quality: 0–9 gold
// entities per document, each found with the competitor's recall, plus spurious
// predictions at its rate.
// - bootstrap-1-series-1k: 1,000 resamples of one series (one F1 interval);
// - bootstrap-144-series-1k: 1,000 resamples of 144 series in one pass (6
//   competitors × 4 schemes × 6 rows: overall and five types), a full report;
// - paired-bootstrap-10k and approximate-randomization-10k: one competitor
//   against the baseline with 10,000 resamples or shuffles.
//
// Run from Benchmarks/: swift package benchmark --target ScoreStatistics
import Benchmark
import BenchmarkSupport
import Scoring

/// Per-document counts of one competitor with the given recall and spurious rate.
func counts(documents: Int, recall: Double, spurious: Double, random: inout SeededRandom) -> [Counts] {
    (0..<documents).map { _ in
        let gold = random.below(10)
        var c = Counts()
        for _ in 0..<gold { if random.chance(recall) { c.tp += 1 } else { c.fn += 1 } }
        for _ in 0..<3 where random.chance(spurious) { c.fp += 1 }
        return c
    }
}

let benchmarks: @Sendable () -> Void = {
    let documents = 924
    var random = SeededRandom(seed: 31)
    let quality: [(recall: Double, spurious: Double)] = [(0.45, 0.30), (0.55, 0.25), (0.62, 0.20), (0.70, 0.15), (0.74, 0.12), (0.78, 0.10)]
    let competitors = quality.map { counts(documents: documents, recall: $0.recall, spurious: $0.spurious, random: &random) }
    // 144 series: each competitor's counts, and 23 variants of them standing in
    // for the other schemes and types (thinned copies: same documents, other numbers).
    let series: [[Counts]] = competitors.flatMap { base in
        (0..<24).map { k in base.map { Counts(tp: $0.tp * (k % 5 + 1) / 5, fp: $0.fp * (k % 3 + 1) / 3, fn: $0.fn * (k % 4 + 1) / 4) } }
    }

    let configuration = Gate.configuration(countsTokens: false)

    Benchmark("bootstrap-1-series-1k", configuration: configuration) { benchmark in
        benchmark.measuringCPU {
            blackHole(DocumentBootstrap(resamples: 1_000, seed: 1).intervals(competitors[5]))
        }
    }

    Benchmark("bootstrap-144-series-1k", configuration: configuration) { benchmark in
        benchmark.measuringCPU {
            blackHole(DocumentBootstrap(resamples: 1_000, seed: 1).intervals(series))
        }
    }

    Benchmark("paired-bootstrap-10k", configuration: configuration) { benchmark in
        benchmark.measuringCPU {
            blackHole(PairedTest.pairedBootstrap(competitors[5], competitors[3], resamples: 10_000, seed: 1))
        }
    }

    Benchmark("approximate-randomization-10k", configuration: configuration) { benchmark in
        benchmark.measuringCPU {
            blackHole(PairedTest.approximateRandomization(competitors[5], competitors[3], trials: 10_000, seed: 1))
        }
    }
}
