import Corpus
import Extraction
import Foundation
@testable import Harness
import Testing

/// Learned configurations in a comparison: trained once, then reused while
/// the configuration and the training data are unchanged.
@Suite("Comparison models")
struct ComparisonModelTests {
    static let learned = """
        description: A perceptron over the fixture's words.
        stages:
          - kind: perceptron
            model: ../models/learned.model
            epochs: 4
            features:
              window: 1
        """

    func training(_ documents: [AnnotatedDocument]) -> TrainingData {
        TrainingData(documents: documents.map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) },
                     description: "fixture training documents")
    }

    @Test("a learned configuration is trained, cached, reused, and retrained when its data changes")
    func trainAndReuse() throws {
        let folder = try ComparisonFixture.folder(extra: ["configs/learned.yaml": Self.learned])
        let config = folder + "/configs/learned.yaml"
        #expect(try ModelCache.isLearned(configuration: config))
        #expect(try !ModelCache.isLearned(configuration: folder + "/configs/strong.yaml"))

        let train = training(ComparisonFixture.documents(count: 16, seed: 99))
        var trained: [String] = []
        var cache = ModelCache(folder: folder + "/.mizan/models", trainingData: { train })
        cache.onTraining = { trained.append($0) }

        let first = try cache.prepare(config)
        let model = try #require(first.model)
        #expect(!model.reused)
        #expect(model.trainingSeconds != nil)
        #expect(model.trainingDataHash == train.hash)
        #expect(first.parameters["model"] == model.path)
        #expect(model.path.hasPrefix(folder + "/.mizan/models/learned-"))
        #expect(FileManager.default.fileExists(atPath: model.path))
        #expect(trained == ["learned"])

        let second = try cache.prepare(config)
        #expect(second.model?.reused == true)
        #expect(second.model?.path == model.path)
        #expect(trained == ["learned"])

        // Other training data: another key, trained again.
        let other = training(ComparisonFixture.documents(count: 16, seed: 100))
        var changed = cache
        changed.trainingData = { other }
        let third = try changed.prepare(config)
        #expect(third.model?.reused == false)
        #expect(third.model?.path != model.path)

        // A configuration without a learned stage needs nothing.
        let plain = try cache.prepare(folder + "/configs/strong.yaml")
        #expect(plain.parameters.isEmpty && plain.model == nil)

        // Without training data, a learned configuration cannot run.
        let none = ModelCache(folder: folder + "/.mizan/models", trainingData: { nil })
        let error = #expect(throws: ComparisonError.self) { try none.prepare(config) }
        #expect(error?.message.contains("--train") == true)
    }

    @Test("a comparison with a learned configuration records its model and finds the entities it learned")
    func inComparison() throws {
        let folder = try ComparisonFixture.folder(extra: ["configs/learned.yaml": Self.learned])
        let train = training(ComparisonFixture.documents(count: 30, seed: 99))
        let cache = ModelCache(folder: folder + "/.mizan/models", trainingData: { train })
        var comparison = Comparison(settings: ComparisonFixture.settings())
        comparison.prepare = { try cache.prepare($0) }
        let competitors: [Competitor] = [.configuration(path: folder + "/configs/weak.yaml"), .configuration(path: folder + "/configs/learned.yaml")]
        let results = try comparison.run(data: ComparisonFixture.data(count: 12), competitors: competitors, context: ComparisonFixture.context)
        let learned = try #require(results.competitor(named: "learned"))
        #expect(learned.model?.reused == false)
        #expect(learned.model?.trainingData == "fixture training documents")
        // The templated corpus is easy to learn: people and places are found.
        #expect(learned.scores(.conll).type("PER")!.f1 > 0.8)
        #expect(learned.scores(.conll).type("LOC")!.f1 > 0.8)
        #expect(results.run.phases.preparingSeconds > 0)
        // The model's record survives results.json.
        #expect(try ComparisonResults.decode(results.jsonData()) == results)

        let again = try comparison.run(data: ComparisonFixture.data(count: 12), competitors: competitors, context: ComparisonFixture.context)
        #expect(again.competitor(named: "learned")?.model?.reused == true)
        #expect(again.competitor(named: "learned")?.schemes == learned.schemes)
    }
}
