import ArgumentParser
import Foundation
import Corpus
import Harness

/// `--history PATH`, shared by the commands that read or write the run history.
struct HistoryLocation: ParsableArguments {
    @Option(name: .customLong("history"),
            help: ArgumentHelp("The run history database (default: $MIZAN_HISTORY, else .mizan/history.sqlite).",
                               valueName: "PATH"))
    var path: String?

    /// The path after `--history`, `MIZAN_HISTORY` and the default.
    var resolvedPath: String { HistoryStore.resolvePath(option: path) }

    /// Opens the history without creating it: reading commands never leave an
    /// empty database behind.
    func openExisting() throws -> HistoryStore {
        try HistoryStore(path: resolvedPath, create: false)
    }

    /// A run named by an existing file (a baseline written by `mizan check
    /// --update-baseline`) or by a reference into the history (`latest`,
    /// `latest~N`, an id or a unique prefix of one).
    func load(_ reference: String) throws -> (run: RunRecord, source: String) {
        if FileManager.default.fileExists(atPath: reference) {
            return (try RunRecord.read(from: reference), reference)
        }
        if reference.hasSuffix(".json") {
            throw InputError(file: reference, "no such run file")
        }
        let run = try openExisting().run(reference)
        return (run, "run \(run.id)")
    }
}

/// Runs `body`; an error about the history or a run file is printed as
/// `mizan COMMAND: what is wrong` on standard error, and the command exits with
/// `exitCode`. Usage errors keep ArgumentParser's handling.
func reportingErrors(_ command: String, exitCode: Int32 = 1, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        var err = StandardError()
        print("mizan \(command): \(error)", to: &err)
        throw ExitCode(exitCode)
    }
}
