import Testing
@testable import Scoring

/// Per-document counts drawn from a system with the given chance of finding
/// each gold entity and of adding a spurious one: a stand-in corpus with
/// realistic variation between documents.
private func simulatedSystem(documents: Int, entitiesPerDocument: ClosedRange<Int> = 1...12,
                             hitRate: Double, spuriousRate: Double, seed: UInt64) -> [Counts] {
    var generator = Xoshiro256StarStar(seed: seed)
    return (0..<documents).map { _ in
        let gold = Int.random(in: entitiesPerDocument, using: &generator)
        var c = Counts()
        for _ in 0..<gold {
            if Double.random(in: 0..<1, using: &generator) < hitRate { c.tp += 1 } else { c.fn += 1 }
            if Double.random(in: 0..<1, using: &generator) < spuriousRate { c.fp += 1 }
        }
        return c
    }
}

/// Two systems over the same gold: per document, the same gold size, each
/// system hitting each entity independently.
private func pairedSystems(documents: Int, hitA: Double, hitB: Double, spurious: Double,
                           seed: UInt64) -> (a: [Counts], b: [Counts]) {
    var generator = Xoshiro256StarStar(seed: seed)
    var a: [Counts] = [], b: [Counts] = []
    for _ in 0..<documents {
        let gold = Int.random(in: 1...10, using: &generator)
        var ca = Counts(), cb = Counts()
        for _ in 0..<gold {
            if Double.random(in: 0..<1, using: &generator) < hitA { ca.tp += 1 } else { ca.fn += 1 }
            if Double.random(in: 0..<1, using: &generator) < hitB { cb.tp += 1 } else { cb.fn += 1 }
            if Double.random(in: 0..<1, using: &generator) < spurious { ca.fp += 1 }
            if Double.random(in: 0..<1, using: &generator) < spurious { cb.fp += 1 }
        }
        a.append(ca)
        b.append(cb)
    }
    return (a, b)
}

