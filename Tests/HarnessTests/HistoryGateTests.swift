import Corpus
import Foundation
import Harness
import Scoring
import Testing

@Suite("Regression gate")
struct HistoryGateTests {
    let baseline = HistoryFixtures.baseline()
    var rerun: RunRecord { HistoryFixtures.rerun(of: baseline, id: "20250101-010000-0002") }

    func gate(_ run: RunRecord, policy: GatePolicy = GatePolicy()) -> GateReport {
        RegressionGate.evaluate(run, against: baseline, baselineSource: "baseline.json", policy: policy)
    }

    @Test("an unchanged run passes, with every competitor's F1 and throughput compared")
    func unchangedPasses() {
        let report = gate(rerun)
        #expect(report.passed)
        let f1 = report.findings.filter { $0.aspect == .f1 }
        #expect(f1.count == 4 * 6)  // four competitors, all types and five types
        #expect(f1.allSatisfy { $0.verdict == .pass && $0.change == 0 && $0.pValue == 1 })
        let speed = report.findings.filter { $0.aspect == .throughput }
        #expect(speed.map(\.competitor) == ["rules", "gazetteer", "hybrid"])
        #expect(speed.allSatisfy { $0.verdict == .pass })
        #expect(speed.allSatisfy { ($0.change ?? 0) < 0 })  // the rerun's median is slower, within the spread
        #expect(report.render().hasSuffix("PASS: no regression in \(report.findings.count) comparisons\n"))
    }

