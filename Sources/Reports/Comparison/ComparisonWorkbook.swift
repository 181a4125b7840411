import Foundation
import Harness
import Scoring

/// `comparison.xlsx`: the comparison as a spreadsheet a team can open, sort
/// and filter. Sheets, in order:
///
/// - **Summary**: one row per competitor: P, R, F1 with its interval, ΔF1
///   against the baseline with the p-value, tokens/s, p99 latency, peak memory.
/// - **Per type**: competitor × type P/R/F1/support under the chosen scheme,
///   and a clustered column chart of F1 per type per competitor.
/// - **Schemes**: COR/INC/PAR/MIS/SPU and P/R/F1 under strict, exact, partial
///   and type; micro, macro and weighted F1 under every scheme.
/// - **Confusion**: one matrix per competitor, with MISSED and SPURIOUS.
/// - **Errors**: every false positive and false negative with its context
///   (the entity between « and »), right to left.
/// - **Timings**: every repeat, the latency percentiles, the slowest documents.
/// - **Run**: when, what, where, with which settings and hashes.
/// - **Trend** (when the run history is kept): F1 and tokens/s per competitor
///   over the recorded runs, with a line chart of each.
///
/// Fractions are written as numbers formatted as percentages, never as text;
/// a missing value is a blank cell.
public enum ComparisonWorkbook {
    public static let sheetNames = ["Summary", "Per type", "Schemes", "Confusion", "Errors", "Timings", "Run"]
    public static let trendSheetName = "Trend"

    static let percent = XLSXStyle.percent
    /// A difference of fractions in points, with its sign: +8.1% / −2.0%.
    static let signedPercent = XLSXStyle(numberFormat: "+0.0%;-0.0%;0.0%")
    static let pValue = XLSXStyle(numberFormat: "0.0000")
    static let integer = XLSXStyle.integer
    static let milliseconds = XLSXStyle(numberFormat: "#,##0.000")
    static let seconds = XLSXStyle(numberFormat: "#,##0.000")
    static let mebibytes = XLSXStyle.decimal(1)
    static let title = XLSXStyle(bold: true)
    static let arabic = XLSXStyle.rightToLeftText

    public static func write(_ results: ComparisonResults, trend: ComparisonTrend? = nil, to path: String) throws {
        let properties = XLSXDocumentProperties(
            title: "Mizan comparison \(results.run.id)", subject: results.data.description, author: "Mizan \(results.run.mizanVersion)",
            keywords: "named entities, Arabic, evaluation", comments: "schema \(results.schema)", created: results.run.started)
        try XLSXWorkbook.write(to: path, properties: properties) { book in
            try summary(results, book.addWorksheet(sheetNames[0]))
            try perType(results, book.addWorksheet(sheetNames[1]))
            try schemes(results, book.addWorksheet(sheetNames[2]))
            try confusion(results, book.addWorksheet(sheetNames[3]))
            try errors(results, book.addWorksheet(sheetNames[4]))
            try timings(results, book.addWorksheet(sheetNames[5]))
            try run(results, book.addWorksheet(sheetNames[6]))
            if let trend, !trend.runs.isEmpty {
                try Self.trend(trend, book.addWorksheet(trendSheetName))
            }
        }
    }

    // MARK: - Summary

