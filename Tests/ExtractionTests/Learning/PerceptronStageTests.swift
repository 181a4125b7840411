import Foundation
import Testing
import Corpus
@testable import Extraction

/// The learned stage inside configurations: features over the shared analysis,
/// training through a configuration, model files checked against it.
@Suite struct PerceptronStageTests {
    /// The toy corpus as CoNLL `token TAG` lines.
    static var conll: String {
        ToyCorpus.sentences().map { s in
            zip(s.words, s.labels).map { "\($0) \(ToyCorpus.tags.name(of: $1))" }.joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    static let files = [
        "lists/LOC.txt": "دمشق\nحلب\n",
        "lists/PER.txt": "سيرغي لافروف\n",
        "titles.txt": "الرئيس\nالوزير\n",
        "r.rules": "class TITLE = titles.txt clitics\nrule after-title PER: TITLE [WORD]\n",
    ]

    static func config(features: String = "", extra: String = "") -> String {
        """
        description: toy perceptron
        stages:
          - kind: perceptron
            model: toy.model
            min-feature-count: 1
            epochs: 10
        \(extra)
            features:
              bias: true
        \(features)
        """
    }

    static func training(_ config: String) throws -> (LabellerTraining, String) {
        var files = Self.files
        files["config.yaml"] = config
        let dir = try scratchFolder(files)
        let e = try Configuration.load(path: dir + "/config.yaml", parameters: [PerceptronStage.trainingParameter: "yes"])
        return (try LabellerTraining(extractor: e), dir)
    }

    static func documents() throws -> [TrainingDocument] {
        try CoNLLReader().parse(conll, file: "toy.conll").map { c in
            TrainingDocument(document: c.makeDocument(), gold: .tags(c.sentences.flatMap { $0.tokens.map { $0.tags[0] } }))
        }
    }

    @Test func trainsThroughAConfigurationAndExtractsWithTheModel() throws {
        let (training, dir) = try Self.training(Self.config())
        #expect(training.stage.model == nil)
        #expect(training.stage.modelPath == dir + "/toy.model")
        var options = training.stage.trainingOptions
        #expect(options.epochs == 10 && options.minFeatureCount == 1)
        options.seed = 3
        let model = try training.train(try Self.documents(), options: options)
        #expect(model.tags.types == [.location, .organization, .person])
        try ModelFile.write(model, to: dir + "/toy.model")

        let extractor = try Configuration.load(path: dir + "/config.yaml")
        for c in try CoNLLReader().parse(Self.conll, file: "toy.conll") {
            let document = c.makeDocument()
            let tags = TokenProjection.bioTags(for: extractor.extract(document), tokens: document.tokens!)
            #expect(tags == c.sentences.flatMap { $0.tokens.map { $0.tags[0] } })
        }
        // Raw text goes through the tokenizer and sentence splitter.
        #expect(found(extractor, "زار الوزير سيرغي لافروف مدينة حلب.") == ["سيرغي لافروف:PER", "حلب:LOC"])
    }

    @Test func trainingIsDeterministicThroughTheConfiguration() throws {
        let (training, _) = try Self.training(Self.config())
        let a = ModelFile.encode(try training.train(try Self.documents(), options: training.stage.trainingOptions))
        let b = ModelFile.encode(try training.train(try Self.documents(), options: training.stage.trainingOptions))
        #expect(a == b)
    }

    @Test func typeMapAndTypeListShapeTheTagSet() throws {
        var (training, _) = try Self.training(Self.config(extra: "    types: [PERS, LOC]"))
        training.typeMap = ["PER": "PERS"]
        let model = try training.train(try Self.documents(), options: training.stage.trainingOptions)
        // ORG is not asked for: its tokens are O.
        #expect(model.tags.types == ["PERS", .location])
    }

    @Test func modelParameterOverridesTheConfiguredPath() throws {
        let (training, dir) = try Self.training(Self.config())
        let model = try training.train(try Self.documents(), options: training.stage.trainingOptions)
        try ModelFile.write(model, to: dir + "/elsewhere.model")
        let e = try Configuration.load(path: dir + "/config.yaml", parameters: ["model": dir + "/elsewhere.model"])
        #expect((e.stages[0] as? PerceptronStage)?.modelPath == dir + "/elsewhere.model")
    }

    @Test func aMissingModelIsNamedWithHowToTrainIt() throws {
        let e = configurationError(Self.config(), files: Self.files)
        #expect(e?.key == "stages[0].model")
        #expect(e?.reason.contains("no such model file") == true)
        #expect(e?.reason.contains("mizan train --config") == true)
    }

    @Test func aModelTrainedWithOtherFeaturesIsRejected() throws {
        let (training, dir) = try Self.training(Self.config())
        try ModelFile.write(try training.train(try Self.documents(), options: training.stage.trainingOptions), to: dir + "/toy.model")
        try Self.config(features: "      suffixes: 2").write(toFile: dir + "/other.yaml", atomically: true, encoding: .utf8)
        do {
            _ = try Configuration.load(path: dir + "/other.yaml")
            Issue.record("a model trained with other features was accepted")
        } catch let e as ConfigurationError {
            #expect(e.key == "stages[0].model")
            #expect(e.reason.contains("different feature templates"))
            #expect(e.reason.contains("suffixes: 4 vs 2"))
        }
    }

    @Test func featureOptionsAreChecked() {
        let unknown = configurationError(Self.config(features: "      sufixes: 2"), files: Self.files)
        #expect(unknown?.key == "stages[0].features")
        #expect(unknown?.reason.contains("unknown feature template 'sufixes'") == true)
        let range = configurationError(Self.config(features: "      window: 5"), files: Self.files)
        #expect(range?.reason.contains("0...2") == true)
        let gazetteer = configurationError(Self.config(features: "      gazetteer: true"), files: Self.files)
        #expect(gazetteer?.key == "stages[0].features.gazetteer")
        let triggers = configurationError(Self.config(features: "      triggers: true"), files: Self.files)
        #expect(triggers?.key == "stages[0].features.triggers")
        let option = configurationError(Self.config(extra: "    epoch: 3"), files: Self.files)
        #expect(option?.key == "stages[0].epoch")
    }

    @Test func trainingAConfigurationWithoutALearnedStageFails() throws {
        let dir = try scratchFolder(["config.yaml": "description: x\nstages:\n  - kind: gazetteer\n    lists: {LOC: l.txt}\n", "l.txt": "حلب\n"])
        #expect(throws: ConfigurationError.self) {
            _ = try Configuration.load(path: dir + "/config.yaml", parameters: [PerceptronStage.trainingParameter: "yes"])
        }
    }

    // MARK: Features

    static func featurize(_ config: String, _ text: String) throws -> (SentenceFeatures, AnalyzedDocument) {
        let (training, _) = try Self.training(config)
        let analysis = training.extractor.analyze(Document(id: "d", text: text))
        var scratch = LabellerFeaturizer.Scratch()
        var features = SentenceFeatures()
        training.stage.featurizer.prepare(analysis, scratch: &scratch)
        training.stage.featurizer.features(of: analysis, sentence: analysis.sentenceRange(0), scratch: &scratch, into: &features)
        return (features, analysis)
    }

    @Test func templatesAddTheirFeaturesAndSwitchOff() throws {
        let text = "قال الرئيس بشار الأسد في دمشق"
        let (all, analysis) = try Self.featurize(Self.config(), text)
        #expect(all.tokenCount == analysis.tokenCount)
        // Without prefixes: 4 fewer keys on every token of 4+ letters.
        let (noPrefixes, _) = try Self.featurize(Self.config(features: "      prefixes: 0"), text)
        for i in 0..<all.tokenCount {
            let letters = analysis.normalizedForm(i).count
            #expect(all.keys(ofToken: i).count - noPrefixes.keys(ofToken: i).count == min(4, letters))
        }
        // The same words give the same keys wherever they are: "دمشق" alone has its word key.
        let (alone, _) = try Self.featurize(Self.config(), "دمشق")
        let word = FeatureHash.key(LabellerFeaturizer.T.word, FeatureHash.hash("دمشق"))
        #expect(alone.keys(ofToken: 0).contains(word))
        #expect(all.keys(ofToken: 5).contains(word))
        // No window: the neighbours' words are gone.
        let (noWindow, _) = try Self.featurize(Self.config(features: "      window: 0\n      bigrams: false"), text)
        let before = FeatureHash.key(LabellerFeaturizer.T.windowWord + 1, FeatureHash.hash("في"))
        #expect(all.keys(ofToken: 5).contains(before))
        #expect(!noWindow.keys(ofToken: 5).contains(before))
    }

    @Test func gazetteerAndTriggerFeaturesFollowTheResources() throws {
        let withResources = Self.config(
            features: "      gazetteer: true\n      triggers: true\n      rule-matches: true",
            extra: "    gazetteer:\n      lists: {LOC: lists/LOC.txt, PER: lists/PER.txt}\n    rules: r.rules")
        let (f, _) = try Self.featurize(withResources, "زار الوزير سيرغي لافروف مدينة ودمشق")
        let T = LabellerFeaturizer.T.self
        let loc = FeatureHash.hash("LOC"), per = FeatureHash.hash("PER")
        // ودمشق matches LOC through its clitic; سيرغي begins and لافروف is inside a PER entry.
        #expect(f.keys(ofToken: 5).contains(FeatureHash.key(T.gazetteerBegin + 1, loc)))
        #expect(f.keys(ofToken: 2).contains(FeatureHash.key(T.gazetteerBegin + 1, per)))
        #expect(f.keys(ofToken: 3).contains(FeatureHash.key(T.gazetteerInside + 1, per)))
        #expect(f.keys(ofToken: 2).contains(FeatureHash.key(T.gazetteerInside + 2, per)))  // next token inside
        // The title class fires at the title and one position before the name.
        let title = FeatureHash.hash("TITLE")
        #expect(f.keys(ofToken: 1).contains(FeatureHash.key(T.trigger + 2, title)))
        #expect(f.keys(ofToken: 2).contains(FeatureHash.key(T.trigger + 1, title)))
        // The rule's capture (the word after the title) is a rule-match feature.
        #expect(f.keys(ofToken: 2).contains(FeatureHash.key(T.ruleBegin + 1, FeatureHash.hash("after-title PER"))))
        // Built-in classes are not trigger features.
        let (plain, _) = try Self.featurize(Self.config(), "زار الوزير سيرغي")
        #expect(!plain.keys(ofToken: 1).contains(FeatureHash.key(T.trigger + 2, title)))
    }
}

/// Document memory: a second pass over the first pass's labels.
@Suite struct DocumentMemoryTests {
    @Test func countsOtherOccurrencesOnly() {
        let tags = ToyCorpus.tags
        let per = tags.begin(tags.types.firstIndex(of: .person)!)
        // Words: a b a a; stems equal to words. Labels: a=PER, b=O, a=O, a=O.
        let words: [UInt64] = [1, 2, 1, 1]
        let memory = DocumentMemory(words: words, stems: words, labels: [per, 0, 0, 0], tags: tags)
        func others(_ i: Int) -> [Int] {
            var out: [Int] = []
            let own = tags.typeIndex(of: memory.labels[i]) ?? (memory.width - 1)
            memory.forEachOther(token: i, stem: false, ownColumn: own) { out.append($0) }
            return out
        }
        let perColumn = tags.types.firstIndex(of: .person)!, outside = memory.width - 1
        #expect(others(0) == [outside])             // the other two a's are O; its own PER is not counted
        #expect(others(2) == [perColumn, outside])  // token 0 was PER, token 3 was O
        #expect(others(1).isEmpty)                  // b occurs once
    }

