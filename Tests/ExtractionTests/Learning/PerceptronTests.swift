import Testing
@testable import Extraction
import Corpus

@Suite struct PerceptronTests {
    @Test func learnsTheToyCorpusPerfectly() {
        let model = ToyCorpus.trainer().train()
        for s in ToyCorpus.sentences() {
            #expect(model.label(ToyCorpus.features(s.words)) == s.labels, "\(s.words)")
        }
    }

    @Test func generalizesFromContextToUnseenNames() {
        // "الوزير" then an unseen name: the previous-word feature should make it PER;
        // "مدينة" then an unseen word: LOC.
        let model = ToyCorpus.trainer().train()
        let t = ToyCorpus.tags
        let labels = model.label(ToyCorpus.features(["زار", "الوزير", "ماكرون", "مدينة", "باريس"]))
        #expect(t.chunks(labels).map { t.types[$0.type] } == [.person, .location])
    }

    @Test func runsEveryEpochWithoutDevAndErrorsFall() {
        // Once an epoch makes no mistake the weights stop moving, but their
        // average still converges toward them, so training runs every epoch.
        var reports: [PerceptronTrainer.EpochReport] = []
        let model = ToyCorpus.trainer(epochs: 8).train { reports.append($0) }
        #expect(reports.map(\.epoch) == Array(1...8))
        #expect(reports.last!.sentenceErrors == 0)
        #expect(reports.first!.tokenErrors > reports.last!.tokenErrors)
        #expect(model.training.epochs == 8 && model.training.bestEpoch == 8)
    }

    @Test func sameSeedGivesIdenticalWeights() {
        let a = ModelFile.encode(ToyCorpus.trainer(seed: 42, epochs: 3).train())
        let b = ModelFile.encode(ToyCorpus.trainer(seed: 42, epochs: 3).train())
        #expect(a == b)
    }

    @Test func seedChangesTheVisitOrderAndSoTheWeights() {
        let a = ToyCorpus.trainer(seed: 1, epochs: 1).train()
        let b = ToyCorpus.trainer(seed: 2, epochs: 1).train()
        #expect(a.emissions != b.emissions || a.index.keys != b.index.keys)
    }

    @Test func devSetChoosesTheBestEpochAndReportsF1() {
        var reports: [PerceptronTrainer.EpochReport] = []
        let model = ToyCorpus.trainer(epochs: 30, dev: true).train { reports.append($0) }
        #expect(reports.allSatisfy { $0.dev != nil })
        let bestF1 = reports.map { $0.dev!.f1 }.max()!
        #expect(model.training.devF1 == bestF1)
        #expect(bestF1 == 1)
        // Patience 3: training stops 3 epochs after the best one.
        #expect(reports.count == model.training.bestEpoch + 3)
        #expect(reports[model.training.bestEpoch - 1].isBest)
    }

    @Test func minimumFeatureCountDropsRareFeatures() {
        var options = PerceptronTrainer.Options()
        options.minFeatureCount = 2
        var trainer = PerceptronTrainer(tags: ToyCorpus.tags, templates: FeatureTemplates(), options: options)
        for s in ToyCorpus.sentences() { trainer.addTraining(ToyCorpus.features(s.words), gold: s.labels) }
        let pruned = trainer.train()
        let full = ToyCorpus.trainer().train()
        #expect(pruned.index.count < full.index.count)
        // A word seen once (زار appears twice, أعلنت once) has no weights.
        #expect(pruned.index.row(for: FeatureHash.key(1, FeatureHash.hash("أعلنت"))) == -1)
    }

    @Test func averagingIsTheExactMeanOverVisits() {
        // Updates at visits 1 and 3 over 4 visits: weights after each visit are
        // 2, 2, -1, -1 → mean 0.5.
        var state = WeightState(features: 1, labels: 3, transitionsOn: true)
        state.time = 1
        state.update(rows: [0], label: 1, by: 1)
        state.update(rows: [0], label: 1, by: 1)
        state.time = 2
        state.time = 3
        state.update(rows: [0], label: 1, by: -1)
        state.update(rows: [0], label: 1, by: -1)
        state.update(rows: [0], label: 1, by: -1)
        state.time = 4
        let (e, _) = state.averaged()
        #expect(e == [0, 0.5, 0])
        #expect(state.current().emissions == [0, -1, 0])
    }

    @Test func goldWithOrphanInsideTagsIsRepaired() {
        let t = ToyCorpus.tags
        let labels = ["I-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-LOC"].map { t.label(named: $0)! }
        #expect(t.repaired(labels).map(t.name(of:)) == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "B-LOC"])
        // conlleval reads both the same way.
        #expect(t.chunks(labels) == t.chunks(t.repaired(labels)))
    }
}
