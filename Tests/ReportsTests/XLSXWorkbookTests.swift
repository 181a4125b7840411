import Foundation
import Testing
@testable import Reports

/// A fresh folder under the system's temporary directory, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-xlsx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

let fixedDate = Date(timeIntervalSince1970: 1_735_787_045)  // 2025-01-02T03:04:05Z

/// A workbook shaped like the comparison report: summary, per type with a
/// column chart, Arabic errors right to left, a trend with a line chart, run facts.
func writeComparisonLikeWorkbook(to path: String, created: Date = fixedDate) throws {
    let properties = XLSXDocumentProperties(title: "Mizan comparison", author: "mizan", created: created)
    try XLSXWorkbook.write(to: path, properties: properties) { book in
        let summary = try book.addWorksheet("Summary")
        try summary.write(XLSXTable(
            columns: [
                .init("Competitor"),
                .init("P", style: .percent, best: .higherIsBetter),
                .init("R", style: .percent, best: .higherIsBetter),
                .init("F1", style: .percent, best: .higherIsBetter, colorScale: .higherIsBetter),
                .init("Δ F1 vs rules", style: .percent),
                .init("p-value", style: .decimal(4)),
                .init("tokens/s", style: .integer, best: .higherIsBetter),
                .init("p99 latency (ms)", style: .decimal(2), best: .lowerIsBetter, colorScale: .lowerIsBetter),
            ],
            rows: [
                ["rules", 0.81, 0.74, 0.7734, 0, .number(0.0 / 0.0), 1_204_330, 0.42],
                ["hybrid", 0.88, 0.831, 0.8548, 0.0814, 0.0001, 98_112, 3.25],
                ["crf", 0.88, 0.70, 0.7797, 0.0063, 0.4123, 45_000, .number(.infinity)],
            ]))

        let perType = try book.addWorksheet("Per type")
        let types = ["PER", "LOC", "ORG", "MISC", "DATE"]
        let f1: [[Double]] = [[0.82, 0.79, 0.61, 0.40, 0.90], [0.91, 0.88, 0.75, 0.52, 0.93], [0.84, 0.80, 0.70, 0.45, 0.88]]
        let placement = try perType.write(XLSXTable(
            columns: [.init("Type")] + ["rules", "hybrid", "crf"].map { .init($0, style: .percent, best: .higherIsBetter) },
            rows: types.indices.map { t in [.text(types[t])] + f1.map { .number($0[t]) } }, autofilter: false))
        try perType.insert(XLSXChart(
            kind: .clusteredColumn, title: "F1 per type", categories: placement.column(0),
            series: ["rules", "hybrid", "crf"].enumerated().map { .init(name: $1, values: placement.column($0 + 1)!) },
            xAxisTitle: "Entity type", yAxisTitle: "F1", yAxisNumberFormat: "0%", yAxisMinimum: 0, yAxisMaximum: 1),
            row: 7, column: 0)

        let errors = try book.addWorksheet("Errors")
        errors.setRightToLeft()
        try errors.write(XLSXTable(
            columns: [.init("Competitor"), .init("Document"), .init("Kind"), .init("Type"),
                      .init("Surface", style: .rightToLeftText),
                      .init("Context", style: .rightToLeftText.merging(.wrapped), width: 50)],
            rows: [
                ["rules", "doc-001", "FN", "ORG", "وزارة الخارجية", "أعلنت وزارة الخارجية المصرية اليوم"],
                ["hybrid", "doc-002", "FP", "PER", "مُحَمَّد", "قال مُحَمَّد علي إن"],
            ]))

        let trend = try book.addWorksheet("Trend")
        let runs = try trend.write(XLSXTable(
            columns: [.init("Run"), .init("rules F1", style: .percent), .init("hybrid F1", style: .percent)],
            rows: [["2025-01-01", 0.77, 0.85], ["2025-01-02", 0.78, 0.85], ["2025-01-03", 0.77, 0.86]]))
        try trend.insert(XLSXChart(
            kind: .line, title: "F1 over runs", categories: runs.column(0),
            series: [.init(name: "rules", values: runs.column(1)!), .init(name: "hybrid", values: runs.column(2)!)],
            yAxisNumberFormat: "0%"), row: 5, column: 0)

        let run = try book.addWorksheet("Run")
        try run.writeRow(["Seed", 42], row: 0)
        try run.writeRow(["Formula-looking text", "=SUM(A1:A2)"], row: 1)
        try run.write(.boolean(true), row: 2, column: 1)
        try run.setColumnWidth(24, columns: 0...0, style: .bold)
    }
}

