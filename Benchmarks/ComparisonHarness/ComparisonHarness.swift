// What `mizan compare` adds around the extractors: running four configurations
// over a gold set with timing, scoring every scheme, the document bootstrap
// (1,000 resamples) and the paired tests (10,000 trials) against the baseline,
// and writing the three reports (comparison.xlsx through libxlsxwriter,
// report.txt, results.json). Goal (issue 6): scoring, statistics and reports
// for ANERcorp's test set (25,008 tokens) under 2 seconds together.
//
// Input: 100 generated gold documents of about 250 tokens (AnnotatedNews, seed
// 61: 25,000 tokens, the size of ANERcorp's test split) with PER, LOC, ORG and
// MISC spans; competitors configs/gazetteer, gazetteer-clitics, rules and
// gazetteer-rules (no learned configuration: training is LabellerThroughput's
// concern); one timed repeat, no warm-up.
// - compare-4-configurations: Comparison.run, everything but the reports; the
//   run's own phase times (running, scoring, statistics) are printed by
//   `mizan compare` and stored in results.json, this measures the whole call.
// - compare-write-reports: ComparisonReports.write of that run's results (made
//   in the setup hook) to a folder in the temporary directory.
//
// Run from Benchmarks/: swift package benchmark --target ComparisonHarness
import Benchmark
import BenchmarkSupport
import Corpus
import Foundation
import Harness
import Reports

/// The results that the reports benchmark writes, made by its setup hook.
final class ResultsHolder: @unchecked Sendable {
    var results: ComparisonResults?
}

let benchmarks: @Sendable () -> Void = {
    let gold = AnnotatedNews.documents(count: 100, tokens: 250, seed: 61, prefix: "doc")
    let data = EvaluationData(documents: gold, format: .brat, description: "generated news (AnnotatedNews, seed 61)", paths: [])
    let competitors = ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules"].map {
        Competitor.configuration(path: MizanRepository.configuration($0))
    }
    var settings = ComparisonSettings()
    settings.plan = RepeatPlan(warmups: 0, repeats: 1)
    let comparison = Comparison(settings: settings)
    let context = RunContext(mizanVersion: "benchmark", arguments: ["compare"], directory: MizanRepository.root)

    Benchmark("compare-4-configurations", configuration: Gate.configuration(countsTokens: false, memory: true, maxDuration: .seconds(15))) { benchmark in
        try benchmark.measuringCPU { blackHole(try comparison.run(data: data, competitors: competitors, context: context)) }
    }

    let holder = ResultsHolder()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-bench-reports").path
    var reports = Gate.configuration(countsTokens: false, memory: true)
    reports.setup = { holder.results = try comparison.run(data: data, competitors: competitors, context: context) }
    reports.teardown = { holder.results = nil }
    Benchmark("compare-write-reports", configuration: reports) { benchmark in
        guard let results = holder.results else { fatalError("the setup hook did not run the comparison") }
        try benchmark.measuringCPU { blackHole(try ComparisonReports.write(results, to: folder)) }
    }
}
