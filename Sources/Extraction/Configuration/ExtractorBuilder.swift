import ArabicText
import Corpus

/// What stages use while a configuration loads: normalization of list entries,
/// the shared vocabulary, and registration of the resources whose layers every
/// document analysis computes once (gazetteers, rule sets). Resources are cached by
/// their source, so two stages naming the same rules file share one layer.
///
/// Used by one thread during loading; the `Extractor` it makes is immutable.
public final class ExtractorBuilder {
    public let configurationFile: String
    public let normalizer: ArabicNormalizer
    public let clitics: CliticAnalyzer
    /// Values given when loading (for example `model` from `mizan extract --model`).
    public let parameters: [String: String]
    public private(set) var usedParameters: Set<String> = []

    private var vocabulary = Vocabulary()
    private let phraseAnalyzer: DocumentAnalyzer
    public private(set) var gazetteers: [Gazetteer] = []
    public private(set) var ruleSets: [RuleSet] = []
    private var gazetteerKeys: [String: Int] = [:]
    private var ruleSetKeys: [String: Int] = [:]

    init(configurationFile: String, normalizer: ArabicNormalizer, clitics: CliticAnalyzer, parameters: [String: String]) {
        self.configurationFile = configurationFile
        self.normalizer = normalizer
        self.clitics = clitics
        self.parameters = parameters
        self.phraseAnalyzer = DocumentAnalyzer(normalizer: normalizer, clitics: clitics)
    }

    /// A parameter given at load time, marked as used.
    public func parameter(_ name: String) -> String? {
        usedParameters.insert(name)
        return parameters[name]
    }

    public var vocabularyCount: Int { vocabulary.count }

    /// The normalized forms of a phrase's tokens, as document text would give them.
    public func normalizedTokens(of phrase: String) -> [[Unicode.Scalar]] {
        phraseAnalyzer.normalizedTokens(of: phrase)
    }

    /// The vocabulary id of a normalized form, adding it when new.
    public func intern(_ form: [Unicode.Scalar]) -> WordID { vocabulary.intern(form) }

    /// Compiles (or reuses) a gazetteer from typed list paths; returns its layer index.
    ///
    /// - Parameters:
    ///   - lists: list paths per type, in priority order for entries listed under several types.
    ///   - exclude: list paths of entries never to match (noise in external lists).
    ///   - minimumLetters: single-word entries shorter than this are skipped.
    public func gazetteer(name: String, lists: [(type: EntityType, paths: [String])], exclude: [String],
                          matchesClitics: Bool, minimumLetters: Int) throws -> Int {
        let key = "\(lists.map { "\($0.type)=\($0.paths)" })|\(exclude)|\(matchesClitics)|\(minimumLetters)"
        if let i = gazetteerKeys[key] { return i }
        var excluded = Set<[[Unicode.Scalar]]>()
        for path in exclude {
            for entry in try ListFile.entries(at: path) { excluded.insert(normalizedTokens(of: entry.text)) }
        }
        var types: [EntityType] = []
        var trie = PhraseTrie()
        var seen = Set<[WordID]>()
        for (type, paths) in lists {
            let k: Int
            if let existing = types.firstIndex(of: type) { k = existing } else { types.append(type); k = types.count - 1 }
            for path in paths {
                for entry in try ListFile.entries(at: path) {
                    let forms = normalizedTokens(of: entry.text)
                    guard !forms.isEmpty, !excluded.contains(forms) else { continue }
                    if forms.count == 1, forms[0].count < minimumLetters { continue }
                    let words = forms.map { vocabulary.intern($0) }
                    trie.insert(words, label: k)
                    seen.insert(words)
                }
            }
        }
        guard types.count <= 32 else {
            throw InputError(file: configurationFile, "a gazetteer has at most 32 types, found \(types.count)")
        }
        gazetteers.append(Gazetteer(name: name, types: types, trie: trie, matchesClitics: matchesClitics, entryCount: seen.count))
        gazetteerKeys[key] = gazetteers.count - 1
        return gazetteers.count - 1
    }

    /// Loads (or reuses) a rules file; returns its layer index.
    public func ruleSet(path: String) throws -> Int {
        if let i = ruleSetKeys[path] { return i }
        ruleSets.append(try RuleSet.load(path: path, builder: self))
        ruleSetKeys[path] = ruleSets.count - 1
        return ruleSets.count - 1
    }

    func makeAnalyzer() -> DocumentAnalyzer {
        DocumentAnalyzer(normalizer: normalizer, clitics: clitics, vocabulary: vocabulary)
    }
}
