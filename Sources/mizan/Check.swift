import ArgumentParser
import Foundation
import Harness

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail (exit 1) when the latest run regressed against a baseline.",
        discussion: """
        Compares the latest recorded run (or --run RUN) with a baseline: the file \
        Benchmarks/baseline.json by default, or --baseline RUN|FILE. For every competitor \
        present in both:

        F1, overall and per type, fails when it dropped and a paired approximate \
        randomization test over documents gives p < --alpha (possible when both runs scored \
        the same corpus), or when the drop exceeds --max-f1-drop points.

        Throughput fails when even the fastest repeat of the run is more than --max-slowdown \
        (a fraction) below the slowest repeat of the baseline, so that the run-to-run noise \
        the repeats show is not taken for a slowdown. It is gated only on the same hardware \
        (CPU model and cores).

        A changed corpus or configuration (different content or configuration hash) is \
        reported as a change with its figures, not as a regression. Every comparison is \
        printed with the figures and the reason.

        Exit status: 0 when nothing regressed, 1 on a regression, 2 when the check could not \
        be made (no history, no baseline, unreadable file).

        --update-baseline writes the run to Benchmarks/baseline.json (or the .json file \
        given with --baseline), atomically, after showing how it compares with the old \
        baseline; it exits 0. Commit the file to make it the baseline of CI.
        """)

    static let defaultBaselineFile = "Benchmarks/baseline.json"

    @Option(help: ArgumentHelp("The baseline: a run file, or a run id, prefix, latest~N (default: \(defaultBaselineFile)).",
                               valueName: "RUN|FILE"))
    var baseline: String?

    @Option(name: .customLong("run"),
            help: ArgumentHelp("The run to check (default: the latest recorded run).", valueName: "RUN"))
    var runReference: String?

    @Option(help: ArgumentHelp("Also fail on an F1 drop larger than this many points (F1 x 100), significant or not.",
                               valueName: "X"))
    var maxF1Drop: Double?

    @Option(help: ArgumentHelp("Tolerated slowdown beyond the repeats' spread, as a fraction (0.2 = 20%).",
                               valueName: "Y"))
    var maxSlowdown = GatePolicy().maxSlowdown

    @Option(help: "Significance level of the paired test.")
    var alpha = GatePolicy().alpha

    @Option(help: "Rounds of the approximate randomization test.")
    var rounds = 10_000

    @Flag(help: "Write the run as the new baseline file instead of gating on it.")
    var updateBaseline = false

    @OptionGroup var history: HistoryLocation

    func validate() throws {
        if let maxF1Drop, !(maxF1Drop >= 0 && maxF1Drop <= 100) {
            throw ValidationError("--max-f1-drop is in F1 points, between 0 and 100 (got \(maxF1Drop))")
        }
        if !(maxSlowdown >= 0 && maxSlowdown < 1) {
            throw ValidationError("--max-slowdown is a fraction in [0, 1), e.g. 0.2 for 20% (got \(maxSlowdown))")
        }
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must be between 0 and 1 (got \(alpha))") }
        if rounds < 100 { throw ValidationError("--rounds must be at least 100") }
    }

    var policy: GatePolicy { GatePolicy(alpha: alpha, maxF1Drop: maxF1Drop, maxSlowdown: maxSlowdown) }

    func run() throws {
        try reportingErrors("check", exitCode: 2) {
            let store = try history.openExisting()
            let subject: RunRecord
            if let runReference {
                subject = try store.run(runReference)
            } else {
                guard let latest = try store.latestRun() else { throw HistoryError.empty(path: store.path) }
                subject = latest
            }
            try check(subject)
        }
    }

    /// Gates `run` against the baseline, prints the figures, and exits 1 on a
    /// regression; with --update-baseline writes `run` as the baseline instead.
    ///
    /// This is the seam for a fresh run: the harness can build a `RunRecord`
    /// from the comparison it just made and pass it here (or call
    /// `RegressionGate.evaluate` directly) without recording it first.
    func check(_ run: RunRecord) throws {
        if updateBaseline {
            let target = baseline.flatMap { $0.hasSuffix(".json") ? $0 : nil } ?? Self.defaultBaselineFile
            if FileManager.default.fileExists(atPath: target) {
                do {
                    let old = try RunRecord.read(from: target)
                    let report = RegressionGate.evaluate(run, against: old, baselineSource: target, policy: policy,
                                                         test: ApproximateRandomization(rounds: rounds))
                    print(report.render())
                    print("The run above replaces the old baseline.")
                } catch {
                    print("note: the old baseline is not readable (\(error)); replacing it.")
                }
            }
            try run.write(to: target)
            print("wrote \(target) from run \(run.id)")
            return
        }
        let source = baseline ?? Self.defaultBaselineFile
        if baseline == nil && !FileManager.default.fileExists(atPath: source) {
            throw HistoryError.noBaseline(path: source)
        }
        let base = try history.load(source)
        let report = RegressionGate.evaluate(run, against: base.run, baselineSource: base.source, policy: policy,
                                             test: ApproximateRandomization(rounds: rounds))
        print(report.render(), terminator: "")
        if !report.passed { throw ExitCode(1) }
    }
}