    static let config = PerceptronStageTests.config(features: "      document-memory: true")

    @Test func twoPassModelTrainsRoundTripsAndTags() throws {
        let (training, dir) = try PerceptronStageTests.training(Self.config)
        var phases: [String] = []
        let model = try training.train(try PerceptronStageTests.documents(), options: training.stage.trainingOptions) { phase, _ in
            if phases.last != phase { phases.append(phase) }
        }
        #expect(phases == ["pass 1", "fold 1/4", "fold 2/4", "fold 3/4", "fold 4/4", "pass 2"])
        #expect(model.passes.count == 2)
        #expect(model.passes[1].index.count > 0)
        let bytes = ModelFile.encode(model)
        let back = try ModelFile.decode(bytes, file: "two.model")
        #expect(back.passes.count == 2 && back.passes[1].emissions == model.passes[1].emissions)
        #expect(ModelFile.encode(back) == bytes)
        // Deterministic: training again gives the same file.
        #expect(ModelFile.encode(try training.train(try PerceptronStageTests.documents(), options: training.stage.trainingOptions)) == bytes)

        try ModelFile.write(model, to: dir + "/toy.model")
        let extractor = try Configuration.load(path: dir + "/config.yaml")
        for c in try CoNLLReader().parse(PerceptronStageTests.conll, file: "toy.conll") {
            let document = c.makeDocument()
            let tags = TokenProjection.bioTags(for: extractor.extract(document), tokens: document.tokens!)
            #expect(tags == c.sentences.flatMap { $0.tokens.map { $0.tags[0] } })
        }
    }

