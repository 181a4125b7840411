import ArgumentParser
import Corpus
import Dispatch
import Foundation
import Harness
import Reports
import Scoring

/// `mizan compare`: runs competing configurations (and saved outputs of other
/// systems) on a gold set, scores, times and tests them, and writes the reports.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare extractor configurations (and saved system outputs) on a gold set; write the reports.",
        discussion: """
        With no arguments: the bundled corpus (corpus/ + gold/), its test split \
        (corpus/splits.yaml), every configuration in configs/, reports in reports/.

        Each configuration is loaded once (timed apart), run over the documents after \
        --warmup passes, --repeat times on one thread, then --repeat times with --jobs \
        workers. Its entities are scored by the same scorer as `mizan score` under CoNLL \
        exact match and the four SemEval-2013 schemes, per type, micro/macro/weighted; \
        every F1 gets a 95% bootstrap interval over the documents (over the sentences when \
        the gold set is one document, as ANERcorp is), and each competitor is tested \
        against the baseline (approximate randomization), so that the report can say \
        "hybrid beats rules by +8.1 F1 (p < 0.001)" or "no significant difference".

        Types scored: --types, else the gold set's types (after --map); configurations \
        are asked for these types only, as `mizan extract --types` does.

        Writes OUT/comparison.xlsx, OUT/report.txt and OUT/results.json (schema \
        mizan.results/1, docs/RESULTS.md), each atomically.

        Examples:
          mizan compare
          mizan compare --data ../shared/data/anercorp/ANERCorp_CamelLab_test.txt \\
            --train ../shared/data/anercorp/ANERCorp_CamelLab_train.txt --format conll --map PERS=PER
          mizan compare --config configs/rules.yaml --config configs/gazetteer-rules.yaml \\
            --system camel=camel-output.txt --data test.txt --format conll --baseline rules
        """)

    enum DataFormat: String, ExpressibleByArgument, CaseIterable { case conll, brat, jsonl }
    enum SplitChoice: String, ExpressibleByArgument, CaseIterable { case train, dev, test, all }

    @Option(name: .customLong("config"), help: ArgumentHelp("A configuration to run (repeatable). Default: every configs/*.yaml.", valueName: "file"))
    var configs: [String] = []

    @Option(help: "Folder of NAME.txt documents of the gold corpus.")
    var corpus = "corpus"

    @Option(help: "Folder of NAME.ann gold annotations for --corpus.")
    var gold = "gold"

    @Option(help: ArgumentHelp("The splits file of --corpus; `none` to use every document.", valueName: "file"))
    var splits = "corpus/splits.yaml"

    @Option(help: "Which split of --corpus to evaluate: train, dev, test or all.")
    var split: SplitChoice = .test

    @Option(help: ArgumentHelp("An outside gold set instead of --corpus: a CoNLL file, a JSONL file or a BRAT folder (see --format).", valueName: "path"))
    var data: String?

    @Option(help: "Format of --data and --train: conll, brat or jsonl.")
    var format: DataFormat = .conll

    @Option(help: ArgumentHelp("Training data for learned configurations (format: --format). Default: the train split of --corpus; with --data, learned configurations need it.", valueName: "path"))
    var train: String?

    @Option(name: .customLong("system"), help: ArgumentHelp("Saved predictions of another system as one more competitor (repeatable): a CoNLL file over the gold tokens, a .jsonl file, or a folder of NAME.ann (BRAT).", valueName: "NAME=PATH"))
    var systems: [String] = []

    @Option(name: .customLong("map"), help: ArgumentHelp("Rename a type before scoring, gold and predicted (repeatable).", valueName: "FROM=TO"))
    var maps: [String] = []

    @Option(help: ArgumentHelp("Score only these types (after --map), comma-separated.", valueName: "PER,LOC,..."))
    var types: String?

    @Option(help: "The scheme of the summary, per-type tables and tests: conll, strict, exact, partial or type.")
    var scheme: ComparisonScheme = .conll

    @Option(name: .customLong("repeat"), help: "Measured passes over the documents per configuration.")
    var repeats = 3

    @Option(name: .customLong("warmup"), help: "Unmeasured passes before the measured ones.")
    var warmups = 1

    @Option(help: "Workers for the parallel timing (1: single-threaded only). Default: the cores available.")
    var jobs: Int?

    @Option(help: "Seed of the bootstrap and the randomization test.")
    var seed: UInt64 = 1

    @Option(help: "Bootstrap resamples for the confidence intervals (at least 1000).")
    var resamples = 1000

    @Option(help: "Shuffles of the approximate randomization test.")
    var trials = 10_000

    @Option(help: ArgumentHelp("Folder for comparison.xlsx, report.txt and results.json.", valueName: "folder"))
    var out = "reports"

    @Option(help: ArgumentHelp("The competitor the others are tested against. Default: the first.", valueName: "name"))
    var baseline: String?

    @Flag(name: .customLong("no-history"), help: "Do not record this run in the run history (see `mizan history`).")
    var noHistory = false

    @OptionGroup var history: HistoryLocation

    @Flag(help: "No progress and no summary on the terminal; errors only.")
    var quiet = false

    func validate() throws {
        if data == nil {
            if !FileManager.default.fileExists(atPath: corpus) { throw ValidationError("no corpus folder \(corpus) (run from the package root, or give --corpus/--gold or --data)") }
            if !FileManager.default.fileExists(atPath: gold) { throw ValidationError("no gold folder \(gold)") }
            if splits != "none", !FileManager.default.fileExists(atPath: splits) { throw ValidationError("no splits file \(splits) (or give --splits none)") }
            if splits == "none", split != .all, split != .test {
                throw ValidationError("--split \(split.rawValue) needs a splits file (--splits)")
            }
        } else if let data, !FileManager.default.fileExists(atPath: data) {
            throw ValidationError("no such file or folder: \(data) (--data)")
        }
        if let train, !FileManager.default.fileExists(atPath: train) { throw ValidationError("no such file or folder: \(train) (--train)") }
        for config in configs where !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("no such configuration file: \(config)")
        }
        if configs.isEmpty, systems.isEmpty, (try? defaultConfigurations())?.isEmpty ?? true {
            throw ValidationError("no configuration in configs/: give --config FILE or --system NAME=PATH")
        }
        _ = try parsedSystems()
        _ = try typeMap()
        if let types, parsedTypes(types).isEmpty { throw ValidationError("--types needs at least one type name") }
        if repeats < 1 { throw ValidationError("--repeat must be at least 1") }
        if warmups < 0 { throw ValidationError("--warmup must be 0 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resamples < 1000 { throw ValidationError("--resamples must be at least 1000 (intervals from fewer resamples are too coarse to report)") }
        if trials < 1000 { throw ValidationError("--trials must be at least 1000") }
    }

    func defaultConfigurations() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: "configs")
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted { ($0 as NSString).deletingPathExtension < ($1 as NSString).deletingPathExtension }
            .map { "configs/" + $0 }
    }

    func parsedSystems() throws -> [Competitor] {
        try systems.map { spec in
            guard let equals = spec.firstIndex(of: "="), equals != spec.startIndex, spec.index(after: equals) != spec.endIndex else {
                throw ValidationError("--system \(spec): expected NAME=PATH, e.g. --system camel=camel-output.txt")
            }
            let name = String(spec[..<equals]), path = String(spec[spec.index(after: equals)...])
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("--system \(name): no such file or folder: \(path)")
            }
            let format: EvaluationData.Format = isFolder.boolValue ? .brat : (path.hasSuffix(".jsonl") || path.hasSuffix(".json") ? .jsonl : .conll)
            return .system(name: name, path: path, format: format)
        }
    }

    func typeMap() throws -> [EntityType: EntityType] {
        var map: [EntityType: EntityType] = [:]
        for m in maps {
            let parts = m.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map \(m): expected FROM=TO, e.g. --map PERS=PER")
            }
            let from = EntityType(String(parts[0]))
            if let previous = map[from], previous.name != String(parts[1]) {
                throw ValidationError("--map \(from) is given twice (\(previous) and \(parts[1]))")
            }
            map[from] = EntityType(String(parts[1]))
        }
        return map
    }

    func parsedTypes(_ list: String) -> Set<EntityType> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { EntityType($0) })
    }

    func run() throws {
        let progress = ProgressLine(enabled: !quiet && isatty(STDERR_FILENO) == 1)
        do {
            let evaluation = try loadData()
            let competitors = try (configs.isEmpty && systems.isEmpty ? defaultConfigurations() : configs).map { Competitor.configuration(path: $0) }
                + parsedSystems()
            var settings = ComparisonSettings()
            settings.scheme = scheme
            settings.typeMap = try typeMap()
            settings.types = types.map(parsedTypes)
            settings.plan = RepeatPlan(warmups: warmups, repeats: repeats)
            settings.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            settings.seed = seed
            settings.resamples = resamples
            settings.pairedTrials = trials
            settings.baseline = baseline
            if data == nil, train == nil, split == .train || split == .all {
                settings.notes.append("Learned configurations were trained on the train split, which the evaluated documents include: their scores are optimistic.")
            }
            var comparison = Comparison(settings: settings)
            comparison.progress = { progress.show($0) }
            var models = ModelCache(typeMap: settings.typeMap, trainingData: trainingDataLoader())
            models.onTraining = { progress.show(.training(competitor: $0)) }
            comparison.prepare = { try models.prepare($0) }
            let results = try comparison.run(
                data: evaluation, competitors: competitors,
                context: RunContext(mizanVersion: Mizan.version, arguments: Array(CommandLine.arguments.dropFirst())))
            progress.clear()
            // Record first, so that the reports' trend includes this run.
            var trend: ComparisonTrend?
            var historyProblem: String?
            if !noHistory {
                do {
                    let store = try HistoryStore(path: history.resolvedPath)
                    try store.record(RunRecord(results))
                    trend = ComparisonTrend(history: try store.trend(limit: 30), results: results)
                } catch {
                    historyProblem = "could not record the run in the history \(history.resolvedPath): \(error)"
                }
            }
            let reportsStart = DispatchTime.now().uptimeNanoseconds
            let paths = try ComparisonReports.write(results, trend: trend, to: out)
            let reportsSeconds = Double(DispatchTime.now().uptimeNanoseconds - reportsStart) / 1e9
            if !quiet {
                print(ComparisonTextReport.summaryAndVerdicts(results), terminator: "")
                print("\nwrote \(paths.workbook), \(paths.text), \(paths.json)")
                let p = results.run.phases
                let r = paths.seconds
                print(String(format: "time: training %.2f s, loading and extraction %.2f s, scoring %.2f s, statistics %.2f s, reports %.2f s (text %.2f, JSON %.2f, workbook %.2f, writing %.2f)",
                             p.preparingSeconds, p.runningSeconds, p.scoringSeconds, p.statisticsSeconds, reportsSeconds,
                             r.text, r.json, r.workbook, r.files))
                if !noHistory, historyProblem == nil { print("recorded run \(results.run.id) in \(history.resolvedPath)") }
            }
            if let historyProblem { fail(historyProblem) }
        } catch let error as InputError {
            progress.clear()
            fail("\(error)")
        } catch let error as ComparisonError {
            progress.clear()
            fail("\(error)")
        } catch let error as XLSXError {
            progress.clear()
            fail("\(error)")
        }
    }

    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("mizan compare: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// Reads the training data once, when the first learned configuration needs it.
    func trainingDataLoader() -> () throws -> TrainingData? {
        let box = TrainingDataBox()
        let format = evaluationFormat
        let (train, data, corpus, gold, splits) = (self.train, self.data, self.corpus, self.gold, self.splits)
        return {
            if let loaded = box.value { return loaded }
            let loaded: TrainingData?
            if let train {
                loaded = try TrainingData.read(path: train, format: format)
            } else if data == nil, splits != "none" {
                loaded = try TrainingData.corpus(texts: corpus, annotations: gold, splits: splits, split: .train)
            } else {
                loaded = nil
            }
            box.value = loaded
            return loaded
        }
    }

    var evaluationFormat: EvaluationData.Format {
        switch format {
        case .conll: .conll
        case .brat: .brat
        case .jsonl: .jsonl
        }
    }

    func loadData() throws -> EvaluationData {
        if let data {
            return try EvaluationData.read(path: data, format: evaluationFormat)
        }
        let chosen: CorpusSplits.Split? = switch split {
        case .all: nil
        case .train: .train
        case .dev: .dev
        case .test: .test
        }
        return try EvaluationData.corpus(texts: corpus, annotations: gold, splits: splits == "none" ? nil : splits, split: chosen)
    }
}

