import ArgumentParser
import Harness

struct HistoryList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List recorded runs, newest first (the default of `mizan history`).",
        discussion: """
        Each line shows the run id, its time (UTC), the commit it was made from (+dirty when \
        the tree had uncommitted changes), the corpus hash and every competitor's overall F1. \
        With --config NAME, only runs with that competitor, and its F1, tokens/s and \
        configuration hash per run, so that a change shows where it happened.
        """)

    @Option(help: ArgumentHelp("Only runs with this competitor (configuration or outside system).", valueName: "NAME"))
    var config: String?

    @Option(help: "How many runs to list.")
    var limit = 20

    @OptionGroup var history: HistoryLocation

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if config?.isEmpty == true { throw ValidationError("--config needs a competitor name") }
    }

    func run() throws {
        try reportingErrors("history") {
            let runs = try history.openExisting().runs(competitor: config, limit: limit)
            print(HistoryStore.renderList(runs, competitor: config), terminator: "")
        }
    }
}
