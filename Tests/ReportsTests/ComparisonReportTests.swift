import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Harness
@testable import Reports
import Scoring
import Testing

/// The comparison's three reports, read back.
@Suite("Comparison reports", .serialized)
struct ComparisonReportTests {
    /// One comparison and its reports, shared by the tests of this suite.
    static let written: Result<(results: ComparisonResults, folder: String, paths: ComparisonReports.Paths), any Error> = Result {
        let (results, folder) = try ComparisonReportFixture.results()
        let paths = try ComparisonReports.write(results, to: folder + "/reports")
        return (results, folder, paths)
    }

    func fixture() throws -> (results: ComparisonResults, folder: String, paths: ComparisonReports.Paths) {
        try Self.written.get()
    }

    /// Column letters of a header row, by title.
    func columns(_ cells: [String: XLSXReader.Cell], row: Int = 1) -> [String: String] {
        var out: [String: String] = [:]
        for (ref, cell) in cells where ref.drop(while: { $0.isLetter }) == String(row) {
            if let v = cell.value { out[v] = String(ref.prefix(while: { $0.isLetter })) }
        }
        return out
    }

    func number(_ cells: [String: XLSXReader.Cell], _ ref: String) -> Double? { XLSXReader.number(cells[ref]) }

    @Test("the workbook has the seven sheets, and the Summary holds results.json's figures")
    func summarySheet() throws {
        let (results, _, paths) = try fixture()
        let book = try XLSXReader(paths.workbook)
        #expect(book.sheetNames == ComparisonWorkbook.sheetNames)
        let cells = try book.cells("Summary")
        let header = columns(cells)
        let scheme = results.settings.scheme
        for (i, c) in results.competitors.enumerated() {
            let row = i + 2
            #expect(cells["A\(row)"]?.value == c.name)
            let o = c.scores(scheme).overall
            for (title, value) in [("P", o.precision), ("R", o.recall), ("F1", o.f1), ("F1 95% low", o.f1Interval.lower),
                                   ("F1 95% high", o.f1Interval.upper)] {
                let got = try #require(number(cells, "\(header[title]!)\(row)"), "\(title) of \(c.name)")
                #expect(abs(got - value) < 1e-12, "\(title) of \(c.name)")
            }
            let delta = cells["\(header["ΔF1 vs weak"]!)\(row)"]
            if let v = c.versusBaseline {
                #expect(abs(XLSXReader.number(delta)! - v.deltaF1) < 1e-12)
                #expect(abs(number(cells, "\(header["p-value"]!)\(row)")! - v.pValue) < 1e-12)
            } else {
                #expect(delta?.value == "baseline")
            }
            if let t = c.timing {
                #expect(abs(number(cells, "\(header["Tokens/s"]!)\(row)")! - t.singleThreaded.tokensPerSecond.median) < 1e-6)
            } else {
                #expect(cells["\(header["Tokens/s"]!)\(row)"]?.value == nil)
            }
        }
        // Percentages are numbers formatted as percentages; the header row is frozen and filterable.
        let formats = try book.cellFormats()
        #expect(formats[cells["\(header["F1"]!)2"]!.styleIndex].numberFormat == "0.0%")
        let xml = try book.sheetXML("Summary")
        #expect(xml.contains("<autoFilter ref=\"A1:"))
        #expect(xml.contains("state=\"frozen\""))
        #expect(xml.contains("<colorScale>"))
        // The verdicts in words below the table.
        let texts = cells.values.compactMap(\.value)
        #expect(texts.contains { $0.hasPrefix("strong beats weak by +") && $0.contains("F1 (p") })
        #expect(texts.contains { $0.hasPrefix("no significant difference between places-only and weak") })
    }

