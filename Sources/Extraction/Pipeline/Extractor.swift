import ArabicText
import Corpus

/// A stage's proposal: an entity over whole tokens `[firstToken, endToken)`.
public struct Proposal: Sendable, Hashable {
    public var firstToken: Int
    public var endToken: Int
    public var type: EntityType
    /// Order within the stage: lower wins among overlapping proposals of one stage
    /// (a rule's position in its file, for example). 0 when a stage has no preference.
    public var rank: Int
    /// The stage's position in the configuration; set by the extractor.
    public var stage: Int = 0

    public init(firstToken: Int, endToken: Int, type: EntityType, rank: Int = 0) {
        precondition(firstToken < endToken)
        self.firstToken = firstToken
        self.endToken = endToken
        self.type = type
        self.rank = rank
    }

    public var length: Int { endToken - firstToken }
}

/// A step of an extraction pipeline: reads the shared analysis, proposes entities.
/// Stages are immutable once built and are called from several threads at once.
public protocol ExtractionStage: Sendable {
    func propose(in document: AnalyzedDocument, into proposals: inout [Proposal])
}

/// How overlapping proposals are resolved. Accepted proposals never overlap.
public enum MergePolicy: String, Sendable, CaseIterable {
    /// Earlier stages win; within a stage, lower rank, then the longer span, then the earlier start.
    case priority
    /// The longest span wins; ties go to the earlier stage, then lower rank, then the earlier start.
    case longest

    /// The accepted proposals, in document order. O(p log p + tokens).
    public func resolve(_ proposals: [Proposal], tokenCount: Int) -> [Proposal] {
        let ordered: [Proposal]
        switch self {
        case .priority:
            ordered = proposals.sorted {
                ($0.stage, $0.rank, -$0.length, $0.firstToken) < ($1.stage, $1.rank, -$1.length, $1.firstToken)
            }
        case .longest:
            ordered = proposals.sorted {
                (-$0.length, $0.stage, $0.rank, $0.firstToken) < (-$1.length, $1.stage, $1.rank, $1.firstToken)
            }
        }
        var taken = [Bool](repeating: false, count: tokenCount)
        var accepted: [Proposal] = []
        for p in ordered where !taken[p.firstToken..<p.endToken].contains(true) {
            for t in p.firstToken..<p.endToken { taken[t] = true }
            accepted.append(p)
        }
        return accepted.sorted { $0.firstToken < $1.firstToken }
    }
}

/// An extraction pipeline built from a configuration: it analyses a document once
/// (tokens, normalized forms, clitics, gazetteer and rule-class layers), lets each
/// stage propose entities, and merges the proposals.
///
/// Immutable and `Sendable` once built: loading (reading lists, building tries,
/// compiling rules) happens in `Configuration.load`, never during extraction, so one
/// extractor serves any number of threads.
public struct Extractor: Sendable {
    public let name: String
    public let summary: String
    public let analyzer: DocumentAnalyzer
    public let gazetteers: [Gazetteer]
    public let ruleSets: [RuleSet]
    public let stages: [any ExtractionStage]
    public let merge: MergePolicy
    /// Types whose multi-word names spread through the document: once `مختار تليوبردي`
    /// is found, a later `تليوبردي` (or `وتليوبردي`) alone is the same person.
    public let propagatedTypes: Set<EntityType>
    /// When set, only entities of these types are returned (for a gold set that has
    /// fewer types than Mizan, such as ANERcorp without DATE).
    public var outputTypes: Set<EntityType>?

    public init(name: String, summary: String, analyzer: DocumentAnalyzer, gazetteers: [Gazetteer], ruleSets: [RuleSet],
                stages: [any ExtractionStage], merge: MergePolicy, propagatedTypes: Set<EntityType> = [],
                outputTypes: Set<EntityType>? = nil) {
        self.propagatedTypes = propagatedTypes
        self.name = name
        self.summary = summary
        self.analyzer = analyzer
        self.gazetteers = gazetteers
        self.ruleSets = ruleSets
        self.stages = stages
        self.merge = merge
        self.outputTypes = outputTypes
    }

    /// The full analysis of `document`, with every resource layer. When
    /// `document.tokens` is set those exact tokens (and `sentenceStarts`) are used.
    public func analyze(_ document: Document) -> AnalyzedDocument {
        var analysis = analyzer.analyze(document)
        analysis.gazetteerLayers = gazetteers.map { $0.layer(for: analysis) }
        analysis.classLayers = ruleSets.map { $0.classify(analysis) }
        return analysis
    }

