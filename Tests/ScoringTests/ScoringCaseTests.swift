import Testing
@testable import Corpus
@testable import Scoring

/// The tricky cases, with the numbers seqeval 1.2.2 (default and strict mode)
/// and nervaluate 1.2.1 give on the same input (computed with those packages;
/// the values are written out here).
@Suite struct ScoringCaseTests {
    @Test func insideAfterOutside() throws {
        // seqeval default and strict: P = R = F = 0, support 1; accuracy 2/3.
        let gold = [["B-PER", "I-PER", "O"]], pred = [["O", "I-PER", "O"]]
        let begin = try score(gold, pred, policy: .begin)
        #expect(begin.total.conllOverall == Counts(tp: 0, fp: 1, fn: 1))
        #expect(begin.micro == PRF(precision: 0, recall: 0, f1: 0))
        #expect(near(begin.total.accuracy!, 2.0 / 3.0))
        let discard = try score(gold, pred, policy: .discard)
        #expect(discard.total.conllOverall == Counts(tp: 0, fp: 0, fn: 1))
        #expect(discard.tagging?.predictedViolations.counts == [.continuationWithoutBegin: 1])
    }

    @Test func typeSwitchInsideAnEntity() throws {
        // seqeval: per type LOC (0, 0, 0, support 0), PER (0, 0, 0, support 1).
        let r = try score([["B-PER", "I-PER", "I-PER"]], [["B-PER", "I-LOC", "I-LOC"]])
        #expect(r.conll("PER") == Counts(tp: 0, fp: 1, fn: 1))
        #expect(r.conll("LOC") == Counts(tp: 0, fp: 1, fn: 0))
        #expect(near(r.total.accuracy!, 1.0 / 3.0))
    }

    @Test func boundaryShift() throws {
        // nervaluate: strict INC 1; exact INC 1; partial PAR 1 (P = R = F = 0.5); ent_type COR 1.
        let r = try score([["B-LOC", "I-LOC", "O"]], [["O", "B-LOC", "I-LOC"]])
        #expect(r.semeval(.strict) == [0, 1, 0, 0, 0])
        #expect(r.semeval(.exact) == [0, 1, 0, 0, 0])
        #expect(r.semeval(.partial) == [0, 0, 1, 0, 0])
        #expect(r.semevalAverages(.partial).micro == PRF(precision: 0.5, recall: 0.5, f1: 0.5))
        #expect(r.semeval(.type) == [1, 0, 0, 0, 0])
        #expect(r.total.conllOverall == Counts(tp: 0, fp: 1, fn: 1))
        #expect(r.total.boundaryOverall.wrongBoundary == 1)
    }

    @Test func sameSpanWrongType() throws {
        // nervaluate overall: strict INC, exact COR, partial COR, ent_type INC.
        let r = try score([["B-PER", "I-PER"]], [["B-ORG", "I-ORG"]])
        #expect(r.semeval(.strict) == [0, 1, 0, 0, 0])
        #expect(r.semeval(.exact) == [1, 0, 0, 0, 0])
        #expect(r.semeval(.partial) == [1, 0, 0, 0, 0])
        #expect(r.semeval(.type) == [0, 1, 0, 0, 0])
        // Mizan's per-type rows charge the pair to the gold type, so they add up;
        // nervaluate's per-type rows say PER MIS 1 and ORG SPU 1 instead (docs/SCORING.md).
        #expect(r.semeval(.strict, type: "PER") == [0, 1, 0, 0, 0])
        #expect(r.semeval(.strict, type: "ORG") == [0, 0, 0, 0, 0])
        #expect(r.total.confusion[gold: r.index(of: "PER"), predicted: r.index(of: "ORG")] == 1)
        #expect(r.total.boundaryOverall.wrongType == 1)
    }

    @Test func noPredictions() throws {
        let gold = [["B-PER", "O", "B-LOC"]], pred = [["O", "O", "O"]]
        // seqeval zero_division=0: everything 0; zero_division=1: P 1, R 0, F 0 (micro, macro and weighted).
        let zero = try score(gold, pred)
        #expect(zero.micro == PRF(precision: 0, recall: 0, f1: 0))
        let one = try score(gold, pred, options: ScoringOptions(zeroDivision: 1))
        let a = one.conllAverages()
        #expect(a.micro == PRF(precision: 1, recall: 0, f1: 0))
        #expect(a.macro == PRF(precision: 1, recall: 0, f1: 0))
        #expect(a.weighted == PRF(precision: 1, recall: 0, f1: 0))
    }

