import ArabicText
import Corpus

/// Turns the shared analysis of a sentence into feature keys, template by template
/// (`FeatureTemplates`): the word and its normalized form, affixes, clitic stem and
/// clitics, shape, a window of words, stems and shapes, bigrams, gazetteer
/// membership and rule trigger classes around the token.
///
/// Featurizing reads the analysis's flat arrays and hashes scalars in place; the
/// per-sentence values live in `LabellerFeaturizer.Scratch`, which a caller keeps
/// for a whole document, so there is no allocation per token.
///
/// Template numbers are part of the model file format: never renumber them.
public struct LabellerFeaturizer: Sendable {
    public let templates: FeatureTemplates
    /// The gazetteer layer whose matches are features (`templates.gazetteer`).
    public let gazetteerLayer: Int?
    /// The rule-set layer whose classes are trigger features (`templates.triggers`).
    public let classLayer: Int?
    /// Hash of each gazetteer type name (features name types, not indices).
    let gazetteerTypeHashes: [UInt64]
    /// Hash of each rule class name; 0 for classes that are not features (built-ins).
    let classHashes: [UInt64]
    /// The trigger classes that are features (all but the built-ins).
    let triggerClasses: BitSet128
    /// The rule set whose matches are features (`templates.ruleMatches`), and its rule names' hashes.
    let ruleSet: RuleSet?
    let ruleHashes: [UInt64]

    public init(templates: FeatureTemplates, gazetteer: (layer: Int, types: [EntityType])? = nil,
                rules: (layer: Int, ruleSet: RuleSet)? = nil) {
        self.templates = templates
        self.gazetteerLayer = gazetteer?.layer
        self.classLayer = rules?.layer
        gazetteerTypeHashes = gazetteer?.types.map { FeatureHash.hash($0.name) } ?? []
        var hashes: [UInt64] = []
        var triggers = BitSet128()
        for (id, name) in (rules?.ruleSet.classNames ?? []).enumerated() {
            let builtIn = id < RuleSet.builtInClasses.count
            hashes.append(builtIn ? 0 : FeatureHash.hash(name))
            if !builtIn, id < BitSet128.capacity { triggers.insert(id) }
        }
        classHashes = hashes
        triggerClasses = triggers
        ruleSet = rules?.ruleSet
        // Rules are told apart by name and type; at most 128 take part (BitSet128).
        ruleHashes = (rules?.ruleSet.rules ?? []).prefix(BitSet128.capacity).map { FeatureHash.hash($0.name + " " + $0.type.name) }
    }

    // Template numbers (stable: they are hashed into every model's keys).
    enum T {
        static let bias: UInt32 = 1, word: UInt32 = 2, normalized: UInt32 = 3
        static let stem: UInt32 = 5, clitics: UInt32 = 6, shape: UInt32 = 7, shapeForm: UInt32 = 8
        static let leadingPunctuation: UInt32 = 9, trailingPunctuation: UInt32 = 10
        static let prefix: UInt32 = 10       // + length 1...4
        static let suffix: UInt32 = 20       // + length 1...4
        static let windowWord: UInt32 = 30   // + offset + 2
        static let windowStem: UInt32 = 40   // + offset + 2
        static let windowShape: UInt32 = 50  // + offset + 2
        static let bigramBefore: UInt32 = 60, bigramAfter: UInt32 = 61, around: UInt32 = 62
        static let gazetteerBegin: UInt32 = 70   // + offset + 1
        static let gazetteerInside: UInt32 = 75  // + offset + 1
        static let trigger: UInt32 = 80          // + offset + 2
        static let triggerPhrase: UInt32 = 90    // + offset + 2
        static let ruleBegin: UInt32 = 100       // + offset + 1
        static let ruleInside: UInt32 = 105      // + offset + 1
        static let memoryLabel: UInt32 = 110     // + offset + 1: first-pass label at -1, 0, +1
        static let memoryWord: UInt32 = 115      // other occurrences of the word: a type, or outside
        static let memoryStem: UInt32 = 116      // other occurrences of the stem
        static let memoryAlone: UInt32 = 117     // no other occurrence of the word
    }

