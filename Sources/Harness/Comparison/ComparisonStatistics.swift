import Scoring

/// Bootstrap intervals and paired tests for every competitor of a comparison.
///
/// Input: per competitor, per scheme, per type (of one shared type table),
/// the counts of each unit. One bootstrap pass draws the units for every
/// series at once (`DocumentBootstrap.forEachResample`), so every interval —
/// per type, micro, macro, weighted, every scheme, every competitor — and the
/// interval of each competitor's difference from the baseline come from the
/// same resamples.
///
/// The paired test is approximate randomization over units
/// (`PairedTest.approximateRandomization`), on the settings' scheme, overall
/// and per type: identical outputs give p = 1 exactly.
///
/// Complexity: O(resamples × units × ⌈series / 8⌉) for the bootstrap, with
/// series = competitors × schemes × types; O(trials × differing units) per test.
struct ComparisonStatistics {
    /// P, R and F1 intervals of one target (a type, or an average).
    struct Intervals {
        var precision: Interval
        var recall: Interval
        var f1: Interval
    }

    struct SchemeIntervals {
        var types: [Intervals]
        var micro: Intervals
        var macro: Intervals
        var weighted: Intervals
    }

    struct PairedOutcome {
        var deltaInterval: Interval
        var overall: PairedComparison
        /// Per type of the shared table; nil where neither competitor has the type.
        var types: [PairedComparison?]
    }

    /// [competitor][scheme]
    var intervals: [[SchemeIntervals]]
    /// [competitor]; nil for the baseline.
    var paired: [PairedOutcome?]

    /// - Parameters:
    ///   - rows: `rows[c][s][t][u]`: competitor c, scheme s (in `ComparisonScheme.allCases`
    ///     order), type t, unit u.
    ///   - baseline: index of the baseline competitor.
    ///   - primary: the scheme of the paired tests.
    static func compute(rows: [[[[Counts]]]], baseline: Int, primary: ComparisonScheme,
                        bootstrap: DocumentBootstrap, trials: Int, zeroDivision: Double) -> ComparisonStatistics {
        let competitors = rows.count
        let schemes = ComparisonScheme.allCases.count
        let typeCount = rows.first?.first?.count ?? 0
        let targets = typeCount + 3  // types, micro, macro, weighted
        func slot(_ c: Int, _ s: Int, _ target: Int, _ metric: Int) -> Int { ((c * schemes + s) * targets + target) * 3 + metric }

        var series: [[Counts]] = []
        series.reserveCapacity(competitors * schemes * typeCount)
        for c in 0..<competitors { for s in 0..<schemes { for t in 0..<typeCount { series.append(rows[c][s][t]) } } }

        var values = [[Double]](repeating: [], count: competitors * schemes * targets * 3)
        for i in values.indices { values[i].reserveCapacity(bootstrap.resamples) }
        var deltas = [[Double]](repeating: [], count: competitors * schemes)
        var microF1 = [Double](repeating: 0, count: competitors * schemes)
        var typeRows = [Counts](repeating: .zero, count: typeCount)

        if typeCount > 0 {
            bootstrap.forEachResample(series) { _, totals in
                for c in 0..<competitors {
                    for s in 0..<schemes {
                        let base = (c * schemes + s) * typeCount
                        var sum = Counts.zero
                        for t in 0..<typeCount {
                            let row = totals[base + t]
                            typeRows[t] = row
                            sum += row
                            let prf = row.scores(zeroDivision: zeroDivision)
                            values[slot(c, s, t, 0)].append(prf.precision)
                            values[slot(c, s, t, 1)].append(prf.recall)
                            values[slot(c, s, t, 2)].append(prf.f1)
                        }
                        let micro = sum.scores(zeroDivision: zeroDivision)
                        let macro = Average.macro(typeRows, zeroDivision: zeroDivision)
                        let weighted = Average.weighted(typeRows, zeroDivision: zeroDivision)
                        for (k, prf) in [micro, macro, weighted].enumerated() {
                            values[slot(c, s, typeCount + k, 0)].append(prf.precision)
                            values[slot(c, s, typeCount + k, 1)].append(prf.recall)
                            values[slot(c, s, typeCount + k, 2)].append(prf.f1)
                        }
                        microF1[c * schemes + s] = micro.f1
                    }
                }
                for c in 0..<competitors where c != baseline {
                    for s in 0..<schemes {
                        deltas[c * schemes + s].append(microF1[c * schemes + s] - microF1[baseline * schemes + s])
                    }
                }
            }
        }

        func interval(_ i: Int) -> Interval {
            guard !values[i].isEmpty else { return Interval(lower: 0, upper: 0) }
            return Interval(bootstrap.percentileInterval(&values[i], estimate: 0))
        }
        func intervals(_ c: Int, _ s: Int, _ target: Int) -> Intervals {
            Intervals(precision: interval(slot(c, s, target, 0)), recall: interval(slot(c, s, target, 1)),
                      f1: interval(slot(c, s, target, 2)))
        }
        var result = ComparisonStatistics(intervals: [], paired: [])
        for c in 0..<competitors {
            var perScheme: [SchemeIntervals] = []
            for s in 0..<schemes {
                perScheme.append(SchemeIntervals(
                    types: (0..<typeCount).map { intervals(c, s, $0) },
                    micro: intervals(c, s, typeCount), macro: intervals(c, s, typeCount + 1),
                    weighted: intervals(c, s, typeCount + 2)))
            }
            result.intervals.append(perScheme)
        }

        let p = ComparisonScheme.allCases.firstIndex(of: primary)!
        func overall(_ c: Int) -> [Counts] {
            let units = rows[c][p].first?.count ?? 0
            var sums = [Counts](repeating: .zero, count: units)
            for t in 0..<typeCount { for u in 0..<units { sums[u] += rows[c][p][t][u] } }
            return sums
        }
        let baselineOverall = overall(baseline)
        for c in 0..<competitors {
            guard c != baseline else { result.paired.append(nil); continue }
            var d = deltas[c * schemes + p]
            let deltaInterval = d.isEmpty ? Interval(lower: 0, upper: 0) : Interval(bootstrap.percentileInterval(&d, estimate: 0))
            let test = PairedTest.approximateRandomization(overall(c), baselineOverall, metric: .f1, trials: trials, seed: bootstrap.seed)
            let types: [PairedComparison?] = (0..<typeCount).map { t in
                let a = rows[c][p][t], b = rows[baseline][p][t]
                let present = a.contains { $0.support + $0.predicted > 0 } || b.contains { $0.support + $0.predicted > 0 }
                return present ? PairedTest.approximateRandomization(a, b, metric: .f1, trials: trials, seed: bootstrap.seed) : nil
            }
            result.paired.append(PairedOutcome(deltaInterval: deltaInterval, overall: test, types: types))
        }
        return result
    }
}
