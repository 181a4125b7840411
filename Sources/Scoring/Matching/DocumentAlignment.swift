/// An entity reduced to what matching needs: its (possibly projected) range,
/// its index in the scored type table, and its position in the input.
struct Mention {
    var start: Int
    var end: Int
    var type: Int
    /// Index into the document's entity list on its side.
    var index: Int

    @inline(__always)
    static func precedes(_ a: Mention, _ b: Mention) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        if a.type != b.type { return a.type < b.type }
        return a.index < b.index
    }

    @inline(__always)
    func overlaps(_ o: Mention) -> Bool { start < o.end && o.start < end }

    @inline(__always)
    func relation(to o: Mention) -> PairRelation {
        PairRelation(sameSpan: start == o.start && end == o.end, sameType: type == o.type)
    }
}

/// Receives the pairs of the alignment (the strict scheme's assignment) in
/// document order, for the error listing.
protocol AlignmentObserver {
    mutating func pair(gold: Mention, predicted: Mention, relation: PairRelation)
    mutating func missed(_ gold: Mention)
    mutating func spurious(_ predicted: Mention)
}

/// Matches one document's gold and predicted mentions and adds the counts to a tally.
///
/// Matching is one-to-one and, for each SemEval scheme, a maximum-weight
/// assignment whose weight is, lexicographically: the scheme's credit (COR 1,
/// PAR ½, INC 0), then exact span-and-type matches, exact spans, same types,
/// the number of pairs, and the smallest total boundary distance. So each
/// scheme gets its greatest credit, and among equal-credit assignments the one
/// that pairs the most (nervaluate pairs every overlap it can) and the closest.
/// Inputs are sorted first, so the result never depends on annotation order.
///
/// The strict scheme's assignment is also *the alignment*: it pairs exact
/// matches first (CoNLL true positives), then same-span pairs, then same-type
/// overlaps; the confusion matrix, the boundary breakdown and the error
/// listing are read from it.
///
/// Work is split into clusters of transitively overlapping entities; a cluster
/// with one entity a side (the usual case) is decided directly, one where no
/// entity overlaps two on the other side takes every overlapping pair, and
/// only the rest run the Hungarian algorithm. Complexity: O(e log e) for sorting
/// plus O(n²m) for each contested cluster of n × m entities.
struct DocumentAlignment {
    static func align<O: AlignmentObserver>(gold: inout [Mention], predicted: inout [Mention], into tally: inout ScoreTally, observer: inout O?) {
        gold.sort(by: Mention.precedes)
        predicted.sort(by: Mention.precedes)
        var gi = 0, pi = 0
        while gi < gold.count || pi < predicted.count {
            let g0 = gi, p0 = pi
            var maxEnd = Int.min
            while true {
                let takeGold: Bool
                if gi < gold.count, pi < predicted.count {
                    takeGold = gold[gi].start <= predicted[pi].start
                } else if gi < gold.count {
                    takeGold = true
                } else if pi < predicted.count {
                    takeGold = false
                } else {
                    break
                }
                let m = takeGold ? gold[gi] : predicted[pi]
                if maxEnd != Int.min, m.start >= maxEnd { break }
                maxEnd = max(maxEnd, m.end)
                if takeGold { gi += 1 } else { pi += 1 }
            }
            cluster(gold: gold[g0..<gi], predicted: predicted[p0..<pi], into: &tally, observer: &observer)
        }
    }