    /// Stand-ins for positions before the sentence start and after its end.
    static let before: [UInt64] = [FeatureHash.hash("<s-2>"), FeatureHash.hash("<s-1>")]
    static let after: [UInt64] = [FeatureHash.hash("</s+1>"), FeatureHash.hash("</s+2>")]

    /// Per-sentence values, reused from sentence to sentence, and per-document
    /// layers (rule-match membership) filled by `prepare(_:scratch:)`.
    public struct Scratch: Sendable {
        var normalized: [UInt64] = []
        var stems: [UInt64] = []
        var shapes: [UInt64] = []
        var ruleBegins: [BitSet128] = []
        var ruleInsides: [BitSet128] = []
        public init() {}
    }

    /// Computes the per-document layers the templates need; call once per document
    /// before `features(of:sentence:scratch:into:)`. O(tokens + rule matching).
    public func prepare(_ document: AnalyzedDocument, scratch: inout Scratch) {
        scratch.ruleBegins.removeAll(keepingCapacity: true)
        scratch.ruleInsides.removeAll(keepingCapacity: true)
        guard templates.ruleMatches, let ruleSet, let layer = classLayer else { return }
        let n = document.tokenCount
        scratch.ruleBegins.append(contentsOf: repeatElement(BitSet128(), count: n))
        scratch.ruleInsides.append(contentsOf: repeatElement(BitSet128(), count: n))
        for match in ruleSet.matches(in: document, layer: document.classLayers[layer]) where match.rule < BitSet128.capacity {
            for p in match.captures {
                scratch.ruleBegins[p.firstToken].insert(match.rule)
                for t in (p.firstToken + 1)..<p.endToken { scratch.ruleInsides[t].insert(match.rule) }
            }
        }
    }