@Suite("Seeded generator")
struct SeededGeneratorTests {
    @Test("SplitMix64 matches the reference output for seed 0")
    func splitMixReference() {
        var g = SplitMix64(state: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    @Test("xoshiro256** seeded by SplitMix64(42) matches the C reference algorithm")
    func xoshiroReference() {
        // Produced by the reference C code of xoshiro256** and splitmix64.
        var g = Xoshiro256StarStar(seed: 42)
        let expected: [UInt64] = [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1,
                                  0xECB8_AD47_03B3_60A1, 0xFDE6_DC7F_E2EC_5E64]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test("nextIndex stays in range and is close to uniform")
    func indexUniform() {
        var g = Xoshiro256StarStar(seed: 7)
        var buckets = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { buckets[g.nextIndex(below: 10)] += 1 }
        // Expected 10,000 each; the binomial standard deviation is about 95.
        #expect(buckets.allSatisfy { abs($0 - 10_000) < 500 }, "\(buckets)")
        #expect((0..<100).allSatisfy { _ in g.nextIndex(below: 1) == 0 })
        let big = Int.max
        #expect((0..<100).allSatisfy { _ in (0..<big).contains(g.nextIndex(below: big)) })
    }
}

@Suite("Quantiles")
struct QuantileTests {
    @Test("linear interpolation between order statistics, as numpy's default")
    func type7() {
        let v: [Double] = [1, 2, 3, 4]
        #expect(Quantile.of(sorted: v, 0.5) == 2.5)
        #expect(Quantile.of(sorted: v, 0.25) == 1.75)
        #expect(Quantile.of(sorted: v, 0) == 1)
        #expect(Quantile.of(sorted: v, 1) == 4)
        #expect(Quantile.of(sorted: [5], 0.975) == 5)
        // numpy.percentile(range(1, 1001), [2.5, 97.5]) == [25.975, 975.025]
        let thousand = (1...1000).map(Double.init)
        #expect(abs(Quantile.of(sorted: thousand, 0.025) - 25.975) < 1e-9)
        #expect(abs(Quantile.of(sorted: thousand, 0.975) - 975.025) < 1e-9)
    }
}

@Suite("Document bootstrap")
struct DocumentBootstrapTests {
    let documents = simulatedSystem(documents: 400, hitRate: 0.8, spuriousRate: 0.15, seed: 1)

    @Test("a fixed seed reproduces the intervals; another seed gives others")
    func reproducible() {
        let a = DocumentBootstrap(resamples: 1000, seed: 11).intervals(documents)
        let b = DocumentBootstrap(resamples: 1000, seed: 11).intervals(documents)
        let c = DocumentBootstrap(resamples: 1000, seed: 12).intervals(documents)
        #expect(a == b)
        #expect(a.f1 != c.f1)
    }

    @Test("intervals contain the point estimate, which is the scorer's own number")
    func containsEstimate() {
        let total = documents.reduce(into: Counts.zero) { $0 += $1 }
        let ci = DocumentBootstrap(resamples: 1000, seed: 3).intervals(documents)
        #expect(ci.f1.estimate == total.scores().f1)
        #expect(ci.precision.estimate == total.scores().precision)
        #expect(ci.recall.estimate == total.scores().recall)
        for metric in MicroMetric.allCases {
            let interval = ci[metric]
            #expect(interval.lower < interval.upper)
            #expect(interval.contains(interval.estimate), "\(metric): \(interval)")
            #expect(interval.confidence == 0.95)
        }
    }

    @Test("width agrees with the binomial standard error when documents are independent entities")
    func widthMatchesTheory() {
        // 2,000 documents with one gold entity each, found with probability 0.7:
        // recall is a binomial proportion, so the 95% interval is about
        // ±1.96·sqrt(p(1−p)/n) = ±0.0201 wide around p.
        var g = Xoshiro256StarStar(seed: 5)
        let docs = (0..<2000).map { _ in
            Double.random(in: 0..<1, using: &g) < 0.7 ? Counts(tp: 1) : Counts(fn: 1)
        }
        let ci = DocumentBootstrap(resamples: 2000, seed: 9).intervals(docs).recall
        let p = ci.estimate
        let expected = 1.959964 * (p * (1 - p) / 2000).squareRoot()
        #expect(abs(ci.halfWidth - expected) / expected < 0.1, "half width \(ci.halfWidth), theory \(expected)")
    }

    @Test("identical documents give a zero-width interval at the estimate")
    func constantDocuments() {
        let docs = Array(repeating: Counts(tp: 3, fp: 1, fn: 2), count: 50)
        let ci = DocumentBootstrap(resamples: 1000, seed: 1).intervals(docs)
        #expect(ci.f1.lower == ci.f1.estimate)
        #expect(ci.f1.upper == ci.f1.estimate)
        #expect(abs(ci.f1.estimate - 2.0 * 3 / (2 * 3 + 1 + 2)) < 1e-15)
    }

    @Test("more documents, narrower interval")
    func narrowsWithData() {
        let few = simulatedSystem(documents: 50, hitRate: 0.8, spuriousRate: 0.15, seed: 2)
        let many = simulatedSystem(documents: 2000, hitRate: 0.8, spuriousRate: 0.15, seed: 2)
        let bootstrap = DocumentBootstrap(resamples: 1000, seed: 4)
        let wideWidth = bootstrap.intervals(few).f1.halfWidth
        let narrowWidth = bootstrap.intervals(many).f1.halfWidth
        // The standard error shrinks as 1/sqrt(n): about 6.3 times narrower here.
        #expect(narrowWidth * 4 < wideWidth, "\(narrowWidth) vs \(wideWidth)")
    }

    @Test("series resampled together give what each gives alone")
    func seriesTogether() {
        let other = simulatedSystem(documents: 400, hitRate: 0.6, spuriousRate: 0.3, seed: 99)
        let bootstrap = DocumentBootstrap(resamples: 1000, seed: 21)
        let together = bootstrap.intervals([documents, other])
        #expect(together == [bootstrap.intervals(documents), bootstrap.intervals(other)])
    }

    @Test("eleven series (a full SIMD group and a partial one) give what each gives alone")
    func manySeries() {
        let series = (0..<11).map { simulatedSystem(documents: 120, hitRate: 0.5 + 0.04 * Double($0), spuriousRate: 0.2, seed: UInt64(50 + $0)) }
        let bootstrap = DocumentBootstrap(resamples: 1000, seed: 8)
        let together = bootstrap.intervals(series)
        for k in series.indices { #expect(together[k] == bootstrap.intervals(series[k]), "series \(k)") }
    }

    @Test("the vectorized and the plain summing paths give identical totals")
    func enginePathsAgree() {
        let series = (0..<5).map { simulatedSystem(documents: 77, hitRate: 0.7, spuriousRate: 0.3, seed: UInt64(70 + $0)) }
        var vectorized: [Counts] = [], plain: [Counts] = []
        ResampledSums.vectorized(series, resamples: 300, seed: 4) { _, totals in vectorized.append(contentsOf: totals) }
        ResampledSums.scalar(series, resamples: 300, seed: 4) { _, totals in plain.append(contentsOf: totals) }
        #expect(vectorized.count == 1500)
        #expect(vectorized == plain)
        // Counts too large for 32-bit lanes take the plain path and stay exact.
        let huge = [Counts(tp: 2_000_000_000, fp: 0, fn: 1), Counts(tp: 1_500_000_000, fp: 3, fn: 0)]
        var sums: [Counts] = []
        ResampledSums.forEach([huge], resamples: 200, seed: 1) { _, totals in sums.append(totals[0]) }
        #expect(sums.allSatisfy { [4_000_000_000, 3_500_000_000, 3_000_000_000].contains($0.tp) })
        #expect(Set(sums.map(\.tp)).count == 3)
    }

    @Test("an empty corpus gives zero scores rather than a crash")
    func empty() {
        let ci = DocumentBootstrap(resamples: 1000, seed: 1).intervals([Counts]())
        #expect(ci.f1 == ConfidenceInterval(estimate: 0, lower: 0, upper: 0, confidence: 0.95))
        #expect(DocumentBootstrap().intervals([[Counts]]()).isEmpty)
    }
}

@Suite("Paired significance tests")
struct PairedTestTests {
    @Test("identical systems: p = 1 under both tests")
    func identical() {
        let docs = simulatedSystem(documents: 300, hitRate: 0.75, spuriousRate: 0.2, seed: 8)
        let bootstrap = PairedTest.pairedBootstrap(docs, docs, resamples: 2000, seed: 1)
        let randomization = PairedTest.approximateRandomization(docs, docs, trials: 2000, seed: 1)
        #expect(bootstrap.pValue == 1)
        #expect(randomization.pValue == 1)
        #expect(bootstrap.difference == 0)
        #expect(!bootstrap.isSignificant())
        #expect(bootstrap.differenceInterval?.lower == 0 && bootstrap.differenceInterval?.upper == 0)
    }

    @Test("a clearly better system: p < 0.01 under both tests, with the sign of the difference")
    func clearlyBetter() {
        let (a, b) = pairedSystems(documents: 200, hitA: 0.85, hitB: 0.65, spurious: 0.15, seed: 3)
        let bootstrap = PairedTest.pairedBootstrap(a, b, resamples: 10_000, seed: 2)
        let randomization = PairedTest.approximateRandomization(a, b, trials: 10_000, seed: 2)
        #expect(bootstrap.difference > 0.1)
        #expect(bootstrap.pValue < 0.01, "\(bootstrap)")
        #expect(randomization.pValue < 0.01, "\(randomization)")
        // Nothing as extreme was seen: the p-value is exactly its +1-corrected floor.
        #expect(randomization.extreme == 0)
        #expect(randomization.pValue == randomization.resolution)
        #expect(bootstrap.differenceInterval!.lower > 0)
        #expect(bootstrap.differenceInterval!.contains(bootstrap.difference))
    }

    @Test("a fixed seed reproduces p-values; swapping A and B keeps them and flips the difference")
    func reproducibleAndSymmetric() {
        let (a, b) = pairedSystems(documents: 150, hitA: 0.72, hitB: 0.68, spurious: 0.2, seed: 4)
        let r1 = PairedTest.approximateRandomization(a, b, trials: 5000, seed: 77)
        let r2 = PairedTest.approximateRandomization(a, b, trials: 5000, seed: 77)
        let swapped = PairedTest.approximateRandomization(b, a, trials: 5000, seed: 77)
        #expect(r1 == r2)
        #expect(swapped.pValue == r1.pValue)
        #expect(swapped.difference == -r1.difference)
        let b1 = PairedTest.pairedBootstrap(a, b, resamples: 5000, seed: 77)
        let b2 = PairedTest.pairedBootstrap(a, b, resamples: 5000, seed: 77)
        #expect(b1 == b2)
    }

    @Test("approximate randomization converges to the exact permutation p-value")
    func matchesExactPermutation() {
        // 12 documents: all 4,096 swap patterns can be enumerated.
        let (a, b) = pairedSystems(documents: 12, hitA: 0.8, hitB: 0.6, spurious: 0.2, seed: 10)
        let totalA = a.reduce(into: Counts.zero) { $0 += $1 }
        let totalB = b.reduce(into: Counts.zero) { $0 += $1 }
        let observed = abs(totalA.scores().f1 - totalB.scores().f1)
        var atLeast = 0
        for pattern in 0..<(1 << 12) {
            var x = Counts.zero, y = Counts.zero
            for i in 0..<12 {
                if pattern & (1 << i) != 0 { x += b[i]; y += a[i] } else { x += a[i]; y += b[i] }
            }
            if abs(x.scores().f1 - y.scores().f1) >= observed - 1e-12 { atLeast += 1 }
        }
        let exact = Double(atLeast) / 4096
        let approximate = PairedTest.approximateRandomization(a, b, trials: 40_000, seed: 5).pValue
        // Monte Carlo standard error at 40,000 trials is at most 0.0025.
        #expect(abs(approximate - exact) < 0.01, "exact \(exact), approximate \(approximate)")
        #expect(exact > 0.001 && exact < 0.999, "the case should not be degenerate: \(exact)")
    }

    @Test("under no real difference, p < 0.05 happens about 5% of the time")
    func calibratedUnderNull() {
        var rejectedByRandomization = 0
        var rejectedByBootstrap = 0
        let datasets = 200
        for seed in 0..<UInt64(datasets) {
            let (a, b) = pairedSystems(documents: 60, hitA: 0.7, hitB: 0.7, spurious: 0.2, seed: 1000 + seed)
            if PairedTest.approximateRandomization(a, b, trials: 500, seed: seed).pValue < 0.05 {
                rejectedByRandomization += 1
            }
            if PairedTest.pairedBootstrap(a, b, resamples: 500, seed: seed).pValue < 0.05 {
                rejectedByBootstrap += 1
            }
        }
        // (Measured: 10 and 13 of 200.)
        // Expected 10 of 200; the binomial 99.9% upper bound is about 21.
        #expect(rejectedByRandomization <= 21, "\(rejectedByRandomization) of \(datasets)")
        #expect(rejectedByBootstrap <= 21, "\(rejectedByBootstrap) of \(datasets)")
        // And the tests are not simply conservative to uselessness.
        #expect(rejectedByRandomization >= 2 && rejectedByBootstrap >= 2,
                "\(rejectedByRandomization), \(rejectedByBootstrap)")
    }

    @Test("tests on precision and recall use that metric")
    func otherMetrics() {
        // Same recall, different precision.
        let a = Array(repeating: Counts(tp: 8, fp: 0, fn: 2), count: 40)
        let b = Array(repeating: Counts(tp: 8, fp: 6, fn: 2), count: 40)
        let onRecall = PairedTest.approximateRandomization(a, b, metric: .recall, trials: 1000, seed: 1)
        let onPrecision = PairedTest.approximateRandomization(a, b, metric: .precision, trials: 1000, seed: 1)
        #expect(onRecall.pValue == 1)
        #expect(onPrecision.pValue < 0.01)
        #expect(onPrecision.a == 1 && abs(onPrecision.b - 8.0 / 14) < 1e-15)
    }
}
