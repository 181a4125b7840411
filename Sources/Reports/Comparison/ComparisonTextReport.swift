import Foundation
import Harness
import Scoring

/// `report.txt`: the comparison for a terminal, in 100 columns: what was run
/// on what, the summary table, significance in plain words, per-type tables,
/// the schemes side by side, timings, the slowest documents, the most
/// frequent errors of each competitor, and the caveats.
public enum ComparisonTextReport {
    public static let width = 100

    public static func render(_ results: ComparisonResults, trend: ComparisonTrend? = nil, topErrors: Int = 10,
                              slowestDocuments: Int = 5, trendRuns: Int = 10) -> String {
        var out = ""
        header(results, into: &out)
        out += "\n"
        summary(results, into: &out)
        out += "\n"
        significance(results, into: &out)
        out += "\n"
        perType(results, into: &out)
        out += "\n"
        schemes(results, into: &out)
        if results.competitors.contains(where: { $0.timing != nil }) {
            out += "\n"
            timings(results, into: &out)
            out += "\n"
            slowest(results, limit: slowestDocuments, into: &out)
        }
        out += "\n"
        errors(results, limit: topErrors, into: &out)
        if let trend, !trend.runs.isEmpty {
            out += "\n"
            trendSection(trend, limit: trendRuns, into: &out)
        }
        if !results.notes.isEmpty {
            out += "\nNotes\n"
            for note in results.notes { out += wrap(note, indent: "  - ", continuation: "    ") }
        }
        return out
    }

    /// The summary table and the significance lines: what `mizan compare` prints.
    public static func summaryAndVerdicts(_ results: ComparisonResults) -> String {
        var out = ""
        summary(results, into: &out)
        out += "\n"
        significance(results, into: &out)
        return out
    }

    static func header(_ r: ComparisonResults, into out: inout String) {
        let s = r.settings
        out += "Mizan comparison · \(ComparisonWording.date(r.run.started)) · run \(r.run.id)\n"
        out += wrap("Data: \(r.data.description)", indent: "", continuation: "  ")
        var size = "\(NumberText.grouped(r.data.documents)) document\(r.data.documents == 1 ? "" : "s")"
        if let sentences = r.data.sentences { size += ", \(NumberText.grouped(sentences)) sentences" }
        size += ", \(NumberText.grouped(r.data.tokens)) tokens; gold "
        size += r.data.goldEntities.map { "\($0.type) \(NumberText.grouped($0.count))" }.joined(separator: ", ")
        out += wrap("Size: " + size, indent: "", continuation: "  ")
        if !s.typeMap.isEmpty {
            out += "Type map: " + s.typeMap.map { "\($0.from)→\($0.to)" }.joined(separator: ", ") + "\n"
        }
        out += wrap("Scheme: \(s.scheme.explanation)", indent: "", continuation: "  ")
        let unit = r.data.bootstrapUnit == .sentence ? "sentences" : "documents"
        out += wrap("Statistics: \(Int((s.confidence * 100).rounded()))% intervals by bootstrap over \(NumberText.grouped(r.data.units.count)) \(unit) "
                    + "(\(NumberText.grouped(s.resamples)) resamples, seed \(s.seed)); paired test against \(r.baseline): "
                    + "approximate randomization, \(NumberText.grouped(s.pairedTrials)) shuffles, α = \(NumberText.fixed(s.alpha, decimals: 2))",
                    indent: "", continuation: "  ")
        if r.competitors.contains(where: { $0.timing != nil }) {
            out += wrap("Timing: \(s.warmups) warm-up pass\(s.warmups == 1 ? "" : "es"), \(s.repeats) measured repeat\(s.repeats == 1 ? "" : "s")"
                        + (s.jobs > 1 ? ", then \(s.jobs) workers" : "") + "; machine: \(r.run.machine)", indent: "", continuation: "  ")
        }
    }

    static func summary(_ r: ComparisonResults, into out: inout String) {
        let scheme = r.settings.scheme
        var table = TextTable(["Competitor", "P", "R", "F1", "95% CI", "ΔF1", "p", "tokens/s", "p99 ms", "MiB"],
                              title: "Summary (\(ComparisonWording.schemeTitle(scheme)); P, R, F1 in %; ΔF1 against \(r.baseline))")
        for c in r.competitors {
            let o = c.scores(scheme).overall
            let ci = "\(NumberText.percent(o.f1Interval.lower))–\(NumberText.percent(o.f1Interval.upper))"
            let delta = c.versusBaseline.map { NumberText.signedPoints($0.deltaF1) } ?? "base"
            let p = c.versusBaseline.map { NumberText.pValue($0.pValue) } ?? "-"
            let rate = c.timing.map { ComparisonWording.rate($0.singleThreaded.tokensPerSecond.median) } ?? "-"
            let p99 = c.timing.map { ComparisonWording.milliseconds($0.singleThreaded.latency.p99) } ?? "-"
            let memory = c.timing.map { ComparisonWording.mebibytes($0.peakResidentBytes) } ?? "-"
            table.append([c.name, NumberText.percent(o.precision), NumberText.percent(o.recall), NumberText.percent(o.f1),
                          ci, delta, p, rate, p99, memory])
        }
        out += table.render(maxWidth: width)
    }

