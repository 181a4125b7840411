import Corpus
import Foundation
import Harness
import Scoring

/// Run records built the way the harness will build them: per-document counts
/// first, scores summed from them, timings from repeats. The corpus is
/// synthetic (80 documents, the five Mizan types) and seeded, so every test
/// sees the same numbers.
enum HistoryFixtures {
    static let documents = 80
    static let tokens = 40_000

    /// A small linear congruential generator, so that fixtures do not depend on
    /// the library's own random numbers.
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        mutating func count(upTo n: Int) -> Int { Int(next() * Double(n + 1)) }
    }

    /// Gold entities per document and type.
    static let gold: [(document: String, counts: [EntityType: Int])] = {
        var g = Generator(state: 7)
        return (0..<documents).map { i in
            let id = "doc" + String(repeating: "0", count: 3 - String(i).count) + String(i)
            var counts: [EntityType: Int] = [:]
            for type in EntityType.mizanTypes { counts[type] = g.count(upTo: type == .date ? 1 : 3) }
            return (id, counts)
        }
    }()

    /// A system finding each gold entity with probability `recall` and adding a
    /// spurious entity per document and type with probability `spurious`.
    static func predictions(recall: Double, spurious: Double = 0.1, seed: UInt64) -> DocumentCounts {
        var g = Generator(state: seed)
        var table = DocumentCounts()
        for (document, counts) in gold {
            for type in EntityType.mizanTypes {
                let n = counts[type] ?? 0
                let tp = (0..<n).filter { _ in g.next() < recall }.count
                let fp = g.next() < spurious ? 1 : 0
                table.add(Counts(tp: tp, fp: fp, fn: n - tp), document: document, type: type)
            }
        }
        return table
    }

    /// Scores under conll (tp/fp/fn) and strict (COR/MIS/SPU) summed from the
    /// per-document counts, with a made-up but valid F1 interval.
    static func scores(_ table: DocumentCounts) -> [RunRecord.SchemeScores] {
        func score(_ c: Counts) -> RunRecord.Score {
            let f1 = c.scores().f1
            return RunRecord.Score(counts: c, f1Low: max(0, f1 - 0.03), f1High: min(1, f1 + 0.03))
        }
        func strict(_ c: Counts) -> RunRecord.Score {
            let prf = c.scores()
            return RunRecord.Score(precision: prf.precision, recall: prf.recall, f1: prf.f1,
                                   outcomes: RunRecord.Outcomes(correct: c.tp, missed: c.fn, spurious: c.fp))
        }
        var conllTypes: [EntityType: RunRecord.Score] = [:]
        var strictTypes: [EntityType: RunRecord.Score] = [:]
        for type in EntityType.mizanTypes {
            conllTypes[type] = score(table.total(type: type))
            strictTypes[type] = strict(table.total(type: type))
        }
        return [
            RunRecord.SchemeScores(scheme: .conll, overall: score(table.total(type: nil)), types: conllTypes),
            RunRecord.SchemeScores(scheme: .strict, overall: strict(table.total(type: nil)), types: strictTypes),
        ]
    }

    static func timings(_ seconds: [Double]) -> RunRecord.Timings {
        RunRecord.Timings(tokens: tokens, repeatSeconds: seconds,
                          latency: RunRecord.Latency(p50: 0.0004, p90: 0.0011, p99: 0.0032),
                          peakMemoryBytes: 48 * 1_048_576)
    }

    static func competitor(_ name: String, hash: String, recall: Double, seed: UInt64,
                           seconds: [Double]?) -> RunRecord.Competitor {
        let table = predictions(recall: recall, seed: seed)
        return RunRecord.Competitor(name: name, kind: seconds == nil ? .outsideSystem : .configuration,
                                    configurationHash: hash, scores: scores(table),
                                    timings: seconds.map(timings), documentCounts: table)
    }

    static let machine = RunRecord.Machine(host: "ci-1", os: "Debian 12", cpu: "Test CPU 3000", cores: 2,
                                           memoryBytes: 8 << 30)

    static let baselineSeconds = [1.00, 1.03, 0.98, 1.05, 1.01]
    static let rerunSeconds = [1.02, 0.99, 1.04, 1.00, 1.06]

    /// The baseline: three configurations and an outside system.
    static func baseline(id: String = "20250101-000000-0001",
                         time: Date = Date(timeIntervalSince1970: 1_735_689_600.123)) -> RunRecord {
        RunRecord(
            id: id, time: time, git: RunRecord.GitState(commit: String(repeating: "a1b2c3d4", count: 5), dirty: false),
            mizanVersion: "0.1.0", machine: machine,
            corpus: RunRecord.CorpusIdentity(path: "corpus", contentHash: "corpus-hash-1", documents: documents, tokens: tokens),
            seed: 42, scheme: .conll,
            competitors: [
                competitor("rules", hash: "rules-hash", recall: 0.7, seed: 11, seconds: baselineSeconds),
                competitor("gazetteer", hash: "gazetteer-hash", recall: 0.8, seed: 12, seconds: baselineSeconds),
                competitor("hybrid", hash: "hybrid-hash", recall: 0.9, seed: 13, seconds: baselineSeconds.map { $0 * 3 }),
                competitor("camelbert", hash: "camelbert-outputs", recall: 0.92, seed: 14, seconds: nil),
            ])
    }

    /// The same competitors run again: same counts, timings jittered within the spread.
    static func rerun(of run: RunRecord, id: String, minutesLater: Double = 60) -> RunRecord {
        var next = run
        next.id = id
        next.time = run.time.addingTimeInterval(minutesLater * 60)
        next.git = RunRecord.GitState(commit: String(repeating: "e5f6a7b8", count: 5), dirty: true)
        for i in next.competitors.indices {
            if let t = next.competitors[i].timings {
                let scale = t.repeatSeconds[0] / baselineSeconds[0]
                next.competitors[i].timings?.repeatSeconds = rerunSeconds.map { $0 * scale }
            }
        }
        return next
    }

    /// `competitor` lost every LOC entity: its LOC true positives become false
    /// negatives and it predicts no LOC at all (a gazetteer without its LOC list).
    static func withoutLOC(_ run: RunRecord, competitor name: String) -> RunRecord {
        var next = run
        let i = next.competitors.firstIndex { $0.name == name }!
        var table = DocumentCounts()
        for document in next.competitors[i].documentCounts.documents {
            for type in EntityType.mizanTypes {
                var c = next.competitors[i].documentCounts.counts(document: document, type: type)
                if type == .location { c = Counts(tp: 0, fp: 0, fn: c.tp + c.fn) }
                table.add(c, document: document, type: type)
            }
        }
        next.competitors[i].documentCounts = table
        next.competitors[i].scores = scores(table)
        return next
    }

    /// `competitor` lost one PER entity in one document: a drop too small to be significant.
    static func lostOnePER(_ run: RunRecord, competitor name: String) -> RunRecord {
        var next = run
        let i = next.competitors.firstIndex { $0.name == name }!
        var table = next.competitors[i].documentCounts
        let document = table.documents.first { table.counts(document: $0, type: .person).tp > 0 }!
        table.add(Counts(tp: -1, fp: 0, fn: 1), document: document, type: .person)
        next.competitors[i].documentCounts = table
        next.competitors[i].scores = scores(table)
        return next
    }

    /// `competitor`'s extraction takes `factor` times as long.
    static func slowed(_ run: RunRecord, competitor name: String, factor: Double) -> RunRecord {
        var next = run
        let i = next.competitors.firstIndex { $0.name == name }!
        let seconds = next.competitors[i].timings!.repeatSeconds
        next.competitors[i].timings?.repeatSeconds = seconds.map { $0 * factor }
        return next
    }

    /// A fresh temporary folder, removed by the caller with `remove`.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }

    static func remove(_ folder: String) { try? FileManager.default.removeItem(atPath: folder) }
}

/// Runs the built `mizan` binary, for exit codes and output.
enum MizanCLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    static var binary: String? {
        let path = packageRoot + "/.build/debug/mizan"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    struct Result { var status: Int32; var output: String; var error: String }

    /// Runs `mizan arguments` in `directory` with `environment` added (MIZAN_HISTORY removed unless given).
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Result {
        guard let binary else { throw CLIMissing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["MIZAN_HISTORY"] = nil
        env.merge(environment) { $1 }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so that neither fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
                      error: String(decoding: errData, as: UTF8.self))
    }

    struct CLIMissing: Error, CustomStringConvertible {
        var description: String { "the mizan binary is not built at .build/debug/mizan (run `swift build` first)" }
    }
}