    static func summary(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        let scheme = r.settings.scheme
        let table = XLSXTable(columns: [
            .init("Competitor", style: .bold),
            .init("Kind"),
            .init("P", style: percent, best: .higherIsBetter),
            .init("R", style: percent, best: .higherIsBetter),
            .init("F1", style: percent, best: .higherIsBetter, colorScale: .higherIsBetter),
            .init("F1 95% low", style: percent),
            .init("F1 95% high", style: percent),
            .init("ΔF1 vs \(r.baseline)", style: signedPercent, best: .higherIsBetter),
            .init("p-value", style: pValue),
            .init("Significant", width: 12),
            .init("Tokens/s", style: integer, best: .higherIsBetter),
            .init("p99 latency (ms)", style: milliseconds, best: .lowerIsBetter),
            .init("Peak memory (MiB)", style: mebibytes, best: .lowerIsBetter),
            .init("Load (s)", style: seconds, best: .lowerIsBetter),
        ], rows: r.competitors.map { c in
            let o = c.scores(scheme).overall
            let v = c.versusBaseline
            return [
                .text(c.name), .text(c.kind.rawValue),
                .number(o.precision), .number(o.recall), .number(o.f1),
                .number(o.f1Interval.lower), .number(o.f1Interval.upper),
                v.map { .number($0.deltaF1) } ?? .text("baseline"),
                XLSXValue(v?.pValue),
                v.map { .text($0.significant ? ($0.deltaF1 > 0 ? "better" : "worse") : "no") } ?? .blank,
                XLSXValue(c.timing?.singleThreaded.tokensPerSecond.median),
                XLSXValue(c.timing.map { $0.singleThreaded.latency.p99 * 1000 }),
                XLSXValue(c.timing?.peakResidentBytes.map { Double($0) / 1_048_576 }),
                XLSXValue(c.timing?.loadingSeconds),
            ]
        })
        let placement = try sheet.write(table)
        var row = placement.headerRow + placement.rowCount + 2
        try sheet.write(.text("Scheme: \(scheme.explanation)."), row: row, column: 0)
        row += 1
        try sheet.write(.text("F1 interval: \(Int((r.settings.confidence * 100).rounded()))% bootstrap over \(r.data.units.count) \(r.data.bootstrapUnit.rawValue)s, \(r.settings.resamples) resamples, seed \(r.settings.seed). p-value: approximate randomization against \(r.baseline), \(r.settings.pairedTrials) shuffles; significant at α = \(r.settings.alpha)."), row: row, column: 0)
        row += 1
        for c in r.competitors {
            guard let v = c.versusBaseline else { continue }
            try sheet.write(.text(ComparisonWording.verdict(c.name, v, alpha: r.settings.alpha)), row: row, column: 0)
            row += 1
        }
        for note in r.notes {
            try sheet.write(.text(note), row: row, column: 0, style: XLSXStyle(italic: true))
            row += 1
        }
    }

    // MARK: - Per type

