import Corpus
import Extraction
import Foundation
import Yams

/// Annotated documents to train learned configurations on, with a hash of
/// their content (texts and gold) so that a cached model can be matched to
/// the data it was trained on.
public struct TrainingData: Sendable {
    public var documents: [TrainingDocument]
    /// One line for people: what was read, from where.
    public var description: String
    /// SHA-256 of every document's id, text and gold (tags or entities).
    public var hash: String

    public init(documents: [TrainingDocument], description: String) {
        self.documents = documents
        self.description = description
        var h = SHA256()
        h.updateField("mizan.training-data/1")
        for d in documents {
            h.updateField(d.document.id)
            h.updateField(d.document.text)
            switch d.gold {
            case .tags(let tags):
                h.updateField("tags")
                for t in tags { h.updateField(t) }
            case .entities(let entities):
                h.updateField("entities")
                for e in entities.sorted() {
                    h.updateField(e.start)
                    h.updateField(e.end)
                    h.updateField(e.type.name)
                }
            }
            h.updateField("")
        }
        self.hash = h.finalizeHex()
    }

    /// A split of a BRAT corpus (Mizan's `corpus/` and `gold/`).
    public static func corpus(texts: String, annotations: String, splits: String, split: CorpusSplits.Split) throws -> TrainingData {
        let data = try EvaluationData.corpus(texts: texts, annotations: annotations, splits: splits, split: split)
        return TrainingData(documents: data.documents.map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) },
                            description: "\(split.rawValue) split of \(texts)/ (\(data.documents.count) documents)")
    }

    /// A CoNLL file (gold tags as written), a JSONL file or a BRAT folder.
    public static func read(path: String, format: EvaluationData.Format) throws -> TrainingData {
        switch format {
        case .conll:
            let documents = try CoNLLReader(tagColumns: 1).read(path: path).map { c in
                TrainingDocument(document: c.makeDocument(), gold: .tags(c.sentences.flatMap { $0.tokens.map { $0.tags[0] } }))
            }
            guard !documents.isEmpty else { throw InputError(file: path, "no sentence to train on") }
            let tokens = documents.reduce(0) { $0 + ($1.document.tokens?.count ?? 0) }
            return TrainingData(documents: documents, description: "\(path) (CoNLL, \(tokens) tokens)")
        case .jsonl:
            let documents = try JSONL.read(path: path).map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) }
            return TrainingData(documents: documents, description: "\(path) (JSONL, \(documents.count) documents)")
        case .brat:
            let documents = try BRAT.readFolder(texts: path).map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) }
            return TrainingData(documents: documents, description: "\(path) (BRAT, \(documents.count) documents)")
        }
    }
}

/// Trained models of learned configurations, kept under `.mizan/models/` and
/// reused while up to date.
///
/// A model is keyed by the configuration's hash (its file and every resource
/// it names, `ConfigurationHash`), the training data's hash and the type map:
/// `NAME-KEY.model`. Finding the file means the same configuration was trained
/// on the same data, so it is reused; otherwise the configuration's
/// perceptron stage is trained (its own epochs, seed and options, as
/// `mizan train` does without `--dev`) and the model written atomically.
/// Configurations without a learned stage load as they are.
public struct ModelCache {
    public var folder: String
    /// Loaded on first need: reading training data is skipped when no
    /// configuration is learned.
    public var trainingData: () throws -> TrainingData?
    public var typeMap: [EntityType: EntityType]
    /// Called when training starts, with the configuration's name.
    public var onTraining: (String) -> Void = { _ in }

    public static let defaultFolder = ".mizan/models"

    public init(folder: String = ModelCache.defaultFolder, typeMap: [EntityType: EntityType] = [:],
                trainingData: @escaping () throws -> TrainingData?) {
        self.folder = folder
        self.typeMap = typeMap
        self.trainingData = trainingData
    }

    /// True when the configuration has a stage that needs a trained model.
    public static func isLearned(configuration path: String) throws -> Bool {
        let text = try TextFile.read(path)
        guard let root = try? Yams.compose(yaml: text), let stages = root.mapping?["stages"]?.sequence else { return false }
        return stages.contains { $0.mapping?["kind"]?.scalar?.string == PerceptronStage.kind }
    }

    /// Load parameters for `path`: the model to use, trained first when no
    /// up-to-date one is cached.
    public func prepare(_ path: String) throws -> PreparedConfiguration {
        guard try Self.isLearned(configuration: path) else { return PreparedConfiguration() }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let data = try trainingData() else {
            throw ComparisonError("\(path) is a learned configuration: give training data with --train PATH (in the --format of --data)")
        }
        var key = SHA256()
        key.updateField("mizan.model-key/1")
        key.updateField(try ConfigurationHash.of(path: path))
        key.updateField(data.hash)
        for (from, to) in typeMap.sorted(by: { $0.key < $1.key }) {
            key.updateField(from.name)
            key.updateField(to.name)
        }
        let modelPath = (folder as NSString).appendingPathComponent("\(name)-\(key.finalizeHex().prefix(16)).model")
        if FileManager.default.fileExists(atPath: modelPath) {
            return PreparedConfiguration(parameters: ["model": modelPath], model: ModelInfo(
                path: modelPath, reused: true, trainingSeconds: nil, trainingData: data.description, trainingDataHash: data.hash))
        }
        onTraining(name)
        let clock = MonotonicClock()
        let start = clock.nanoseconds()
        let extractor: Extractor
        do {
            extractor = try Configuration.load(path: path, parameters: [PerceptronStage.trainingParameter: "yes"])
        } catch let error as ConfigurationError {
            throw ComparisonError(error.description)
        }
        do {
            var training = try LabellerTraining(extractor: extractor)
            training.typeMap = typeMap
            let model = try training.train(data.documents, options: training.stage.trainingOptions)
            try ModelFile.write(model, to: modelPath)
        } catch let error as LabellerTraining.Failure {
            throw ComparisonError("training \(path) on \(data.description): \(error)")
        }
        let seconds = Double(clock.nanoseconds() &- start) / 1e9
        return PreparedConfiguration(parameters: ["model": modelPath], model: ModelInfo(
            path: modelPath, reused: false, trainingSeconds: seconds, trainingData: data.description, trainingDataHash: data.hash))
    }
}
