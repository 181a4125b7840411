// Writing the comparison spreadsheet through Reports' XLSX layer (libxlsxwriter):
// a workbook shaped like reports/comparison.xlsx for six competitors: Summary
// (colour scale, best values marked, frozen header, autofilter), Per type with a
// clustered column chart, Schemes, Confusion (one matrix per competitor),
// Errors (right-to-left Arabic surface and context, filterable) and Timings.
// The whole write is timed, including zip compression and the atomic rename.
//
// Input: generated here (seed 41): scores, matrices and timings from the seed,
// error rows with surfaces and contexts from ArabicNewsText. Two sizes of the
// Errors sheet: 5,000 rows (six competitors on ANERcorp's test split make about
// that many) and 50,000 rows, to show how time and memory grow with the rows.
// The file goes to the temporary directory; the document properties carry a
// fixed creation time, so every iteration writes the same bytes.
//
// Run from Benchmarks/: swift package benchmark --target SpreadsheetWriting
import Benchmark
import BenchmarkSupport
import Foundation
import Reports

/// Everything the workbook shows, generated once.
struct ComparisonFigures {
    static let competitors = ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules", "perceptron", "hybrid"]
    static let types = ["PER", "LOC", "ORG", "MISC", "DATE"]
    static let schemes = ["strict", "exact", "partial", "type"]

    var summary: [[XLSXValue]] = []
    var perType: [[XLSXValue]] = []
    var schemes: [[XLSXValue]] = []
    var confusion: [[[XLSXValue]]] = []
    var errors: [[XLSXValue]] = []
    var timings: [[XLSXValue]] = []

    init(errorRows: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        func fraction(_ low: Double, _ high: Double) -> Double { low + (high - low) * Double(random.below(10_000)) / 10_000 }
        var text = ArabicNewsText(seed: seed)
        for (k, name) in Self.competitors.enumerated() {
            let f1 = fraction(0.3, 0.8)
            summary.append([.text(name), .number(fraction(0.3, 0.9)), .number(fraction(0.3, 0.9)), .number(f1),
                            .number(f1 - 0.02), .number(f1 + 0.02), k == 0 ? .blank : .number(fraction(-0.1, 0.2)),
                            k == 0 ? .text("baseline") : .number(fraction(0, 0.05)),
                            .number(fraction(2e5, 2e6)), .number(fraction(0.1, 3)), .number(fraction(2e7, 2e8))])
            for type in Self.types {
                perType.append([.text(name), .text(type), .number(fraction(0.2, 0.95)), .number(fraction(0.2, 0.95)),
                                .number(fraction(0.2, 0.95)), .number(Double(random.below(3_000)))])
            }
            for scheme in Self.schemes {
                let cells = (0..<5).map { _ in XLSXValue.number(Double(random.below(5_000))) }
                schemes.append([.text(name), .text(scheme)] + cells + [.number(fraction(0.3, 0.9)), .number(fraction(0.3, 0.9)), .number(fraction(0.3, 0.9))])
            }
            let labels = Self.types + ["MISSED"]
            confusion.append(labels.map { row in [.text(row)] + (0..<(Self.types.count + 1)).map { _ in .number(Double(random.below(900))) } })
            for repeatIndex in 0..<10 {
                timings.append([.text(name), .number(Double(repeatIndex + 1)), .number(fraction(0.01, 0.5)),
                                .number(fraction(2e5, 2e6)), .number(fraction(1e6, 1e7)), .number(fraction(1e3, 1e4))])
            }
        }
        for i in 0..<errorRows {
            let surface = (0..<(1 + random.below(3))).map { _ in text.word() }.joined(separator: " ")
            let context = (0..<12).map { _ in text.word() }.joined(separator: " ")
            errors.append([.text(Self.competitors[i % Self.competitors.count]), .text("doc\(random.below(400))"),
                           .text(random.chance(0.5) ? "FP" : "FN"), .text(Self.types[random.below(Self.types.count)]),
                           .number(Double(random.below(50_000))), .text(surface), .text(context)])
        }
    }

