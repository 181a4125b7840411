import ArabicText
import Corpus
import Foundation

/// The gold set a comparison is scored on: documents with their gold
/// entities (types as written, before `--map`), how they were read, and the
/// size of the workload the extractors are timed on.
///
/// Invariant: document ids are unique; for CoNLL data `conll` holds, per
/// document, the gold tag of every token as written (so token accuracy is
/// counted as conlleval and `mizan score` count it).
public struct EvaluationData: Sendable {
    public enum Format: String, Sendable, Hashable, Codable, CaseIterable {
        /// Text files with BRAT standoff annotations.
        case brat
        /// `token TAG` lines, a blank line between sentences, `-DOCSTART-` between documents.
        case conll
        /// `{"id", "text", "entities": [{"start", "end", "type"}]}` a line.
        case jsonl
    }

    /// What CoNLL input keeps besides the entities.
    public struct CoNLLGold: Sendable {
        public var path: String
        /// Per document, the gold tag of each token, in token order.
        public var tags: [[String]]
        /// Per document, the file line of each sentence's first token.
        public var sentenceLines: [[Int]]
        public var violations: TagViolationSummary
    }

    public var documents: [AnnotatedDocument]
    public var format: Format
    /// One line for people: what was read, from where.
    public var description: String
    /// The files or folders read.
    public var paths: [String]
    /// The split evaluated, when the data came from a corpus with splits.
    public var split: String?
    public var conll: CoNLLGold?
    /// Documents, tokens and characters (Unicode scalars) of one pass.
    public var workload: Workload
    /// Tokens of each document: the given tokens (CoNLL), else Mizan's tokenizer's.
    public var documentTokens: [Int]
    /// Sentences over all documents, when the input fixes them (CoNLL).
    public var sentences: Int?
    /// SHA-256 over every document's id, text and gold entities, in order.
    public var contentHash: String

    public init(documents: [AnnotatedDocument], format: Format, description: String, paths: [String],
                split: String? = nil, conll: CoNLLGold? = nil) {
        self.documents = documents
        self.format = format
        self.description = description
        self.paths = paths
        self.split = split
        self.conll = conll
        var tokens = 0, characters = 0, sentences = 0
        var documentTokens: [Int] = []
        documentTokens.reserveCapacity(documents.count)
        let tokenizer = Tokenizer()
        for d in documents {
            if let t = d.document.tokens {
                documentTokens.append(t.count)
                sentences += d.document.sentenceStarts.count
            } else {
                documentTokens.append(tokenizer.tokenize(d.document.text).count)
            }
            tokens += documentTokens.last!
            characters += d.document.text.unicodeScalars.count
        }
        self.documentTokens = documentTokens
        self.workload = Workload(documents: documents.count, tokens: tokens, characters: characters)
        self.sentences = conll != nil ? sentences : nil
        self.contentHash = Self.hash(documents)
    }

    /// Gold entities per type as written (before any mapping).
    public var goldEntityCounts: [EntityType: Int] {
        var counts: [EntityType: Int] = [:]
        for d in documents { for e in d.entities { counts[e.type, default: 0] += 1 } }
        return counts
    }

    static func hash(_ documents: [AnnotatedDocument]) -> String {
        var h = SHA256()
        for d in documents {
            h.updateField(d.id)
            h.updateField(d.document.text)
            for e in d.entities.sorted() {
                h.updateField(e.start)
                h.updateField(e.end)
                h.updateField(e.type.name)
            }
            h.updateField("")
        }
        return h.finalizeHex()
    }

    // MARK: - Reading

    /// A corpus of `NAME.txt` texts with `NAME.ann` gold annotations in
    /// another folder (Mizan's `corpus/` and `gold/`), restricted to one split
    /// when `splits` is given.
    ///
    /// - Throws: `InputError` for unreadable files, and when the split names a
    ///   document the corpus does not have or is empty.
    public static func corpus(texts: String, annotations: String, splits: String?, split: CorpusSplits.Split?) throws -> EvaluationData {
        var documents = try BRAT.readFolder(texts: texts, annotations: annotations)
        var description = "BRAT texts in \(texts)/, gold annotations in \(annotations)/"
        var paths = [texts, annotations]
        if let splits, let split {
            let table = try CorpusSplits.read(path: splits)
            let wanted = table.ids(in: split)
            guard !wanted.isEmpty else { throw InputError(file: splits, "the \(split.rawValue) split lists no document") }
            let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            documents = try wanted.map { id in
                guard let d = byID[id] else {
                    throw InputError(file: splits, "the \(split.rawValue) split names \(id), which \(texts) does not have")
                }
                return d
            }
            description += ", \(split.rawValue) split of \(splits)"
            paths.append(splits)
        }
        guard !documents.isEmpty else { throw InputError(file: texts, "no document to evaluate") }
        return EvaluationData(documents: documents, format: .brat, description: description, paths: paths,
                              split: split?.rawValue)
    }

    /// Gold data in one of the formats `mizan score` reads: a CoNLL file, a
    /// JSONL file, or a BRAT folder of `NAME.txt` + `NAME.ann`.
    public static func read(path: String, format: Format) throws -> EvaluationData {
        switch format {
        case .conll:
            let tagged = try CoNLLPairing.readTagged(path)
            let raw = try CoNLLReader(tagColumns: 1).read(path: path)
            guard raw.count == tagged.documents.count else {
                throw InputError(file: path, "read \(raw.count) documents as columns but \(tagged.documents.count) as tags")
            }
            let tags = raw.map { $0.sentences.flatMap { $0.tokens.map { $0.tags[0] } } }
            guard !tagged.documents.isEmpty else { throw InputError(file: path, "no sentence to evaluate") }
            let sentences = tagged.documents.reduce(0) { $0 + $1.document.sentenceStarts.count }
            let documentWord = tagged.documents.count == 1 ? "document" : "documents"
            return EvaluationData(
                documents: tagged.documents, format: .conll,
                description: "CoNLL file \(path) (\(tagged.documents.count) \(documentWord), \(sentences) sentences)",
                paths: [path],
                conll: CoNLLGold(path: path, tags: tags, sentenceLines: tagged.sentenceLines, violations: tagged.violations))
        case .jsonl:
            let documents = try JSONL.read(path: path)
            guard !documents.isEmpty else { throw InputError(file: path, "no document to evaluate") }
            try checkUniqueIDs(documents, file: path)
            return EvaluationData(documents: documents, format: .jsonl, description: "JSONL file \(path)", paths: [path])
        case .brat:
            let documents = try BRAT.readFolder(texts: path)
            guard !documents.isEmpty else { throw InputError(file: path, "no NAME.txt document in the folder") }
            return EvaluationData(documents: documents, format: .brat, description: "BRAT folder \(path)", paths: [path])
        }
    }

    static func checkUniqueIDs(_ documents: [AnnotatedDocument], file: String) throws {
        var seen = Set<String>()
        for d in documents where !seen.insert(d.id).inserted {
            throw InputError(file: file, "document id \"\(d.id)\" appears twice")
        }
    }
}