    /// Merged proposals over the tokens of an analysed document.
    public func proposals(for analysis: AnalyzedDocument) -> [Proposal] {
        var all: [Proposal] = []
        for (i, stage) in stages.enumerated() {
            let before = all.count
            stage.propose(in: analysis, into: &all)
            for k in before..<all.count { all[k].stage = i }
        }
        if let outputTypes { all.removeAll { !outputTypes.contains($0.type) } }
        let merged = merge.resolve(all, tokenCount: analysis.tokenCount)
        guard !propagatedTypes.isEmpty else { return merged }
        return propagate(merged, in: analysis)
    }

    /// How many sentences after a name its last word is looked for.
    public static let propagationWindow = 25

    /// Adds single-token mentions of the last word of multi-word names of
    /// `propagatedTypes` on tokens no entity covers, in the sentences that follow the
    /// name (`propagationWindow`), clitics allowed. A last word that starts with the
    /// article, or that the first rule set puts in its `STOP` class (when it has
    /// one), is not spread: `الثاني` in `عبدالله الثاني` is not a name elsewhere.
    /// O(tokens + entities).
    func propagate(_ accepted: [Proposal], in analysis: AnalyzedDocument) -> [Proposal] {
        let stop = ruleSets.first?.classID("STOP")
        // Names by the hash of their last word's normalized form; `token` is where that
        // word was seen, to verify a hit scalar by scalar. No allocation per token.
        struct Name { var type: EntityType; var until: Int; var token: Int }
        var names: [UInt64: Name] = [:]
        func hash(_ form: ArraySlice<Unicode.Scalar>) -> UInt64 {
            var h = WordHasher()
            for s in form { h.combine(s) }
            return h.value
        }
        var covered = [Bool](repeating: false, count: analysis.tokenCount)
        for p in accepted { for t in p.firstToken..<p.endToken { covered[t] = true } }
        var out = accepted
        var next = 0
        let sorted = accepted.sorted { $0.firstToken < $1.firstToken }
        var sentence = 0
        for t in 0..<analysis.tokenCount {
            while sentence + 1 < analysis.sentenceCount, analysis.sentenceStarts[sentence + 1] <= t { sentence += 1 }
            while next < sorted.count, sorted[next].endToken <= t {
                let p = sorted[next]
                next += 1
                guard p.length >= 2, propagatedTypes.contains(p.type) else { continue }
                let lastToken = p.endToken - 1
                let last = analysis.normalizedForm(lastToken)
                guard last.count >= 3, analysis.kinds[lastToken] == .arabic || analysis.kinds[lastToken] == .latin,
                      !(last[last.startIndex] == "\u{0627}" && last[last.startIndex + 1] == "\u{0644}") else { continue }
                if let stop, analysis.classLayers.first?.classes[lastToken].contains(stop) == true { continue }
                names[hash(last)] = Name(type: p.type, until: sentence + Self.propagationWindow, token: lastToken)
            }
            guard !names.isEmpty, !covered[t], analysis.kinds[t] != .punctuation else { continue }
            let form = analysis.normalizedForm(t)
            func lookup(_ candidate: ArraySlice<Unicode.Scalar>) -> Name? {
                guard let name = names[hash(candidate)], analysis.normalizedForm(name.token).elementsEqual(candidate) else { return nil }
                return name
            }
            var found = lookup(form)
            if found == nil {
                for r in analysis.readings(t) where r.analysis.procliticLength > 0 && r.analysis.article == .none {
                    if let hit = lookup(form.dropFirst(r.analysis.procliticLength)) { found = hit; break }
                }
            }
            if let found, sentence <= found.until {
                out.append(Proposal(firstToken: t, endToken: t + 1, type: found.type, rank: Int.max))
            }
        }
        return out.sorted { $0.firstToken < $1.firstToken }
    }

    /// The entities in `document`: whole tokens (clitics included), offsets into the
    /// original text, in document order, never overlapping.
    public func extract(_ document: Document) -> [EntitySpan] {
        let analysis = analyze(document)
        return proposals(for: analysis).map { p in
            let start = analysis.tokens[p.firstToken].start
            let end = analysis.tokens[p.endToken - 1].end
            return EntitySpan(start: start, end: end, type: p.type, text: analysis.text(from: start, to: end))
        }
    }
}
