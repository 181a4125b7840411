// Tagging throughput and training time of the learned configurations
// (`configs/perceptron.yaml`, `configs/hybrid.yaml`).
//
// Goals (issue 5): at least 300,000 tokens/s tagging on one core in a release
// build; training on ANERcorp's 125,000 training tokens in under 60 s.
//
// Input, generated here (AnnotatedNews): a training set of 125 documents of
// about 1,000 tokens (seed 51; ANERcorp's training split has 125,102 tokens)
// and a test set of 25 documents (seed 52; its test split has 25,008), with
// gold PER, LOC, ORG and MISC spans: titles before names, clitics on places,
// organization heads, thousands of distinct made-up names, news prose between.
// - tag-perceptron, tag-hybrid: one iteration extracts the whole test set
//   through the full pipeline (analysis, gazetteer and rule layers, features,
//   constrained Viterbi, merging). The model is trained in the benchmark's setup
//   hook, in memory (written only to the temporary directory).
// - train-perceptron, train-hybrid: one iteration is a whole training run
//   (analysis, features, every epoch, averaging) on the training set.
//
// With MIZAN_BENCHMARK_ANERCORP=1 in the environment and ANERcorp beside the
// clone (../shared/data/anercorp/), the same four benchmarks also run on
// ANERcorp's CAMeL Lab split as `*-anercorp`, for a local check against the
// goals. They are never stored in Thresholds/ (the data is not in the
// repository, and CI may not have it): run `thresholds update` without that
// variable.
//
// Run from Benchmarks/: swift package benchmark --target LabellerThroughput
import Benchmark
import BenchmarkSupport
import Corpus
import Extraction
import Foundation

/// ANERcorp's CAMeL Lab split, when asked for and present.
func anercorp() -> (train: [TrainingDocument], test: [Document])? {
    guard ProcessInfo.processInfo.environment["MIZAN_BENCHMARK_ANERCORP"] == "1" else { return nil }
    let folder = MizanRepository.root + "/../shared/data/anercorp"
    let trainPath = folder + "/ANERCorp_CamelLab_train.txt", testPath = folder + "/ANERCorp_CamelLab_test.txt"
    guard FileManager.default.fileExists(atPath: trainPath), FileManager.default.fileExists(atPath: testPath) else {
        print("LabellerThroughput: MIZAN_BENCHMARK_ANERCORP=1 but ANERcorp is not at \(folder): skipped")
        return nil
    }
    let train = try! CoNLLReader().read(path: trainPath).map { c in
        TrainingDocument(document: c.makeDocument(), gold: .tags(c.sentences.flatMap { $0.tokens.map { $0.tags[0] } }))
    }
    let test = try! CoNLLReader(tagColumns: 0).read(path: testPath).map { $0.makeDocument() }
    return (train, test)
}

/// Trains `configs/NAME.yaml` on `train` (PERS read as PER) and returns the model.
func train(_ name: String, on train: [TrainingDocument]) throws -> LabellerModel {
    var training = try LabellerTraining(extractor: try Configuration.load(
        path: MizanRepository.configuration(name), parameters: [PerceptronStage.trainingParameter: "yes"]))
    training.typeMap = ["PERS": "PER"]
    return try training.train(train, options: training.stage.trainingOptions)
}

/// The configuration loaded with a freshly trained model.
func trainedExtractor(_ name: String, on documents: [TrainingDocument]) throws -> Extractor {
    let model = try train(name, on: documents)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-bench-\(name)-\(UUID().uuidString).model").path
    try ModelFile.write(model, to: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try Configuration.load(path: MizanRepository.configuration(name), parameters: ["model": path])
}

/// What a tagging benchmark's setup hook prepares, so that only that benchmark's
/// process trains its model.
final class TaggingState: @unchecked Sendable {
    var extractor: Extractor?
    var tokens = 0
}

/// The training set of a training benchmark, made by its setup hook.
final class TrainingState: @unchecked Sendable {
    var documents: [TrainingDocument] = []
}

/// Registers tag-NAME and train-NAME for both configurations on one data set.
func register(suffix: String, train trainSet: @escaping @Sendable () -> [TrainingDocument], test testSet: @escaping @Sendable () -> [Document]) {
    for name in ["perceptron", "hybrid"] {
        let state = TaggingState()
        let test = testSet()
        // Tokens per pass, as the extractor's own analysis counts them (CoNLL
        // tokens for ANERcorp): set by the setup hook.
        var tagging = Gate.configuration(memory: true, maxDuration: .seconds(10), maxIterations: 30)
        tagging.setup = {
            let extractor = try trainedExtractor(name, on: trainSet())
            state.extractor = extractor
            state.tokens = test.reduce(0) { $0 + extractor.analyze($1).tokenCount }
        }
        tagging.teardown = { state.extractor = nil }
        Benchmark("tag-\(name)\(suffix)", configuration: tagging) { benchmark in
            guard let extractor = state.extractor else { fatalError("the setup hook did not train the model") }
            benchmark.measuringUnitsPerCPUSecond(state.tokens) {
                var entities = 0
                for document in test { entities += extractor.extract(document).count }
                blackHole(entities)
            }
        }

        let training = TrainingState()
        // Training's allocation count varies by about 4% between iterations.
        var trainingConfiguration = Gate.configuration(countsTokens: false, memory: true, mallocTolerance: 6, timeUnits: .milliseconds,
                                                       warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)
        trainingConfiguration.setup = { training.documents = trainSet() }
        trainingConfiguration.teardown = { training.documents = [] }
        Benchmark("train-\(name)\(suffix)", configuration: trainingConfiguration) { benchmark in
            let documents = training.documents
            try benchmark.measuringCPU { blackHole(try train(name, on: documents)) }
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    register(suffix: "", train: {
        AnnotatedNews.documents(count: 125, tokens: 1_000, seed: 51, prefix: "train").map {
            TrainingDocument(document: $0.document, gold: .entities($0.entities))
        }
    }, test: { AnnotatedNews.documents(count: 25, tokens: 1_000, seed: 52, prefix: "test").map(\.document) })
    if let data = anercorp() {
        register(suffix: "-anercorp", train: { data.train }, test: { data.test })
    }
}