@Suite("XLSX workbook written and read back")
struct XLSXReadBackTests {
    @Test("sheets, values, formats, best marks, colour scales, frozen header and autofilter")
    func summarySheet() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comparison.xlsx").path
        try writeComparisonLikeWorkbook(to: path)

        let book = try XLSXReader(path)
        #expect(book.sheetNames == ["Summary", "Per type", "Errors", "Trend", "Run"])
        let cells = try book.cells("Summary")
        let formats = try book.cellFormats()
        func format(_ ref: String) -> XLSXReader.CellFormat { formats[cells[ref]!.styleIndex] }

        #expect(cells["A1"]?.value == "Competitor")
        #expect(format("A1").bold)
        #expect(cells["A2"]?.value == "rules")
        #expect(XLSXReader.number(cells["B2"]) == 0.81)
        #expect(format("B2").numberFormat == "0.0%")
        #expect(XLSXReader.number(cells["D3"]) == 0.8548)
        #expect(cells["G2"]?.value == "1204330")
        #expect(format("G2").numberFormat == "#,##0")
        #expect(format("F3").numberFormat == "#,##0.0000")

        // Best per column: highest F1 (hybrid), both tied P values, lowest latency (rules).
        #expect(format("D3").bold && format("D3").fillRGB == "FFC6EFCE")
        #expect(!format("D2").bold && format("D2").fillRGB == nil)
        #expect(format("B3").bold && format("B4").bold && !format("B2").bold)
        #expect(format("H2").bold && !format("H3").bold)
        #expect(format("G2").bold && format("G2").numberFormat == "#,##0")

        // 0/0 and infinity were written as blanks, keeping the column's format.
        #expect(cells["F2"]?.value == nil)
        #expect(cells["H4"]?.value == nil)
        #expect(format("H4").numberFormat == "#,##0.00")

