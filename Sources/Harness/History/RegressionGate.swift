import Corpus
import Scoring

/// When a difference between a run and its baseline counts as a regression.
public struct GatePolicy: Sendable, Hashable {
    /// Significance level of the paired test on F1 drops.
    public var alpha: Double
    /// An F1 drop larger than this many points fails even when the test does
    /// not call it significant (nil: the test alone decides).
    public var maxF1Drop: Double?
    /// The largest tolerated slowdown, as a fraction, beyond the spread of the
    /// repeats: the run fails when even its fastest repeat is more than this
    /// fraction below the baseline's slowest repeat.
    public var maxSlowdown: Double

    public init(alpha: Double = 0.05, maxF1Drop: Double? = nil, maxSlowdown: Double = 0.20) {
        self.alpha = alpha
        self.maxF1Drop = maxF1Drop
        self.maxSlowdown = maxSlowdown
    }
}

/// One line of the gate's verdict: which competitor, which type or aspect, the
/// figures, and why it counts (or does not).
public struct GateFinding: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        /// Fails the gate.
        case regression = "FAIL"
        case pass = "ok"
        case improvement = "better"
        /// Not comparable as a regression because what was measured changed
        /// (corpus, configuration, competitor set); reported, never failing.
        case changed = "changed"
        /// Could not be compared (different hardware, scheme, missing scores).
        case notCompared = "n/a"
    }

    public enum Aspect: String, Sendable, Hashable {
        case corpus, scheme, hardware, competitor, configuration, f1, throughput
    }

    public var verdict: Verdict
    public var aspect: Aspect
    /// nil for a finding about the whole run (corpus, scheme, hardware).
    public var competitor: String?
    /// For F1: the type, nil for all types.
    public var type: EntityType?
    /// The numbers, e.g. "F1 78.3 -> 0.0 (-78.3 points)".
    public var figures: String
    /// Why the verdict, e.g. "p < 0.001 < alpha 0.05 over 120 paired documents: a significant drop".
    public var reason: String
    /// F1 change in points, or throughput median change as a fraction.
    public var change: Double?
    public var pValue: Double?

    /// What the line is about: "LOC F1", "all types F1", "throughput", "corpus".
    public var subject: String {
        switch aspect {
        case .f1: return "\(type?.name ?? "all types") F1"
        default: return aspect.rawValue
        }
    }
}

/// The regression gate's decision on a run against its baseline.
public struct GateReport: Sendable {
    /// How the baseline was named (a file path or "run ID").
    public var baselineSource: String
    public var comparison: RunComparison
    public var policy: GatePolicy
    public var findings: [GateFinding]

    public var regressions: [GateFinding] { findings.filter { $0.verdict == .regression } }
    public var passed: Bool { regressions.isEmpty }
}