    @Test func aTwoPassFileWithoutMemoryTemplatesIsMalformed() throws {
        let (training, _) = try PerceptronStageTests.training(Self.config)
        var bytes = ModelFile.encode(try training.train(try PerceptronStageTests.documents(), options: training.stage.trainingOptions))
        let at = try #require(bytes.firstRange(of: Array("\"document-memory\":true".utf8)))
        bytes.replaceSubrange(at, with: Array("\"document-memory\":fals".utf8) + [UInt8(ascii: "e")])
        // The JSON grew by one byte: fix the header length, then the checksum.
        let H = ModelFile.read(UInt32.self, bytes, at: 12) + 1
        for i in 0..<4 { bytes[12 + i] = UInt8((H >> (8 * UInt32(i))) & 0xFF) }
        var body = Array(bytes.dropLast(4))
        ModelFile.append(&body, CRC32.checksum(body))
        do {
            _ = try ModelFile.decode(body, file: "two.model")
            Issue.record("a two-pass model without document memory was accepted")
        } catch {
            #expect(error.kind == .malformed("header: two passes without document-memory features"))
        }
    }
}

@Suite struct ShippedLearnedConfigurationsTests {
    @Test func loadForTrainingWithTheirResources() throws {
        for name in ["perceptron", "hybrid"] {
            let path = "\(packageRoot)/configs/\(name).yaml"
            let extractor = try Configuration.load(path: path, parameters: [PerceptronStage.trainingParameter: "yes"])
            let training = try LabellerTraining(extractor: extractor)
            #expect(!extractor.summary.isEmpty && !extractor.summary.contains("\n"))
            #expect(training.stage.modelPath == "\(packageRoot)/models/\(name).model")
            let t = training.stage.featurizer.templates
            #expect(t.gazetteer == (name == "hybrid") && t.triggers == (name == "hybrid"))
            #expect(training.stage.featurizer.gazetteerLayer != nil || name == "perceptron")
        }
        // hybrid: the perceptron first, then the date rules.
        let hybrid = try Configuration.load(path: "\(packageRoot)/configs/hybrid.yaml", parameters: [PerceptronStage.trainingParameter: "yes"])
        #expect(hybrid.stages.count == 2 && hybrid.stages[1] is RuleStage)
    }
}