extension ComparisonScheme: ExpressibleByArgument {}

final class TrainingDataBox: @unchecked Sendable {
    var value: TrainingData?
}

/// One line of progress on standard error, redrawn in place; silent when disabled.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private var lastWidth = 0

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ event: ComparisonProgress) {
        guard enabled else { return }
        let text: String
        switch event {
        case .preparing(let name): text = "\(name): preparing"
        case .training(let name): text = "\(name): training the model (cached under .mizan/models/ for the next run)"
        case .loading(let name): text = "\(name): loading"
        case .pass(let name, let phase, let done, let total, let seconds):
            var line = "\(name): \(phase): \(done)/\(total) documents"
            if done > 0, seconds > 0 {
                let rate = Double(done) / seconds
                line += String(format: ", %.1f docs/s", rate)
                if done < total { line += String(format: ", %.0f s left", Double(total - done) / rate) }
            }
            text = line
        case .scoring(let name): text = "\(name): scoring"
        case .statistics: text = "bootstrap intervals and paired tests"
        case .finished: text = "writing reports"
        }
        let padding = String(repeating: " ", count: max(0, lastWidth - text.count))
        lastWidth = text.count
        FileHandle.standardError.write(Data("\r\(text)\(padding)".utf8))
    }

    func clear() {
        guard enabled, lastWidth > 0 else { return }
        FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: lastWidth))\r".utf8))
        lastWidth = 0
    }
}
