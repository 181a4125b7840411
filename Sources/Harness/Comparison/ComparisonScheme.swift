import Scoring

/// The schemes a comparison reports, as data: CoNLL exact match and the four
/// SemEval-2013 schemes, each able to give a `Counts` row per type whose
/// precision and recall are the scheme's.
///
/// The statistics (bootstrap intervals, paired tests) work on `Counts`
/// (tp, fp, fn), so a SemEval row is expressed as counts with the same
/// ratios: tp = COR, fp = ACT − COR, fn = POS − COR for strict, exact and
/// type; for partial, where a partial match earns half, every count is
/// doubled (tp = 2·COR + PAR, fp = 2·ACT − tp, fn = 2·POS − tp), which keeps
/// P = (COR + ½PAR)/ACT and R = (COR + ½PAR)/POS exact in integers.
public enum ComparisonScheme: String, Hashable, Sendable, Codable, CaseIterable {
    case conll, strict, exact, partial, type

    /// The SemEval scheme, nil for CoNLL.
    public var semeval: SemEvalScheme? { SemEvalScheme.named(rawValue) }

    /// One line for people.
    public var explanation: String {
        switch self {
        case .conll: return "CoNLL exact match: type, start and end must all agree (conlleval, seqeval)"
        case .strict: return "SemEval strict: exact boundaries and type (nervaluate)"
        case .exact: return "SemEval exact: exact boundaries, any type"
        case .partial: return "SemEval partial: overlapping boundaries, any type; a partial match counts half"
        case .type: return "SemEval type: overlapping boundaries and the same type"
        }
    }

    /// Rows of `tally` under this scheme, one per type of the tally's table.
    public func rows(_ tally: ScoreTally) -> [Counts] {
        guard let semeval else { return tally.conll }
        return tally.semevalRows(semeval).map { Self.counts($0, doubled: self == .partial) }
    }

    static func counts(_ c: SemEvalCounts, doubled: Bool) -> Counts {
        if doubled {
            let tp = 2 * c.cor + c.par
            return Counts(tp: tp, fp: 2 * c.actual - tp, fn: 2 * c.possible - tp)
        }
        return Counts(tp: c.cor, fp: c.actual - c.cor, fn: c.possible - c.cor)
    }
}