        let xml = try book.sheetXML("Summary")
        #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(xml.contains(#"<autoFilter ref="A1:H4"/>"#))
        #expect(xml.contains(#"<conditionalFormatting sqref="D2:D4"><cfRule type="colorScale""#))
        #expect(xml.contains(#"<conditionalFormatting sqref="H2:H4"><cfRule type="colorScale""#))
        let scales = xml.components(separatedBy: "<conditionalFormatting").dropFirst()
        let f1Scale = try #require(scales.first { $0.contains("D2:D4") })
        let latencyScale = try #require(scales.first { $0.contains("H2:H4") })
        // Higher is better: red at the minimum, green at the maximum; reversed for latency.
        #expect(f1Scale.range(of: "FFF8696B")!.lowerBound < f1Scale.range(of: "FF63BE7B")!.lowerBound)
        #expect(latencyScale.range(of: "FF63BE7B")!.lowerBound < latencyScale.range(of: "FFF8696B")!.lowerBound)
        #expect(f1Scale.contains(#"<cfvo type="percentile" val="50"/>"#))
        #expect(xml.contains("<cols>"))
    }

    @Test("no NaN or infinity reaches any part of the file")
    func noNonFiniteNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nan.xlsx").path
        try XLSXWorkbook.write(to: path, properties: XLSXDocumentProperties(created: fixedDate)) { book in
            let sheet = try book.addWorksheet("Numbers")
            try sheet.write(XLSXTable(
                columns: [.init("x", style: .percent, best: .higherIsBetter, colorScale: .higherIsBetter),
                          .init("y", best: .lowerIsBetter)],
                rows: [[.number(.nan), .number(-.infinity)], [.number(.infinity), 2], [0.5, .number(.nan)]]))
            try sheet.write(.number(.signalingNaN), row: 10, column: 0)
            try sheet.write(XLSXValue(Double?.none), row: 11, column: 0)
            try sheet.insert(XLSXChart(kind: .line, series: [
                .init(name: "x", values: XLSXSheetRange(sheet: "Numbers", range: XLSXCellRange(column: 0, rows: 1...3)))]),
                row: 0, column: 4)
        }
        let book = try XLSXReader(path)
        let cells = try book.cells("Numbers")
        #expect(cells["A2"]?.value == nil && cells["A3"]?.value == nil && cells["B2"]?.value == nil)
        #expect(XLSXReader.number(cells["A4"]) == 0.5)
        #expect(cells["B3"]?.value == "2")
        #expect(cells["A11"]?.value == nil && cells["A12"]?.value == nil)
        // Best marks went to the finite values only.
        let formats = try book.cellFormats()
        #expect(formats[cells["A4"]!.styleIndex].bold)
        #expect(formats[cells["B3"]!.styleIndex].bold)
        #expect(!formats[cells["A3"]!.styleIndex].bold)
        // Every number anywhere in the package is a finite xsd:double.
        for member in book.members where member.hasSuffix(".xml") {
            let xml = try book.xml(member)
            for match in xml.matches(of: /<(?:c:)?v>([^<]*)<\/(?:c:)?v>/) {
                let text = String(match.1)
                if member.hasPrefix("xl/worksheets/") {
                    #expect(Double(text)?.isFinite == true, "\(member): <v>\(text)</v>")
                }
                #expect(!["nan", "inf", "-inf", "infinity"].contains(text.lowercased()), "\(member): \(text)")
            }
        }
    }

    @Test("the column chart: clustered, one series per competitor, categories from the type column")
    func columnChart() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comparison.xlsx").path
        try writeComparisonLikeWorkbook(to: path)
        let book = try XLSXReader(path)
        #expect(book.members.contains("xl/charts/chart1.xml") && book.members.contains("xl/charts/chart2.xml"))
        let perTypeRels = try book.xml("xl/worksheets/_rels/sheet2.xml.rels")
        #expect(perTypeRels.contains("drawing"))

        let chart = try book.xml("xl/charts/chart1.xml")
        #expect(chart.contains(#"<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>"#))
        #expect(chart.components(separatedBy: "<c:ser>").count - 1 == 3)
        #expect(chart.contains("<c:f>'Per type'!$A$2:$A$6</c:f>"))
        for column in ["B", "C", "D"] { #expect(chart.contains("<c:f>'Per type'!$\(column)$2:$\(column)$6</c:f>")) }
        for name in ["rules", "hybrid", "crf"] { #expect(chart.contains("<c:v>\(name)</c:v>")) }
        #expect(chart.contains("F1 per type"))
        #expect(chart.contains(#"<c:numFmt formatCode="0%" sourceLinked="0"/>"#))
        #expect(chart.contains(#"<c:max val="1"/>"#) && chart.contains(#"<c:min val="0"/>"#))
        // The cached values are the cells' values, so viewers without recalculation draw the right bars.
        #expect(chart.contains("<c:v>0.91</c:v>"))

        let line = try book.xml("xl/charts/chart2.xml")
        #expect(line.contains("<c:lineChart>"))
        #expect(line.contains(#"<c:marker val="1"/>"#))  // markers on every point
        #expect(line.contains("<c:f>Trend!$B$2:$B$4</c:f>"))
    }

    @Test("the errors sheet reads right to left, with Arabic cells in right-to-left order")
    func rightToLeft() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comparison.xlsx").path
        try writeComparisonLikeWorkbook(to: path)
        let book = try XLSXReader(path)
        #expect(try book.sheetXML("Errors").contains(#"rightToLeft="1""#))
        #expect(!(try book.sheetXML("Summary")).contains(#"rightToLeft="1""#))
        let cells = try book.cells("Errors")
        let formats = try book.cellFormats()
        #expect(cells["E2"]?.value == "وزارة الخارجية")
        #expect(cells["E3"]?.value == "\u{645}\u{64F}\u{62D}\u{64E}\u{645}\u{651}\u{64E}\u{62F}")
        let surface = formats[cells["E2"]!.styleIndex]
        #expect(surface.readingOrder == "2" && surface.horizontal == "right")
        let context = formats[cells["F2"]!.styleIndex]
        #expect(context.readingOrder == "2" && context.wrap)
        #expect(formats[cells["A2"]!.styleIndex].readingOrder == nil)
        #expect(try book.sheetXML("Errors").contains(#"<col min="6" max="6" width="50.7109375""#))
    }

    @Test("text stays text, booleans and document properties come through")
    func runSheetAndProperties() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("comparison.xlsx").path
        try writeComparisonLikeWorkbook(to: path)
        let book = try XLSXReader(path)
        let cells = try book.cells("Run")
        #expect(cells["B1"]?.value == "42")
        #expect(cells["B2"]?.value == "=SUM(A1:A2)" && cells["B2"]?.type == "s")
        #expect(!(try book.sheetXML("Run")).contains("<f>"))
        #expect(cells["B3"]?.type == "b" && cells["B3"]?.value == "1")
        let core = try book.xml("docProps/core.xml")
        #expect(core.contains("<dc:title>Mizan comparison</dc:title>"))
        #expect(core.contains("<dc:creator>mizan</dc:creator>"))
        #expect(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2025-01-02T03:04:05Z</dcterms:created>"#))
    }

    @Test("a fixed creation time gives byte-identical files; another time changes them")
    func byteIdentical() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("a.xlsx").path
        let second = folder.appendingPathComponent("sub/b.xlsx").path
        let third = folder.appendingPathComponent("c.xlsx").path
        try writeComparisonLikeWorkbook(to: first)
        try writeComparisonLikeWorkbook(to: second)
        try writeComparisonLikeWorkbook(to: third, created: fixedDate.addingTimeInterval(1))
        let a = try Data(contentsOf: URL(fileURLWithPath: first))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second))))
        #expect(a != (try Data(contentsOf: URL(fileURLWithPath: third))))
        #expect(a.count > 5_000)
    }

    @Test("unsafe text is sanitized: NUL, non-characters, over-long cells")
    func textHygiene() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("text.xlsx").path
        let long = String(repeating: "ب", count: 40_000)
        try XLSXWorkbook.write(to: path, properties: XLSXDocumentProperties(created: fixedDate)) { book in
            let sheet = try book.addWorksheet("Text")
            try sheet.write(.text("a\u{0}b\u{FFFE}c"), row: 0, column: 0)
            try sheet.write(.text(long), row: 1, column: 0)
            try sheet.write(.text("tab\there"), row: 2, column: 0)
        }
        let cells = try XLSXReader(path).cells("Text")
        #expect(cells["A1"]?.value == "a\u{FFFD}b\u{FFFD}c")
        let cut = try #require(cells["A2"]?.value)
        #expect(cut.unicodeScalars.count == XLSXValue.maximumTextLength)
        #expect(cut.hasSuffix("ب…"))
        #expect(cells["A3"]?.value == "tab\there")
    }
}

