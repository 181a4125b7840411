import Corpus
import Foundation
import GRDB
import Scoring
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The run history: an SQLite database (GRDB) of `RunRecord`s.
///
/// - The schema is versioned (`HistoryStore.schemaMigrations`); opening an older
///   database migrates it, and a database migrated by a newer Mizan is refused
///   with `HistoryError.newerSchema` before anything is written.
/// - The database is in WAL mode and opened as a `DatabasePool`; every record is
///   written in one immediate transaction, and a writer waits (up to
///   `busyTimeout`) for another process's transaction instead of failing, so
///   concurrent runs can record into the same file. Migrations are serialized
///   across processes with an advisory lock on `PATH.lock`.
public final class HistoryStore: Sendable {
    /// Where runs are recorded when neither `--history` nor `MIZAN_HISTORY` says otherwise.
    public static let defaultPath = ".mizan/history.sqlite"
    /// The environment variable that overrides `defaultPath`.
    public static let environmentVariable = "MIZAN_HISTORY"
    /// How long a writer waits for another process's write to finish.
    public static let busyTimeout: TimeInterval = 30

    public let path: String
    private let pool: DatabasePool

    /// The history path: the `--history` option, else `MIZAN_HISTORY`, else `defaultPath`.
    public static func resolvePath(option: String?,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment[environmentVariable], !variable.isEmpty { return variable }
        return defaultPath
    }

