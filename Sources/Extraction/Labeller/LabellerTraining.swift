import Corpus

/// A document with its gold entities, as training reads it: either BIO tags over
/// the document's own tokens (CoNLL), or entity spans projected onto the analysed
/// tokens (BRAT, JSONL).
public struct TrainingDocument: Sendable {
    public enum Gold: Sendable {
        /// One tag per token of `document.tokens` (`O`, `B-X`, `I-X`).
        case tags([String])
        case entities([EntitySpan])
    }
    public var document: Document
    public var gold: Gold

    public init(document: Document, gold: Gold) {
        self.document = document
        self.gold = gold
    }
}

/// Trains the perceptron stage of a configuration on documents.
///
/// The configuration is loaded with the `training` parameter, so its perceptron
/// stage comes without a model; every document is analysed by the configuration's
/// own analyzer (tokens, clitics, gazetteer and rule layers), featurized by the
/// stage's templates, and handed to a `PerceptronTrainer`. The model therefore sees
/// in training exactly the features it will see when the configuration runs.
public struct LabellerTraining {
    public let extractor: Extractor
    public let stage: PerceptronStage
    /// Type renaming applied to gold types before anything else (`PERS` → `PER`).
    public var typeMap: [EntityType: EntityType] = [:]

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case noLearnedStage(String)
        case severalLearnedStages(String)
        case noEntities
        case badTag(document: String, token: Int, tag: String)

