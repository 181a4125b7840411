import ArgumentParser
import Corpus
import Dispatch
import Extraction
import Foundation

/// `mizan train`: trains the learned stage of a configuration and writes its model file.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the perceptron stage of a configuration on annotated documents and write its model.",
        discussion: """
        The configuration's features (its `perceptron` stage: templates, gazetteer lists, \
        trigger rules) are computed exactly as `mizan extract` will compute them, and the model \
        file records the feature templates, so a model is only ever used with the features it \
        was trained on. Training is deterministic: the same data, configuration and seed give \
        the same model file, byte for byte.

          mizan train --config configs/hybrid.yaml --format conll --map PERS=PER \\
            --train ANERCorp_CamelLab_train.txt --out anercorp-hybrid.model
          mizan extract --config configs/hybrid.yaml --model anercorp-hybrid.model \\
            --input-format conll --output-format conll --out out/ ANERCorp_CamelLab_test.txt

        Every epoch prints the updates made (tokens whose cost-augmented prediction was \
        wrong), and with --dev the dev set's entity F1 (exact match) of the averaged weights: \
        the best epoch is kept and training stops after `patience` epochs without improvement.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case conll, brat, jsonl }

    @Option(help: "The configuration file (configs/NAME.yaml) with one `perceptron` stage.")
    var config: String

    @Option(help: "Training data: a CoNLL file (`token TAG` lines), a JSONL file, or a BRAT folder of NAME.txt + NAME.ann.")
    var train: String

    @Option(help: "Dev data in the same format, to choose the epoch and stop early.")
    var dev: String?

    @Option(help: "conll, brat or jsonl.")
    var format: Format = .conll

    @Option(help: "For brat: the folder of NAME.ann files, when not beside the texts (e.g. gold/).")
    var annotations: String?

    @Option(help: "Epochs (default: the stage's `epochs`, else 12).")
    var epochs: Int?

    @Option(help: "Shuffling seed (default: the stage's `seed`, else 1).")
    var seed: UInt64?

    @Option(name: .customLong("map"), help: "Rename a gold type before training, OLD=NEW (repeatable), e.g. PERS=PER for ANERcorp.")
    var maps: [String] = []

    @Option(help: "Where to write the model (default: the stage's `model` path).")
    var out: String?

    func validate() throws {
        guard FileManager.default.fileExists(atPath: config) else { throw ValidationError("no such configuration file: \(config)") }
        guard FileManager.default.fileExists(atPath: train) else { throw ValidationError("no such training data: \(train)") }
        if let dev, !FileManager.default.fileExists(atPath: dev) { throw ValidationError("no such dev data: \(dev)") }
        if let epochs, !(1...1000).contains(epochs) { throw ValidationError("--epochs must be 1...1000") }
        for m in maps where m.split(separator: "=").count != 2 { throw ValidationError("--map takes OLD=NEW, found \"\(m)\"") }
        if annotations != nil && format != .brat { throw ValidationError("--annotations is for --format brat") }
    }

    func run() throws {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        let extractor: Extractor
        do {
            extractor = try Configuration.load(path: config, parameters: [PerceptronStage.trainingParameter: "yes"])
        } catch let e as ConfigurationError {
            throw ValidationError(e.reason.contains(PerceptronStage.trainingParameter)
                ? "\(config): the configuration has no `perceptron` stage to train" : e.description)
        }
        var training = try LabellerTraining(extractor: extractor)
        for m in maps {
            let parts = m.split(separator: "=").map { EntityType(String($0)) }
            training.typeMap[parts[0]] = parts[1]
        }
        guard let path = out ?? training.stage.modelPath else {
            throw ValidationError("give --out MODEL (the configuration's perceptron stage names no `model`)")
        }
        var options = training.stage.trainingOptions
        if let epochs { options.epochs = epochs }
        if let seed { options.seed = seed }

        let documents = try read(train)
        let devDocuments = try dev.map(read) ?? []
        let tokens = documents.reduce(0) { $0 + ($1.document.tokens?.count ?? 0) }
        let readSeconds = elapsed()
        print("\(extractor.name): training on \(documents.count) document\(documents.count == 1 ? "" : "s")"
              + (tokens > 0 ? " (\(tokens) tokens)" : "") + (devDocuments.isEmpty ? "" : ", dev \(devDocuments.count)")
              + ", \(options.epochs) epochs, seed \(options.seed)")
        var epochsStarted = 0.0
        let model = try training.train(documents, dev: devDocuments, options: options) { phase, r in
            if r.epoch == 1 && epochsStarted == 0 { epochsStarted = elapsed() - r.seconds }
            var line = (phase.isEmpty ? "" : phase + ", ") + "epoch \(r.epoch): \(r.tokenErrors) updates (\(percent(r.tokenErrors, r.tokens)) of tokens) in \(r.sentenceErrors)/\(r.sentences) sentences"
            if let d = r.dev {
                line += String(format: ", dev P %.2f R %.2f F1 %.2f", 100 * d.precision, 100 * d.recall, 100 * d.f1)
                if r.isBest { line += " (best)" }
            }
            line += String(format: "  %.2f s", r.seconds)
            print(line)
        }
        try ModelFile.write(model, to: path)
        let total = elapsed()
        print(String(format: "trained in %.2f s (reading %.2f s, analysis and features %.2f s, training %.2f s): ",
                     total, readSeconds, epochsStarted - readSeconds, total - epochsStarted)
              + "\(model.tags.types.map(\.name).joined(separator: " ")), "
              + model.passes.map { "\($0.index.count) features kept of \($0.training.featuresSeen), epoch \($0.training.bestEpoch) of \($0.training.epochs)" }
                .joined(separator: "; ") + " → \(path)")
    }

    func percent(_ n: Int, _ d: Int) -> String { String(format: "%.2f%%", d == 0 ? 0 : 100 * Double(n) / Double(d)) }

    func read(_ path: String) throws -> [TrainingDocument] {
        switch format {
        case .conll:
            let documents = try CoNLLReader(tagColumns: 1).read(path: path)
            for c in documents {
                for token in c.sentences.flatMap(\.tokens) {
                    let tag = token.tags[0]
                    guard tag == "O" || (tag.count > 2 && (tag.hasPrefix("B-") || tag.hasPrefix("I-"))) else {
                        throw InputError(file: path, line: token.line, "\"\(tag)\" is not a BIO tag (O, B-TYPE or I-TYPE)")
                    }
                }
            }
            return documents.map { c in
                TrainingDocument(document: c.makeDocument(), gold: .tags(c.sentences.flatMap { $0.tokens.map { $0.tags[0] } }))
            }
        case .brat:
            return try BRAT.readFolder(texts: path, annotations: annotations ?? path).map {
                TrainingDocument(document: $0.document, gold: .entities($0.entities))
            }
        case .jsonl:
            return try JSONL.read(path: path).map { TrainingDocument(document: $0.document, gold: .entities($0.entities)) }
        }
    }
}