    @Test("a competitor that lost its LOC entities fails on LOC and overall, and only there")
    func lostLocationsFail() throws {
        let report = gate(HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer"))
        #expect(!report.passed)
        #expect(report.regressions.map { "\($0.competitor!) \($0.subject)" } == ["gazetteer all types F1", "gazetteer LOC F1"])
        let loc = try #require(report.regressions.first { $0.type == .location })
        let before = baseline.competitor(named: "gazetteer")!.scores(.conll)!.types[.location]!.f1
        #expect(abs(try #require(loc.change) + before * 100) < 1e-9)  // all of LOC's F1 is lost
        #expect(try #require(loc.pValue) < 0.001)
        #expect(loc.reason.contains("a significant drop: p < 0.001 (paired over"))
        #expect(loc.figures.hasPrefix("F1 \(String(format: "%.1f", before * 100)) -> 0.0 ("))
        let text = report.render()
        #expect(text.contains("FAIL: 2 regressions: gazetteer all types F1 ("))
        #expect(text.contains("FAIL     gazetteer  LOC F1"))
        // Other competitors are untouched.
        #expect(report.findings.filter { $0.competitor != "gazetteer" && $0.aspect == .f1 }.allSatisfy { $0.verdict == .pass })
    }

    @Test("halved throughput fails beyond the spread; noise within the spread does not")
    func slowdown() throws {
        let slow = gate(HistoryFixtures.slowed(rerun, competitor: "rules", factor: 2))
        #expect(slow.regressions.map(\.subject) == ["throughput"])
        let finding = try #require(slow.regressions.first)
        #expect(finding.competitor == "rules")
        #expect(abs(try #require(finding.change) - (1.01 / 2.04 - 1)) < 1e-9)  // median 1.01 s -> 2.04 s
        // The fastest slowed repeat (0.99 s x 2) against the slowest baseline repeat (1.05 s).
        #expect(finding.reason.hasPrefix("47.0% slower beyond the repeats' spread, more than the allowed 20.0% (fastest of 5 repeats 20,202 vs slowest of 5 baseline 38,095)"))

        // 25% slower: 15% beyond the spread, within the default allowance; fails at 10%.
        let little = HistoryFixtures.slowed(rerun, competitor: "rules", factor: 1.25)
        #expect(gate(little).passed)
        let strict = gate(little, policy: GatePolicy(maxSlowdown: 0.10))
        #expect(strict.regressions.map(\.subject) == ["throughput"])
    }

    @Test("a drop too small to be significant passes, unless it exceeds --max-f1-drop")
    func allowance() throws {
        let run = HistoryFixtures.lostOnePER(rerun, competitor: "hybrid")
        let lenient = gate(run)
        #expect(lenient.passed)
        let per = try #require(lenient.findings.first { $0.competitor == "hybrid" && $0.type == .person })
        #expect(per.verdict == .pass)
        #expect(try #require(per.pValue) > 0.5)
        #expect(try #require(per.change) < 0)
        #expect(per.reason.hasPrefix("a drop, not significant: p = 1.000 (paired over"))

        let strict = gate(run, policy: GatePolicy(maxF1Drop: 0.1))
        #expect(strict.regressions.map { "\($0.competitor!) \($0.subject)" } == ["hybrid all types F1", "hybrid PER F1"])
        #expect(strict.regressions.allSatisfy { $0.reason.hasPrefix("the drop exceeds the allowance of 0.1 points") })
    }

    @Test("a changed configuration is reported as a change, not a regression")
    func changedConfiguration() throws {
        var run = HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer")
        run = HistoryFixtures.slowed(run, competitor: "gazetteer", factor: 3)
        run.competitors[1].configurationHash = "gazetteer-hash-2"
        let report = gate(run)
        #expect(report.passed)
        let change = try #require(report.findings.first { $0.competitor == "gazetteer" })
        #expect(change.verdict == .changed)
        #expect(change.aspect == .configuration)
        #expect(change.figures.hasPrefix("configuration gazetteer-ha -> gazetteer-ha; F1 "))
        #expect(change.reason.contains("not a regression"))
        #expect(report.findings.filter { $0.competitor == "gazetteer" }.count == 1)
    }

    @Test("a changed corpus is reported as such and gates nothing")
    func changedCorpus() throws {
        var run = HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer")
        run = HistoryFixtures.slowed(run, competitor: "rules", factor: 2)
        run.corpus.contentHash = "corpus-hash-2"
        let report = gate(run)
        #expect(report.passed)
        let corpus = try #require(report.findings.first)
        #expect(corpus.aspect == .corpus && corpus.verdict == .changed)
        #expect(corpus.reason.hasPrefix("the corpus changed, so scores and speed are not comparable"))
        #expect(report.findings.dropFirst().allSatisfy { $0.verdict == .notCompared && $0.aspect == .f1 })
        #expect(report.findings.allSatisfy { $0.pValue == nil })
    }

    @Test("throughput on different hardware is shown but not gated")
    func differentHardware() throws {
        var run = HistoryFixtures.slowed(rerun, competitor: "rules", factor: 2)
        run.machine.cpu = "Other CPU"
        let report = gate(run)
        #expect(report.passed)
        #expect(report.findings.first?.aspect == .hardware)
        let speed = try #require(report.findings.first { $0.competitor == "rules" && $0.aspect == .throughput })
        #expect(speed.verdict == .notCompared)
        // F1 is still gated on the same corpus.
        let degraded = gate(HistoryFixtures.withoutLOC({ var r = rerun; r.machine.cpu = "Other CPU"; return r }(), competitor: "gazetteer"))
        #expect(!degraded.passed)
    }

    @Test("competitors on one side only are listed as changes")
    func competitorSets() {
        var run = rerun
        run.competitors.removeAll { $0.name == "camelbert" }
        run.competitors.append(HistoryFixtures.competitor("crf", hash: "crf-hash", recall: 0.5, seed: 99,
                                                          seconds: HistoryFixtures.baselineSeconds))
        let report = gate(run)
        #expect(report.passed)
        let changes = report.findings.filter { $0.aspect == .competitor }
        #expect(changes.map(\.competitor) == ["crf", "camelbert"])
        #expect(changes.map(\.figures) == ["new", "in the baseline only"])
    }
}

@Suite("Run diff")
struct HistoryDiffTests {
    @Test("on the same corpus: what moved, with p-values from the paired test")
    func matchingCorpora() throws {
        let a = HistoryFixtures.baseline()
        let b = HistoryFixtures.withoutLOC(HistoryFixtures.rerun(of: a, id: "20250101-010000-0002"), competitor: "gazetteer")
        let diff = RunComparison(baseline: a, current: b)
        #expect(diff.corpusMatches)
        let gazetteer = try #require(diff.competitors.first { $0.name == "gazetteer" })
        #expect(gazetteer.f1.map(\.label) == ["all types", "PER", "LOC", "ORG", "MISC", "DATE"])
        let loc = gazetteer.f1[2]
        #expect(try #require(loc.pValue) < 0.001)
        #expect(loc.pairedDocuments > 40)
        #expect(gazetteer.f1.filter { $0.type != .location && $0.type != nil }.allSatisfy { $0.pValue == 1 && $0.deltaPoints == 0 })
        #expect(gazetteer.schemes.map(\.scheme) == [.conll, .strict])
        let hybrid = try #require(diff.competitors.first { $0.name == "hybrid" })
        #expect(hybrid.f1.allSatisfy { $0.pValue == 1 })
        let text = diff.render()
        #expect(text.contains("same corpus (corpus-hash-, 80 documents): p-values from a paired approximate randomization"))
        #expect(!text.contains("WARNING"))
        let section = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("gazetteer  (configuration unchanged") })
        let locLine = try #require(section.split(separator: "\n").first { $0.hasPrefix("  LOC") })
        #expect(locLine.contains("< 0.001"))
        #expect(text.contains("speed: tokens/s"))
    }

    @Test("on different corpora: figures side by side, a plain warning, no test")
    func differentCorpora() throws {
        let a = HistoryFixtures.baseline()
        var b = HistoryFixtures.withoutLOC(HistoryFixtures.rerun(of: a, id: "20250101-010000-0002"), competitor: "gazetteer")
        b.corpus = RunRecord.CorpusIdentity(path: "../shared/data/anercorp", contentHash: "other-corpus", documents: 80, tokens: 40_000)
        let diff = RunComparison(baseline: a, current: b)
        #expect(!diff.corpusMatches)
        let all = diff.competitors.flatMap(\.f1)
        #expect(all.allSatisfy { $0.pValue == nil && $0.untested == "runs are not on the same corpus and scheme" })
        let loc = try #require(diff.competitors.first { $0.name == "gazetteer" }?.f1[2])
        #expect(try #require(loc.deltaPoints) < -50)
        let text = diff.render()
        #expect(text.contains("WARNING: the corpora differ (A corpus-hash-, 80 documents, corpus; B other-corpus, 80 documents, ../shared/data/anercorp)."))
        #expect(text.contains("no significance test is possible"))
        #expect(!text.contains("< 0.001"))
    }
}

