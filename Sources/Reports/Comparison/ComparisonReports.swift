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
        /// Seconds spent rendering the text report and the JSON, and writing the workbook and the two files.
        public var seconds: (text: Double, json: Double, workbook: Double, files: Double) = (0, 0, 0, 0)
    }

    public static func paths(in folder: String) -> Paths {
        let base = folder as NSString
        return Paths(workbook: base.appendingPathComponent("comparison.xlsx"),
                     text: base.appendingPathComponent("report.txt"),
                     json: base.appendingPathComponent("results.json"))
    }

    @discardableResult
    public static func write(_ results: ComparisonResults, trend: ComparisonTrend? = nil, to folder: String) throws -> Paths {
        var paths = paths(in: folder)
        let clock = MonotonicClock()
        var start = clock.nanoseconds()
        func lap() -> Double {
            let now = clock.nanoseconds()
            defer { start = now }
            return Double(now &- start) / 1e9
        }
        let text = ComparisonTextReport.render(results, trend: trend)
        paths.seconds.text = lap()
        let json = try results.jsonData()
        paths.seconds.json = lap()
        try ComparisonWorkbook.write(results, trend: trend, to: paths.workbook)
        paths.seconds.workbook = lap()
        try TextFile.writeAtomically(text, to: paths.text)
        try TextFile.writeAtomically(json, to: paths.json)
        paths.seconds.files = lap()
        return paths
    }
}