    static func significance(_ r: ComparisonResults, into out: inout String) {
        out += "Significance (against \(r.baseline), \(ComparisonWording.schemeTitle(r.settings.scheme)) F1)\n"
        let others = r.competitors.filter { $0.versusBaseline != nil }
        if others.isEmpty { out += "  one competitor: nothing to test\n" }
        for c in others {
            let paired = c.versusBaseline!
            var line = ComparisonWording.verdict(c.name, paired, alpha: r.settings.alpha)
            line += "; 95% CI of the difference \(NumberText.signedPoints(paired.deltaInterval.lower)) to \(NumberText.signedPoints(paired.deltaInterval.upper))"
            out += wrap(line, indent: "  ", continuation: "    ")
            let movers = paired.types.filter(\.significant)
            if !movers.isEmpty {
                // No-break spaces keep a type with its figures when the line wraps.
                let text = movers.map { "\($0.type)\u{00A0}\(NumberText.signedPoints($0.deltaF1))\u{00A0}(\(ComparisonWording.pText($0.pValue).replacingOccurrences(of: " ", with: "\u{00A0}")))" }
                out += wrap("significant per type: " + text.joined(separator: ", "), indent: "    ", continuation: "      ")
            }
        }
    }

    static func perType(_ r: ComparisonResults, into out: inout String) {
        let scheme = r.settings.scheme
        let types = r.settings.types
        // F1 per type side by side.
        var grid = TextTable(["Competitor"] + types + ["micro", "macro", "weighted"],
                             title: "F1 per type (\(ComparisonWording.schemeTitle(scheme)), %)")
        for c in r.competitors {
            let s = c.scores(scheme)
            grid.append([c.name] + types.map { t in s.type(t).map { NumberText.percent($0.f1) } ?? "-" }
                        + [NumberText.percent(s.overall.f1), NumberText.percent(s.macro.f1), NumberText.percent(s.weighted.f1)])
        }
        out += grid.render(maxWidth: width)
        for c in r.competitors {
            let s = c.scores(scheme)
            out += "\n"
            var table = TextTable(["Type", "P", "R", "F1", "95% CI", "support", "predicted", "ΔF1", "p"],
                                  title: "\(c.name): per type (\(ComparisonWording.schemeTitle(scheme)))")
            for f in s.types + [s.overall] {
                let name = f.type ?? "micro"
                let difference = c.versusBaseline.flatMap { v in f.type == nil
                    ? PairedResult.TypeDifference(type: "", deltaF1: v.deltaF1, pValue: v.pValue, significant: v.significant)
                    : v.types.first { $0.type == name } }
                table.append([name, NumberText.percent(f.precision), NumberText.percent(f.recall), NumberText.percent(f.f1),
                              "\(NumberText.percent(f.f1Interval.lower))–\(NumberText.percent(f.f1Interval.upper))",
                              NumberText.grouped(f.support), NumberText.grouped(f.predicted),
                              difference.map { NumberText.signedPoints($0.deltaF1) } ?? "-",
                              difference.map { NumberText.pValue($0.pValue) } ?? "-"])
            }
            for (label, a) in [("macro", s.macro), ("weighted", s.weighted)] {
                table.append([label, NumberText.percent(a.precision), NumberText.percent(a.recall), NumberText.percent(a.f1),
                              "\(NumberText.percent(a.f1Interval.lower))–\(NumberText.percent(a.f1Interval.upper))"])
            }
            out += table.render(maxWidth: width)
        }
    }

    static func schemes(_ r: ComparisonResults, into out: inout String) {
        var table = TextTable(["Competitor"] + ComparisonScheme.allCases.map(ComparisonWording.schemeTitle) + ["accuracy"],
                              title: "Overall F1 under every scheme (%; accuracy: tokens whose tags agree, O included)")
        for c in r.competitors {
            table.append([c.name] + c.schemes.map { NumberText.percent($0.overall.f1) } + [c.accuracy.map { NumberText.percent($0) } ?? "-"])
        }
        out += table.render(maxWidth: width)
        out += "\n"
        var kinds = TextTable(["Competitor", "exact", "boundary", "type", "both", "missed", "spurious"],
                              title: "CoNLL errors by kind (boundary: right type, wrong span; type: right span, wrong type)")
        for c in r.competitors {
            let k = c.errorKinds
            kinds.append([c.name] + [k.exact, k.wrongBoundary, k.wrongType, k.wrongBoth, k.missed, k.spurious].map(NumberText.grouped))
        }
        out += kinds.render(maxWidth: width)
    }

