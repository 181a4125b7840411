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

    /// Trains and returns the model. `progress` gets every epoch's report.
    public func train(_ documents: [TrainingDocument], dev: [TrainingDocument] = [],
                      options: PerceptronTrainer.Options,
                      progress: (PerceptronTrainer.EpochReport) -> Void = { _ in }) throws -> PerceptronModel {
        let types = try types(in: documents)
        guard !types.isEmpty else { throw Failure.noEntities }
        let tags = BIOTagSet(types: types)
        var trainer = PerceptronTrainer(tags: tags, templates: stage.featurizer.templates, options: options)
        var scratch = LabellerFeaturizer.Scratch()
        var features = SentenceFeatures()
        for (set, isDev) in [(documents, false), (dev, true)] {
            for item in set {
                let analysis = extractor.analyze(item.document)
                // Types outside the tag set are not learned: their tokens are O.
                let labels = try goldTags(item, analysis: analysis).map { tags.label(named: $0) ?? BIOTagSet.outside }
                stage.featurizer.prepare(analysis, scratch: &scratch)
                for s in 0..<analysis.sentenceCount {
                    let range = analysis.sentenceRange(s)
                    features.removeAll()
                    stage.featurizer.features(of: analysis, sentence: range, scratch: &scratch, into: &features)
                    let gold = Array(labels[range])
                    if isDev { trainer.addDev(features, gold: gold) } else { trainer.addTraining(features, gold: gold) }
                }
            }
        }
        return trainer.train(progress: progress)
    }
}