    @Test func noEntitiesAtAll() throws {
        let r = try score([["O", "O"]], [["O", "O"]])
        #expect(r.types.isEmpty)
        #expect(r.micro == PRF(precision: 0, recall: 0, f1: 0))
        #expect(r.total.accuracy == 1)
        // seqeval zero_division=1: micro 1/1/1, weighted 1/1/1; its macro is nan
        // (mean of nothing), Mizan's is the zero-division value.
        let a = try score([["O", "O"]], [["O", "O"]], options: ScoringOptions(zeroDivision: 1)).conllAverages()
        #expect(a.micro == PRF(precision: 1, recall: 1, f1: 1))
        #expect(a.weighted == PRF(precision: 1, recall: 1, f1: 1))
        #expect(a.macro == PRF(precision: 1, recall: 1, f1: 1))
    }

    @Test func typeOnlyInPredictions() throws {
        // seqeval: micro 0.5/1/0.667; macro over LOC and PER 0.5/0.5/0.5; weighted 1/1/1.
        let r = try score([["B-PER", "O"]], [["B-PER", "B-LOC"]])
        let a = r.conllAverages()
        #expect(a.micro == PRF(precision: 0.5, recall: 1, zeroDivision: 0))
        #expect(near(a.micro.f1, 2.0 / 3.0))
        #expect(a.macro == PRF(precision: 0.5, recall: 0.5, f1: 0.5))
        #expect(a.weighted == PRF(precision: 1, recall: 1, f1: 1))
        #expect(r.conll("LOC") == Counts(tp: 0, fp: 1, fn: 0))
    }

    @Test func iobesSingletonsAndEndFollowedByBegin() throws {
        let tags = [["S-PER", "O", "B-LOC", "E-LOC", "B-LOC", "E-LOC"]]
        let r = try score(tags, tags, scheme: .iobes, policy: .discard)
        #expect(r.conll("PER") == Counts(tp: 1))
        #expect(r.conll("LOC") == Counts(tp: 2))
    }

    @Test func unterminatedBILOU() throws {
        // seqeval default (BILOU read as IOBES): P = R = F = 1; strict BILOU: 0 (support 1).
        let gold = [["B-PER", "L-PER", "O"]], pred = [["B-PER", "I-PER", "O"]]
        #expect(try score(gold, pred, scheme: .bilou, policy: .begin).micro == PRF(precision: 1, recall: 1, f1: 1))
        let discard = try score(gold, pred, scheme: .bilou, policy: .discard)
        #expect(discard.total.conllOverall == Counts(tp: 0, fp: 0, fn: 1))
        #expect(discard.tagging?.predictedViolations.counts == [.unterminated: 1])
        let same = try score(pred, pred, scheme: .bilou, policy: .begin)
        #expect(same.micro == PRF(precision: 1, recall: 1, f1: 1))
        #expect(throws: InputError.self) { try score(gold, pred, scheme: .bilou, policy: .error) }
    }

    @Test func onePredictionOverTwoGoldEntities() throws {
        // nervaluate: strict (0,1,0,1,0); partial (0,0,1,1,0) P 0.5 R 0.25; ent_type (1,0,0,1,0).
        let r = try score([["B-PER", "O", "B-PER"]], [["B-PER", "I-PER", "I-PER"]])
        #expect(r.semeval(.strict) == [0, 1, 0, 1, 0])
        #expect(r.semeval(.partial) == [0, 0, 1, 1, 0])
        #expect(r.semevalAverages(.partial).micro.precision == 0.5)
        #expect(r.semevalAverages(.partial).micro.recall == 0.25)
        #expect(r.semeval(.type) == [1, 0, 0, 1, 0])
        #expect(r.total.conllOverall == Counts(tp: 0, fp: 1, fn: 2))
    }