    @Test("Per type: the table matches the results and a clustered column chart plots F1 per type per competitor")
    func perTypeAndChart() throws {
        let (results, _, paths) = try fixture()
        let book = try XLSXReader(paths.workbook)
        let cells = try book.cells("Per type")
        var row = 2
        for c in results.competitors {
            for f in c.scores(results.settings.scheme).types {
                #expect(cells["A\(row)"]?.value == c.name)
                #expect(cells["B\(row)"]?.value == f.type)
                #expect(abs(number(cells, "E\(row)")! - f.f1) < 1e-12)
                #expect(number(cells, "H\(row)") == Double(f.support))
                row += 1
            }
        }
        let charts = book.members.filter { $0.hasPrefix("xl/charts/chart") }
        #expect(charts.count == 1)
        let chart = try book.xml(charts[0])
        #expect(chart.contains("<c:barChart>"))
        #expect(chart.contains("<c:barDir val=\"col\"/>"))
        #expect(chart.contains("<c:grouping val=\"clustered\"/>"))
        #expect(chart.components(separatedBy: "<c:ser>").count - 1 == results.competitors.count)
        #expect(chart.contains("'Per type'!$"))
        for c in results.competitors { #expect(chart.contains(c.name)) }
        // The drawing sits on the Per type sheet.
        let perTypePart = book.sheets.first { $0.name == "Per type" }!.part
        let rels = try book.xml(perTypePart.replacingOccurrences(of: "worksheets/", with: "worksheets/_rels/") + ".rels")
        #expect(rels.contains("drawing"))
    }

    @Test("Errors: every error, filterable, right to left")
    func errorsSheet() throws {
        let (results, _, paths) = try fixture()
        let book = try XLSXReader(paths.workbook)
        let xml = try book.sheetXML("Errors")
        #expect(xml.contains("rightToLeft=\"1\""))
        #expect(xml.contains("<autoFilter ref=\"A1:K"))
        let cells = try book.cells("Errors")
        let total = results.competitors.reduce(0) { $0 + $1.errors.count }
        #expect(total > 0)
        let rows = Set(cells.keys.map { Int($0.drop(while: { $0.isLetter }))! })
        #expect(rows.max() == total + 1)
        let header = columns(cells)
        let formats = try book.cellFormats()
        let textColumn = try #require(header["Text"])
        #expect(formats[cells["\(textColumn)2"]!.styleIndex].readingOrder == "2")
        #expect(formats[cells["\(header["In context"]!)2"]!.styleIndex].readingOrder == "2")
        // The first row is the first competitor's first error.
        let first = results.competitors.first { !$0.errors.isEmpty }!
        #expect(cells["A2"]?.value == first.name)
        #expect(cells["\(textColumn)2"]?.value == first.errors[0].text)
        #expect(cells["\(header["Document"]!)2"]?.value == first.errors[0].document)
    }

    @Test("Schemes, Confusion, Timings and Run hold the rest")
    func otherSheets() throws {
        let (results, _, paths) = try fixture()
        let book = try XLSXReader(paths.workbook)
        let schemes = try book.cells("Schemes")
        let strong = results.competitor(named: "strong")!
        // Rows: competitor × (strict, exact, partial, type), in order.
        let index = results.competitors.firstIndex { $0.name == "strong" }!
        let partialRow = 2 + index * 4 + 2
        #expect(schemes["B\(partialRow)"]?.value == "partial")
        #expect(number(schemes, "C\(partialRow)") == Double(strong.scores(.partial).overall.outcomes!.cor))
        #expect(abs(number(schemes, "L\(partialRow)")! - strong.scores(.partial).overall.f1) < 1e-12)

        let confusion = try book.cells("Confusion")
        let values = confusion.values.compactMap(\.value)
        #expect(values.contains("MISSED") && values.contains("SPURIOUS"))
        #expect(values.filter { $0 == "gold \\ predicted" }.count == results.competitors.count)

        let timings = try book.cells("Timings")
        let repeatRows = timings.filter { $0.key.hasPrefix("C") && Int($0.key.dropFirst()) != nil && $0.value.type == "n" }
        let expectedRepeats = results.competitors.compactMap(\.timing).reduce(0) { $0 + $1.singleThreaded.repeats.count + ($1.parallel?.repeats.count ?? 0) }
        #expect(repeatRows.count >= expectedRepeats)
        #expect(timings.values.contains { $0.value == "p99 (ms)" })

        let run = try book.cells("Run")
        let runValues = run.values.compactMap(\.value)
        #expect(runValues.contains(results.data.contentHash))
        #expect(runValues.contains(results.run.id))
        #expect(runValues.contains(strong.configurationHash))
        #expect(runValues.contains(String(results.settings.seed)))
    }

    @Test("report.txt: 100 columns, the summary, verdicts in words, per-type tables, errors")
    func textReport() throws {
        let (results, _, paths) = try fixture()
        let text = try String(contentsOfFile: paths.text, encoding: .utf8)
        for line in text.split(separator: "\n") {
            #expect(DisplayWidth.of(line) <= 100, "too wide: \(line)")
        }
        #expect(text.contains("Summary (CoNLL"))
        let strong = results.competitor(named: "strong")!.versusBaseline!
        #expect(text.contains("strong beats weak by \(NumberText.signedPoints(strong.deltaF1)) F1 (\(ComparisonWording.pText(strong.pValue)))"))
        #expect(text.contains("no significant difference between places-only and weak (0.0 F1, p = 1.000)"))
        #expect(text.contains("strong: per type"))
        #expect(text.contains("Slowest documents"))
        #expect(text.contains("Most frequent errors"))
        #expect(text.contains("noisy: "))
        #expect(text.contains("الوزير"))  // noisy's spurious person
        #expect(text == ComparisonTextReport.render(results))
    }

    @Test("results.json is the results, byte for byte as rendered")
    func json() throws {
        let (results, _, paths) = try fixture()
        let data = try Data(contentsOf: URL(fileURLWithPath: paths.json))
        #expect(data == (try results.jsonData()))
        #expect(try ComparisonResults.decode(data) == results)
    }

    @Test("a failed write leaves the previous reports as they were")
    func atomicity() throws {
        let (results, folder, _) = try fixture()
        let out = folder + "/atomic"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "previous report\n".write(toFile: out + "/report.txt", atomically: true, encoding: .utf8)
        try "{}\n".write(toFile: out + "/results.json", atomically: true, encoding: .utf8)
        // A folder where the spreadsheet should go: renaming over it fails.
        try FileManager.default.createDirectory(atPath: out + "/comparison.xlsx/inside", withIntermediateDirectories: true)
        #expect(throws: XLSXError.self) { try ComparisonReports.write(results, to: out) }
        #expect(try String(contentsOfFile: out + "/report.txt", encoding: .utf8) == "previous report\n")
        #expect(try String(contentsOfFile: out + "/results.json", encoding: .utf8) == "{}\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
        // Once the obstacle is gone the three are replaced.
        try FileManager.default.removeItem(atPath: out + "/comparison.xlsx")
        try ComparisonReports.write(results, to: out)
        #expect(try String(contentsOfFile: out + "/report.txt", encoding: .utf8) == ComparisonTextReport.render(results))
    }

    @Test("the Trend sheet and section: one row per recorded run, a line chart each for F1 and tokens/s")
    func trend() throws {
        let (results, folder, _) = try fixture()
        let older = Date(timeIntervalSince1970: results.run.started.timeIntervalSince1970 - 3600)
        var points: [ComparisonTrend.Point] = []
        for (runID, time, corpus) in [("20250101-000000-aaaa", older, "other"), (results.run.id, results.run.started, results.data.contentHash)] {
            for c in results.competitors {
                points.append(ComparisonTrend.Point(
                    runId: runID, time: time, corpusHash: corpus, competitor: c.name,
                    configurationHash: runID == results.run.id ? c.configurationHash : "old",
                    f1: c.scores(.conll).overall.f1, tokensPerSecond: c.timing?.singleThreaded.tokensPerSecond.median))
            }
        }
        let trend = ComparisonTrend(points: points, results: results)
        #expect(trend.runs.map(\.id) == ["20250101-000000-aaaa", results.run.id])
        #expect(trend.runs[0].otherCorpus && !trend.runs[1].otherCorpus)
        #expect(trend.runs[1].changed == results.competitors.map(\.name))
        let paths = try ComparisonReports.write(results, trend: trend, to: folder + "/with-trend")
        let book = try XLSXReader(paths.workbook)
        #expect(book.sheetNames == ComparisonWorkbook.sheetNames + ["Trend"])
        let lineCharts = try book.members.filter { $0.hasPrefix("xl/charts/") }.map { try book.xml($0) }.filter { $0.contains("<c:lineChart>") }
        #expect(lineCharts.count == 2)
        let cells = try book.cells("Trend")
        #expect(cells["A3"]?.value == "20250101-000000-aaaa")
        #expect(abs(number(cells, "C4")! - results.competitors[0].scores(.conll).overall.f1) < 1e-12)
        let text = try String(contentsOfFile: paths.text, encoding: .utf8)
        #expect(text.contains("Trend over the last 2 recorded runs"))
        #expect(text.contains("other corpus"))
    }

    @Test("LibreOffice opens comparison.xlsx and converts it to PDF without errors",
          .enabled(if: libreOffice != nil, "libreoffice is not installed (apt-get install libreoffice-calc-nogui); skipped"))
    func libreOfficeOpensIt() throws {
        let (_, folder, paths) = try fixture()
        let out = URL(fileURLWithPath: folder + "/lo")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let conversion = try LibreOfficeTests().convert(paths.workbook, to: "pdf", in: out)
        #expect(conversion.status == 0, "\(conversion.output)")
        #expect(!conversion.output.lowercased().contains("error"), "\(conversion.output)")
        let size = (try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("out/comparison.pdf").path)[.size] as? Int) ?? 0
        #expect(size > 10_000)
    }
}