        public var description: String {
            switch self {
            case .noLearnedStage(let c): "\(c): the configuration has no `perceptron` stage to train"
            case .severalLearnedStages(let c): "\(c): the configuration has more than one `perceptron` stage; train one configuration per model"
            case .noEntities: "the training data has no entity of the types to learn"
            case .badTag(let d, let t, let tag): "\(d): token \(t + 1): \"\(tag)\" is not a BIO tag (O, B-TYPE, I-TYPE)"
            }
        }
    }

    /// The configuration's single perceptron stage. The extractor must have been
    /// loaded with the `PerceptronStage.trainingParameter` parameter.
    public init(extractor: Extractor) throws {
        let stages = extractor.stages.compactMap { $0 as? PerceptronStage }
        guard let stage = stages.first else { throw Failure.noLearnedStage(extractor.name) }
        guard stages.count == 1 else { throw Failure.severalLearnedStages(extractor.name) }
        self.extractor = extractor
        self.stage = stage
    }

    /// Gold BIO tags (type-mapped) over the analysis's tokens.
    func goldTags(_ item: TrainingDocument, analysis: AnalyzedDocument) throws -> [String] {
        switch item.gold {
        case .tags(let tags):
            precondition(tags.count == analysis.tokenCount, "one tag per given token")
            return try tags.enumerated().map { t, tag in
                if tag == "O" { return tag }
                guard tag.count > 2, tag.hasPrefix("B-") || tag.hasPrefix("I-") else {
                    throw Failure.badTag(document: item.document.id, token: t, tag: tag)
                }
                let type = EntityType(String(tag.dropFirst(2)))
                return String(tag.prefix(2)) + (typeMap[type] ?? type).name
            }
        case .entities(let entities):
            let mapped = entities.map { e in
                EntitySpan(start: e.start, end: e.end, type: typeMap[e.type] ?? e.type, text: e.text)
            }
            return TokenProjection.bioTags(for: mapped, tokens: analysis.tokens)
        }
    }

    /// The types a model trained on `documents` labels: the stage's `types`, else
    /// every type in the gold data, by name.
    public func types(in documents: [TrainingDocument]) throws -> [EntityType] {
        if let types = stage.types { return types }
        var seen = Set<EntityType>()
        for item in documents {
            switch item.gold {
            case .tags(let tags):
                for tag in tags where tag != "O" && tag.count > 2 {
                    let type = EntityType(String(tag.dropFirst(2)))
                    seen.insert(typeMap[type] ?? type)
                }
            case .entities(let entities):
                for e in entities { seen.insert(typeMap[e.type] ?? e.type) }
            }
        }
        return seen.sorted()
    }

    /// Folds of the training sentences whose first-pass labels come from a model
    /// trained on the other folds (document memory only), so that the second pass
    /// learns from first-pass labels as imperfect as they will be on new text.
    public static let memoryFolds = 4

    /// A document analysed once, with its gold labels and each sentence's base features.
    struct Prepared {
        var analysis: AnalyzedDocument
        var gold: [Int]
        var features: [SentenceFeatures]
    }

    /// Trains and returns the model: one perceptron, or two passes with document
    /// memory (`FeatureTemplates.documentMemory`). `progress` gets every epoch's report
    /// with the phase it belongs to (empty for a one-pass model).
    public func train(_ documents: [TrainingDocument], dev: [TrainingDocument] = [],
                      options: PerceptronTrainer.Options,
                      progress: (String, PerceptronTrainer.EpochReport) -> Void = { _, _ in }) throws -> LabellerModel {
        let types = try types(in: documents)
        guard !types.isEmpty else { throw Failure.noEntities }
        let tags = BIOTagSet(types: types)
        let featurizer = stage.featurizer
        let templates = featurizer.templates
        var scratch = LabellerFeaturizer.Scratch()

        func prepare(_ item: TrainingDocument) throws -> Prepared {
            let analysis = extractor.analyze(item.document)
            // Types outside the tag set are not learned: their tokens are O.
            let gold = try goldTags(item, analysis: analysis).map { tags.label(named: $0) ?? BIOTagSet.outside }
            featurizer.prepare(analysis, scratch: &scratch)
            var sentences: [SentenceFeatures] = []
            for s in 0..<analysis.sentenceCount {
                var f = SentenceFeatures()
                featurizer.features(of: analysis, sentence: analysis.sentenceRange(s), scratch: &scratch, into: &f)
                sentences.append(f)
            }
            return Prepared(analysis: analysis, gold: gold, features: sentences)
        }
        let trainSet = try documents.map(prepare)
        let devSet = try dev.map(prepare)

        func trainer(_ options: PerceptronTrainer.Options) -> PerceptronTrainer {
            PerceptronTrainer(tags: tags, templates: templates, options: options)
        }
        // Pass 1 on everything.
        var first = trainer(options)
        for p in trainSet {
            for (s, f) in p.features.enumerated() { first.addTraining(f, gold: Array(p.gold[p.analysis.sentenceRange(s)])) }
        }
        for p in devSet {
            for (s, f) in p.features.enumerated() { first.addDev(f, gold: Array(p.gold[p.analysis.sentenceRange(s)])) }
        }
        let phase = templates.documentMemory ? "pass 1" : ""
        let firstModel = first.train { progress(phase, $0) }
        guard templates.documentMemory else { return LabellerModel(firstModel) }

        // First-pass labels of the training sentences from the other folds' models.
        let total = trainSet.reduce(0) { $0 + $1.features.count }
        let K = Self.memoryFolds
        func fold(_ g: Int) -> Int { g * K / max(total, 1) }
        var firstLabels = trainSet.map { [Int](repeating: 0, count: $0.analysis.tokenCount) }
        var foldOptions = options
        foldOptions.epochs = firstModel.training.bestEpoch
        for k in 0..<K {
            var t = trainer(foldOptions)
            var g = 0
            for p in trainSet {
                for (s, f) in p.features.enumerated() {
                    if fold(g) != k { t.addTraining(f, gold: Array(p.gold[p.analysis.sentenceRange(s)])) }
                    g += 1
                }
            }
            let model = t.train { progress("fold \(k + 1)/\(K)", $0) }
            var decoder = ViterbiDecoder()
            var labels: [Int] = []
            g = 0
            for (d, p) in trainSet.enumerated() {
                for (s, f) in p.features.enumerated() {
                    if fold(g) == k {
                        model.label(f, decoder: &decoder, into: &labels)
                        let range = p.analysis.sentenceRange(s)
                        for (i, l) in labels.enumerated() { firstLabels[d][range.lowerBound + i] = l }
                    }
                    g += 1
                }
            }
        }
        let devLabels = devSet.map { p -> [Int] in
            var out = [Int](repeating: 0, count: p.analysis.tokenCount)
            for (s, f) in p.features.enumerated() {
                let range = p.analysis.sentenceRange(s)
                for (i, l) in firstModel.label(f).enumerated() { out[range.lowerBound + i] = l }
            }
            return out
        }

        // Pass 2: base features plus document memory.
        var second = trainer(options)
        var features = SentenceFeatures()
        for (set, labels, isDev) in [(trainSet, firstLabels, false), (devSet, devLabels, true)] {
            for (p, firstPass) in zip(set, labels) {
                let keys = featurizer.memoryKeys(p.analysis)
                let memory = DocumentMemory(words: keys.words, stems: keys.stems, labels: firstPass, tags: tags)
                featurizer.prepare(p.analysis, scratch: &scratch)
                for s in 0..<p.analysis.sentenceCount {
                    let range = p.analysis.sentenceRange(s)
                    features.removeAll()
                    featurizer.features(of: p.analysis, sentence: range, scratch: &scratch, memory: memory, tags: tags, into: &features)
                    if isDev { second.addDev(features, gold: Array(p.gold[range])) } else { second.addTraining(features, gold: Array(p.gold[range])) }
                }
            }
        }
        let secondModel = second.train { progress("pass 2", $0) }
        return LabellerModel(passes: [firstModel, secondModel])
    }
}