    /// Appends the features of the tokens `range` (one sentence) of `document` to `out`,
    /// one closed token each. O(tokens × features); no allocation once `scratch` and
    /// `out` have grown to the longest sentence.
    public func features(of document: AnalyzedDocument, sentence range: Range<Int>,
                         scratch: inout Scratch, memory: DocumentMemory? = nil, tags: BIOTagSet? = nil,
                         into out: inout SentenceFeatures) {
        let n = range.count
        scratch.normalized.removeAll(keepingCapacity: true)
        scratch.stems.removeAll(keepingCapacity: true)
        scratch.shapes.removeAll(keepingCapacity: true)
        let t = templates
        for i in range {
            scratch.normalized.append(FeatureHash.hash(document.normalizedForm(i)))
            scratch.stems.append(Self.stemHash(document, i))
            let shape = document.shapes[i]
            scratch.shapes.append(UInt64(shape.form.rawValue) << 8 | UInt64(min(shape.length, 8)))
        }
        let gazetteer = t.gazetteer ? gazetteerLayer.map { document.gazetteerLayers[$0] } : nil
        let classes = t.triggers ? classLayer.map { document.classLayers[$0] } : nil
        let window = t.window

        for k in 0..<n {
            let i = range.lowerBound + k
            @inline(__always) func at(_ values: [UInt64], _ offset: Int) -> UInt64 {
                let j = k + offset
                if j < 0 { return Self.before[max(0, 2 + j)] }
                if j >= n { return Self.after[min(1, j - n)] }
                return values[j]
            }
            if t.bias { out.append(FeatureHash.key(T.bias, 0)) }
            let span = document.tokens[i]
            if t.word {
                out.append(FeatureHash.key(T.word, FeatureHash.hash(document.scalars[span.start..<span.end])))
            }
            let norm = scratch.normalized[k]
            if t.normalized { out.append(FeatureHash.key(T.normalized, norm)) }
            if t.prefixes > 0 || t.suffixes > 0 {
                let form = document.normalizedForm(i)
                var h = FeatureHash.empty
                var length = 0
                for s in form.prefix(t.prefixes) {
                    h = FeatureHash.step(h, s.value)
                    length += 1
                    out.append(FeatureHash.key(T.prefix + UInt32(length), FeatureHash.finish(h)))
                }
                h = FeatureHash.empty
                length = 0
                for s in form.reversed().prefix(t.suffixes) {
                    h = FeatureHash.step(h, s.value)
                    length += 1
                    out.append(FeatureHash.key(T.suffix + UInt32(length), FeatureHash.finish(h)))
                }
            }
            if t.stem { out.append(FeatureHash.key(T.stem, scratch.stems[k])) }
            if t.clitics { out.append(FeatureHash.key(T.clitics, Self.cliticCode(document, i))) }
            if t.shape {
                out.append(FeatureHash.key(T.shape, scratch.shapes[k]))
                out.append(FeatureHash.key(T.shapeForm, scratch.shapes[k] >> 8))
                if document.kinds[i] != .punctuation {
                    let first = document.scalars[span.start], last = document.scalars[span.end - 1]
                    if Tokenizer.isPunctuation(first) { out.append(FeatureHash.key(T.leadingPunctuation, UInt64(first.value))) }
                    if Tokenizer.isPunctuation(last) { out.append(FeatureHash.key(T.trailingPunctuation, UInt64(last.value))) }
                }
            }
            if window > 0 {
                for offset in -window...window where offset != 0 {
                    let slot = UInt32(offset + 2)
                    if t.windowWords { out.append(FeatureHash.key(T.windowWord + slot, at(scratch.normalized, offset))) }
                    if t.windowStems { out.append(FeatureHash.key(T.windowStem + slot, at(scratch.stems, offset))) }
                    if t.windowShapes { out.append(FeatureHash.key(T.windowShape + slot, at(scratch.shapes, offset))) }
                }
            }
            if t.bigrams {
                out.append(FeatureHash.key(T.bigramBefore, at(scratch.normalized, -1), norm))
                out.append(FeatureHash.key(T.bigramAfter, norm, at(scratch.normalized, 1)))
                out.append(FeatureHash.key(T.around, at(scratch.normalized, -1), at(scratch.normalized, 1)))
            }
            if let gazetteer {
                for offset in -1...1 {
                    let j = k + offset
                    guard j >= 0, j < n else { continue }
                    let bits = gazetteer.membership[range.lowerBound + j].bits
                    guard bits != 0 else { continue }
                    let slot = UInt32(offset + 1)
                    for (type, hash) in gazetteerTypeHashes.enumerated() {
                        if (bits >> UInt64(2 * type)) & 1 == 1 { out.append(FeatureHash.key(T.gazetteerBegin + slot, hash)) }
                        if (bits >> UInt64(2 * type + 1)) & 1 == 1 { out.append(FeatureHash.key(T.gazetteerInside + slot, hash)) }
                    }
                }
            }
            if let classes {
                for offset in -window...window {
                    let j = k + offset
                    guard j >= 0, j < n else { continue }
                    let slot = UInt32(offset + 2)
                    appendClasses(classes.classes[range.lowerBound + j].intersection(triggerClasses), template: T.trigger + slot, to: &out)
                    appendClasses(classes.phraseStarts[range.lowerBound + j].intersection(triggerClasses), template: T.triggerPhrase + slot, to: &out)
                }
            }
            if !scratch.ruleBegins.isEmpty {
                for offset in -1...1 {
                    let j = k + offset
                    guard j >= 0, j < n else { continue }
                    let slot = UInt32(offset + 1)
                    appendRules(scratch.ruleBegins[range.lowerBound + j], template: T.ruleBegin + slot, to: &out)
                    appendRules(scratch.ruleInsides[range.lowerBound + j], template: T.ruleInside + slot, to: &out)
                }
            }
            if let memory, let tags {
                appendMemory(memory, tags: tags, token: i, sentence: range, to: &out)
            }
            out.endToken()
        }
    }

