import ArgumentParser
import Harness

struct HistoryRecord: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record run files into the history.",
        discussion: """
        Adds runs saved as files (a baseline written by `mizan check --update-baseline`, or \
        a run record written by another machine) to the history, each in its own \
        transaction, so that they appear in `mizan history` and can be named in `mizan diff` \
        and `mizan check`. `mizan compare` records its own runs; this is for runs made \
        elsewhere. A run whose id is already recorded is refused.
        """)

    @Argument(help: ArgumentHelp("Run files to record.", valueName: "FILE"))
    var files: [String]

    @OptionGroup var history: HistoryLocation

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one run file") }
    }

    func run() throws {
        try reportingErrors("history record") {
            let store = try HistoryStore(path: history.resolvedPath)
            for file in files {
                let run = try RunRecord.read(from: file)
                try store.record(run)
                print("recorded \(run.id) from \(file)")
            }
        }
    }
}
