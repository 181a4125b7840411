import Corpus
import Foundation
import Scoring

/// The text form of a `ScoreResult`: conlleval.pl's block first, in its exact
/// layout (so scripts that read conlleval output read this), then how the input
/// was read, the raw counts with micro/macro/weighted averages, the SemEval
/// schemes when asked, the confusion matrix, the error breakdown and the listed errors.
public enum ScoreTextReport {
    public static func render(_ result: ScoreResult, scheme: ScoreReportScheme, inputDescription: String) -> String {
        var out = ""
        conllevalBlock(result, into: &out)
        out += "\n"
        settings(result, inputDescription: inputDescription, into: &out)
        out += "\n"
        countsTable(result, into: &out)
        for s in scheme.semevalSchemes {
            out += "\n"
            semevalTable(result, scheme: s, into: &out)
        }
        out += "\n"
        confusion(result, into: &out)
        out += "\n"
        breakdown(result, into: &out)
        if !result.errors.isEmpty {
            out += "\n"
            errors(result, into: &out)
        }
        return out
    }

    static func pct(_ x: Double) -> String { String(format: "%6.2f", 100 * x) }

    /// conlleval.pl's output: totals line, overall line, one line per type with
    /// the number of predicted phrases last.
    static func conllevalBlock(_ result: ScoreResult, into out: inout String) {
        let total = result.total
        let overall = total.conllOverall
        let micro = overall.scores(zeroDivision: result.options.zeroDivision)
        let unit = total.tokens > 0 || result.tagging != nil ? "tokens" : "documents"
        let processed = unit == "tokens" ? total.tokens : result.documents.count
        out += "processed \(processed) \(unit) with \(overall.support) phrases; found: \(overall.predicted) phrases; correct: \(overall.tp).\n"
        if let accuracy = total.accuracy {
            out += "accuracy: \(pct(accuracy))%; "
        }
        out += "precision: \(pct(micro.precision))%; recall: \(pct(micro.recall))%; FB1: \(pct(micro.f1))\n"
        for t in result.types.indices {
            let c = total.conll[t]
            guard c.support + c.predicted > 0 else { continue }
            let s = c.scores(zeroDivision: result.options.zeroDivision)
            out += pad(result.types[t].name, 17) + ": "
            out += "precision: \(pct(s.precision))%; recall: \(pct(s.recall))%; FB1: \(pct(s.f1))  \(c.predicted)\n"
        }
    }

    static func settings(_ result: ScoreResult, inputDescription: String, into out: inout String) {
        out += "input: \(inputDescription)\n"
        if let tagging = result.tagging {
            let policy: String
            switch tagging.policy {
            case .begin: policy = "begin (repaired as conlleval.pl and seqeval do: a tag that cannot continue starts an entity)"
            case .discard: policy = "discard (dropped as seqeval's strict mode does)"
            case .error: policy = "error (any invalid sequence stops scoring)"
            }
            out += "tags: \(tagging.scheme); invalid sequences: \(policy)\n"
            out += "invalid sequences found: gold \(describe(tagging.goldViolations)); predicted \(describe(tagging.predictedViolations))\n"
        }
        let o = result.options
        if !o.typeMap.isEmpty {
            out += "type map: " + o.typeMap.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "\n"
        }
        if let types = o.types {
            out += "types scored: " + types.sorted().map(\.name).joined(separator: ", ") + "\n"
        }
        if !result.excludedGold.isEmpty || !result.excludedPredicted.isEmpty {
            out += "excluded by --types (not in any count): gold \(describe(result.excludedGold)); predicted \(describe(result.excludedPredicted))\n"
        }
        if result.unalignedGold + result.unalignedPredicted > 0 {
            out += "entities overlapping no gold token (not scored): gold \(result.unalignedGold); predicted \(result.unalignedPredicted)\n"
        }
        out += "zero division: \(o.zeroDivision == 0 ? "0" : "1") (the value of 0/0 in precision and recall)\n"
    }

    static func describe(_ v: TagViolationSummary) -> String {
        guard v.total > 0 else { return "none" }
        let kinds = TagViolation.Kind.allCases.compactMap { k in v.counts[k].map { "\(k.rawValue) ×\($0)" } }.joined(separator: ", ")
        var s = "\(v.total) (\(kinds)"
        if let first = v.first { s += "; first at \(first.file):\(first.line)" }
        return s + ")"
    }

    static func describe(_ counts: [EntityType: Int]) -> String {
        counts.isEmpty ? "none" : counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }

    static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let n = s.unicodeScalars.count
        guard n < width else { return s }
        let fill = String(repeating: " ", count: width - n)
        return left ? s + fill : fill + s
    }

    static func countsTable(_ result: ScoreResult, into out: inout String) {
        let zd = result.options.zeroDivision
        let averages = result.conllAverages()
        let total = result.total
        let width = max(8, (result.types.map { $0.name.unicodeScalars.count }.max() ?? 0))
        out += "CoNLL exact match (type, start and end must all agree)\n"
        out += pad("type", width, left: true) + pad("tp", 8) + pad("fp", 8) + pad("fn", 8) + pad("support", 9) + pad("precision", 11) + pad("recall", 9) + pad("F1", 9) + "\n"
        func line(_ name: String, _ c: Counts?, _ s: PRF) {
            out += pad(name, width, left: true)
            if let c {
                out += pad("\(c.tp)", 8) + pad("\(c.fp)", 8) + pad("\(c.fn)", 8) + pad("\(c.support)", 9)
            } else {
                out += String(repeating: " ", count: 33)
            }
            out += pad(pct(s.precision) + "%", 11) + pad(pct(s.recall) + "%", 9) + pad(pct(s.f1), 9) + "\n"
        }
        for t in result.types.indices where total.conll[t].support + total.conll[t].predicted > 0 {
            line(result.types[t].name, total.conll[t], total.conll[t].scores(zeroDivision: zd))
        }
        line("micro", total.conllOverall, averages.micro)
        line("macro", nil, averages.macro)
        line("weighted", nil, averages.weighted)
    }

    static func semevalTable(_ result: ScoreResult, scheme: SemEvalScheme, into out: inout String) {
        let zd = result.options.zeroDivision
        let rows = result.total.semevalRows(scheme)
        let averages = result.semevalAverages(scheme)
        let width = max(8, (result.types.map { $0.name.unicodeScalars.count }.max() ?? 0))
        let explain: [String: String] = [
            "strict": "exact boundaries and type",
            "exact": "exact boundaries, any type",
            "partial": "overlapping boundaries, any type; partial matches count half",
            "type": "overlapping boundaries and the same type",
        ]
        out += "SemEval-2013 \(scheme.name) (\(explain[scheme.name] ?? "")); per type: COR/INC/PAR/MIS by gold type, SPU by predicted type\n"
        out += pad("type", width, left: true)
        for h in ["COR", "INC", "PAR", "MIS", "SPU", "POS", "ACT"] { out += pad(h, 7) }
        out += pad("precision", 11) + pad("recall", 9) + pad("F1", 9) + "\n"
        func line(_ name: String, _ c: SemEvalCounts?, _ s: PRF) {
            out += pad(name, width, left: true)
            if let c {
                for v in [c.cor, c.inc, c.par, c.mis, c.spu, c.possible, c.actual] { out += pad("\(v)", 7) }
            } else {
                out += String(repeating: " ", count: 49)
            }
            out += pad(pct(s.precision) + "%", 11) + pad(pct(s.recall) + "%", 9) + pad(pct(s.f1), 9) + "\n"
        }
        for t in result.types.indices where rows[t].possible + rows[t].actual > 0 {
            line(result.types[t].name, rows[t], rows[t].scores(zeroDivision: zd))
        }
        line("micro", Average.sum(rows), averages.micro)
        line("macro", nil, averages.macro)
        line("weighted", nil, averages.weighted)
    }

    static func confusion(_ result: ScoreResult, into out: inout String) {
        let m = result.total.confusion
        let names = result.types.map(\.name)
        let width = max(10, (names.map { $0.unicodeScalars.count }.max() ?? 0) + 2)
        let rowWidth = max(16, width)
        out += "confusion matrix (rows: gold type, columns: predicted type; aligned overlapping pairs)\n"
        out += pad("gold \\ predicted", rowWidth, left: true)
        for n in names { out += pad(n, width) }
        out += pad("MISSED", width) + "\n"
        for g in names.indices {
            out += pad(names[g], rowWidth, left: true)
            for p in names.indices { out += pad("\(m[gold: g, predicted: p])", width) }
            out += pad("\(m[gold: g, predicted: nil])", width) + "\n"
        }
        out += pad("SPURIOUS", rowWidth, left: true)
        for p in names.indices { out += pad("\(m[gold: nil, predicted: p])", width) }
        out += pad("-", width) + "\n"
    }

    static func breakdown(_ result: ScoreResult, into out: inout String) {
        let b = result.total.boundaryOverall
        out += "errors by kind: right type, wrong boundary \(b.wrongBoundary); wrong type, right boundary \(b.wrongType); "
        out += "both wrong \(b.wrongBoth); missed \(b.missed); spurious \(b.spurious)\n"
        out += "(false negatives \(result.falseNegatives) = \(b.wrongBoundary) + \(b.wrongType) + \(b.wrongBoth) + \(b.missed) missed; "
        out += "false positives \(result.falsePositives) = \(b.wrongBoundary) + \(b.wrongType) + \(b.wrongBoth) + \(b.spurious) spurious)\n"
    }

    static func errors(_ result: ScoreResult, into out: inout String) {
        let all = result.falsePositives + result.falseNegatives
        out += "errors (first \(result.errors.count) of \(all); FN = missed gold entity, FP = wrong prediction)\n"
        let labels: [EntityError.Category: String] = [
            .wrongBoundary: "right type, wrong boundary", .wrongType: "wrong type, right boundary",
            .wrongBoth: "wrong type and boundary", .missed: "missed", .spurious: "spurious",
        ]
        for e in result.errors {
            var head = e.kind == .falseNegative ? "FN" : "FP"
            head += "  \(e.document)"
            if let line = e.line { head += ":\(line)" }
            head += "  \(e.entity.type) [\(e.entity.start), \(e.entity.end)) \"\(e.entity.text)\"  \(labels[e.category] ?? "")"
            if let p = e.partner {
                head += "; \(e.kind == .falseNegative ? "predicted" : "gold") \(p.type) [\(p.start), \(p.end)) \"\(p.text)\""
            }
            out += head + "\n"
            out += "    …\(e.leftContext)[\(e.entity.text)]\(e.rightContext)…\n"
        }
    }
}
