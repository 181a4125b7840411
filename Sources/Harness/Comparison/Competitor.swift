import Corpus
import Foundation

/// One side of a comparison: an extractor configuration that the harness
/// runs and times, or the saved predictions of an outside system, scored the
/// same way but not timed.
public enum Competitor: Hashable, Sendable {
    /// A configuration file (`configs/NAME.yaml`); its name is the file's
    /// base name unless the file sets `name:`.
    case configuration(path: String)
    /// Predictions saved by another system, in any format `mizan score`
    /// reads: a CoNLL file over the gold tokens, a JSONL file, or a BRAT
    /// folder of `NAME.ann` files (with or without the texts beside them).
    case system(name: String, path: String, format: EvaluationData.Format)

    public var path: String {
        switch self {
        case .configuration(let path), .system(_, let path, _): return path
        }
    }

    /// The name a configuration is known by before it is loaded: its file's base name.
    public var provisionalName: String {
        switch self {
        case .configuration(let path): return ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        case .system(let name, _, _): return name
        }
    }

    public var isConfiguration: Bool {
        if case .configuration = self { return true }
        return false
    }
}

/// Reading an outside system's saved predictions and pairing them with the gold documents.
enum SystemPredictions {
    /// The system's entities for each gold document, in gold order.
    ///
    /// - CoNLL: the file must have the gold file's tokens, sentence breaks and
    ///   `-DOCSTART-` lines (as `mizan score` requires); entities come from its tags.
    /// - JSONL and BRAT: documents are matched to gold documents by id and
    ///   must have the same text; a BRAT folder may hold only `.ann` files, whose
    ///   offsets are then checked against the gold texts. Documents outside the
    ///   gold set (predictions for a whole corpus, evaluated on one split) are
    ///   left out and counted in `ignored`.
    ///
    /// - Throws: `InputError` naming the file and the first gold document that
    ///   cannot be paired.
    static func read(path: String, format: EvaluationData.Format, gold: EvaluationData) throws -> (documents: [AnnotatedDocument], corpus: PairedCorpus?, ignored: Int) {
        switch format {
        case .conll:
            guard let conll = gold.conll else {
                throw InputError(file: path, "CoNLL predictions need a CoNLL gold set (--data FILE --format conll); save this system's output as JSONL or BRAT to score it on \(gold.description)")
            }
            let corpus = try CoNLLPairing.read(gold: conll.path, predicted: path)
            return (corpus.predicted, corpus, 0)
        case .jsonl:
            let (documents, ignored) = try pair(JSONL.read(path: path), gold: gold, file: path)
            return (documents, nil, ignored)
        case .brat:
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
                throw InputError(file: path, "expected a folder of NAME.ann files (BRAT predictions)")
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            let hasTexts = names.contains { $0.hasSuffix(".txt") }
            if hasTexts {
                let (documents, ignored) = try pair(BRAT.readFolder(texts: path), gold: gold, file: path)
                return (documents, nil, ignored)
            }
            // Annotations only: read each against the gold text of the same name.
            let annotations = Set(names.filter { $0.hasSuffix(".ann") }.map { String($0.dropLast(4)) })
            guard !annotations.isEmpty else { throw InputError(file: path, "the folder holds no .ann file") }
            let ignored = annotations.subtracting(gold.documents.map(\.id)).count
            let documents = try gold.documents.map { g -> AnnotatedDocument in
                let file = "\(path)/\(g.id).ann"
                guard annotations.contains(g.id) else {
                    throw InputError(file: file, "missing: the gold set has document \"\(g.id)\"")
                }
                let entities = try BRAT.parseAnnotations(try TextFile.read(file), text: g.document.text, file: file)
                return AnnotatedDocument(document: g.document, entities: entities)
            }
            return (documents, nil, ignored)
        }
    }

    /// Predictions put in gold order; every gold document must have one with the same text.
    static func pair(_ predicted: [AnnotatedDocument], gold: EvaluationData, file: String) throws -> (documents: [AnnotatedDocument], ignored: Int) {
        var byID: [String: AnnotatedDocument] = [:]
        for p in predicted {
            if byID.updateValue(p, forKey: p.id) != nil {
                throw InputError(file: file, "document \"\(p.id)\" appears twice")
            }
        }
        let goldIDs = Set(gold.documents.map(\.id))
        let ignored = predicted.count { !goldIDs.contains($0.id) }
        let documents = try gold.documents.map { g in
            guard let p = byID[g.id] else {
                throw InputError(file: file, "document \"\(g.id)\" of the gold set has no predictions here")
            }
            guard p.document.text == g.document.text else {
                throw InputError(file: file, "document \"\(g.id)\": the text differs from the gold text")
            }
            // The gold document carries the tokens the scorer projects onto.
            return AnnotatedDocument(document: g.document, entities: p.entities)
        }
        return (documents, ignored)
    }
}
