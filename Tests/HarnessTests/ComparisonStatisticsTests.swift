import Corpus
import Foundation
@testable import Harness
import Scoring
import Testing

/// Bootstrap intervals and paired tests as wired into a comparison.
@Suite("Comparison statistics")
struct ComparisonStatisticsTests {
    func compare(_ names: [String], baseline: String? = nil, seed: UInt64 = 1, documents: Int = 24) throws -> ComparisonResults {
        let folder = try ComparisonFixture.folder()
        var settings = ComparisonFixture.settings()
        settings.seed = seed
        settings.baseline = baseline
        return try Comparison(settings: settings).run(
            data: ComparisonFixture.data(count: documents),
            competitors: names.map { .configuration(path: folder + "/configs/\($0).yaml") },
            context: ComparisonFixture.context)
    }

    @Test("identical competitors: p = 1, no difference, the same intervals")
    func identical() throws {
        let results = try compare(["strong", "strong-copy"])
        let copy = try #require(results.competitor(named: "strong-copy")?.versusBaseline)
        #expect(copy.baseline == "strong")
        #expect(copy.pValue == 1)
        #expect(!copy.significant)
        #expect(copy.deltaF1 == 0)
        #expect(copy.deltaInterval == Interval(lower: 0, upper: 0))
        #expect(copy.types.allSatisfy { $0.pValue == 1 && $0.deltaF1 == 0 })
        #expect(results.competitors[0].schemes == results.competitors[1].schemes)
        #expect(results.competitors[0].versusBaseline == nil)
    }

    @Test("a clearly better competitor: p < 0.01 and an interval of the difference above zero")
    func clearlyBetter() throws {
        let results = try compare(["weak", "strong"])
        let strong = try #require(results.competitor(named: "strong")?.versusBaseline)
        #expect(strong.baseline == "weak")
        #expect(strong.deltaF1 > 0.2)
        #expect(strong.pValue < 0.01)
        #expect(strong.significant)
        #expect(strong.deltaInterval.lower > 0)
        // Per type: PER moves (weak finds no person), LOC does not (both find every place).
        #expect(strong.types.first { $0.type == "PER" }!.pValue < 0.01)
        #expect(strong.types.first { $0.type == "LOC" }!.pValue == 1)
        // The baseline the other way round: the weak one significantly worse.
        let reversed = try compare(["weak", "strong"], baseline: "strong")
        let weak = try #require(reversed.competitor(named: "weak")?.versusBaseline)
        #expect(weak.deltaF1 == -strong.deltaF1)
        #expect(weak.pValue < 0.01)
    }

    @Test("a fixed seed reproduces every interval and p-value; another seed moves them")
    func seeds() throws {
        let a = try compare(["weak", "strong"], seed: 7)
        let b = try compare(["weak", "strong"], seed: 7)
        let c = try compare(["weak", "strong"], seed: 8)
        #expect(a.competitors.map(\.schemes) == b.competitors.map(\.schemes))
        #expect(a.competitors.map(\.versusBaseline) == b.competitors.map(\.versusBaseline))
        #expect(a.competitors.map(\.schemes) != c.competitors.map(\.schemes))
        #expect(a.settings.seed == 7 && c.settings.seed == 8)
    }

    @Test("every interval is ordered, within [0, 1], and holds its estimate")
    func intervals() throws {
        let results = try compare(["weak", "strong"])
        for c in results.competitors {
            for s in c.schemes {
                let all = [s.overall] + s.types
                for f in all {
                    for (value, interval) in [(f.precision, f.precisionInterval), (f.recall, f.recallInterval), (f.f1, f.f1Interval)] {
                        #expect(interval.lower <= interval.upper)
                        #expect(interval.lower >= 0 && interval.upper <= 1)
                        #expect(interval.lower <= value + 1e-12 && value <= interval.upper + 1e-12, "\(c.name) \(s.scheme) \(f.type ?? "micro")")
                    }
                }
                #expect(s.macro.f1Interval.lower <= s.macro.f1 && s.macro.f1 <= s.macro.f1Interval.upper)
                #expect(s.weighted.f1Interval.lower <= s.weighted.f1 && s.weighted.f1 <= s.weighted.f1Interval.upper)
            }
            // Perfect recall on PER: every resample gives recall 1.
            if c.name == "strong" { #expect(c.scores(.conll).type("PER")!.recallInterval == Interval(lower: 1, upper: 1)) }
        }
    }

    @Test("the interval of a type is DocumentBootstrap's on that type's per-document counts")
    func matchesDocumentBootstrap() throws {
        let results = try compare(["weak", "strong"])
        let strong = try #require(results.competitor(named: "strong"))
        let bootstrap = DocumentBootstrap(resamples: results.settings.resamples, confidence: results.settings.confidence, seed: results.settings.seed)
        for (t, type) in strong.types.enumerated() {
            let perDocument = strong.unitCounts.map { Counts(tp: $0[t][0], fp: $0[t][1], fn: $0[t][2]) }
            let expected = bootstrap.intervals(perDocument)
            let figures = strong.scores(.conll).type(type)!
            #expect(figures.f1Interval == Interval(expected.f1), "\(type)")
            #expect(figures.precisionInterval == Interval(expected.precision), "\(type)")
        }
        let overall = strong.unitCounts.map { unit in unit.reduce(Counts.zero) { $0 + Counts(tp: $1[0], fp: $1[1], fn: $1[2]) } }
        #expect(strong.scores(.conll).overall.f1Interval == Interval(bootstrap.intervals(overall).f1))
    }

    @Test("SemEval rows as counts keep the scheme's precision and recall, partial credit included")
    func semevalAsCounts() {
        let outcomes = SemEvalCounts(cor: 7, inc: 2, par: 3, mis: 4, spu: 5)
        var tally = ScoreTally(typeCount: 1)
        for scheme in SemEvalScheme.all { tally.semeval[scheme.index][0] = outcomes }
        for scheme in ComparisonScheme.allCases where scheme.semeval != nil {
            let counts = scheme.rows(tally)[0]
            let expected = scheme == .partial
                ? outcomes.scores()
                : PRF(precision: 7.0 / Double(outcomes.actual), recall: 7.0 / Double(outcomes.possible))
            #expect(abs(counts.scores().precision - expected.precision) < 1e-15, "\(scheme)")
            #expect(abs(counts.scores().recall - expected.recall) < 1e-15, "\(scheme)")
        }
    }
}
