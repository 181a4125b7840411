/// Entity-level exact-match counts over label chunks, as conlleval counts them:
/// a predicted entity is correct when its token range and type equal a gold one.
/// Used to pick the training epoch on a dev set; reports use the Scoring module.
public struct ChunkCounts: Hashable, Sendable {
    public var correct = 0
    public var gold = 0
    public var predicted = 0

    public init() {}

    /// Counts for one sentence's gold and predicted chunks. O(g + p) for sorted inputs.
    public init(gold g: [LabelChunk], predicted p: [LabelChunk]) {
        gold = g.count
        predicted = p.count
        let goldSet = Set(g)
        correct = p.reduce(0) { $0 + (goldSet.contains($1) ? 1 : 0) }
    }

    public static func += (lhs: inout ChunkCounts, rhs: ChunkCounts) {
        lhs.correct += rhs.correct
        lhs.gold += rhs.gold
        lhs.predicted += rhs.predicted
    }

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
    public var f1: Double {
        let p = precision, r = recall
        return p + r == 0 ? 0 : 2 * p * r / (p + r)
    }
}