@Suite("XLSX cell references and table placement")
struct XLSXReferenceTests {
    @Test("A1 references and column letters")
    func references() {
        #expect(XLSXCellRange.reference(row: 0, column: 0) == "A1")
        #expect(XLSXCellRange.reference(row: 9, column: 27) == "AB10")
        #expect(XLSXCellRange.columnName(25) == "Z")
        #expect(XLSXCellRange.columnName(26) == "AA")
        #expect(XLSXCellRange.columnName(701) == "ZZ")
        #expect(XLSXCellRange.columnName(702) == "AAA")
        #expect(XLSXCellRange.columnName(16_383) == "XFD")  // Excel's last column
        #expect(XLSXCellRange(firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 3).description == "B2:D5")
        #expect(XLSXCellRange(row: 2, columns: 0...0).description == "A3")
    }

    @Test("a table's rows and columns as chart data, away from the sheet's corner")
    func placement() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("placement.xlsx").path
        try XLSXWorkbook.write(to: path, properties: XLSXDocumentProperties(created: fixedDate)) { book in
            let sheet = try book.addWorksheet("Data")
            let placed = try sheet.write(XLSXTable(
                columns: [.init("Competitor"), .init("PER"), .init("LOC"), .init("ORG")],
                rows: [["rules", 0.8, 0.7, 0.6], ["hybrid", 0.9, 0.85, 0.7]]), row: 3, column: 2)
            #expect(placed.range.description == "C4:F6")
            #expect(placed.column(1)?.range.description == "D5:D6")
            #expect(placed.row(1, columns: 1...3)?.range.description == "D6:F6")
            #expect(placed.column(4) == nil && placed.row(2, columns: 0...1) == nil)
            let types = XLSXSheetRange(sheet: "Data", range: XLSXCellRange(row: 3, columns: 3...5))
            try sheet.insert(XLSXChart(kind: .clusteredColumn, categories: types, series: [
                .init(name: "rules", values: placed.row(0, columns: 1...3)!),
                .init(name: "hybrid", values: placed.row(1, columns: 1...3)!),
            ]), row: 8, column: 0)
        }
        let book = try XLSXReader(path)
        let cells = try book.cells("Data")
        #expect(cells["C4"]?.value == "Competitor" && cells["D6"]?.value == "0.9")
        #expect(try book.sheetXML("Data").contains(#"<pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>"#))
        #expect(try book.sheetXML("Data").contains(#"<autoFilter ref="C4:F6"/>"#))
        let chart = try book.xml("xl/charts/chart1.xml")
        #expect(chart.contains("<c:f>Data!$D$4:$F$4</c:f>"))
        #expect(chart.contains("<c:f>Data!$D$5:$F$5</c:f>") && chart.contains("<c:f>Data!$D$6:$F$6</c:f>"))
    }
}

