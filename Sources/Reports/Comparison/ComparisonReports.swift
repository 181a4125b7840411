import Corpus
import Foundation
import Harness

/// Writes a comparison's three reports into a folder: `comparison.xlsx`,
/// `report.txt` and `results.json`.
///
/// Each file is written atomically (a temporary file beside it, renamed into
/// place), and every report is rendered before any is written: a failure
/// leaves the previous reports as they were, never half a file.
public enum ComparisonReports {
    public struct Paths: Sendable {
        public var workbook: String
        public var text: String
        public var json: String
    }

    public static func paths(in folder: String) -> Paths {
        let base = folder as NSString
        return Paths(workbook: base.appendingPathComponent("comparison.xlsx"),
                     text: base.appendingPathComponent("report.txt"),
                     json: base.appendingPathComponent("results.json"))
    }

    @discardableResult
    public static func write(_ results: ComparisonResults, trend: ComparisonTrend? = nil, to folder: String) throws -> Paths {
        let paths = paths(in: folder)
        let text = ComparisonTextReport.render(results, trend: trend)
        let json = try results.jsonData()
        try ComparisonWorkbook.write(results, trend: trend, to: paths.workbook)
        try TextFile.writeAtomically(text, to: paths.text)
        try TextFile.writeAtomically(json, to: paths.json)
        return paths
    }
}
