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
    /// When set, only entities of these types are returned (for a gold set that has
    /// fewer types than Mizan, such as ANERcorp without DATE).
    public var outputTypes: Set<EntityType>?

    public init(name: String, summary: String, analyzer: DocumentAnalyzer, gazetteers: [Gazetteer], ruleSets: [RuleSet],
                stages: [any ExtractionStage], merge: MergePolicy, outputTypes: Set<EntityType>? = nil) {
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
        return merge.resolve(all, tokenCount: analysis.tokenCount)
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
