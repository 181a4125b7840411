/// What can go wrong with the run history or a run record, in words that say
/// which file or run and what to do about it.
public enum HistoryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No history database at the path (nothing has been recorded yet).
    case noHistory(path: String)
    /// The database was migrated by a newer Mizan: it has migrations this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but cannot be opened or read as a history database.
    case unreadable(path: String, reason: String)
    /// A run reference matched no run, or more than one.
    case unknownRun(String, path: String)
    case ambiguousRun(String, candidates: [String])
    /// The history holds no runs (for `latest`).
    case empty(path: String)
    /// A run with this id is already recorded.
    case duplicateRun(String)
    /// A run record breaks an invariant of the model.
    case invalidRecord(run: String, problem: String)
    /// No baseline file where one was expected.
    case noBaseline(path: String)
    /// A run file was written in a newer format than this Mizan reads.
    case newerFileFormat(path: String, format: Int, supported: Int)

    public var description: String {
        switch self {
        case .noHistory(let path):
            return "\(path): no run history here (runs are recorded by `mizan compare`; choose another file with --history or MIZAN_HISTORY)"
        case .newerSchema(let path, let unknown):
            return "\(path): this history database was written by a newer version of Mizan (schema migrations unknown to this version: \(unknown.joined(separator: ", "))); upgrade Mizan, or use another file with --history or MIZAN_HISTORY. The file was not changed."
        case .unreadable(let path, let reason):
            return "\(path): cannot open the run history (\(reason))"
        case .unknownRun(let reference, let path):
            return "\(path): no run matches '\(reference)' (see `mizan history` for run ids)"
        case .ambiguousRun(let reference, let candidates):
            return "'\(reference)' matches \(candidates.count) runs (\(candidates.prefix(5).joined(separator: ", "))\(candidates.count > 5 ? ", ..." : "")); give more of the id"
        case .empty(let path):
            return "\(path): the history holds no runs yet (record one with `mizan compare`)"
        case .duplicateRun(let id):
            return "run \(id) is already recorded"
        case .invalidRecord(let run, let problem):
            return "run \(run): \(problem)"
        case .noBaseline(let path):
            return "no baseline to check against: \(path) does not exist; write it with `mizan check --update-baseline` (and commit it), or pass --baseline RUN|FILE"
        case .newerFileFormat(let path, let format, let supported):
            return "\(path): run file format \(format) is newer than this Mizan reads (\(supported)); upgrade Mizan"
        }
    }
}
