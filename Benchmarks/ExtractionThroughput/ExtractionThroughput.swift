// Throughput of each extractor configuration on generated Arabic news text.
//
// Run from Benchmarks/: `swift package benchmark --target ExtractionThroughput`.
// The goal (issue 3): gazetteer-rules above 1,000,000 tokens/s on one core in a
// release build, with peak memory that does not grow with the input (the
// `batch-1x` and `batch-8x` runs extract 1 and 8 copies of the batch one
// document at a time: their peak resident memory should match).
//
// Input: 100 documents of about 1,000 tokens from NewsGenerator (seed 2019):
// titles before names, clitics on places, heads before organizations, dates.
// One iteration extracts the whole batch (analysis, every stage, merging,
// propagation, spans with their text); tokensPerCPUSecond counts its tokens.
import Benchmark
import BenchmarkSupport
import Corpus
import Extraction

let benchmarks: @Sendable () -> Void = {
    var generator = NewsGenerator(state: 2019)
    // A batch of 100 news documents of about 1,000 tokens each.
    let batch = (0..<100).map { Document(id: "doc\($0)", text: generator.document(tokens: 1_000)) }
    let names = ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules"]
    let extractors = names.map { try! Configuration.load(path: MizanRepository.configuration($0)) }
    let tokensPerBatch = batch.reduce(0) { $0 + extractors[0].analyze($1).tokenCount }

    for (name, extractor) in zip(names, extractors) {
        Benchmark("extract-\(name)", configuration: Gate.configuration(maxDuration: .seconds(8), maxIterations: 30)) { benchmark in
            benchmark.measuringUnitsPerCPUSecond(tokensPerBatch) {
                var entities = 0
                for document in batch { entities += extractor.extract(document).count }
                blackHole(entities)
            }
        }
    }

    // Memory does not grow with the input: 8× the documents, one at a time.
    let extractor = extractors[3]
    for copies in [1, 8] {
        Benchmark("memory-gazetteer-rules-batch-\(copies)x",
                  configuration: Gate.configuration(memory: true, maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
            benchmark.measuringUnitsPerCPUSecond(tokensPerBatch * copies) {
                for _ in 0..<copies {
                    for document in batch { blackHole(extractor.extract(document)) }
                }
            }
        }
    }
}
