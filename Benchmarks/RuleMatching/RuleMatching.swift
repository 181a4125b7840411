// The rule stage (rules/mizan.rules through configs/rules.yaml): classifying
// every token into the rules file's word classes (trigger lists, months, titles,
// heads, ...), then matching the token patterns and keeping the longest of
// same-type overlaps (RuleStage.propose). Loading the rules file is measured
// separately.
//
// Input: two batches of 100 generated documents of about 1,000 tokens:
// - `dense`: NewsGenerator (seed 2020), every sentence holds a title and a name,
//   a date, a place with a clitic and an organization head: most patterns fire;
// - `plain`: ArabicNewsText (seed 21), ordinary prose where few tokens trigger a
//   rule: the path where matching should cost almost nothing.
// Analysis (tokens, normalized forms, clitics) is done in the setup; the rule
// stage's own work is what is timed.
//
// Run from Benchmarks/: swift package benchmark --target RuleMatching
import Benchmark
import BenchmarkSupport
import Corpus
import Extraction

let benchmarks: @Sendable () -> Void = {
    let configuration = MizanRepository.configuration("rules")
    let extractor = try! Configuration.load(path: configuration)
    let ruleSet = extractor.ruleSets[0]
    let stage = extractor.stages[0]

    var dense = NewsGenerator(state: 2020)
    var plain = ArabicNewsText(seed: 21)
    let inputs = [
        ("dense", (0..<100).map { Document(id: "dense\($0)", text: dense.document(tokens: 1_000)) }),
        ("plain", (0..<100).map { Document(id: "plain\($0)", text: plain.text(words: 1_000)) }),
    ]

    for (input, documents) in inputs {
        // Without the class layer (what classify computes) ...
        let bare = documents.map { extractor.analyzer.analyze($0) }
        // ... and with it (what the stage reads).
        let classified = documents.map { extractor.analyze($0) }
        let tokens = bare.reduce(0) { $0 + $1.tokenCount }

        Benchmark("rules-classify-\(input)", configuration: Gate.configuration()) { benchmark in
            benchmark.measuringUnitsPerCPUSecond(tokens) {
                for analysis in bare { blackHole(ruleSet.classify(analysis)) }
            }
        }

        Benchmark("rules-propose-\(input)", configuration: Gate.configuration()) { benchmark in
            benchmark.measuringUnitsPerCPUSecond(tokens) {
                var proposals: [Proposal] = []
                for analysis in classified {
                    proposals.removeAll(keepingCapacity: true)
                    stage.propose(in: analysis, into: &proposals)
                    blackHole(proposals.count)
                }
            }
        }
    }

    // Loading: parse the rules file, read its word lists, compile classes and patterns.
    Benchmark("rules-load", configuration: Gate.configuration(countsTokens: false)) { benchmark in
        try benchmark.measuringCPU { blackHole(try Configuration.load(path: configuration)) }
    }
}