    /// Label names and type names hashed once (a model's tag set is small).
    @inline(__always)
    func appendMemory(_ memory: DocumentMemory, tags: BIOTagSet, token i: Int, sentence range: Range<Int>,
                      to out: inout SentenceFeatures) {
        for offset in -1...1 {
            let j = i + offset
            let value: UInt64 = range.contains(j) ? UInt64(memory.labels[j]) + 1 : 0
            out.append(FeatureHash.key(T.memoryLabel + UInt32(offset + 1), value))
        }
        let own = tags.typeIndex(of: memory.labels[i]) ?? (memory.width - 1)
        var any = false
        memory.forEachOther(token: i, stem: false, ownColumn: own) { c in
            any = true
            out.append(FeatureHash.key(T.memoryWord, UInt64(c) + 1))
        }
        if !any { out.append(FeatureHash.key(T.memoryAlone, 0)) }
        memory.forEachOther(token: i, stem: true, ownColumn: own) { c in
            out.append(FeatureHash.key(T.memoryStem, UInt64(c) + 1))
        }
    }

    /// Per-token hashes of the normalized word and of the stem, for `DocumentMemory`.
    public func memoryKeys(_ document: AnalyzedDocument) -> (words: [UInt64], stems: [UInt64]) {
        var words: [UInt64] = [], stems: [UInt64] = []
        words.reserveCapacity(document.tokenCount)
        stems.reserveCapacity(document.tokenCount)
        for i in 0..<document.tokenCount {
            words.append(FeatureHash.hash(document.normalizedForm(i)))
            stems.append(Self.stemHash(document, i))
        }
        return (words, stems)
    }

    @inline(__always)
    func appendRules(_ set: BitSet128, template: UInt32, to out: inout SentenceFeatures) {
        var low = set.low, high = set.high
        while low != 0 {
            out.append(FeatureHash.key(template, ruleHashes[low.trailingZeroBitCount]))
            low &= low - 1
        }
        while high != 0 {
            out.append(FeatureHash.key(template, ruleHashes[64 + high.trailingZeroBitCount]))
            high &= high - 1
        }
    }

    @inline(__always)
    func appendClasses(_ set: BitSet128, template: UInt32, to out: inout SentenceFeatures) {
        var low = set.low, high = set.high
        while low != 0 {
            out.append(FeatureHash.key(template, classHashes[low.trailingZeroBitCount]))
            low &= low - 1
        }
        while high != 0 {
            out.append(FeatureHash.key(template, classHashes[64 + high.trailingZeroBitCount]))
            high &= high - 1
        }
    }

    /// The clitic reading a learned model sees for token `i`: among readings whose lookup
    /// form is a known word (in a list of the configuration) the one removing most;
    /// else the one removing most; nil when the token has no reading.
    static func chosenReading(_ document: AnalyzedDocument, _ i: Int) -> CliticAnalysis? {
        var best: CliticAnalysis? = nil
        var bestKnown = false
        var bestLength = -1
        for r in document.readings(i) {
            let known = r.lookupID != .unknown
            let length = r.analysis.procliticLength + r.analysis.articleLength
            if (known && !bestKnown) || (known == bestKnown && length > bestLength) {
                best = r.analysis
                bestKnown = known
                bestLength = length
            }
        }
        return best
    }

    /// Hash of the bare stem of token `i` (its normalized form without the chosen
    /// reading's proclitics and article). O(length).
    static func stemHash(_ document: AnalyzedDocument, _ i: Int) -> UInt64 {
        let form = document.normalizedForm(i)
        guard let r = chosenReading(document, i) else { return FeatureHash.hash(form) }
        return FeatureHash.hash(form.dropFirst(r.procliticLength + r.articleLength))
    }

    /// The chosen reading's proclitics and article as a small number (0: none).
    static func cliticCode(_ document: AnalyzedDocument, _ i: Int) -> UInt64 {
        guard let r = chosenReading(document, i) else { return 0 }
        return UInt64(r.proclitics.rawValue) | UInt64(r.article.rawValue) << 8
    }
}
