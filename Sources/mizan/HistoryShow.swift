import ArgumentParser
import Harness

struct HistoryShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show everything recorded about one run.",
        discussion: """
        Prints the run's commit, machine, corpus and seed, then for every competitor its \
        P, R and F1 (with the bootstrap interval) under each scheme, per type under the \
        run's scheme, and its timings: tokens/s over the repeats, latency percentiles and \
        peak memory. RUN is a run id or a unique prefix of one, `latest`, `latest~N`, or a \
        run file such as Benchmarks/baseline.json.
        """)

    @Argument(help: ArgumentHelp("The run: id, prefix, latest, latest~N, or a run file.", valueName: "RUN"))
    var reference: String

    @OptionGroup var history: HistoryLocation

    func run() throws {
        try reportingErrors("history show") {
            print(try history.load(reference).run.renderDetails(), terminator: "")
        }
    }
}
