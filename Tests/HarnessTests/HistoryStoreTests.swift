import Corpus
import Foundation
import GRDB
import Harness
import Scoring
import Testing

@Suite("History store")
struct HistoryStoreTests {
    @Test("a recorded run loads back equal, field for field")
    func roundTrip() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let path = folder + "/nested/history.sqlite"
        let run = HistoryFixtures.baseline()
        do {
            let store = try HistoryStore(path: path)
            try store.record(run)
        }
        // A new connection, so nothing comes from memory.
        let store = try HistoryStore(path: path, create: false)
        let loaded = try #require(try store.run(id: run.id))
        #expect(loaded == run)
        #expect(loaded.competitors.map(\.name) == ["rules", "gazetteer", "hybrid", "camelbert"])
        #expect(loaded.competitors[3].timings == nil)
        #expect(loaded.competitors[3].kind == .outsideSystem)
        #expect(loaded.competitors[0].scores.map(\.scheme) == [.conll, .strict])
        #expect(loaded.competitors[0].documentCounts.documents.count > 70)
        #expect(loaded.timeMilliseconds == 1_735_689_600_123)
        #expect(try store.appliedMigrations() == HistoryStore.schemaMigrations)
    }

    @Test("the JSON run file round-trips and a newer format is refused")
    func fileRoundTrip() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let run = HistoryFixtures.baseline()
        let path = folder + "/Benchmarks/baseline.json"
        try run.write(to: path)
        #expect(try RunRecord.read(from: path) == run)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"format\" : 1"))
        #expect(text.contains("\"time\" : \"2025-01-01T00:00:00.123Z\""))

        let newer = text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 2")
        try newer.write(toFile: folder + "/newer.json", atomically: true, encoding: .utf8)
        #expect(throws: HistoryError.newerFileFormat(path: folder + "/newer.json", format: 2, supported: 1)) {
            try RunRecord.read(from: folder + "/newer.json")
        }

        let broken = text.replacingOccurrences(of: "\"mizanVersion\"", with: "\"mizanVersio\"")
        try broken.write(toFile: folder + "/broken.json", atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try RunRecord.read(from: folder + "/broken.json") }
        #expect(error.file == folder + "/broken.json")
        #expect(error.message.contains("missing \"mizanVersion\" at run"))
    }

    @Test("runs resolve by latest, latest~N, id and unique prefix")
    func references() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let store = try HistoryStore(path: folder + "/h.sqlite")
        #expect(throws: HistoryError.empty(path: folder + "/h.sqlite")) { try store.run("latest") }
        let a = HistoryFixtures.baseline(id: "20250101-000000-aaaa")
        let b = HistoryFixtures.rerun(of: a, id: "20250101-010000-bbbb")
        let c = HistoryFixtures.rerun(of: b, id: "20250101-020000-cccc")
        for run in [b, a, c] { try store.record(run) }  // recording order does not matter
        #expect(try store.run("latest").id == c.id)
        #expect(try store.run("latest~2").id == a.id)
        #expect(try store.run("20250101-01").id == b.id)
        #expect(try store.run(a.id) == a)
        #expect(try store.latestRun()?.id == c.id)
        #expect(throws: HistoryError.ambiguousRun("20250101-0", candidates: [a.id, b.id, c.id])) {
            try store.run("20250101-0")
        }
        #expect(throws: HistoryError.unknownRun("latest~3", path: folder + "/h.sqlite")) { try store.run("latest~3") }
        #expect(throws: HistoryError.unknownRun("2025%", path: folder + "/h.sqlite")) { try store.run("2025%") }
        #expect(throws: HistoryError.duplicateRun(a.id)) { try store.record(a) }
        #expect(try store.count() == 3)
    }

    @Test("listing filters by competitor and limit; the trend gives F1 and tokens/s oldest first")
    func listingAndTrend() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let store = try HistoryStore(path: folder + "/h.sqlite")
        let a = HistoryFixtures.baseline(id: "20250101-000000-aaaa")
        var b = HistoryFixtures.withoutLOC(HistoryFixtures.rerun(of: a, id: "20250101-010000-bbbb"), competitor: "gazetteer")
        b.competitors.removeAll { $0.name == "camelbert" }
        let c = HistoryFixtures.slowed(HistoryFixtures.rerun(of: a, id: "20250101-020000-cccc"), competitor: "rules", factor: 2)
        for run in [a, b, c] { try store.record(run) }

        let all = try store.runs()
        #expect(all.map(\.id) == [c.id, b.id, a.id])
        #expect(all[0].competitors.map(\.name) == ["rules", "gazetteer", "hybrid", "camelbert"])
        #expect(try store.runs(limit: 2).map(\.id) == [c.id, b.id])
        #expect(try store.runs(competitor: "camelbert").map(\.id) == [c.id, a.id])
        #expect(try store.runs(competitor: "nobody").isEmpty)

        let gazetteerF1 = a.competitor(named: "gazetteer")!.scores(.conll)!.overall.f1
        let degradedF1 = b.competitor(named: "gazetteer")!.scores(.conll)!.overall.f1
        let trend = try store.trend(competitor: "gazetteer")
        #expect(trend.map(\.runId) == [a.id, b.id, c.id])
        #expect(trend.map(\.f1) == [gazetteerF1, degradedF1, gazetteerF1])
        #expect(degradedF1 < gazetteerF1 - 0.1)

        let rules = try store.trend(competitor: "rules", limit: 2)
        #expect(rules.map(\.runId) == [b.id, c.id])
        let fast = try #require(rules[0].tokensPerSecond)
        let slow = try #require(rules[1].tokensPerSecond)
        #expect(abs(fast / slow - 2) < 1e-9)
        let median = Double(HistoryFixtures.tokens) / 1.02  // median of the rerun's repeats
        #expect(abs(fast - median) < 1e-6)

        let everyone = try store.trend(limit: 1)
        #expect(everyone.map(\.competitor) == ["rules", "gazetteer", "hybrid", "camelbert"])
        #expect(everyone.last?.tokensPerSecond == nil)
    }

    @Test("an invalid record is refused with the competitor and type named, and nothing is written")
    func invalidRecord() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let store = try HistoryStore(path: folder + "/h.sqlite")
        var run = HistoryFixtures.baseline()
        run.competitors[1].documentCounts.add(Counts(tp: 1), document: "doc000", type: .location)
        let error = try #require(throws: HistoryError.self) { try store.record(run) }
        #expect(error.description.contains("gazetteer, conll, LOC: per-document counts sum to"))
        #expect(try store.count() == 0)

        var nan = HistoryFixtures.baseline()
        nan.competitors[0].scores[1].overall.f1 = .nan
        #expect(throws: HistoryError.self) { try store.record(nan) }

        var twice = HistoryFixtures.baseline()
        twice.competitors.append(twice.competitors[0])
        #expect(throws: HistoryError.invalidRecord(run: twice.id, problem: "competitor rules appears twice")) {
            try store.record(twice)
        }

        var partial = HistoryFixtures.baseline()
        partial.scheme = .partial
        let schemeError = try #require(throws: HistoryError.self) { try store.record(partial) }
        #expect(schemeError.description.contains("need a scheme whose overall counts are the sum over types"))

        var slow = HistoryFixtures.baseline()
        slow.competitors[0].timings?.repeatSeconds.append(0)
        #expect(throws: HistoryError.self) { try store.record(slow) }
        #expect(try store.count() == 0)
    }

    @Test("a reading command does not create a history; a non-database file is reported")
    func missingAndUnreadable() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        #expect(throws: HistoryError.noHistory(path: folder + "/none.sqlite")) {
            try HistoryStore(path: folder + "/none.sqlite", create: false)
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/none.sqlite"))
        try "not a database, just text\n".write(toFile: folder + "/text.sqlite", atomically: true, encoding: .utf8)
        let error = try #require(throws: HistoryError.self) { try HistoryStore(path: folder + "/text.sqlite") }
        guard case .unreadable(let path, let reason) = error else {
            Issue.record("expected .unreadable, got \(error)")
            return
        }
        #expect(path == folder + "/text.sqlite")
        #expect(reason.contains("not a database"))
    }

    @Test("the history path comes from --history, then MIZAN_HISTORY, then the default")
    func pathResolution() {
        #expect(HistoryStore.resolvePath(option: "x.sqlite", environment: ["MIZAN_HISTORY": "y.sqlite"]) == "x.sqlite")
        #expect(HistoryStore.resolvePath(option: nil, environment: ["MIZAN_HISTORY": "y.sqlite"]) == "y.sqlite")
        #expect(HistoryStore.resolvePath(option: nil, environment: [:]) == ".mizan/history.sqlite")
    }
}
