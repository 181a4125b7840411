import Corpus
import Foundation
import Scoring

/// How a comparison is run and scored.
public struct ComparisonSettings: Sendable {
    /// The scheme of the summary, per-type tables and paired tests.
    public var scheme: ComparisonScheme = .conll
    /// Renames applied to gold and predicted types (`--map PERS=PER`).
    public var typeMap: [EntityType: EntityType] = [:]
    /// The types scored (after mapping); nil for the types of the gold set.
    /// Configurations are asked for these types only, as `mizan extract --types` does.
    public var types: Set<EntityType>?
    public var plan = RepeatPlan(warmups: 1, repeats: 3)
    /// Workers for the parallel timing; 1 for single-threaded timing only.
    public var jobs = 1
    public var seed: UInt64 = 1
    /// Bootstrap resamples for the intervals (at least 1,000 in reports).
    public var resamples = 1000
    public var confidence = 0.95
    /// Shuffles of the approximate randomization test.
    public var pairedTrials = 10_000
    public var alpha = 0.05
    public var contextWidth = 30
    /// The competitor the others are tested against; nil for the first.
    public var baseline: String?
    /// How many slowest documents to keep per competitor.
    public var slowestDocuments = 10
    /// Caveats known before the run (such as training on evaluated documents), added to the results' notes.
    public var notes: [String] = []

    public init() {}

    /// The scored types for `data`: `types`, or every gold type after mapping.
    public func scoredTypes(for data: EvaluationData) -> Set<EntityType> {
        if let types { return types }
        return Set(data.goldEntityCounts.keys.map { typeMap[$0] ?? $0 })
    }
}

/// Who is running the comparison, for the record.
public struct RunContext: Sendable {
    public var mizanVersion: String
    public var arguments: [String]
    /// The folder whose git state is recorded (the package root).
    public var directory: String

    public init(mizanVersion: String, arguments: [String], directory: String = FileManager.default.currentDirectoryPath) {
        self.mizanVersion = mizanVersion
        self.arguments = arguments
        self.directory = directory
    }
}

/// What a learned configuration needs before it can be loaded: load
/// parameters (its `model`) and a record of the model used.
public struct PreparedConfiguration: Sendable {
    public var parameters: [String: String]
    public var model: ModelInfo?

    public init(parameters: [String: String] = [:], model: ModelInfo? = nil) {
        self.parameters = parameters
        self.model = model
    }
}

/// What a long comparison is doing, for a progress line.
public enum ComparisonProgress: Sendable {
    case preparing(competitor: String)
    /// Training a learned configuration's model.
    case training(competitor: String)
    case loading(competitor: String)
    /// A pass over the documents: `phase` is "warm-up 1/1", "repeat 2/3" or "4 workers".
    case pass(competitor: String, phase: String, done: Int, total: Int, seconds: Double)
    case scoring(competitor: String)
    case statistics
    case finished
}

extension ComparisonResults.Git {
    /// The commit checked out in `directory` and whether tracked files differ
    /// from it; nil outside a git work tree or without git.
    public static func detect(in directory: String) -> Self? {
        func git(_ arguments: [String]) -> String? {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", directory] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
        }
        guard let commit = git(["rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines), commit.count >= 7,
              let status = git(["status", "--porcelain", "--untracked-files=no"]) else { return nil }
        return Self(commit: commit, dirty: !status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }
}
