import ArgumentParser

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded comparison runs, or show one.",
        discussion: """
        Every `mizan compare` records its run (scores per scheme and type with confidence \
        intervals, timings, and per-document counts) in the history database, \
        .mizan/history.sqlite unless --history or MIZAN_HISTORY names another file. \
        `mizan history` lists the runs, newest first; with --config NAME it shows that \
        competitor's F1 and tokens/s run by run. `mizan history show RUN` prints everything \
        about one run; `mizan history record FILE` adds a run saved as a file. RUN is a run \
        id, a unique prefix of one, `latest`, or `latest~N` (the Nth run before the latest).

        Compare two runs with `mizan diff`, and gate on a baseline with `mizan check`.
        """,
        subcommands: [HistoryList.self, HistoryShow.self, HistoryRecord.self],
        defaultSubcommand: HistoryList.self
    )
}
