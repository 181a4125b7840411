import Corpus
import Foundation
import Yams

/// A learned stage: an averaged structured perceptron over the shared analysis,
/// decoded with constrained Viterbi per sentence, proposing one entity per BIO chunk.
///
/// Options:
/// - `model`: the model file (relative to the configuration). `mizan extract --model PATH`
///   overrides it; `mizan train` writes it.
/// - `features`: template switches (`FeatureTemplates`; every option defaults).
/// - `gazetteer`: lists for gazetteer-membership features, as the gazetteer stage takes
///   them (`lists`, `clitics`, `exclude`, `minimum-letters`); required by `features.gazetteer`.
/// - `rules`: a rules file whose classes (titles, heads, months, ...) are trigger
///   features; required by `features.triggers`.
/// - `types`: the entity types the model labels (default: those of the training data).
/// - `epochs`, `seed`, `patience`, `min-feature-count`, `margin`: training defaults.
///
/// Loading checks the model against the configuration: a model trained with other
/// feature templates is an error naming both files.
public struct PerceptronStage: ExtractionStage, StageFactory {
    public static let kind = "perceptron"
    public static let summary = "averaged structured perceptron over word, affix, clitic, shape, context, gazetteer and trigger features"
    /// The load parameter `mizan train` passes: build the stage without a model.
    public static let trainingParameter = "training"

    public let featurizer: LabellerFeaturizer
    /// nil while training.
    public let model: LabellerModel?
    /// The model file read (or to be written, while training).
    public let modelPath: String?
    /// Types to learn; nil: every type of the training data.
    public let types: [EntityType]?
    public let trainingOptions: PerceptronTrainer.Options

    public init(featurizer: LabellerFeaturizer, model: LabellerModel?, modelPath: String?,
                types: [EntityType]?, trainingOptions: PerceptronTrainer.Options) {
        self.featurizer = featurizer
        self.model = model
        self.modelPath = modelPath
        self.types = types
        self.trainingOptions = trainingOptions
    }

    public static let optionNames = ["kind", "name", "model", "features", "gazetteer", "rules", "types",
                                     "epochs", "seed", "patience", "min-feature-count", "margin"]

    public static func makeStage(options: StageOptions, builder: ExtractorBuilder) throws -> any ExtractionStage {
        _ = try options.string("name")
        var templates = FeatureTemplates()
        if let node = options.value("features") {
            do {
                templates = try YAMLDecoder().decode(FeatureTemplates.self, from: node)
            } catch {
                throw options.error("features", ModelFile.describe(error), node: node)
            }
        }
        var gazetteer: (layer: Int, types: [EntityType])? = nil
        if let node = options.value("gazetteer") {
            guard let mapping = node.mapping else {
                throw options.error("gazetteer", "expected a mapping with `lists` (as the gazetteer stage takes)", node: node)
            }
            let sub = StageOptions(file: options.file, keyPath: options.keyPath + ".gazetteer", mapping: mapping,
                                   baseDirectory: options.baseDirectory)
            let lists = try sub.typedPaths("lists")
            guard !lists.isEmpty else { throw sub.error("lists", "required: a mapping from entity type to list files or folders") }
            let clitics = try sub.bool("clitics", default: true)
            let exclude = try sub.paths("exclude")
            let minimum = try sub.int("minimum-letters", default: 2, range: 1...10)
            try sub.finish(known: ["lists", "clitics", "exclude", "minimum-letters"])
            do {
                let layer = try builder.gazetteer(name: "perceptron-features", lists: lists.map { (EntityType($0.type), $0.paths) },
                                                  exclude: exclude, matchesClitics: clitics, minimumLetters: minimum)
                gazetteer = (layer, builder.gazetteers[layer].types)
            } catch let e as InputError {
                throw sub.error("lists", e.description)
            }
        }
        var rules: (layer: Int, ruleSet: RuleSet)? = nil
        if let path = try options.string("rules") {
            let resolved = try options.resolve(path, key: "rules")
            do {
                let layer = try builder.ruleSet(path: resolved)
                rules = (layer, builder.ruleSets[layer])
            } catch let e as InputError {
                throw options.error("rules", e.description)
            }
        }
        if templates.gazetteer && gazetteer == nil {
            throw options.error("features.gazetteer", "gazetteer features need the stage's `gazetteer` option (the lists to match)")
        }
        if templates.triggers && rules == nil {
            throw options.error("features.triggers", "trigger features need the stage's `rules` option (a rules file)")
        }
        if templates.ruleMatches && rules == nil {
            throw options.error("features.rule-matches", "rule-match features need the stage's `rules` option (a rules file)")
        }
        let typeNames = try options.strings("types")
        var training = PerceptronTrainer.Options()
        training.epochs = try options.int("epochs", default: training.epochs, range: 1...1000)
        training.seed = UInt64(try options.int("seed", default: Int(training.seed), range: 0...Int.max))
        training.patience = try options.int("patience", default: training.patience, range: 1...1000)
        training.minFeatureCount = try options.int("min-feature-count", default: training.minFeatureCount, range: 1...1000)
        training.margin = Float(try options.int("margin", default: Int(training.margin), range: 0...100))
        let configuredModel = try options.string("model")

        try options.finish(known: optionNames)

        let featurizer = LabellerFeaturizer(templates: templates, gazetteer: gazetteer, rules: rules)
        let types = typeNames.isEmpty ? nil : typeNames.map { EntityType($0) }
        // The model: --model (relative to the working directory) over `model:` (relative to the configuration).
        let given = builder.parameter("model")
        let training_ = builder.parameter(trainingParameter) != nil
        let path: String?
        if let given {
            path = given
        } else if let configuredModel {
            let full = configuredModel.hasPrefix("/") ? configuredModel
                : (options.baseDirectory as NSString).appendingPathComponent(configuredModel)
            path = Self.collapsingDotDot(full)
        } else {
            path = nil
        }
        if training_ {
            return PerceptronStage(featurizer: featurizer, model: nil, modelPath: path, types: types, trainingOptions: training)
        }
        guard let path else {
            throw options.error("model", "required: the model file (train one with `mizan train --config \(options.file) --train DATA --out MODEL`)")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw options.error("model", "no such model file: \(path) (train it with `mizan train --config \(options.file) --train DATA --out \(path)`)")
        }
        let model: LabellerModel
        do {
            model = try ModelFile.read(path: path, expecting: templates)
        } catch {
            throw options.error("model", error.description)
        }
        if let types, Set(types) != Set(model.tags.types) {
            throw options.error("types", "the model labels \(model.tags.types.map(\.name).joined(separator: ", ")), the configuration asks for \(types.map(\.name).joined(separator: ", "))")
        }
        return PerceptronStage(featurizer: featurizer, model: model, modelPath: path, types: types, trainingOptions: training)
    }

