import Corpus
import Foundation

// Plain-text views of the history for the terminal (`mizan history`, `mizan
// history show`, `mizan diff`, `mizan check`), readable in 100 columns.

extension RunRecord {
    /// One line naming the run: id, time, commit, Mizan version.
    public var headline: String {
        "\(id)  \(HistoryFormat.time(time)) UTC  commit \(git?.short ?? "none")  Mizan \(mizanVersion)"
    }

    /// Everything about the run: identity, machine, corpus, and per competitor
    /// its scores under every scheme, per-type scores under the run's scheme,
    /// and timings.
    public func renderDetails() -> String {
        var lines: [String] = []
        lines.append("run      \(headline)")
        lines.append("machine  \(machine.cpu), \(machine.cores) cores, \(HistoryFormat.fixed(Double(machine.memoryBytes) / 1_073_741_824, 1)) GiB; \(machine.host); \(machine.os)")
        lines.append("corpus   \(corpus.path)  hash \(corpus.contentHash)  \(HistoryFormat.grouped(corpus.documents)) documents, \(HistoryFormat.grouped(corpus.tokens)) tokens")
        lines.append("seed     \(seed); per-document counts and gate under \(scheme)")
        for c in competitors {
            lines.append("")
            lines.append("\(c.name)  (\(c.kind == .configuration ? "configuration" : "outside system"), hash \(HistoryFormat.hash(c.configurationHash)))")
            var rows: [[String]] = [["scheme", "P", "R", "F1", "F1 95% CI", "tp/fp/fn or COR/INC/PAR/MIS/SPU"]]
            for s in c.scores {
                rows.append(Self.scoreRow(s.scheme.rawValue, s.overall))
            }
            lines.append(HistoryFormat.table(rows, indent: "  "))
            if let s = c.scores(scheme) {
                var typeRows: [[String]] = [["type (\(scheme))", "P", "R", "F1", "F1 95% CI", "counts"]]
                for type in CompetitorComparison.reportOrder(Set(s.types.keys)) {
                    typeRows.append(Self.scoreRow(type.name, s.types[type]!))
                }
                if typeRows.count > 1 { lines.append(HistoryFormat.table(typeRows, indent: "  ")) }
            }
            if let t = c.timings, let tps = t.tokensPerSecond {
                lines.append("  speed  tokens/s \(HistoryFormat.rate(tps.median)) (min \(HistoryFormat.rate(tps.min)), max \(HistoryFormat.rate(tps.max)), \(t.repeatSeconds.count) repeats: \(t.repeatSeconds.map { HistoryFormat.fixed($0, 3) + " s" }.joined(separator: ", ")))")
                var extra: [String] = []
                if let l = t.latency {
                    extra.append("latency p50 \(HistoryFormat.duration(l.p50)), p90 \(HistoryFormat.duration(l.p90)), p99 \(HistoryFormat.duration(l.p99))")
                }
                if let m = t.peakMemoryBytes { extra.append("peak memory \(HistoryFormat.memory(m))") }
                if !extra.isEmpty { lines.append("         " + extra.joined(separator: "; ")) }
            }
            lines.append("  documents with counts: \(HistoryFormat.grouped(c.documentCounts.byDocument.count))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func scoreRow(_ label: String, _ s: Score) -> [String] {
        let ci = (s.f1Low != nil && s.f1High != nil)
            ? "[\(HistoryFormat.points(s.f1Low)), \(HistoryFormat.points(s.f1High))]" : "-"
        var counts = "-"
        if let c = s.counts { counts = "\(c.tp)/\(c.fp)/\(c.fn)" }
        if let o = s.outcomes { counts = "\(o.correct)/\(o.incorrect)/\(o.partial)/\(o.missed)/\(o.spurious)" }
        return [label, HistoryFormat.points(s.precision), HistoryFormat.points(s.recall), HistoryFormat.points(s.f1), ci, counts]
    }
}

extension HistoryStore {
    /// The `mizan history` listing. Without `competitor`: one line per run with
    /// every competitor's F1. With it: that competitor's F1 and tokens/s per run,
    /// newest first, marking where the corpus or configuration changed.
    public static func renderList(_ runs: [RunSummary], competitor: String?) -> String {
        guard !runs.isEmpty else {
            return competitor.map { "no recorded runs with a competitor named \($0)\n" } ?? "no recorded runs\n"
        }
        if let competitor {
            var rows: [[String]] = [["run", "time (UTC)", "commit", "corpus", "config", "F1", "tokens/s"]]
            for run in runs {
                guard let c = run.competitors.first(where: { $0.name == competitor }) else { continue }
                rows.append([run.id, HistoryFormat.time(run.time), run.git?.short ?? "-",
                             String(run.corpus.contentHash.prefix(8)), String(c.configurationHash.prefix(8)),
                             HistoryFormat.points(c.f1), c.tokensPerSecond.map(HistoryFormat.rate) ?? "-"])
            }
            return "\(competitor): F1 (\(runs[0].scheme)) and median tokens/s, newest first\n"
                + HistoryFormat.table(rows) + "\n"
        }
        var rows: [[String]] = [["run", "time (UTC)", "commit", "corpus", "F1 per competitor"]]
        for run in runs {
            let scores = run.competitors.map { "\($0.name) \(HistoryFormat.points($0.f1))" }.joined(separator: ", ")
            rows.append([run.id, HistoryFormat.time(run.time), run.git?.short ?? "-",
                         "\(String(run.corpus.contentHash.prefix(8))) (\(run.corpus.documents) docs)", scores])
        }
        return HistoryFormat.table(rows) + "\n"
    }
}

extension RunComparison {
    /// The `mizan diff` view: per competitor, F1 per type with the paired test's
    /// p-value where the corpora match, P and R, overall F1 per scheme, and speed.
    public func render() -> String {
        var lines: [String] = []
        lines.append("A  \(baseline.headline)")
        lines.append("B  \(current.headline)")
        if corpusMatches {
            lines.append("same corpus (\(HistoryFormat.hash(current.corpus.contentHash)), \(current.corpus.documents) documents): p-values from a \(testSummary)")
        } else {
            lines.append("WARNING: the corpora differ (A \(HistoryFormat.hash(baseline.corpus.contentHash)), \(baseline.corpus.documents) documents, \(baseline.corpus.path); B \(HistoryFormat.hash(current.corpus.contentHash)), \(current.corpus.documents) documents, \(current.corpus.path)).")
            lines.append("The figures below are side by side, not paired: no significance test is possible.")
        }
        if !schemeMatches {
            lines.append("WARNING: the runs' schemes differ (A \(baseline.scheme), B \(current.scheme)): F1 is shown under \(current.scheme), untested.")
        }
        if !sameHardware {
            lines.append("note: timed on different hardware (A \(baseline.machine.cpu) x\(baseline.machine.cores), B \(current.machine.cpu) x\(current.machine.cores)).")
        }
        for c in competitors {
            lines.append("")
            switch c.presence {
            case .onlyBaseline: lines.append("\(c.name): only in A"); continue
            case .onlyCurrent: lines.append("\(c.name): only in B"); continue
            case .both: break
            }
            let config = c.configurationChanged
                ? "configuration CHANGED \(HistoryFormat.hash(c.baselineHash ?? "")) -> \(HistoryFormat.hash(c.currentHash ?? ""))"
                : "configuration unchanged \(HistoryFormat.hash(c.currentHash ?? ""))"
            lines.append("\(c.name)  (\(config))")
            var rows: [[String]] = [["type (\(current.scheme))", "F1 A", "F1 B", "change", "p", "P A -> B", "R A -> B"]]
            for f in c.f1 {
                let p = f.pValue.map { HistoryFormat.p($0).replacingOccurrences(of: "p = ", with: "").replacingOccurrences(of: "p ", with: "") }
                    ?? (corpusMatches ? "-" : "n/a")
                rows.append([f.label, HistoryFormat.points(f.baseline?.f1), HistoryFormat.points(f.current?.f1),
                             f.deltaPoints.map(HistoryFormat.signedPoints) ?? "-", p,
                             "\(HistoryFormat.points(f.baseline?.precision)) -> \(HistoryFormat.points(f.current?.precision))",
                             "\(HistoryFormat.points(f.baseline?.recall)) -> \(HistoryFormat.points(f.current?.recall))"])
            }
            lines.append(HistoryFormat.table(rows, indent: "  "))
            let untested = Set(c.f1.compactMap(\.untested))
            if corpusMatches, !untested.isEmpty {
                lines.append("  no paired test where p is '-': \(untested.sorted().joined(separator: "; "))")
            }
            let schemes = c.schemes.filter { $0.scheme != current.scheme }.map {
                "\($0.scheme) \(HistoryFormat.points($0.baseline)) -> \(HistoryFormat.points($0.current))"
            }
            if !schemes.isEmpty { lines.append("  overall F1 under other schemes: " + schemes.joined(separator: ", ")) }
            if let t = c.throughput {
                var speed = "  speed: tokens/s \(HistoryFormat.rate(t.baseline.median)) -> \(HistoryFormat.rate(t.current.median)) (\(HistoryFormat.signedPercent(t.medianChange)); repeats \(HistoryFormat.rate(t.baseline.min))-\(HistoryFormat.rate(t.baseline.max)) -> \(HistoryFormat.rate(t.current.min))-\(HistoryFormat.rate(t.current.max)))"
                if t.baselineLatencyP99 != nil || t.currentLatencyP99 != nil {
                    speed += "; p99 latency \(HistoryFormat.duration(t.baselineLatencyP99)) -> \(HistoryFormat.duration(t.currentLatencyP99))"
                }
                if t.baselinePeakMemory != nil || t.currentPeakMemory != nil {
                    speed += "; peak memory \(HistoryFormat.memory(t.baselinePeakMemory)) -> \(HistoryFormat.memory(t.currentPeakMemory))"
                }
                lines.append(speed)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension GateReport {
    /// The `mizan check` output: what was compared, every finding with its
    /// reason, and the verdict on the last line.
    public func render() -> String {
        var lines: [String] = []
        let b = comparison.baseline, r = comparison.current
        lines.append("baseline  \(baselineSource): \(b.headline)")
        lines.append("run       \(r.headline)")
        let corpus = comparison.corpusMatches
            ? "same: \(HistoryFormat.hash(r.corpus.contentHash)) (\(HistoryFormat.grouped(r.corpus.documents)) documents, \(HistoryFormat.grouped(r.corpus.tokens)) tokens)"
            : "changed: \(HistoryFormat.hash(b.corpus.contentHash)) -> \(HistoryFormat.hash(r.corpus.contentHash))"
        lines.append("corpus    \(corpus)")
        lines.append("F1        under \(r.scheme): fails on a drop with p < \(HistoryFormat.plain(policy.alpha)) (\(comparison.testSummary))"
                     + (policy.maxF1Drop.map { " or a drop over \(HistoryFormat.plain($0)) points" } ?? ""))
        lines.append("speed     fails when \(HistoryFormat.percent(policy.maxSlowdown)) slower beyond the spread of the repeats")
        lines.append("")
        // Findings with their reasons on the following line, grouped by competitor.
        // The verdict column has a fixed width, so that `FAIL` lines can be grepped.
        let rows = findings.map { f in
            [f.verdict.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0), f.competitor ?? "(run)", f.subject, f.figures]
        }
        let table = HistoryFormat.table(rows).split(separator: "\n", omittingEmptySubsequences: false)
        for (line, f) in zip(table, findings) {
            lines.append(String(line))
            if f.reason != "unchanged" { lines.append(String(repeating: " ", count: 9) + f.reason) }
        }
        lines.append("")
        if passed {
            let changes = findings.filter { $0.verdict == .changed }.count
            lines.append("PASS: no regression in \(findings.count) comparisons" + (changes > 0 ? "; \(changes) change\(changes == 1 ? "" : "s") reported, not gated" : ""))
        } else {
            let list = regressions.map { f in
                "\(f.competitor ?? "run") \(f.subject) (\(f.aspect == .throughput ? HistoryFormat.signedPercent(f.change ?? 0) : HistoryFormat.signedPoints(f.change ?? 0) + " points"))"
            }
            lines.append("FAIL: \(regressions.count) regression\(regressions.count == 1 ? "" : "s"): " + list.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