@Suite("XLSX errors and atomic writing")
struct XLSXFailureTests {
    @Test("sheet names: Excel's rules enforced with a reason, and a sanitizer that always gives a valid name")
    func sheetNames() throws {
        #expect(XLSXSheetName.problem(with: "Summary") == nil)
        #expect(XLSXSheetName.problem(with: String(repeating: "x", count: 31)) == nil)
        #expect(XLSXSheetName.problem(with: String(repeating: "x", count: 32))?.contains("31") == true)
        #expect(XLSXSheetName.problem(with: "a/b")?.contains("\"/\"") == true)
        #expect(XLSXSheetName.problem(with: "'quoted'") != nil)
        #expect(XLSXSheetName.problem(with: "") != nil)
        #expect(XLSXSheetName.problem(with: "history") != nil)
        #expect(XLSXSheetName.problem(with: "SUMMARY", existing: ["Summary"]) != nil)
        #expect(XLSXSheetName.problem(with: "حدود النظام") == nil)

        #expect(XLSXSheetName.sanitized("Confusion: hybrid/gazetteer [v2]") == "Confusion_ hybrid_gazetteer _v2")
        #expect(XLSXSheetName.sanitized("Summary", existing: ["summary"]) == "Summary (2)")
        #expect(XLSXSheetName.sanitized("Summary", existing: ["summary", "Summary (2)"]) == "Summary (3)")
        let long = String(repeating: "y", count: 40)
        #expect(XLSXSheetName.sanitized(long, existing: [String(repeating: "y", count: 31)]) == String(repeating: "y", count: 27) + " (2)")
        #expect(XLSXSheetName.sanitized("''") == "Sheet")
        for proposed in ["", "'", "a:b", "History", long, "x'", "[]", "ملخص المقارنة بين الأنظمة كلها الآن"] {
            let name = XLSXSheetName.sanitized(proposed)
            #expect(XLSXSheetName.problem(with: name) == nil, "\(proposed) → \(name)")
        }

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("names.xlsx").path
        try XLSXWorkbook.write(to: path) { book in
            _ = try book.addWorksheet("Summary")
            #expect(throws: XLSXError.self) { try book.addWorksheet("summary") }
            #expect(throws: XLSXError.self) { try book.addWorksheet("Per type: all") }
            let error = try? #require(throws: XLSXError.self) { try book.addWorksheet(String(repeating: "z", count: 32)) }
            #expect(error?.description.hasPrefix(path + ": ") == true)
            _ = try book.addWorksheet(XLSXSheetName.sanitized("Per type: all", existing: book.sheetNames))
        }
        #expect(try XLSXReader(path).sheetNames == ["Summary", "Per type_ all"])
    }

