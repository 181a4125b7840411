import Corpus

/// Proposes every gazetteer match as an entity of the match's type (the first of
/// its types in the configuration's `lists` order when an entry is listed under
/// several).
///
/// Options: `lists` (required; `TYPE: path or [paths]`, files or folders),
/// `clitics` (default false: match a first token carrying proclitics),
/// `exclude` (paths of entries never to match), `minimum-letters` (default 2).
public struct GazetteerStage: ExtractionStage, StageFactory {
    public static let kind = "gazetteer"
    public static let summary = "longest-match lookup of name lists over normalized tokens"

    public let layer: Int
    let types: [EntityType]

    public init(layer: Int, types: [EntityType]) {
        self.layer = layer
        self.types = types
    }

    public static func makeStage(options: StageOptions, builder: ExtractorBuilder) throws -> any ExtractionStage {
        let lists = try options.typedPaths("lists")
        guard !lists.isEmpty else { throw options.error("lists", "required: a mapping from entity type to list files or folders") }
        let clitics = try options.bool("clitics", default: false)
        let exclude = try options.paths("exclude")
        let minimum = try options.int("minimum-letters", default: 2, range: 1...10)
        let name = try options.string("name") ?? "gazetteer"
        try options.finish(known: ["kind", "name", "lists", "clitics", "exclude", "minimum-letters"])
        do {
            let layer = try builder.gazetteer(name: name, lists: lists.map { (EntityType($0.type), $0.paths) },
                                              exclude: exclude, matchesClitics: clitics, minimumLetters: minimum)
            return GazetteerStage(layer: layer, types: builder.gazetteers[layer].types)
        } catch let e as InputError {
            throw options.error("lists", e.description)
        }
    }

    public func propose(in document: AnalyzedDocument, into proposals: inout [Proposal]) {
        for match in document.gazetteerLayers[layer].matches {
            guard let k = match.types.first else { continue }
            proposals.append(Proposal(firstToken: match.tokens.lowerBound, endToken: match.tokens.upperBound, type: types[k]))
        }
    }
}