    static func perType(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        let scheme = r.settings.scheme
        var rows: [[XLSXValue]] = []
        for c in r.competitors {
            let s = c.scores(scheme)
            for f in s.types {
                let difference = c.versusBaseline?.types.first { $0.type == f.type }
                rows.append([.text(c.name), .text(f.type ?? ""), .number(f.precision), .number(f.recall), .number(f.f1),
                             .number(f.f1Interval.lower), .number(f.f1Interval.upper), .number(Double(f.support)),
                             .number(Double(f.predicted)), XLSXValue(difference?.deltaF1), XLSXValue(difference?.pValue)])
            }
        }
        let table = XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Type"),
            .init("P", style: percent), .init("R", style: percent), .init("F1", style: percent, colorScale: .higherIsBetter),
            .init("F1 95% low", style: percent), .init("F1 95% high", style: percent),
            .init("Support", style: integer), .init("Predicted", style: integer),
            .init("ΔF1 vs \(r.baseline)", style: signedPercent), .init("p-value", style: pValue),
        ], rows: rows)
        let placement = try sheet.write(table)

        // F1 matrix: a row per type, a column per competitor; the chart's data.
        let types = r.settings.types
        let matrixColumn = placement.columnCount + 1
        try sheet.write(.text("F1 per type (\(ComparisonWording.schemeTitle(scheme)))"), row: 0, column: matrixColumn - 0, style: title)
        let matrix = XLSXTable(
            columns: [.init("Type", style: .bold)] + r.competitors.map { .init($0.name, style: percent) },
            rows: types.map { t in [.text(t)] + r.competitors.map { c in XLSXValue(c.scores(scheme).type(t)?.f1) } },
            freezeHeader: false, autofilter: false)
        let matrixPlacement = try sheet.write(matrix, row: 1, column: matrixColumn)
        guard !types.isEmpty else { return }
        let chart = XLSXChart(
            kind: .clusteredColumn, title: "F1 per type (\(ComparisonWording.schemeTitle(scheme)))",
            categories: matrixPlacement.column(0),
            series: r.competitors.indices.compactMap { k in
                matrixPlacement.column(k + 1).map { XLSXChart.Series(name: r.competitors[k].name, values: $0) }
            },
            xAxisTitle: "Entity type", yAxisTitle: "F1", yAxisNumberFormat: "0%", yAxisMinimum: 0, yAxisMaximum: 1,
            width: 760, height: 420)
        try sheet.insert(chart, row: matrixPlacement.headerRow + matrixPlacement.rowCount + 2, column: matrixColumn)
    }

    // MARK: - Schemes

    static func schemes(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        var rows: [[XLSXValue]] = []
        for c in r.competitors {
            for scheme in ComparisonScheme.allCases where scheme.semeval != nil {
                let o = c.scores(scheme).overall
                let k = o.outcomes ?? SemEvalCounts()
                rows.append([.text(c.name), .text(scheme.rawValue)]
                            + [k.cor, k.inc, k.par, k.mis, k.spu, k.possible, k.actual].map { .number(Double($0)) }
                            + [.number(o.precision), .number(o.recall), .number(o.f1), .number(o.f1Interval.lower), .number(o.f1Interval.upper)])
            }
        }
        let table = XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Scheme"),
            .init("COR", style: integer), .init("INC", style: integer), .init("PAR", style: integer),
            .init("MIS", style: integer), .init("SPU", style: integer), .init("POS", style: integer), .init("ACT", style: integer),
            .init("P", style: percent), .init("R", style: percent), .init("F1", style: percent, colorScale: .higherIsBetter),
            .init("F1 95% low", style: percent), .init("F1 95% high", style: percent),
        ], rows: rows)
        let placement = try sheet.write(table)

        var row = placement.headerRow + placement.rowCount + 2
        try sheet.write(.text("Averages under every scheme (CoNLL: tp/fp/fn of exact matches)"), row: row, column: 0, style: title)
        row += 1
        var averages: [[XLSXValue]] = []
        for c in r.competitors {
            for s in c.schemes {
                let counts = s.overall.counts
                averages.append([.text(c.name), .text(s.scheme.rawValue),
                                 XLSXValue(counts.map { Double($0.tp) }), XLSXValue(counts.map { Double($0.fp) }),
                                 XLSXValue(counts.map { Double($0.fn) }),
                                 .number(s.overall.f1), .number(s.overall.f1Interval.lower), .number(s.overall.f1Interval.upper),
                                 .number(s.macro.f1), .number(s.macro.f1Interval.lower), .number(s.macro.f1Interval.upper),
                                 .number(s.weighted.f1), .number(s.weighted.f1Interval.lower), .number(s.weighted.f1Interval.upper)])
            }
        }
        try sheet.write(XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Scheme"),
            .init("TP", style: integer), .init("FP", style: integer), .init("FN", style: integer),
            .init("Micro F1", style: percent), .init("low", style: percent), .init("high", style: percent),
            .init("Macro F1", style: percent), .init("low", style: percent), .init("high", style: percent),
            .init("Weighted F1", style: percent), .init("low", style: percent), .init("high", style: percent),
        ], rows: averages, freezeHeader: false, autofilter: false), row: row, column: 0)
        sheet.freezePanes(rows: 1)
    }

    // MARK: - Confusion

    static func confusion(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        var row = 0
        try sheet.write(.text("Rows: gold type; columns: predicted type. Pairs are the alignment's (overlapping entities, exact matches first); the diagonal holds exact matches and right-type boundary errors."), row: row, column: 0, style: XLSXStyle(italic: true))
        row += 2
        for c in r.competitors {
            try sheet.write(.text(c.name), row: row, column: 0, style: title)
            row += 1
            let names = c.types
            let table = XLSXTable(
                columns: [.init("gold \\ predicted", style: .bold, width: 18)] + names.map { .init($0, style: integer, width: 10) }
                    + [.init("MISSED", style: integer, width: 10)],
                rows: c.confusion.enumerated().map { g, cells in
                    [.text(g < names.count ? names[g] : "SPURIOUS")]
                        + cells.enumerated().map { p, n in g == names.count && p == names.count ? .blank : .number(Double(n)) }
                },
                freezeHeader: false, autofilter: false)
            let placement = try sheet.write(table, row: row, column: 0)
            row = placement.headerRow + placement.rowCount + 2
        }
    }

    // MARK: - Errors

    static func errors(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        sheet.setRightToLeft()
        var rows: [[XLSXValue]] = []
        rows.reserveCapacity(r.competitors.reduce(0) { $0 + $1.errors.count })
        for c in r.competitors {
            for e in c.errors {
                let aligned = e.alignedWith.map { "\($0.type) \($0.text)" }
                rows.append([.text(c.name), .text(e.document), XLSXValue(e.line.map(Double.init)),
                             .text(ComparisonWording.kindLabel(e.kind)), .text(ComparisonWording.categoryLabel(e.category)),
                             .text(e.type), .text(e.text), aligned.map { .text($0) } ?? .blank,
                             .text(e.leftContext + " «" + e.text + "» " + e.rightContext),
                             .number(Double(e.start)), .number(Double(e.end))])
            }
        }
        let table = XLSXTable(columns: [
            .init("Competitor", width: 18), .init("Document", width: 24), .init("Line", style: integer, width: 8),
            .init("Error", width: 7), .init("Why", width: 26), .init("Type", width: 7),
            .init("Text", style: arabic, width: 24), .init("Aligned with", style: arabic, width: 24),
            .init("In context", style: arabic, width: 70),
            .init("Start", style: integer, width: 8), .init("End", style: integer, width: 8),
        ], rows: rows)
        try sheet.write(table)
    }

    // MARK: - Timings

    static func timings(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        var rows: [[XLSXValue]] = []
        for c in r.competitors {
            guard let t = c.timing else { continue }
            for pass in [t.singleThreaded] + (t.parallel.map { [$0] } ?? []) {
                for (i, rep) in pass.repeats.enumerated() {
                    rows.append([.text(c.name), .number(Double(pass.jobs)), .number(Double(i + 1)), .number(rep.wallSeconds),
                                 .number(rep.tokensPerSecond), .number(rep.charactersPerSecond), .number(rep.documentsPerSecond)])
                }
            }
        }
        let repeats = try sheet.write(XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Workers", style: integer), .init("Repeat", style: integer),
            .init("Wall (s)", style: seconds), .init("Tokens/s", style: integer), .init("Characters/s", style: integer),
            .init("Documents/s", style: .decimal(1)),
        ], rows: rows))

        var row = repeats.headerRow + repeats.rowCount + 2
        try sheet.write(.text("Latency per document and resources (after \(r.settings.warmups) warm-up pass(es); loading excluded from the passes)"), row: row, column: 0, style: title)
        row += 1
        var latency: [[XLSXValue]] = []
        for c in r.competitors {
            guard let t = c.timing else { continue }
            for pass in [t.singleThreaded] + (t.parallel.map { [$0] } ?? []) {
                let l = pass.latency
                latency.append([.text(c.name), .number(Double(pass.jobs)),
                                .number(pass.tokensPerSecond.median), .number(pass.tokensPerSecond.min), .number(pass.tokensPerSecond.max),
                                .number(l.p50 * 1000), .number(l.p90 * 1000), .number(l.p99 * 1000), .number(l.max * 1000),
                                .number(Double(l.count)), .number(t.loadingSeconds),
                                XLSXValue(t.peakResidentBytes.map { Double($0) / 1_048_576 })])
            }
        }
        let latencyPlacement = try sheet.write(XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Workers", style: integer),
            .init("Tokens/s median", style: integer), .init("min", style: integer), .init("max", style: integer),
            .init("p50 (ms)", style: milliseconds), .init("p90 (ms)", style: milliseconds), .init("p99 (ms)", style: milliseconds),
            .init("max (ms)", style: milliseconds), .init("Latencies", style: integer), .init("Load (s)", style: seconds),
            .init("Peak memory (MiB)", style: mebibytes),
        ], rows: latency, freezeHeader: false, autofilter: false), row: row, column: 0)

        row = latencyPlacement.headerRow + latencyPlacement.rowCount + 2
        try sheet.write(.text("Slowest documents (median over the single-threaded repeats)"), row: row, column: 0, style: title)
        row += 1
        var slowest: [[XLSXValue]] = []
        for c in r.competitors {
            for d in c.timing?.slowestDocuments ?? [] {
                slowest.append([.text(c.name), .text(d.document), .number(d.seconds * 1000), .number(Double(d.tokens))])
            }
        }
        try sheet.write(XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Document"), .init("Time (ms)", style: milliseconds), .init("Tokens", style: integer),
        ], rows: slowest, freezeHeader: false, autofilter: false), row: row, column: 0)
        sheet.freezePanes(rows: 1)
    }

    // MARK: - Run

    static func run(_ r: ComparisonResults, _ sheet: XLSXWorksheet) throws {
        let m = r.run.machine
        let s = r.settings
        var pairs: [(String, XLSXValue)] = [
            ("Date", .text(ISO8601DateFormatter().string(from: r.run.started))),
            ("Run id", .text(r.run.id)),
            ("Mizan version", .text(r.run.mizanVersion)),
            ("Git commit", .text(r.run.git.map { $0.commit + ($0.dirty ? " (uncommitted changes)" : "") } ?? "not a git checkout")),
            ("Host", .text(r.run.host)),
            ("CPU", .text(m.cpuModel)),
            ("Cores", .text(m.availableCores == m.logicalCores ? "\(m.logicalCores)" : "\(m.logicalCores) (\(m.availableCores) available)")),
            ("Memory (GiB)", .number(Double(m.memoryBytes) / 1_073_741_824)),
            ("Operating system", .text("\(m.operatingSystem) \(m.architecture)")),
            ("Comparison time (s)", .number(r.run.durationSeconds)),
            ("Data", .text(r.data.description)),
            ("Paths", .text(r.data.paths.joined(separator: ", "))),
            ("Split", .text(r.data.split ?? "whole set")),
            ("Content hash (SHA-256)", .text(r.data.contentHash)),
            ("Documents", .number(Double(r.data.documents))),
            ("Sentences", XLSXValue(r.data.sentences.map(Double.init))),
            ("Tokens", .number(Double(r.data.tokens))),
            ("Characters", .number(Double(r.data.characters))),
            ("Types scored", .text(s.types.joined(separator: ", "))),
            ("Type map", .text(s.typeMap.isEmpty ? "none" : s.typeMap.map { "\($0.from)=\($0.to)" }.joined(separator: ", "))),
            ("Scheme", .text(s.scheme.explanation)),
            ("Bootstrap", .text("\(s.resamples) resamples over \(r.data.units.count) \(r.data.bootstrapUnit.rawValue)s, \(Int((s.confidence * 100).rounded()))% percentile intervals")),
            ("Paired test", .text("\(s.pairedTest.rawValue), \(s.pairedTrials) shuffles, α = \(s.alpha), against \(r.baseline)")),
            ("Seed", .text(String(s.seed))),
            ("Warm-up passes", .number(Double(s.warmups))),
            ("Measured repeats", .number(Double(s.repeats))),
            ("Workers (parallel timing)", .number(Double(s.jobs))),
            ("Command", .text((["mizan"] + r.run.arguments).joined(separator: " "))),
            ("Results schema", .text(r.schema)),
        ]
        for note in r.notes { pairs.append(("Note", .text(note))) }
        let placement = try sheet.write(XLSXTable(
            columns: [.init("Item", style: .bold, width: 26), .init("Value", width: 90)],
            rows: pairs.map { [.text($0.0), $0.1] }, freezeHeader: true, autofilter: false))

        let row = placement.headerRow + placement.rowCount + 2
        try sheet.write(XLSXTable(columns: [
            .init("Competitor", style: .bold), .init("Kind"), .init("Path"), .init("Hash (SHA-256)", width: 66),
            .init("Description", width: 60), .init("Model"), .init("Model trained"), .init("Training data"),
            .init("Training data hash", width: 66),
        ], rows: r.competitors.map { c in
            [.text(c.name), .text(c.kind.rawValue), .text(c.path), .text(c.configurationHash), .text(c.description),
             c.model.map { .text($0.path) } ?? .blank,
             c.model.map { .text($0.reused ? "reused" : "trained in \(NumberText.fixed($0.trainingSeconds ?? 0, decimals: 1)) s") } ?? .blank,
             c.model.map { .text($0.trainingData) } ?? .blank,
             c.model.map { .text($0.trainingDataHash) } ?? .blank]
        }, freezeHeader: false, autofilter: false), row: row, column: 0)
    }

    // MARK: - Trend

    static func trend(_ trend: ComparisonTrend, _ sheet: XLSXWorksheet) throws {
        let formatter = ISO8601DateFormatter()
        func table(_ values: (ComparisonTrend.Run) -> [Double?], style: XLSXStyle) -> XLSXTable {
            XLSXTable(columns: [.init("Run", style: .bold), .init("Time", width: 22)]
                          + trend.competitors.map { .init($0, style: style) } + [.init("Remark", width: 40)],
                      rows: trend.runs.map { run in
                          [.text(run.id), .text(formatter.string(from: run.time))] + values(run).map { XLSXValue($0) }
                              + [.text(trend.remark(run))]
                      }, freezeHeader: false, autofilter: false)
        }
        try sheet.write(.text("F1 (overall, CoNLL) per competitor over the recorded runs, oldest first"), row: 0, column: 0, style: title)
        let f1 = try sheet.write(table({ $0.f1 }, style: percent), row: 1, column: 0)
        var row = f1.headerRow + f1.rowCount + 2
        try sheet.write(.text("Tokens/s (median over the repeats, one thread)"), row: row, column: 0, style: title)
        let speed = try sheet.write(table({ $0.tokensPerSecond }, style: integer), row: row + 1, column: 0)
        row = speed.headerRow + speed.rowCount + 2
        func chart(_ placement: XLSXTablePlacement, title: String, format: String, minimum: Double?) -> XLSXChart {
            XLSXChart(kind: .line, title: title, categories: placement.column(0),
                      series: trend.competitors.indices.compactMap { k in
                          placement.column(k + 2).map { XLSXChart.Series(name: trend.competitors[k], values: $0) }
                      },
                      xAxisTitle: "Run", yAxisTitle: title, yAxisNumberFormat: format, yAxisMinimum: minimum, width: 760, height: 360)
        }
        try sheet.insert(chart(f1, title: "F1", format: "0%", minimum: 0), row: row, column: 0)
        try sheet.insert(chart(speed, title: "Tokens/s", format: "#,##0", minimum: 0), row: row + 20, column: 0)
        sheet.freezePanes(rows: 0)
    }
}
