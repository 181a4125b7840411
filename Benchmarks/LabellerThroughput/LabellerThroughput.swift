// Tagging throughput of the learned configurations (`perceptron`, `hybrid`) and
// their training time, on ANERcorp (CAMeL Lab split) when it is beside the clone.
//
// Run from Benchmarks/: `swift package benchmark --target LabellerThroughput`.
// Goals (issue 5): at least 300,000 tokens/s tagging on one core in a release
// build; training on ANERcorp's 125,000 training tokens in under 60 s.
//
// The setup trains each configuration on the training split (in memory, nothing is
// written to the repository), then every iteration extracts the whole test split
// (25,008 tokens) through the full pipeline: analysis (normalization, clitics,
// gazetteer and rule layers), features, Viterbi, merging. tokens/s = test tokens ×
// iterations/s; on a shared machine, test tokens / CPU time (`cpuUser`) is the
// one-core figure that other processes disturb least.
import Benchmark
import Corpus
import Extraction
import Foundation

let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Training and test documents: ANERcorp when present (`../shared/data/anercorp`),
/// else the bundled corpus (`corpus/` texts, `gold/` annotations), trained and
/// tagged on the same documents.
func data() -> (train: [TrainingDocument], test: [Document], source: String) {
    let anercorp = (packageRoot as NSString).appendingPathComponent("../shared/data/anercorp")
    let trainPath = anercorp + "/ANERCorp_CamelLab_train.txt", testPath = anercorp + "/ANERCorp_CamelLab_test.txt"
    if FileManager.default.fileExists(atPath: trainPath), FileManager.default.fileExists(atPath: testPath) {
        let train = try! CoNLLReader().read(path: trainPath).map { c in
            TrainingDocument(document: c.makeDocument(), gold: .tags(c.sentences.flatMap { $0.tokens.map { $0.tags[0] } }))
        }
        let test = try! CoNLLReader(tagColumns: 0).read(path: testPath).map { $0.makeDocument() }
        return (train, test, "ANERcorp")
    }
    let corpus = packageRoot + "/corpus", gold = packageRoot + "/gold"
    guard let documents = try? BRAT.readFolder(texts: corpus, annotations: gold), !documents.isEmpty else {
        fatalError("LabellerThroughput needs ANERcorp at \(anercorp) or the bundled corpus at \(corpus) and \(gold)")
    }
    return (documents.map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) }, documents.map(\.document), "bundled corpus")
}

/// Trains `configs/NAME.yaml` on `train` and loads it with the model.
func trainedExtractor(_ name: String, on train: [TrainingDocument]) -> Extractor {
    let config = "\(packageRoot)/configs/\(name).yaml"
    let training = try! LabellerTraining(extractor: try! Configuration.load(
        path: config, parameters: [PerceptronStage.trainingParameter: "yes"]))
    var withMap = training
    withMap.typeMap = ["PERS": "PER"]
    let model = try! withMap.train(train, options: training.stage.trainingOptions)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-bench-\(name)-\(UUID().uuidString).model").path
    try! ModelFile.write(model, to: path)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try! Configuration.load(path: config, parameters: ["model": path])
}

let benchmarks: @Sendable () -> Void = {
    let (train, test, source) = data()
    let names = ["perceptron", "hybrid"]

    for name in names {
        let extractor = trainedExtractor(name, on: train)
        let tokens = test.reduce(0) { $0 + extractor.analyze($1).tokenCount }
        print("LabellerThroughput: \(name) on \(source): \(tokens) test tokens per iteration")
        Benchmark("tag/\(name)",
                  configuration: .init(metrics: [.throughput, .wallClock, .cpuUser, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
                                       timeUnits: .milliseconds, scalingFactor: .one,
                                       maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
            for _ in benchmark.scaledIterations {
                var entities = 0
                for document in test { entities += extractor.extract(document).count }
                blackHole(entities)
            }
        }
    }

    for name in names {
        Benchmark("train/\(name)",
                  configuration: .init(metrics: [.wallClock, .cpuUser, .peakMemoryResident],
                                       timeUnits: .seconds, maxDuration: .seconds(60), maxIterations: 2)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(trainedExtractor(name, on: train)) }
        }
    }
}