    static func cluster<O: AlignmentObserver>(gold: ArraySlice<Mention>, predicted: ArraySlice<Mention>, into tally: inout ScoreTally, observer: inout O?) {
        if predicted.isEmpty {
            for g in gold {
                for s in tally.semeval.indices { tally.semeval[s][g.type].mis += 1 }
                missed(g, into: &tally, observer: &observer)
            }
            return
        }
        if gold.isEmpty {
            for p in predicted {
                for s in tally.semeval.indices { tally.semeval[s][p.type].spu += 1 }
                spurious(p, into: &tally, observer: &observer)
            }
            return
        }
        if gold.count == 1, predicted.count == 1 {
            // One of each in a cluster: they overlap, and every scheme pairs them.
            let g = gold[gold.startIndex], p = predicted[predicted.startIndex]
            let relation = g.relation(to: p)
            for scheme in SemEvalScheme.all { count(scheme.outcome(relation), scheme: scheme, gold: g, into: &tally) }
            aligned(g, p, relation, into: &tally, observer: &observer)
            return
        }
        let gs = Array(gold), ps = Array(predicted)
        // Uncontested when no entity overlaps two on the other side.
        var goldDegree = [Int](repeating: 0, count: gs.count)
        var predictedDegree = [Int](repeating: 0, count: ps.count)
        var contested = false
        for i in gs.indices {
            for j in ps.indices where gs[i].overlaps(ps[j]) {
                goldDegree[i] += 1
                predictedDegree[j] += 1
                if goldDegree[i] > 1 || predictedDegree[j] > 1 { contested = true }
            }
        }
        var matchings: [[Int]] = []
        if !contested {
            var match = [Int](repeating: -1, count: gs.count)
            for i in gs.indices {
                for j in ps.indices where gs[i].overlaps(ps[j]) { match[i] = j }
            }
            matchings = Array(repeating: match, count: SemEvalScheme.all.count)
        } else {
            for scheme in SemEvalScheme.all {
                matchings.append(Assignment.maximumWeightMatching(rows: gs.count, columns: ps.count) { i, j in
                    let g = gs[i], p = ps[j]
                    guard g.overlaps(p) else { return nil }
                    let relation = g.relation(to: p)
                    return PairWeight(
                        c0: scheme.outcome(relation).halfCredit,
                        c1: relation == .exactSameType ? 1 : 0,
                        c2: relation == .exactSameType || relation == .exactOtherType ? 1 : 0,
                        c3: g.type == p.type ? 1 : 0,
                        c4: 1,
                        c5: -(abs(g.start - p.start) + abs(g.end - p.end)))
                })
            }
        }
        for scheme in SemEvalScheme.all {
            let match = matchings[scheme.index]
            var predictedUsed = [Bool](repeating: false, count: ps.count)
            for i in gs.indices {
                let j = match[i]
                if j >= 0 {
                    predictedUsed[j] = true
                    count(scheme.outcome(gs[i].relation(to: ps[j])), scheme: scheme, gold: gs[i], into: &tally)
                } else {
                    tally.semeval[scheme.index][gs[i].type].mis += 1
                }
            }
            for j in ps.indices where !predictedUsed[j] { tally.semeval[scheme.index][ps[j].type].spu += 1 }
        }
        // The alignment (strict's assignment), reported in document order.
        let match = matchings[SemEvalScheme.strict.index]
        var partnerOfPredicted = [Int](repeating: -1, count: ps.count)
        for i in gs.indices where match[i] >= 0 { partnerOfPredicted[match[i]] = i }
        var i = 0, j = 0
        while i < gs.count || j < ps.count {
            if j >= ps.count || (i < gs.count && gs[i].start <= ps[j].start) {
                let g = gs[i]
                if match[i] >= 0 {
                    aligned(g, ps[match[i]], g.relation(to: ps[match[i]]), into: &tally, observer: &observer)
                } else {
                    missed(g, into: &tally, observer: &observer)
                }
                i += 1
            } else {
                if partnerOfPredicted[j] < 0 { spurious(ps[j], into: &tally, observer: &observer) }
                j += 1
            }
        }
    }

    @inline(__always)
    static func count(_ outcome: PairOutcome, scheme: SemEvalScheme, gold: Mention, into tally: inout ScoreTally) {
        switch outcome {
        case .correct: tally.semeval[scheme.index][gold.type].cor += 1
        case .incorrect: tally.semeval[scheme.index][gold.type].inc += 1
        case .partial: tally.semeval[scheme.index][gold.type].par += 1
        }
    }

    /// A gold entity the alignment leaves alone (SemEval counts are kept per scheme by the caller).
    static func missed<O: AlignmentObserver>(_ g: Mention, into tally: inout ScoreTally, observer: inout O?) {
        tally.conll[g.type].fn += 1
        tally.boundaries[g.type].missed += 1
        tally.confusion[gold: g.type, predicted: nil] += 1
        observer?.missed(g)
    }

    /// A prediction the alignment leaves alone (SemEval counts are kept per scheme by the caller).
    static func spurious<O: AlignmentObserver>(_ p: Mention, into tally: inout ScoreTally, observer: inout O?) {
        tally.conll[p.type].fp += 1
        tally.boundaries[p.type].spurious += 1
        tally.confusion[gold: nil, predicted: p.type] += 1
        observer?.spurious(p)
    }

    /// A pair of the alignment: CoNLL counts, boundary breakdown, confusion matrix.
    static func aligned<O: AlignmentObserver>(_ g: Mention, _ p: Mention, _ relation: PairRelation, into tally: inout ScoreTally, observer: inout O?) {
        tally.confusion[gold: g.type, predicted: p.type] += 1
        switch relation {
        case .exactSameType:
            tally.conll[g.type].tp += 1
            tally.boundaries[g.type].exact += 1
        case .exactOtherType:
            tally.conll[g.type].fn += 1
            tally.conll[p.type].fp += 1
            tally.boundaries[g.type].wrongType += 1
        case .overlapSameType:
            tally.conll[g.type].fn += 1
            tally.conll[p.type].fp += 1
            tally.boundaries[g.type].wrongBoundary += 1
        case .overlapOtherType:
            tally.conll[g.type].fn += 1
            tally.conll[p.type].fp += 1
            tally.boundaries[g.type].wrongBoth += 1
        }
        observer?.pair(gold: g, predicted: p, relation: relation)
    }
}