    @Test("cells outside the sheet, a second autofilter, a chart on a missing sheet: clear errors")
    func cellErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("errors.xlsx").path
        try XLSXWorkbook.write(to: path) { book in
            let sheet = try book.addWorksheet("S")
            let outside = try? #require(throws: XLSXError.self) { try sheet.write(1, row: 1_048_576, column: 0) }
            #expect(outside?.message.contains("outside") == true)
            #expect(throws: XLSXError.self) { try sheet.write(1, row: 0, column: 16_384) }
            try sheet.setAutofilter(XLSXCellRange(firstRow: 0, firstColumn: 0, lastRow: 3, lastColumn: 1))
            #expect(throws: XLSXError.self) { try sheet.setAutofilter(XLSXCellRange(row: 5, columns: 0...1)) }
            let missing = XLSXSheetRange(sheet: "Nope", range: XLSXCellRange(column: 0, rows: 0...3))
            #expect(throws: XLSXError.self) { try sheet.insert(XLSXChart(kind: .line, series: [.init(name: "x", values: missing)]), row: 0, column: 3) }
            #expect(throws: XLSXError.self) { try sheet.insert(XLSXChart(kind: .line), row: 0, column: 3) }
            let square = XLSXSheetRange(sheet: "S", range: XLSXCellRange(firstRow: 0, firstColumn: 0, lastRow: 2, lastColumn: 2))
            #expect(throws: XLSXError.self) { try sheet.insert(XLSXChart(kind: .clusteredColumn, series: [.init(name: "x", values: square)]), row: 0, column: 3) }
        }
        // The workbook itself is still written and valid.
        #expect(try XLSXReader(path).sheetNames == ["S"])
    }

    @Test("a failing build leaves the existing report untouched and no temporary file behind")
    func failedBuildKeepsOldFile() throws {
        struct Interrupted: Error {}
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("comparison.xlsx")
        try writeComparisonLikeWorkbook(to: target.path)
        let before = try Data(contentsOf: target)
        #expect(throws: Interrupted.self) {
            try XLSXWorkbook.write(to: target.path) { book in
                let sheet = try book.addWorksheet("Half")
                try sheet.write("half-written", row: 0, column: 0)
                throw Interrupted()
            }
        }
        #expect(try Data(contentsOf: target) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["comparison.xlsx"])
    }

    @Test("a failure inside workbook_close is reported, frees the workbook, and keeps the old report")
    func closeFailure() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("comparison.xlsx")
        try Data("previous report".utf8).write(to: target)
        let error = try? #require(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: target.path) { book in
                try book.addWorksheet("S").write(1, row: 0, column: 0)
                // Sabotage: put a folder where libxlsxwriter's temporary output file is,
                // so that its fopen fails at workbook_close.
                let temporary = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
                try #require(temporary.count == 1)
                let url = folder.appendingPathComponent(temporary[0])
                try FileManager.default.removeItem(at: url)
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            }
        }
        #expect(error?.path == target.path)
        #expect(error?.message.contains("could not write the spreadsheet") == true)
        #expect(try String(contentsOf: target, encoding: .utf8) == "previous report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["comparison.xlsx"])
    }

    @Test("an unwritable destination fails before any work, naming the file")
    func unwritableDestination() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        var built = false
        let path = blocker.appendingPathComponent("reports/comparison.xlsx").path
        let error = try? #require(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: path) { _ in built = true }
        }
        #expect(!built)
        #expect(error?.path == path)
        #expect(error?.message.contains("cannot create folder") == true)
    }

    @Test("a target that is a folder: the error names it and nothing is left behind")
    func targetIsFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("comparison.xlsx")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        #expect(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: target.path) { book in _ = try book.addWorksheet("S") }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["comparison.xlsx"])
    }

    @Test("missing parent folders are created, and an empty workbook still gets a sheet")
    func createsFolders() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("a/b/report.xlsx").path
        try XLSXWorkbook.write(to: path) { _ in }
        #expect(try XLSXReader(path).sheetNames == ["Sheet1"])
    }

    @Test("using a worksheet after the workbook was written stops the program")
    func useAfterWrite() async {
        await #expect(processExitsWith: .failure) {
            var escaped: XLSXWorksheet?
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-escape-\(getpid()).xlsx").path
            try? XLSXWorkbook.write(to: path) { book in escaped = try book.addWorksheet("S") }
            try? FileManager.default.removeItem(atPath: path)
            try? escaped?.write(1, row: 0, column: 0)
        }
    }
}
