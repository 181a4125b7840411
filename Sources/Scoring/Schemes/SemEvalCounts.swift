/// Counts under a SemEval-2013 (MUC-style) scheme, as nervaluate defines them:
/// correct, incorrect, partial, missed and spurious. They add up (`a += b`).
///
/// possible (POS) = COR + INC + PAR + MIS, the gold entities;
/// actual (ACT) = COR + INC + PAR + SPU, the predicted entities.
/// Precision = (COR + ½·PAR) / ACT and recall = (COR + ½·PAR) / POS. PAR only
/// occurs under the partial scheme, so for strict, exact and type this is
/// COR / ACT and COR / POS, exactly nervaluate's formulas.
public struct SemEvalCounts: Hashable, Sendable, Codable, ScoreRow {
    public var cor: Int
    public var inc: Int
    public var par: Int
    public var mis: Int
    public var spu: Int

    public init(cor: Int = 0, inc: Int = 0, par: Int = 0, mis: Int = 0, spu: Int = 0) {
        self.cor = cor
        self.inc = inc
        self.par = par
        self.mis = mis
        self.spu = spu
    }

    public static let zero = SemEvalCounts()

    /// POS: gold entities.
    public var possible: Int { cor + inc + par + mis }
    /// ACT: predicted entities.
    public var actual: Int { cor + inc + par + spu }
    public var support: Int { possible }
    public var predicted: Int { actual }

    public static func += (lhs: inout SemEvalCounts, rhs: SemEvalCounts) {
        lhs.cor += rhs.cor
        lhs.inc += rhs.inc
        lhs.par += rhs.par
        lhs.mis += rhs.mis
        lhs.spu += rhs.spu
    }

    public static func + (lhs: SemEvalCounts, rhs: SemEvalCounts) -> SemEvalCounts {
        var c = lhs
        c += rhs
        return c
    }

    public func scores(zeroDivision: Double = 0) -> PRF {
        let credit = Double(cor) + 0.5 * Double(par)
        let p = actual == 0 ? zeroDivision : credit / Double(actual)
        let r = possible == 0 ? zeroDivision : credit / Double(possible)
        return PRF(precision: p, recall: r, zeroDivision: zeroDivision)
    }
}