    /// Writes the workbook to `path`.
    func write(to path: String) throws {
        let properties = XLSXDocumentProperties(title: "Mizan comparison (benchmark)", author: "Mizan",
                                                created: Date(timeIntervalSince1970: 1_700_000_000))
        try XLSXWorkbook.write(to: path, properties: properties) { book in
            let summarySheet = try book.addWorksheet("Summary")
            try summarySheet.write(XLSXTable(columns: [
                .init("Competitor", width: 20), .init("P", style: .percent), .init("R", style: .percent),
                .init("F1", style: .percent, best: .higherIsBetter, colorScale: .higherIsBetter),
                .init("F1 low", style: .percent), .init("F1 high", style: .percent),
                .init("Δ F1", style: .percent), .init("p-value", style: .decimal(4)),
                .init("tokens/s", style: .integer, best: .higherIsBetter), .init("p99 ms", style: .decimal(2), best: .lowerIsBetter),
                .init("peak bytes", style: .integer, best: .lowerIsBetter),
            ], rows: summary))

            let typeSheet = try book.addWorksheet("Per type")
            let placement = try typeSheet.write(XLSXTable(columns: [
                .init("Competitor", width: 20), .init("Type"), .init("P", style: .percent), .init("R", style: .percent),
                .init("F1", style: .percent, colorScale: .higherIsBetter), .init("Support", style: .integer),
            ], rows: perType))
            var series: [XLSXChart.Series] = []
            for (k, name) in Self.competitors.enumerated() {
                let first = placement.headerRow + 1 + k * Self.types.count
                series.append(.init(name: name, values: XLSXSheetRange(sheet: "Per type", range: XLSXCellRange(
                    column: 4, rows: first...(first + Self.types.count - 1)))))
            }
            try typeSheet.insert(XLSXChart(kind: .clusteredColumn, title: "F1 per type",
                                           categories: XLSXSheetRange(sheet: "Per type", range: XLSXCellRange(column: 1, rows: 1...Self.types.count)),
                                           series: series, yAxisNumberFormat: "0%", yAxisMinimum: 0, yAxisMaximum: 1),
                                 row: 1, column: 8)

            let schemeSheet = try book.addWorksheet("Schemes")
            try schemeSheet.write(XLSXTable(columns: [
                .init("Competitor", width: 20), .init("Scheme"), .init("COR", style: .integer), .init("INC", style: .integer),
                .init("PAR", style: .integer), .init("MIS", style: .integer), .init("SPU", style: .integer),
                .init("P", style: .percent), .init("R", style: .percent), .init("F1", style: .percent),
            ], rows: schemes))

            let confusionSheet = try book.addWorksheet("Confusion")
            var row = 0
            for (k, matrix) in confusion.enumerated() {
                try confusionSheet.write(.text(Self.competitors[k]), row: row, column: 0, style: .bold)
                try confusionSheet.write(XLSXTable(columns: [.init("gold \\ predicted")] + (Self.types + ["SPURIOUS"]).map { .init($0, style: .integer) },
                                                   rows: matrix, freezeHeader: false, autofilter: false),
                                         row: row + 1)
                row += matrix.count + 3
            }

            let errorSheet = try book.addWorksheet("Errors")
            errorSheet.setRightToLeft()
            try errorSheet.write(XLSXTable(columns: [
                .init("Competitor", width: 18), .init("Document"), .init("Kind"), .init("Type"), .init("Offset", style: .integer),
                .init("Surface", style: .rightToLeftText, width: 24), .init("Context", style: .rightToLeftText, width: 70),
            ], rows: errors))

            let timingSheet = try book.addWorksheet("Timings")
            try timingSheet.write(XLSXTable(columns: [
                .init("Competitor", width: 20), .init("Repeat", style: .integer), .init("Seconds", style: .decimal(4)),
                .init("tokens/s", style: .integer), .init("characters/s", style: .integer), .init("documents/s", style: .integer),
            ], rows: timings))
        }
    }
}

/// The figures of one benchmark, made by its setup hook so that a benchmark's
/// process does not also hold the other size's rows.
final class FiguresHolder: @unchecked Sendable {
    var figures: ComparisonFigures?
}

let benchmarks: @Sendable () -> Void = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-bench-xlsx").path
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for rows in [5_000, 50_000] {
        let name = "xlsx-comparison-\(rows / 1_000)k-error-rows"
        let path = "\(folder)/\(name).xlsx"
        let holder = FiguresHolder()
        var configuration = Gate.configuration(countsTokens: false, memory: true, maxDuration: .seconds(8),
                                               maxIterations: rows > 10_000 ? 10 : 25)
        configuration.setup = { holder.figures = ComparisonFigures(errorRows: rows, seed: 41) }
        configuration.teardown = { holder.figures = nil }
        Benchmark(name, configuration: configuration) { benchmark in
            guard let figures = holder.figures else { fatalError("the setup hook did not make the figures") }
            try benchmark.measuringCPU { try figures.write(to: path) }
        }
    }
}