/// The regression gate: compares a run with a baseline and decides.
///
/// - F1 (overall and per type, under the run's scheme) fails when it drops and
///   either the paired test over documents gives p < α (only possible when the
///   corpus hashes match) or the drop exceeds `maxF1Drop` points.
/// - Throughput fails when the fastest repeat of the run is more than
///   `maxSlowdown` below the slowest repeat of the baseline, so that the noise
///   the repeats show is never counted as a slowdown; it is compared only on
///   the same hardware (CPU model and cores).
/// - A changed corpus or a changed configuration hash is reported as a change,
///   with the figures, and never fails; so is a competitor present on one side only.
public enum RegressionGate {
    /// The seam for every caller: `mizan check` passes the latest recorded run,
    /// and the harness can pass a fresh one.
    public static func evaluate(_ run: RunRecord, against baseline: RunRecord, baselineSource: String,
                                policy: GatePolicy = GatePolicy(),
                                test: any PairedF1Test = ApproximateRandomization()) -> GateReport {
        let comparison = RunComparison(baseline: baseline, current: run, test: test)
        var findings: [GateFinding] = []
        if !comparison.corpusMatches {
            findings.append(GateFinding(
                verdict: .changed, aspect: .corpus, competitor: nil, type: nil,
                figures: "corpus \(HistoryFormat.hash(baseline.corpus.contentHash)) (\(baseline.corpus.documents) documents) -> \(HistoryFormat.hash(run.corpus.contentHash)) (\(run.corpus.documents) documents)",
                reason: "the corpus changed, so scores and speed are not comparable and no regression is decided; record a new baseline (mizan check --update-baseline)"))
        } else if !comparison.schemeMatches {
            findings.append(GateFinding(
                verdict: .notCompared, aspect: .scheme, competitor: nil, type: nil,
                figures: "scheme \(baseline.scheme) -> \(run.scheme)",
                reason: "F1 under different schemes is not compared; record a new baseline under \(run.scheme)"))
        }
        let timingsComparable = comparison.corpusMatches && comparison.sameHardware
        if comparison.corpusMatches && !comparison.sameHardware {
            findings.append(GateFinding(
                verdict: .notCompared, aspect: .hardware, competitor: nil, type: nil,
                figures: "\(baseline.machine.cpu) x\(baseline.machine.cores) -> \(run.machine.cpu) x\(run.machine.cores)",
                reason: "timed on different hardware, so throughput is shown but not gated"))
        }
        for competitor in comparison.competitors {
            findings += evaluate(competitor, comparison: comparison, policy: policy, timingsComparable: timingsComparable)
        }
        return GateReport(baselineSource: baselineSource, comparison: comparison, policy: policy, findings: findings)
    }

    private static func evaluate(_ c: CompetitorComparison, comparison: RunComparison, policy: GatePolicy,
                                 timingsComparable: Bool) -> [GateFinding] {
        func finding(_ verdict: GateFinding.Verdict, _ aspect: GateFinding.Aspect, _ figures: String, _ reason: String,
                     type: EntityType? = nil, change: Double? = nil, p: Double? = nil) -> GateFinding {
            GateFinding(verdict: verdict, aspect: aspect, competitor: c.name, type: type, figures: figures,
                        reason: reason, change: change, pValue: p)
        }
        switch c.presence {
        case .onlyBaseline:
            return [finding(.changed, .competitor, "in the baseline only", "not in this run, so not compared")]
        case .onlyCurrent:
            return [finding(.changed, .competitor, "new", "not in the baseline, so not compared")]
        case .both:
            break
        }
        let overall = c.f1.first
        if !comparison.corpusMatches {
            guard let overall, let delta = overall.deltaPoints else { return [] }
            return [finding(.notCompared, .f1, f1Figures(overall), "different corpus", change: delta)]
        }
        var findings: [GateFinding] = []
        if c.configurationChanged {
            let hashes = "configuration \(HistoryFormat.hash(c.baselineHash ?? "")) -> \(HistoryFormat.hash(c.currentHash ?? ""))"
            if let overall, overall.deltaPoints != nil {
                findings.append(finding(.changed, .configuration, "\(hashes); \(f1Figures(overall))",
                                        "the configuration changed, so a difference is its intended effect, not a regression; record a new baseline to accept it",
                                        change: overall.deltaPoints))
            } else {
                findings.append(finding(.changed, .configuration, hashes, "the configuration changed; not compared"))
            }
            return findings
        }
        if comparison.schemeMatches {
            for change in c.f1 {
                findings.append(evaluateF1(change, policy: policy, finding: finding))
            }
        }
        if let t = c.throughput {
            findings.append(evaluateThroughput(t, comparable: timingsComparable, policy: policy, finding: finding))
        }
        return findings
    }

    private static func f1Figures(_ change: F1Change) -> String {
        "F1 \(HistoryFormat.points(change.baseline?.f1)) -> \(HistoryFormat.points(change.current?.f1))"
            + (change.deltaPoints.map { " (\(HistoryFormat.signedPoints($0)) points)" } ?? "")
    }