    /// `configs/../models/x.model` → `models/x.model` (lexically, for paths people read).
    static func collapsingDotDot(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            if c == "." { continue }
            if c == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(c)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// Labels every sentence and proposes its chunks. O(tokens × (features + labels²)).
    public func propose(in document: AnalyzedDocument, into proposals: inout [Proposal]) {
        guard let model else { return }
        var labeller = Labeller(featurizer: featurizer, model: model)
        labeller.label(document) { range, labels in
            for chunk in model.tags.chunks(labels) {
                proposals.append(Proposal(firstToken: range.lowerBound + chunk.start, endToken: range.lowerBound + chunk.end,
                                          type: model.tags.types[chunk.type]))
            }
        }
    }
}

/// A featurizer, a model and the buffers to label sentence after sentence without
/// allocating per token. One per thread.
public struct Labeller {
    public let featurizer: LabellerFeaturizer
    public let model: LabellerModel
    var scratch = LabellerFeaturizer.Scratch()
    var features = SentenceFeatures()
    var decoder = ViterbiDecoder()
    var labels: [Int] = []

    public init(featurizer: LabellerFeaturizer, model: LabellerModel) {
        self.featurizer = featurizer
        self.model = model
    }

    /// Calls `body` with each sentence's token range and labels (valid until the next call).
    /// With two passes, the first labels the whole document and the second, which
    /// sees the first's labels (`DocumentMemory`), gives the labels.
    public mutating func label(_ document: AnalyzedDocument, _ body: (Range<Int>, [Int]) -> Void) {
        featurizer.prepare(document, scratch: &scratch)
        let first = model.passes[0]
        guard model.passes.count == 2 else {
            for s in 0..<document.sentenceCount {
                let range = document.sentenceRange(s)
                features.removeAll()
                featurizer.features(of: document, sentence: range, scratch: &scratch, into: &features)
                first.label(features, decoder: &decoder, into: &labels)
                body(range, labels)
            }
            return
        }
        var firstLabels = [Int](repeating: 0, count: document.tokenCount)
        for s in 0..<document.sentenceCount {
            let range = document.sentenceRange(s)
            features.removeAll()
            featurizer.features(of: document, sentence: range, scratch: &scratch, into: &features)
            first.label(features, decoder: &decoder, into: &labels)
            for (k, l) in labels.enumerated() { firstLabels[range.lowerBound + k] = l }
        }
        let keys = featurizer.memoryKeys(document)
        let memory = DocumentMemory(words: keys.words, stems: keys.stems, labels: firstLabels, tags: model.tags)
        for s in 0..<document.sentenceCount {
            let range = document.sentenceRange(s)
            features.removeAll()
            featurizer.features(of: document, sentence: range, scratch: &scratch, memory: memory, tags: model.tags, into: &features)
            model.passes[1].label(features, decoder: &decoder, into: &labels)
            body(range, labels)
        }
    }
}
