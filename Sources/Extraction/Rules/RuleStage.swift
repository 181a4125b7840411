import Corpus

/// Proposes the captures of a rules file's patterns (titles before names,
/// organization and place heads, dates, ...).
///
/// Options: `rules` (required: the rules file), `types` (optional: keep only rules
/// of these types, so that one file serves a dates-only stage), `name`.
public struct RuleStage: ExtractionStage, StageFactory {
    public static let kind = "rules"
    public static let summary = "trigger words and token patterns from a rules file"

    public let layer: Int
    let ruleSet: RuleSet
    let types: Set<EntityType>?

    public static func makeStage(options: StageOptions, builder: ExtractorBuilder) throws -> any ExtractionStage {
        guard let path = try options.string("rules") else { throw options.error("rules", "required: the rules file") }
        let resolved = try options.resolve(path, key: "rules")
        let types = try options.strings("types")
        _ = try options.string("name")
        try options.finish(known: ["kind", "name", "rules", "types"])
        do {
            let layer = try builder.ruleSet(path: resolved)
            let set = builder.ruleSets[layer]
            if !types.isEmpty {
                let known = Set(set.rules.map(\.type.name))
                for t in types where !known.contains(t) {
                    throw options.error("types", "no rule in \(path) has type \(t) (types there: \(known.sorted().joined(separator: ", ")))")
                }
            }
            return RuleStage(layer: layer, ruleSet: set, types: types.isEmpty ? nil : Set(types.map { EntityType($0) }))
        } catch let e as InputError {
            throw options.error("rules", e.description)
        }
    }

    /// Among overlapping proposals of one type the longest is kept (ties: the earlier
    /// rule), so `محمد بن راشد الطويل` is not cut to a later rule's `بن راشد`; between
    /// types, the earlier rule wins in the merge.
    public func propose(in document: AnalyzedDocument, into proposals: inout [Proposal]) {
        var own: [Proposal] = []
        for match in ruleSet.matches(in: document, layer: document.classLayers[layer]) {
            for p in match.captures where types?.contains(p.type) ?? true { own.append(p) }
        }
        guard own.count > 1 else { proposals += own; return }
        own.sort { (-$0.length, $0.rank, $0.firstToken) < (-$1.length, $1.rank, $1.firstToken) }
        // Tokens taken, per type (types numbered in order of appearance; at most 64).
        var typeIndex: [EntityType] = []
        var taken = [UInt64](repeating: 0, count: document.tokenCount)
        for p in own {
            let k: Int
            if let i = typeIndex.firstIndex(of: p.type) { k = i } else { typeIndex.append(p.type); k = typeIndex.count - 1 }
            guard k < 64 else { proposals.append(p); continue }
            let bit: UInt64 = 1 << UInt64(k)
            if taken[p.firstToken..<p.endToken].contains(where: { $0 & bit != 0 }) { continue }
            for t in p.firstToken..<p.endToken { taken[t] |= bit }
            proposals.append(p)
        }
    }
}
