import Corpus
import Foundation
import GRDB
import Harness
import Scoring
import Testing

@Suite("History schema and concurrency")
struct HistorySchemaTests {
    /// The first released schema, written out by hand (not by the migrator) as
    /// a Mizan of that version would have left it, with one run in it.
    static func makeVersion1Database(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1-runs');
                CREATE TABLE run (
                    id TEXT NOT NULL PRIMARY KEY, time INTEGER NOT NULL, gitCommit TEXT, gitDirty BOOLEAN,
                    mizanVersion TEXT NOT NULL, host TEXT NOT NULL, os TEXT NOT NULL, cpu TEXT NOT NULL,
                    cores INTEGER NOT NULL, memoryBytes INTEGER NOT NULL, corpusPath TEXT NOT NULL,
                    corpusHash TEXT NOT NULL, documents INTEGER NOT NULL, tokens INTEGER NOT NULL,
                    seed INTEGER NOT NULL, scheme TEXT NOT NULL);
                CREATE INDEX run_by_time ON run(time);
                CREATE TABLE competitor (
                    runId TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE, position INTEGER NOT NULL,
                    name TEXT NOT NULL, kind TEXT NOT NULL, configurationHash TEXT NOT NULL, f1 REAL,
                    tokensPerSecond REAL, timedTokens INTEGER, repeatSeconds TEXT, latencyP50 REAL,
                    latencyP90 REAL, latencyP99 REAL, peakMemoryBytes INTEGER, PRIMARY KEY (runId, name));
                CREATE INDEX competitor_by_name ON competitor(name);
                CREATE TABLE score (
                    runId TEXT NOT NULL, competitor TEXT NOT NULL, scheme TEXT NOT NULL, type TEXT NOT NULL,
                    precision REAL NOT NULL, recall REAL NOT NULL, f1 REAL NOT NULL,
                    tp INTEGER, fp INTEGER, fn INTEGER, cor INTEGER, inc INTEGER, par INTEGER, mis INTEGER, spu INTEGER,
                    f1Low REAL, f1High REAL, PRIMARY KEY (runId, competitor, scheme, type),
                    FOREIGN KEY (runId, competitor) REFERENCES competitor(runId, name) ON DELETE CASCADE);

                INSERT INTO run VALUES ('20240601-120000-0a0a', 1717243200000, '0123456789abcdef0123456789abcdef01234567', 0,
                    '0.0.9', 'old-host', 'Debian 12', 'Test CPU 3000', 2, 8589934592, 'corpus', 'corpus-hash-1', 80, 40000,
                    7, 'conll');
                INSERT INTO competitor VALUES ('20240601-120000-0a0a', 0, 'rules', 'configuration', 'rules-hash', 0.5,
                    40000.0, 40000, '[1.0,1.0,1.0]', 0.0005, 0.001, 0.002, 50331648);
                INSERT INTO score VALUES ('20240601-120000-0a0a', 'rules', 'conll', '', 0.5, 0.5, 0.5,
                    100, 100, 100, NULL, NULL, NULL, NULL, NULL, 0.45, 0.55);
                INSERT INTO score VALUES ('20240601-120000-0a0a', 'rules', 'conll', 'LOC', 0.6, 0.75, 0.6666666666666666,
                    30, 20, 10, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                """)
        }
    }

    @Test("a version 1 database is migrated, its run still loads, and new runs record")
    func migratesVersion1() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let path = folder + "/old.sqlite"
        try Self.makeVersion1Database(at: path)

        let store = try HistoryStore(path: path, create: false)
        #expect(try store.appliedMigrations() == ["v1-runs", "v2-document-counts"])
        let old = try #require(try store.run(id: "20240601-120000-0a0a"))
        #expect(old.mizanVersion == "0.0.9")
        #expect(old.git == RunRecord.GitState(commit: "0123456789abcdef0123456789abcdef01234567", dirty: false))
        #expect(old.timeMilliseconds == 1_717_243_200_000)
        let rules = try #require(old.competitor(named: "rules"))
        #expect(rules.scores(.conll)?.overall.counts == Counts(tp: 100, fp: 100, fn: 100))
        #expect(rules.scores(.conll)?.types[.location]?.recall == 0.75)
        #expect(rules.scores(.conll)?.overall.f1Low == 0.45)
        #expect(rules.timings?.repeatSeconds == [1.0, 1.0, 1.0])
        #expect(rules.timings?.latency?.p99 == 0.002)
        #expect(rules.documentCounts.isEmpty)

        let new = HistoryFixtures.baseline()
        try store.record(new)
        #expect(try store.runs().map(\.id) == [new.id, old.id])
        #expect(try store.run(id: new.id) == new)

        // A v1 run has no per-document counts: a diff shows the figures but no test.
        let diff = RunComparison(baseline: old, current: new)
        let overall = try #require(diff.competitors.first { $0.name == "rules" }?.f1.first)
        #expect(overall.pValue == nil)
        #expect(overall.untested == "no per-document counts in the earlier run")
        #expect(overall.deltaPoints != nil)

        // Opening again does not migrate again.
        #expect(try HistoryStore(path: path).appliedMigrations() == ["v1-runs", "v2-document-counts"])
    }

    @Test("a database migrated by a newer Mizan is refused, naming the unknown migration, and left unchanged")
    func refusesNewerSchema() throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let path = folder + "/newer.sqlite"
        do {
            let store = try HistoryStore(path: path)
            try store.record(HistoryFixtures.baseline())
        }
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v3-future-columns')")
                try db.execute(sql: "ALTER TABLE run ADD COLUMN future TEXT")
            }
        }
        // What the database holds (schema, migrations, rows), compared before and
        // after the refused open; the file's bytes may differ only by a checkpoint.
        func snapshot() throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
                    + String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
                    + String.fetchAll(db, sql: "SELECT id || ' ' || time FROM run")
                    + String.fetchAll(db, sql: "SELECT runId || competitor || counts FROM documentCounts")
            }
        }
        let before = try snapshot()
        let error = try #require(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error == .newerSchema(path: path, unknownMigrations: ["v3-future-columns"]))
        #expect(error.description.contains("written by a newer version of Mizan"))
        #expect(try snapshot() == before)
        #expect(before.contains("v3-future-columns") && before.count > 10)

        guard MizanCLI.binary != nil else { return }
        let cli = try MizanCLI.run(["history", "--history", path])
        #expect(cli.status == 1)
        #expect(cli.error.contains("written by a newer version of Mizan"))
        #expect(cli.error.contains("v3-future-columns"))
        let check = try MizanCLI.run(["check", "--baseline", "latest"], environment: ["MIZAN_HISTORY": path])
        #expect(check.status == 2)
        #expect(check.error.contains("newer version of Mizan"))
    }

    @Test("two writers on separate connections record concurrently without losing or mixing runs")
    func concurrentConnections() async throws {
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let path = folder + "/shared.sqlite"
        let template = HistoryFixtures.baseline()
        let perWriter = 15
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    // Each writer opens its own pool, as two processes would.
                    let store = try HistoryStore(path: path)
                    for i in 0..<perWriter {
                        var run = HistoryFixtures.rerun(of: template, id: "20250101-00\(writer)0\(i < 10 ? "0" : "")\(i)-000\(writer)",
                                                        minutesLater: Double(i * 2 + writer))
                        run.seed = UInt64(writer * 100 + i)
                        try store.record(run)
                    }
                }
            }
            try await group.waitForAll()
        }
        let store = try HistoryStore(path: path, create: false)
        #expect(try store.count() == 2 * perWriter)
        for summary in try store.runs() {
            let run = try #require(try store.run(id: summary.id))
            #expect(run.competitors.map(\.documentCounts) == template.competitors.map(\.documentCounts))
        }
        let queue = try DatabaseQueue(path: path)
        let (integrity, journal) = try await queue.read { db in
            (try String.fetchOne(db, sql: "PRAGMA integrity_check"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(integrity == "ok")
        #expect(journal == "wal")
    }

    @Test("two mizan processes recording into one new history at once both succeed")
    func concurrentProcesses() throws {
        guard MizanCLI.binary != nil else {
            Issue.record(MizanCLI.CLIMissing())
            return
        }
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        let template = HistoryFixtures.baseline()
        var files: [[String]] = [[], []]
        var last: RunRecord?
        for writer in 0..<2 {
            for i in 0..<10 {
                var run = HistoryFixtures.rerun(of: template, id: "20250102-0\(writer)000\(i)-beef", minutesLater: Double(i))
                run.seed = UInt64(i)
                let file = folder + "/run-\(writer)-\(i).json"
                try run.write(to: file)
                files[writer].append(file)
                last = run
            }
        }
        // Both start on a history that does not exist yet, so both create and migrate it.
        let history = folder + "/new/history.sqlite"
        let processes = try files.map { batch in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: MizanCLI.binary!)
            process.arguments = ["history", "record", "--history", history] + batch
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            return (process, out, err)
        }
        for (process, out, err) in processes {
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(error)")
            #expect(output.split(separator: "\n").count == 10)
        }
        let store = try HistoryStore(path: history, create: false)
        #expect(try store.count() == 20)
        #expect(try store.appliedMigrations() == HistoryStore.schemaMigrations)
        #expect(try store.run(id: "20250102-010009-beef") == last)
    }
}