@Suite("Paired approximate randomization")
struct HistoryPairedTestTests {
    @Test("identical systems give p = 1")
    func identical() {
        let table = HistoryFixtures.predictions(recall: 0.8, seed: 3)
        let pairs = DocumentCounts.paired(table, table, type: nil)
        #expect(ApproximateRandomization().pValue(pairs.a, pairs.b) == 1)
    }

    @Test("a clearly better system gives p < 0.01, a slightly different one a large p")
    func separation() {
        let good = HistoryFixtures.predictions(recall: 0.9, seed: 3)
        let bad = HistoryFixtures.predictions(recall: 0.6, seed: 4)
        let clear = DocumentCounts.paired(good, bad, type: nil)
        #expect(ApproximateRandomization().pValue(clear.a, clear.b) < 0.01)
        let near = HistoryFixtures.predictions(recall: 0.9, seed: 5)
        let close = DocumentCounts.paired(good, near, type: nil)
        #expect(ApproximateRandomization().pValue(close.a, close.b) > 0.05)
    }

    @Test("matches the exact permutation p-value on a case small enough to enumerate")
    func knownAnswer() {
        // Ten documents, each with one gold entity that A finds and B misses:
        // only the two assignments that keep every document on one side reach
        // the observed |ΔF1|, so the exact two-sided p is 2 / 2^10.
        let a = Array(repeating: Counts(tp: 1, fp: 0, fn: 0), count: 10)
        let b = Array(repeating: Counts(tp: 0, fp: 0, fn: 1), count: 10)
        let p = ApproximateRandomization(rounds: 200_000).pValue(a, b)
        #expect(abs(p - 2.0 / 1024) < 0.0004)
    }

    @Test("a fixed seed reproduces the p-value; another seed moves it only by sampling error")
    func seeded() {
        let a = HistoryFixtures.predictions(recall: 0.85, seed: 8)
        let b = HistoryFixtures.predictions(recall: 0.8, seed: 9)
        let pairs = DocumentCounts.paired(a, b, type: .person)
        let p1 = ApproximateRandomization(seed: 1).pValue(pairs.a, pairs.b)
        #expect(ApproximateRandomization(seed: 1).pValue(pairs.a, pairs.b) == p1)
        let p2 = ApproximateRandomization(seed: 2).pValue(pairs.a, pairs.b)
        #expect(abs(p1 - p2) < 0.03)
        #expect(ApproximateRandomization(seed: 1).pValue(pairs.b, pairs.a) == p1)
    }
}
