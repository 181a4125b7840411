import ArgumentParser
import Harness

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what moved between two runs, per competitor and type.",
        discussion: """
        For every competitor: F1 per type under the later run's scheme in A and in B, the \
        change in points, and, when both runs scored the same corpus (equal content hashes), \
        the p-value of a paired approximate randomization test over documents: a small p \
        says the change is unlikely to be chance. When the corpora differ the figures are \
        shown side by side with a warning, and no test is made. Also shown: P and R, \
        overall F1 under the other schemes, tokens/s with the spread of the repeats, p99 \
        latency and peak memory, and whether a configuration's hash changed.

        RUN_A and RUN_B are run ids (or unique prefixes), `latest`, `latest~N`, or run \
        files. Example: mizan diff latest~1 latest
        """)

    @Argument(help: ArgumentHelp("The earlier run.", valueName: "RUN_A"))
    var runA: String

    @Argument(help: ArgumentHelp("The later run.", valueName: "RUN_B"))
    var runB: String

    @Option(help: "Rounds of the approximate randomization test.")
    var rounds = 10_000

    @OptionGroup var history: HistoryLocation

    func validate() throws {
        if rounds < 100 { throw ValidationError("--rounds must be at least 100") }
    }

    func run() throws {
        try reportingErrors("diff") {
            let a = try history.load(runA).run
            let b = try history.load(runB).run
            let comparison = RunComparison(baseline: a, current: b, test: ApproximateRandomization(rounds: rounds))
            print(comparison.render(), terminator: "")
        }
    }
}