    /// Opens the history at `path`, migrating it to the current schema.
    ///
    /// - Parameter create: create the file (and its folder) when missing; when
    ///   false a missing file is `HistoryError.noHistory` (for read-only commands,
    ///   which should not leave an empty database behind).
    /// - Throws: `HistoryError.noHistory`, `.newerSchema` or `.unreadable`.
    public init(path: String, create: Bool = true) throws {
        self.path = path
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: path) {
            guard create else { throw HistoryError.noHistory(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw HistoryError.unreadable(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "mizan-history"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw HistoryError.unreadable(path: path, reason: Self.reason(error))
        }
        try migrate()
    }

    private func migrate() throws {
        let migrator = Self.migrator
        do {
            let (superseded, complete, applied) = try pool.read { db in
                (try migrator.hasBeenSuperseded(db), try migrator.hasCompletedMigrations(db),
                 try migrator.appliedIdentifiers(db))
            }
            if superseded {
                let unknown = applied.subtracting(migrator.migrations).sorted()
                throw HistoryError.newerSchema(path: path, unknownMigrations: unknown)
            }
            if complete { return }
            // Two processes opening a new or old database at once would both see
            // the same missing migrations; the lock makes the second one wait and
            // then find them applied.
            try withMigrationLock {
                try migrator.migrate(pool)
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unreadable(path: path, reason: Self.reason(error))
        }
    }

    private func withMigrationLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = path + ".lock"
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else {
            throw HistoryError.unreadable(path: path, reason: "cannot open lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw HistoryError.unreadable(path: path, reason: "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }

    /// The migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { try Self.migrator.appliedMigrations($0) }
    }
}

// MARK: - Writing

extension HistoryStore {
    /// Records a run, all of it or nothing, in one immediate transaction.
    ///
    /// - Throws: `HistoryError.invalidRecord` when the record breaks the model's
    ///   invariants, `.duplicateRun` when its id is already recorded.
    ///   O(competitors × (schemes × types + non-zero document counts)).
    public func record(_ run: RunRecord) throws {
        try run.validate()
        do {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try Self.insert(run, into: db)
                    return .commit
                }
            }
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unreadable(path: path, reason: "cannot record run \(run.id): \(Self.reason(error))")
        }
    }

    private static func insert(_ run: RunRecord, into db: Database) throws {
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM run WHERE id = ?)", arguments: [run.id]) == true {
            throw HistoryError.duplicateRun(run.id)
        }
        try db.execute(sql: """
            INSERT INTO run (id, time, gitCommit, gitDirty, mizanVersion, host, os, cpu, cores, memoryBytes,
                             corpusPath, corpusHash, documents, tokens, seed, scheme)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                run.id, run.timeMilliseconds, run.git?.commit, run.git?.dirty, run.mizanVersion,
                run.machine.host, run.machine.os, run.machine.cpu, run.machine.cores, run.machine.memoryBytes,
                run.corpus.path, run.corpus.contentHash, run.corpus.documents, run.corpus.tokens,
                Int64(bitPattern: run.seed), run.scheme.rawValue,
            ])
        let insertCompetitor = try db.cachedStatement(sql: """
            INSERT INTO competitor (runId, position, name, kind, configurationHash, f1, tokensPerSecond,
                                    timedTokens, repeatSeconds, latencyP50, latencyP90, latencyP99, peakMemoryBytes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertScore = try db.cachedStatement(sql: """
            INSERT INTO score (runId, competitor, scheme, type, precision, recall, f1, tp, fp, fn,
                               cor, inc, par, mis, spu, f1Low, f1High)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCounts = try db.cachedStatement(sql: """
            INSERT INTO documentCounts (runId, competitor, counts) VALUES (?, ?, ?)
            """)
        for (position, competitor) in run.competitors.enumerated() {
            let timings = competitor.timings
            let repeats = try timings.map { String(decoding: try JSONEncoder().encode($0.repeatSeconds), as: UTF8.self) }
            try insertCompetitor.execute(arguments: [
                run.id, position, competitor.name, competitor.kind.rawValue, competitor.configurationHash,
                competitor.scores(run.scheme)?.overall.f1, timings?.tokensPerSecond?.median,
                timings?.tokens, repeats, timings?.latency?.p50, timings?.latency?.p90, timings?.latency?.p99,
                timings?.peakMemoryBytes,
            ])
            for scores in competitor.scores {
                let rows = [("", scores.overall)] + scores.types.map { ($0.key.name, $0.value) }
                for (type, score) in rows {
                    try insertScore.execute(arguments: [
                        run.id, competitor.name, scores.scheme.rawValue, type, score.precision, score.recall, score.f1,
                        score.counts?.tp, score.counts?.fp, score.counts?.fn,
                        score.outcomes?.correct, score.outcomes?.incorrect, score.outcomes?.partial,
                        score.outcomes?.missed, score.outcomes?.spurious, score.f1Low, score.f1High,
                    ])
                }
            }
            if !competitor.documentCounts.isEmpty {
                try insertCounts.execute(arguments: [run.id, competitor.name, competitor.documentCounts.tabSeparated])
            }
        }
    }
}

// MARK: - Reading

extension HistoryStore {
    /// The run with exactly this id, or nil.
    public func run(id: String) throws -> RunRecord? {
        try reading { db in try Self.load(id: id, from: db) }
    }

    /// The run a reference names: `latest`, `latest~N` (N runs before the
    /// latest), a full id, or a prefix of exactly one id.
    ///
    /// - Throws: `HistoryError.empty`, `.unknownRun` or `.ambiguousRun`.
    public func run(_ reference: String) throws -> RunRecord {
        try reading { db in
            let id = try Self.resolve(reference, in: db, path: path)
            guard let run = try Self.load(id: id, from: db) else { throw HistoryError.unknownRun(reference, path: path) }
            return run
        }
    }

    /// The most recently started run, or nil when the history is empty.
    public func latestRun() throws -> RunRecord? {
        try reading { db in
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM run ORDER BY time DESC, id DESC LIMIT 1")
            else { return nil }
            return try Self.load(id: id, from: db)
        }
    }

    private func reading<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as HistoryError {
            throw error
        } catch {
            throw HistoryError.unreadable(path: path, reason: Self.reason(error))
        }
    }

    static func resolve(_ reference: String, in db: Database, path: String) throws -> String {
        if reference == "latest" || reference.hasPrefix("latest~") {
            let back = reference == "latest" ? 0 : Int(reference.dropFirst("latest~".count))
            guard let back, back >= 0 else { throw HistoryError.unknownRun(reference, path: path) }
            if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM run") == 0 { throw HistoryError.empty(path: path) }
            guard let id = try String.fetchOne(db, sql: "SELECT id FROM run ORDER BY time DESC, id DESC LIMIT 1 OFFSET ?",
                                                arguments: [back])
            else { throw HistoryError.unknownRun(reference, path: path) }
            return id
        }
        if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM run WHERE id = ?)", arguments: [reference]) == true {
            return reference
        }
        let escaped = reference.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let matches = try String.fetchAll(db, sql: "SELECT id FROM run WHERE id LIKE ? ESCAPE '\\' ORDER BY id",
                                          arguments: [escaped + "%"])
            .filter { $0.hasPrefix(reference) }  // LIKE ignores ASCII case; ids do not
        switch matches.count {
        case 0: throw HistoryError.unknownRun(reference, path: path)
        case 1: return matches[0]
        default: throw HistoryError.ambiguousRun(reference, candidates: matches)
        }
    }

    static func load(id: String, from db: Database) throws -> RunRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM run WHERE id = ?", arguments: [id]) else { return nil }
        // Rows come back in insertion order, which keeps each competitor's schemes in report order.
        var scores: [String: [RunRecord.Scheme: (overall: RunRecord.Score?, types: [EntityType: RunRecord.Score])]] = [:]
        var schemeOrder: [String: [RunRecord.Scheme]] = [:]
        for s in try Row.fetchAll(db, sql: "SELECT * FROM score WHERE runId = ? ORDER BY rowid", arguments: [id]) {
            let score = Self.score(s)
            let competitor: String = s["competitor"]
            let scheme = RunRecord.Scheme(rawValue: s["scheme"])
            let type: String = s["type"]
            if scores[competitor]?[scheme] == nil { schemeOrder[competitor, default: []].append(scheme) }
            var entry = scores[competitor, default: [:]][scheme] ?? (nil, [:])
            if type.isEmpty { entry.overall = score } else { entry.types[EntityType(type)] = score }
            scores[competitor, default: [:]][scheme] = entry
        }
        var counts: [String: DocumentCounts] = [:]
        for c in try Row.fetchAll(db, sql: "SELECT competitor, counts FROM documentCounts WHERE runId = ?", arguments: [id]) {
            counts[c["competitor"]] = try DocumentCounts(tabSeparated: c["counts"])
        }
        var competitors: [RunRecord.Competitor] = []
        for c in try Row.fetchAll(db, sql: "SELECT * FROM competitor WHERE runId = ? ORDER BY position", arguments: [id]) {
            let name: String = c["name"]
            let schemeScores = (schemeOrder[name] ?? []).compactMap { scheme -> RunRecord.SchemeScores? in
                guard let entry = scores[name]?[scheme], let overall = entry.overall else { return nil }
                return RunRecord.SchemeScores(scheme: scheme, overall: overall, types: entry.types)
            }
            var timings: RunRecord.Timings?
            if let tokens = c["timedTokens"] as Int? {
                let repeatsText: String = c["repeatSeconds"] ?? "[]"
                let repeats = try JSONDecoder().decode([Double].self, from: Data(repeatsText.utf8))
                var latency: RunRecord.Latency?
                if let p50 = c["latencyP50"] as Double?, let p90 = c["latencyP90"] as Double?, let p99 = c["latencyP99"] as Double? {
                    latency = RunRecord.Latency(p50: p50, p90: p90, p99: p99)
                }
                timings = RunRecord.Timings(tokens: tokens, repeatSeconds: repeats, latency: latency,
                                            peakMemoryBytes: c["peakMemoryBytes"])
            }
            let kindName: String = c["kind"]
            competitors.append(RunRecord.Competitor(
                name: name, kind: RunRecord.Competitor.Kind(rawValue: kindName) ?? .configuration,
                configurationHash: c["configurationHash"], scores: schemeScores, timings: timings,
                documentCounts: counts[name] ?? DocumentCounts()))
        }
        var git: RunRecord.GitState?
        if let commit = row["gitCommit"] as String? {
            git = RunRecord.GitState(commit: commit, dirty: row["gitDirty"] ?? false)
        }
        return RunRecord(
            id: id, time: RunRecord.date(milliseconds: row["time"]), git: git, mizanVersion: row["mizanVersion"],
            machine: RunRecord.Machine(host: row["host"], os: row["os"], cpu: row["cpu"], cores: row["cores"],
                                       memoryBytes: row["memoryBytes"]),
            corpus: RunRecord.CorpusIdentity(path: row["corpusPath"], contentHash: row["corpusHash"],
                                             documents: row["documents"], tokens: row["tokens"]),
            seed: UInt64(bitPattern: row["seed"] as Int64), scheme: RunRecord.Scheme(rawValue: row["scheme"]),
            competitors: competitors)
    }

    private static func score(_ row: Row) -> RunRecord.Score {
        var counts: Counts?
        if let tp = row["tp"] as Int?, let fp = row["fp"] as Int?, let fn = row["fn"] as Int? {
            counts = Counts(tp: tp, fp: fp, fn: fn)
        }
        var outcomes: RunRecord.Outcomes?
        if let cor = row["cor"] as Int?, let inc = row["inc"] as Int?, let par = row["par"] as Int?,
           let mis = row["mis"] as Int?, let spu = row["spu"] as Int? {
            outcomes = RunRecord.Outcomes(correct: cor, incorrect: inc, partial: par, missed: mis, spurious: spu)
        }
        return RunRecord.Score(precision: row["precision"], recall: row["recall"], f1: row["f1"], counts: counts,
                               outcomes: outcomes, f1Low: row["f1Low"], f1High: row["f1High"])
    }
}

// MARK: - Listing and trends

extension HistoryStore {
    /// A run in a listing: its identity and each competitor's headline figures.
    public struct RunSummary: Hashable, Sendable {
        public var id: String
        public var time: Date
        public var git: RunRecord.GitState?
        public var mizanVersion: String
        public var corpus: RunRecord.CorpusIdentity
        public var scheme: RunRecord.Scheme
        public var competitors: [CompetitorSummary]
    }

    public struct CompetitorSummary: Hashable, Sendable {
        public var name: String
        public var kind: RunRecord.Competitor.Kind
        public var configurationHash: String
        /// Overall F1 under the run's scheme.
        public var f1: Double?
        /// Median tokens/s over the repeats.
        public var tokensPerSecond: Double?
    }

    /// One competitor in one run, for trend charts.
    public struct TrendPoint: Hashable, Sendable {
        public var runId: String
        public var time: Date
        public var corpusHash: String
        public var competitor: String
        public var configurationHash: String
        /// Overall F1 under the run's scheme.
        public var f1: Double?
        /// Median tokens/s over the repeats (nil for an outside system).
        public var tokensPerSecond: Double?
    }

    /// Runs, newest first; with `competitor`, only runs that had a competitor of
    /// that name; at most `limit` of them.
    public func runs(competitor: String? = nil, limit: Int? = nil) throws -> [RunSummary] {
        try reading { db in
            var sql = "SELECT * FROM run"
            var arguments: StatementArguments = []
            if let competitor {
                sql += " WHERE EXISTS (SELECT 1 FROM competitor c WHERE c.runId = run.id AND c.name = ?)"
                arguments += [competitor]
            }
            sql += " ORDER BY time DESC, id DESC LIMIT ?"
            arguments += [limit ?? -1]
            var summaries: [RunSummary] = []
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
                let id: String = row["id"]
                let competitors = try Row.fetchAll(db, sql: """
                    SELECT name, kind, configurationHash, f1, tokensPerSecond FROM competitor
                    WHERE runId = ? ORDER BY position
                    """, arguments: [id]).map { c in
                    CompetitorSummary(name: c["name"], kind: .init(rawValue: c["kind"]) ?? .configuration,
                                      configurationHash: c["configurationHash"], f1: c["f1"],
                                      tokensPerSecond: c["tokensPerSecond"])
                }
                var git: RunRecord.GitState?
                if let commit = row["gitCommit"] as String? { git = .init(commit: commit, dirty: row["gitDirty"] ?? false) }
                summaries.append(RunSummary(
                    id: id, time: RunRecord.date(milliseconds: row["time"]), git: git,
                    mizanVersion: row["mizanVersion"],
                    corpus: .init(path: row["corpusPath"], contentHash: row["corpusHash"],
                                  documents: row["documents"], tokens: row["tokens"]),
                    scheme: .init(rawValue: row["scheme"]), competitors: competitors))
            }
            return summaries
        }
    }

    /// F1 and tokens/s per competitor over the latest `limit` runs (all runs when
    /// nil), oldest first, competitors in report order within a run; with
    /// `competitor`, only that competitor.
    public func trend(competitor: String? = nil, limit: Int? = nil) throws -> [TrendPoint] {
        try reading { db in
            var filter = ""
            var arguments: StatementArguments = []
            if let competitor {
                filter = "WHERE EXISTS (SELECT 1 FROM competitor x WHERE x.runId = run.id AND x.name = ?)"
                arguments += [competitor]
            }
            arguments += [limit ?? -1]
            var sql = """
                SELECT r.id, r.time, r.corpusHash, c.name, c.configurationHash, c.f1, c.tokensPerSecond
                FROM competitor c JOIN run r ON r.id = c.runId
                WHERE r.id IN (SELECT id FROM run \(filter) ORDER BY time DESC, id DESC LIMIT ?)
                """
            if let competitor {
                sql += " AND c.name = ?"
                arguments += [competitor]
            }
            sql += " ORDER BY r.time, r.id, c.position"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                TrendPoint(runId: row["id"], time: RunRecord.date(milliseconds: row["time"]),
                           corpusHash: row["corpusHash"], competitor: row["name"],
                           configurationHash: row["configurationHash"], f1: row["f1"],
                           tokensPerSecond: row["tokensPerSecond"])
            }
        }
    }

    /// How many runs are recorded.
    public func count() throws -> Int {
        try reading { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM run") ?? 0 }
    }
}