    @Test func twoPredictionsOverOneGoldEntity() throws {
        // nervaluate: strict (0,1,0,0,1); partial (0,0,1,0,1) P 0.25 R 0.5; ent_type (1,0,0,0,1).
        let r = try score([["B-PER", "I-PER", "I-PER"]], [["B-PER", "O", "B-PER"]])
        #expect(r.semeval(.strict) == [0, 1, 0, 0, 1])
        #expect(r.semeval(.partial) == [0, 0, 1, 0, 1])
        #expect(r.semeval(.type) == [1, 0, 0, 0, 1])
        #expect(r.total.conllOverall == Counts(tp: 0, fp: 2, fn: 1))
    }

    @Test func duplicatePredictions() throws {
        // nervaluate: the second copy is spurious in every scheme. Mizan's CoNLL
        // count is one-to-one too: one tp, one fp (seqeval's sets would drop the copy).
        let r = try Scorer().score(gold: [document([(0, 5, "PER")])], predicted: [document([(0, 5, "PER"), (0, 5, "PER")])])
        for scheme in SemEvalScheme.all { #expect(r.semeval(scheme) == [1, 0, 0, 0, 1]) }
        #expect(r.total.conllOverall == Counts(tp: 1, fp: 1, fn: 0))
    }

    @Test func matchingDoesNotDependOnAnnotationOrder() throws {
        // Gold PER [0,10) and [12,20); predictions PER [8,14) (overlaps both) and
        // PER [0,10) (exact). nervaluate's greedy pass gives strict (0,1,0,1,1) in
        // one order and (1,1,0,0,0) in the other; the optimal assignment always
        // gives the second.
        let gold = [document([(0, 10, "PER"), (12, 20, "PER")])]
        for predicted in [[(8, 14, "PER"), (0, 10, "PER")], [(0, 10, "PER"), (8, 14, "PER")]] {
            let r = try Scorer().score(gold: gold, predicted: [document(predicted)])
            #expect(r.semeval(.strict) == [1, 1, 0, 0, 0])
            #expect(r.semeval(.exact) == [1, 1, 0, 0, 0])
            #expect(r.semeval(.partial) == [1, 0, 1, 0, 0])
            #expect(r.semeval(.type) == [2, 0, 0, 0, 0])
            #expect(r.total.conllOverall == Counts(tp: 1, fp: 1, fn: 1))
        }
    }

    @Test func typeSchemePrefersAnOverlapOfTheRightType() throws {
        // Gold PER [0,10); predictions LOC [0,10) (same span) and PER [2,8).
        let r = try Scorer().score(gold: [document([(0, 10, "PER")])], predicted: [document([(0, 10, "LOC"), (2, 8, "PER")])])
        #expect(r.semeval(.type) == [1, 0, 0, 0, 1])
        #expect(r.semeval(.exact) == [1, 0, 0, 0, 1])
        // The alignment (strict) pairs the same span first: a wrong-type error.
        #expect(r.total.boundaryOverall.wrongType == 1)
        #expect(r.total.boundaryOverall.spurious == 1)
    }

    @Test func perTypeRowsAddUpToOverall() throws {
        let r = try score([["B-PER", "I-PER", "O", "B-LOC", "I-LOC", "B-ORG"]], [["B-ORG", "I-ORG", "I-ORG", "B-LOC", "O", "B-PER"]])
        for scheme in SemEvalScheme.all {
            var sum = SemEvalCounts()
            for row in r.total.semevalRows(scheme) { sum += row }
            #expect(sum == r.total.semevalOverall(scheme))
        }
        let b = r.total.boundaryOverall
        let c = r.total.conllOverall
        #expect(c.fn == b.wrongBoundary + b.wrongType + b.wrongBoth + b.missed)
        #expect(c.fp == b.wrongBoundary + b.wrongType + b.wrongBoth + b.spurious)
    }

    @Test func accuracyComparesTagsAsWritten() throws {
        // I-PER and B-PER at a sentence start are the same entity but different tags.
        let r = try score([["I-PER", "O"]], [["B-PER", "O"]])
        #expect(r.micro == PRF(precision: 1, recall: 1, f1: 1))
        #expect(r.total.accuracy == 0.5)
    }
}