    static func timings(_ r: ComparisonResults, into out: inout String) {
        var table = TextTable(["Competitor", "load s", "tokens/s", "min–max", "chars/s", "docs/s", "p50 ms", "p90 ms", "p99 ms"],
                              title: "Extraction speed, one thread (median of \(r.settings.repeats) repeats; load time not included)")
        for c in r.competitors {
            guard let t = c.timing else { continue }
            let s = t.singleThreaded
            table.append([c.name, NumberText.fixed(t.loadingSeconds, decimals: 2), ComparisonWording.rate(s.tokensPerSecond.median),
                          "\(ComparisonWording.rate(s.tokensPerSecond.min))–\(ComparisonWording.rate(s.tokensPerSecond.max))",
                          ComparisonWording.rate(s.charactersPerSecond.median), NumberText.fixed(s.documentsPerSecond.median, decimals: 1),
                          ComparisonWording.milliseconds(s.latency.p50), ComparisonWording.milliseconds(s.latency.p90),
                          ComparisonWording.milliseconds(s.latency.p99)])
        }
        out += table.render(maxWidth: width)
        let parallel = r.competitors.compactMap { c in c.timing?.parallel.map { (c, $0) } }
        if !parallel.isEmpty {
            out += "\n"
            var p = TextTable(["Competitor", "workers", "tokens/s", "min–max", "speed-up", "peak MiB"],
                              title: "With workers (throughput of the pool), and peak resident memory")
            for (c, t) in parallel {
                let single = c.timing!.singleThreaded.tokensPerSecond.median
                p.append([c.name, "\(t.jobs)", ComparisonWording.rate(t.tokensPerSecond.median),
                          "\(ComparisonWording.rate(t.tokensPerSecond.min))–\(ComparisonWording.rate(t.tokensPerSecond.max))",
                          single > 0 ? NumberText.fixed(t.tokensPerSecond.median / single, decimals: 2) + "×" : "n/a",
                          ComparisonWording.mebibytes(c.timing!.peakResidentBytes)])
            }
            out += p.render(maxWidth: width)
        }
    }

    static func slowest(_ r: ComparisonResults, limit: Int, into out: inout String) {
        var table = TextTable(["Competitor", "Document", "ms", "tokens", "tokens/s"],
                              title: "Slowest documents (median over repeats, one thread)")
        for c in r.competitors {
            guard let t = c.timing else { continue }
            for d in t.slowestDocuments.prefix(limit) {
                table.append([c.name, d.document, ComparisonWording.milliseconds(d.seconds), NumberText.grouped(d.tokens),
                              d.seconds > 0 ? ComparisonWording.rate(Double(d.tokens) / d.seconds) : "n/a"])
            }
        }
        out += table.render(maxWidth: width)
    }

    static func errors(_ r: ComparisonResults, limit: Int, into out: inout String) {
        out += "Most frequent errors (CoNLL scheme; FN: gold entity not found as is, FP: wrong prediction)\n"
        for c in r.competitors {
            out += "\n"
            var table = TextTable(columns: [.init("×", alignment: .right), .init("Kind"), .init("Type"), .init("Text", alignment: .left),
                                            .init("Why"), .init("Example", alignment: .left)],
                                  title: "\(c.name): \(NumberText.grouped(c.falseNegatives)) FN, \(NumberText.grouped(c.falsePositives)) FP")
            for (e, n) in ComparisonWording.topErrors(c, limit: limit) {
                var why = ComparisonWording.categoryLabel(e.category)
                if let a = e.alignedWith { why += " (\(e.kind == .falseNegative ? "found" : "gold") \(a.type) «\(a.text)»)" }
                table.append(["\(n)", ComparisonWording.kindLabel(e.kind), e.type, e.text, why,
                              "\(e.document)" + (e.line.map { ":\($0)" } ?? "")])
            }
            out += table.render(maxWidth: width)
        }
    }

    static func trendSection(_ trend: ComparisonTrend, limit: Int, into out: inout String) {
        let runs = trend.runs.suffix(limit)
        out += "Trend over the last \(runs.count) recorded run\(runs.count == 1 ? "" : "s") (oldest first; this run last)\n"
        for (title, values, format) in [
            ("F1 (overall, CoNLL, %)", { (r: ComparisonTrend.Run) in r.f1 }, { (x: Double) in NumberText.percent(x) }),
            ("Tokens/s (median, one thread)", { (r: ComparisonTrend.Run) in r.tokensPerSecond }, { (x: Double) in ComparisonWording.rate(x) }),
        ] {
            out += "\n"
            var table = TextTable(columns: [.init("Run", alignment: .left)] + trend.competitors.map { .init($0) } + [.init("Remark", alignment: .left)], title: title)
            for run in runs {
                table.append([run.id] + values(run).map { $0.map(format) ?? "-" } + [trend.remark(run)])
            }
            out += table.render(maxWidth: width)
        }
    }

    /// `text` wrapped at `width` columns on spaces.
    static func wrap(_ text: String, indent: String, continuation: String) -> String {
        var lines: [String] = []
        var line = indent
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = String(word)
            if lineHasWord, DisplayWidth.of(line) + 1 + DisplayWidth.of(w) > width {
                lines.append(line)
                line = continuation + w
            } else {
                line += (lineHasWord ? " " : "") + w
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
