import Corpus
import Foundation
import Harness
import Testing

/// The history commands through the built binary: output and exit codes.
@Suite("History commands", .enabled(if: MizanCLI.binary != nil, "the mizan binary is not built at .build/debug/mizan (run `swift build` first)"))
struct HistoryCLITests {
    /// A history with the baseline and then `latest`, plus the baseline as a file.
    func setUp(latest: RunRecord) throws -> (folder: String, history: String, baselineFile: String) {
        let folder = try HistoryFixtures.temporaryFolder()
        let history = folder + "/.mizan/history.sqlite"
        let store = try HistoryStore(path: history)
        let baseline = HistoryFixtures.baseline()
        try store.record(baseline)
        try store.record(latest)
        let file = folder + "/Benchmarks/baseline.json"
        try baseline.write(to: file)
        return (folder, history, file)
    }

    var rerun: RunRecord { HistoryFixtures.rerun(of: HistoryFixtures.baseline(), id: "20250101-010000-0002") }

    @Test("check exits 0 on an unchanged run, with the figures")
    func checkPasses() throws {
        let (folder, _, _) = try setUp(latest: rerun)
        defer { HistoryFixtures.remove(folder) }
        // Defaults: the history under .mizan/ and Benchmarks/baseline.json, both in the working directory.
        let result = try MizanCLI.run(["check"], in: folder)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.contains("baseline  Benchmarks/baseline.json: 20250101-000000-0001"))
        #expect(result.output.contains("ok       gazetteer  LOC F1"))
        #expect(result.output.contains("PASS: no regression in"))
    }

    @Test("check exits 1 when a competitor lost its LOC entities, naming competitor, type and size")
    func checkFailsOnLostLocations() throws {
        let degraded = HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer")
        let (folder, history, file) = try setUp(latest: degraded)
        defer { HistoryFixtures.remove(folder) }
        let result = try MizanCLI.run(["check", "--history", history, "--baseline", file])
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n").map(String.init)
        let loc = try #require(lines.firstIndex { $0.hasPrefix("FAIL     gazetteer  LOC F1") })
        #expect(lines[loc].contains(" -> 0.0 (-"))
        #expect(lines[loc + 1].contains("a significant drop: p < 0.001 (paired over"))
        #expect(lines.last?.hasPrefix("FAIL: 2 regressions: gazetteer all types F1 (") == true)

        // The same baseline named as a stored run.
        let byRun = try MizanCLI.run(["check", "--baseline", "latest~1"], environment: ["MIZAN_HISTORY": history])
        #expect(byRun.status == 1)
        #expect(byRun.output.hasPrefix("baseline  run 20250101-000000-0001"))
    }

    @Test("check exits 1 when throughput halved, and 0 when the allowance covers it")
    func checkFailsOnSlowdown() throws {
        let slow = HistoryFixtures.slowed(rerun, competitor: "hybrid", factor: 2)
        let (folder, history, file) = try setUp(latest: slow)
        defer { HistoryFixtures.remove(folder) }
        let result = try MizanCLI.run(["check", "--history", history, "--baseline", file])
        #expect(result.status == 1)
        #expect(result.output.contains("FAIL     hybrid     throughput    tokens/s"))
        #expect(result.output.split(separator: "\n").last == "FAIL: 1 regression: hybrid throughput (-50.5%)")
        let allowed = try MizanCLI.run(["check", "--history", history, "--baseline", file, "--max-slowdown", "0.6"])
        #expect(allowed.status == 0)
    }

    @Test("check exits 2 without a history or a baseline, and 64 on a bad option")
    func checkCannotRun() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let none = try MizanCLI.run(["check"], in: folder)
        #expect(none.status == 2)
        #expect(none.error.contains(".mizan/history.sqlite: no run history here"))
        try HistoryStore(path: folder + "/.mizan/history.sqlite").record(rerun)
        let noBaseline = try MizanCLI.run(["check"], in: folder)
        #expect(noBaseline.status == 2)
        #expect(noBaseline.error.contains("no baseline to check against: Benchmarks/baseline.json does not exist"))
        let bad = try MizanCLI.run(["check", "--max-slowdown", "20"], in: folder)
        #expect(bad.status == 64)
        #expect(bad.error.contains("--max-slowdown is a fraction"))
    }

    @Test("--update-baseline writes the latest run atomically and exits 0; check then passes")
    func updateBaseline() throws {
        let degraded = HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer")
        let (folder, _, file) = try setUp(latest: degraded)
        defer { HistoryFixtures.remove(folder) }
        let update = try MizanCLI.run(["check", "--update-baseline"], in: folder)
        #expect(update.status == 0, "\(update.error)")
        #expect(update.output.contains("The run above replaces the old baseline."))
        #expect(update.output.hasSuffix("wrote Benchmarks/baseline.json from run 20250101-010000-0002\n"))
        #expect(try RunRecord.read(from: file) == degraded)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder + "/Benchmarks")
        #expect(leftovers == ["baseline.json"])
        let check = try MizanCLI.run(["check"], in: folder)
        #expect(check.status == 0)
    }

    @Test("history lists runs, filters by --config, shows one; diff warns on different corpora")
    func listShowDiff() throws {
        var other = HistoryFixtures.withoutLOC(rerun, competitor: "gazetteer")
        other.corpus.contentHash = "another-corpus"
        let (folder, history, file) = try setUp(latest: other)
        defer { HistoryFixtures.remove(folder) }
        let env = ["MIZAN_HISTORY": history]

        let list = try MizanCLI.run(["history"], environment: env)
        #expect(list.status == 0)
        let rows = list.output.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[1].hasPrefix("20250101-010000-0002  2025-01-01 01:00:00  e5f6a7b+dirty  another"))
        let rulesF1 = HistoryFixtures.baseline().competitor(named: "rules")!.scores(.conll)!.overall.f1
        #expect(rows[2].hasSuffix("corpus-h (80 docs)  rules \(String(format: "%.1f", rulesF1 * 100)), gazetteer"
                                  + rows[2].split(separator: ", gazetteer").last.map { String($0) }!))

        let one = try MizanCLI.run(["history", "--config", "gazetteer", "--limit", "1"], environment: env)
        #expect(one.output.split(separator: "\n").count == 3)
        #expect(one.output.hasPrefix("gazetteer: F1 (conll) and median tokens/s, newest first"))

        let show = try MizanCLI.run(["history", "show", "20250101-01"], environment: env)
        #expect(show.status == 0)
        #expect(show.output.hasPrefix("run      20250101-010000-0002  2025-01-01 01:00:00 UTC  commit e5f6a7b+dirty"))
        #expect(show.output.contains("camelbert  (outside system, hash camelbert-ou)"))
        #expect(show.output.contains("  speed  tokens/s 39,216 (min 37,736, max 40,404, 5 repeats"))

        let fromFile = try MizanCLI.run(["history", "show", file], environment: env)
        #expect(fromFile.output.hasPrefix("run      20250101-000000-0001"))

        let diff = try MizanCLI.run(["diff", file, "latest"], environment: env)
        #expect(diff.status == 0)
        #expect(diff.output.contains("WARNING: the corpora differ"))
        let same = try MizanCLI.run(["diff", "latest~1", "latest~1"], environment: env)
        #expect(same.output.contains("same corpus"))

        let missing = try MizanCLI.run(["diff", "nope", "latest"], environment: env)
        #expect(missing.status == 1)
        #expect(missing.error.contains("no run matches 'nope'"))
    }
}
