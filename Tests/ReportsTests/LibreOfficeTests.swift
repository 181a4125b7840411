import Foundation
import Testing
@testable import Reports

/// LibreOffice's command-line converter, when installed.
let libreOffice: String? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        for name in ["libreoffice", "soffice"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
    }
    return nil
}()

@Suite("LibreOffice opens the spreadsheet")
struct LibreOfficeTests {
    /// Runs LibreOffice headless with its own profile folder (so that parallel
    /// runs do not share one), giving up after two minutes.
    func convert(_ file: String, to filter: String, in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: libreOffice!)
        process.arguments = ["--headless", "--norestore",
                             "-env:UserInstallation=file://\(folder.path)/profile",
                             "--convert-to", filter, "--outdir", folder.appendingPathComponent("out").path, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { process.terminate() }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("converts to PDF, and its reading of every sheet shows the values as formatted",
          .enabled(if: libreOffice != nil, "libreoffice is not installed (apt-get install libreoffice-calc-nogui); skipped"))
    func opens() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("comparison.xlsx").path
        try writeComparisonLikeWorkbook(to: file)

        let pdf = try convert(file, to: "pdf", in: folder)
        #expect(pdf.status == 0, "\(pdf.output)")
        let pdfSize = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("out/comparison.pdf").path)[.size] as? Int) ?? 0
        #expect(pdfSize > 10_000, "\(pdf.output)")
        #expect(!pdf.output.lowercased().contains("error"), "\(pdf.output)")

        // Every sheet to CSV, values as shown (UTF-8, comma-separated, sheet -1 = all).
        let csv = try convert(file, to: "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", in: folder)
        #expect(csv.status == 0, "\(csv.output)")
        func sheet(_ name: String) throws -> [String] {
            try String(contentsOf: folder.appendingPathComponent("out/comparison-\(name).csv"), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
        let summary = try sheet("Summary")
        #expect(summary.first == "Competitor,P,R,F1,Δ F1 vs rules,p-value,tokens/s,p99 latency (ms)")
        #expect(summary.dropFirst().first == #"rules,81.0%,74.0%,77.3%,0.0%,,"1,204,330",0.42"#)
        #expect(summary.dropFirst(3).first == #"crf,88.0%,70.0%,78.0%,0.6%,0.4123,"45,000","#)
        let errors = try sheet("Errors")
        #expect(errors.dropFirst().first == "rules,doc-001,FN,ORG,وزارة الخارجية,أعلنت وزارة الخارجية المصرية اليوم")
        let perType = try sheet("Per type")
        #expect(perType.dropFirst(2).first == "LOC,79.0%,88.0%,80.0%")
    }
}
