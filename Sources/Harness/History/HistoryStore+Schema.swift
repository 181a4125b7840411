import GRDB

/// The history database's schema, as an ordered list of migrations. A migration,
/// once released, is never edited: a change to the schema is a new migration
/// appended here and described in docs/HISTORY.md.
extension HistoryStore {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // v1: runs, their competitors (with timings), and every score.
        migrator.registerMigration("v1-runs") { db in
            try db.execute(sql: """
                CREATE TABLE run (
                    id TEXT NOT NULL PRIMARY KEY,
                    time INTEGER NOT NULL,          -- milliseconds since 1970, UTC
                    gitCommit TEXT,
                    gitDirty BOOLEAN,
                    mizanVersion TEXT NOT NULL,
                    host TEXT NOT NULL,
                    os TEXT NOT NULL,
                    cpu TEXT NOT NULL,
                    cores INTEGER NOT NULL,
                    memoryBytes INTEGER NOT NULL,
                    corpusPath TEXT NOT NULL,
                    corpusHash TEXT NOT NULL,
                    documents INTEGER NOT NULL,
                    tokens INTEGER NOT NULL,
                    seed INTEGER NOT NULL,          -- UInt64 bit pattern
                    scheme TEXT NOT NULL
                );
                CREATE INDEX run_by_time ON run(time);

                CREATE TABLE competitor (
                    runId TEXT NOT NULL REFERENCES run(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    configurationHash TEXT NOT NULL,
                    f1 REAL,                        -- overall F1 under the run's scheme (for lists and trends)
                    tokensPerSecond REAL,           -- median over repeats (for lists and trends)
                    timedTokens INTEGER,
                    repeatSeconds TEXT,             -- JSON array of seconds
                    latencyP50 REAL,
                    latencyP90 REAL,
                    latencyP99 REAL,
                    peakMemoryBytes INTEGER,
                    PRIMARY KEY (runId, name)
                );
                CREATE INDEX competitor_by_name ON competitor(name);

                CREATE TABLE score (
                    runId TEXT NOT NULL,
                    competitor TEXT NOT NULL,
                    scheme TEXT NOT NULL,
                    type TEXT NOT NULL,             -- '' for all types (micro average)
                    precision REAL NOT NULL,
                    recall REAL NOT NULL,
                    f1 REAL NOT NULL,
                    tp INTEGER, fp INTEGER, fn INTEGER,
                    cor INTEGER, inc INTEGER, par INTEGER, mis INTEGER, spu INTEGER,
                    f1Low REAL,
                    f1High REAL,
                    PRIMARY KEY (runId, competitor, scheme, type),
                    FOREIGN KEY (runId, competitor) REFERENCES competitor(runId, name) ON DELETE CASCADE
                );
                """)
        }

        // v2: per-document counts, so that stored runs can be paired document by
        // document. Runs recorded before v2 have none. One row per competitor
        // holding the table as text (`DocumentCounts.tabSeparated`): a row per
        // document and type took three times the space (about 1 MB per
        // ANERcorp-sized run), and counts are only ever read whole.
        migrator.registerMigration("v2-document-counts") { db in
            try db.execute(sql: """
                CREATE TABLE documentCounts (
                    runId TEXT NOT NULL,
                    competitor TEXT NOT NULL,
                    counts TEXT NOT NULL,           -- DocumentCounts.tabSeparated
                    PRIMARY KEY (runId, competitor),
                    FOREIGN KEY (runId, competitor) REFERENCES competitor(runId, name) ON DELETE CASCADE
                );
                """)
        }
        return migrator
    }()

    /// The identifiers of the migrations this version knows, oldest first.
    public static var schemaMigrations: [String] { migrator.migrations }
}