    private static func evaluateF1(
        _ change: F1Change, policy: GatePolicy,
        finding: (GateFinding.Verdict, GateFinding.Aspect, String, String, EntityType?, Double?, Double?) -> GateFinding
    ) -> GateFinding {
        let figures = f1Figures(change)
        guard let delta = change.deltaPoints else {
            let side = change.baseline == nil ? "the baseline" : "this run"
            return finding(.notCompared, .f1, figures, "not scored in \(side)", change.type, nil, nil)
        }
        let alpha = HistoryFormat.plain(policy.alpha)
        let test: String
        if let p = change.pValue {
            test = "\(HistoryFormat.p(p)) (paired over \(change.pairedDocuments) documents)"
        } else {
            test = "no paired test: \(change.untested ?? "unavailable")"
        }
        if abs(delta) < 1e-9 {
            return finding(.pass, .f1, figures, "unchanged", change.type, delta, change.pValue)
        }
        if delta > 0 {
            let significant = change.pValue.map { $0 < policy.alpha } ?? false
            return finding(.improvement, .f1, figures,
                           "a rise; \(test)\(significant ? ", significant" : ", not significant")",
                           change.type, delta, change.pValue)
        }
        let drop = -delta
        if let p = change.pValue, p < policy.alpha {
            return finding(.regression, .f1, figures,
                           "a significant drop: \(test) < alpha \(alpha)", change.type, delta, p)
        }
        if let allowance = policy.maxF1Drop, drop > allowance + 1e-9 {
            return finding(.regression, .f1, figures,
                           "the drop exceeds the allowance of \(HistoryFormat.plain(allowance)) points (\(test))",
                           change.type, delta, change.pValue)
        }
        let within = policy.maxF1Drop.map { "; within the allowance of \(HistoryFormat.plain($0)) points" } ?? ""
        let reason = change.pValue != nil
            ? "a drop, not significant: \(test) >= alpha \(alpha)\(within)"
            : "a drop that cannot be tested (\(test))\(within)"
        return finding(.pass, .f1, figures, reason, change.type, delta, change.pValue)
    }

    private static func evaluateThroughput(
        _ t: ThroughputChange, comparable: Bool, policy: GatePolicy,
        finding: (GateFinding.Verdict, GateFinding.Aspect, String, String, EntityType?, Double?, Double?) -> GateFinding
    ) -> GateFinding {
        let figures = "tokens/s \(HistoryFormat.rate(t.baseline.median)) -> \(HistoryFormat.rate(t.current.median)) (median, \(HistoryFormat.signedPercent(t.medianChange)))"
        guard comparable else {
            return finding(.notCompared, .throughput, figures, "different hardware", nil, t.medianChange, nil)
        }
        let spread = "fastest of \(t.currentRepeats) repeats \(HistoryFormat.rate(t.current.max)) vs slowest of \(t.baselineRepeats) baseline \(HistoryFormat.rate(t.baseline.min))"
        let allowance = HistoryFormat.percent(policy.maxSlowdown)
        if t.slowdownBeyondSpread > policy.maxSlowdown {
            return finding(.regression, .throughput, figures,
                           "\(HistoryFormat.percent(t.slowdownBeyondSpread)) slower beyond the repeats' spread, more than the allowed \(allowance) (\(spread))",
                           nil, t.medianChange, nil)
        }
        if t.medianChange < 0 {
            let why = t.slowdownBeyondSpread > 0
                ? "\(HistoryFormat.percent(t.slowdownBeyondSpread)) slower beyond the repeats' spread, within the allowed \(allowance)"
                : "within the repeats' spread"
            return finding(.pass, .throughput, figures, "\(why) (\(spread))", nil, t.medianChange, nil)
        }
        return finding(t.medianChange > 0 ? .improvement : .pass, .throughput, figures,
                       t.medianChange > 0 ? "faster" : "unchanged", nil, t.medianChange, nil)
    }
}
