import Corpus
import Foundation
@testable import Harness
import Scoring
import Testing

/// A clock that moves 1 ms each time it is read, so that every duration the
/// comparison records is a known number of reads.
final class TickingClock: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var now: UInt64 = 1_000_000_000
    static let tick: UInt64 = 1_000_000

    func nanoseconds() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        now += Self.tick
        return now
    }
}

@Suite("Comparison timing")
struct ComparisonTimingTests {
    @Test("loading is timed apart; repeats, warm-ups, rates and latencies are booked per pass")
    func bookkeeping() throws {
        let folder = try ComparisonFixture.folder()
        let data = ComparisonFixture.data(count: 9)
        var settings = ComparisonFixture.settings(jobs: 2)
        settings.plan = RepeatPlan(warmups: 2, repeats: 3)
        var comparison = Comparison(settings: settings)
        comparison.clock = TickingClock()
        var events: [String] = []
        comparison.progress = { event in
            if case .pass(_, let phase, let done, let total, _) = event { events.append("\(phase) \(done)/\(total)") }
        }
        let results = try comparison.run(
            data: data,
            competitors: [.configuration(path: folder + "/configs/strong.yaml")],
            context: ComparisonFixture.context)
        let timing = try #require(results.competitors[0].timing)
        // Loading reads the clock twice: one tick.
        #expect(timing.loadingSeconds == Double(TickingClock.tick) / 1e9)

        let single = timing.singleThreaded
        #expect(single.jobs == 1)
        #expect(single.warmups == 2)
        #expect(single.repeats.count == 3)
        #expect(single.latency.count == 3 * data.documents.count)
        for r in single.repeats {
            #expect(r.wallSeconds > 0)
            #expect(abs(r.tokensPerSecond - Double(data.workload.tokens) / r.wallSeconds) < 1e-6)
            #expect(abs(r.charactersPerSecond - Double(data.workload.characters) / r.wallSeconds) < 1e-6)
            #expect(abs(r.documentsPerSecond - Double(data.documents.count) / r.wallSeconds) < 1e-9)
        }
        // Each document of a measured pass: the runner's two reads around it plus
        // the progress read, so 2 ms of document time (the first also reads the pass start: 3 ms).
        #expect(single.latency.max == 0.003)
        #expect(abs(single.latency.p50 - 0.002) <= 0.002 * 0.001)  // HDR histogram: 3 significant digits
        #expect(single.tokensPerSecond.median == Spread(of: single.repeats.map(\.tokensPerSecond)).median)
        #expect(single.tokensPerSecond.min <= single.tokensPerSecond.median && single.tokensPerSecond.median <= single.tokensPerSecond.max)

        let parallel = try #require(timing.parallel)
        #expect(parallel.jobs == 2)
        #expect(parallel.repeats.count == 3)
        #expect(parallel.latency.count == 3 * data.documents.count)

        #expect(timing.slowestDocuments.count == data.documents.count)
        #expect(timing.slowestDocuments.first?.document == data.documents[0].id)
        #expect(zip(timing.slowestDocuments, timing.slowestDocuments.dropFirst()).allSatisfy { $0.seconds >= $1.seconds })
        #expect(Set(timing.slowestDocuments.map(\.tokens)).isSubset(of: Set(data.documentTokens)))
        if let peak = timing.peakResidentBytes, let before = timing.residentBeforeBytes { #expect(peak >= before) }

        // Progress: every pass reports its last document.
        #expect(events.contains("warm-up 1/2 9/9") && events.contains("warm-up 2/2 9/9") && events.contains("repeat 3/3 9/9"))
        #expect(events.contains("2 workers 0/9"))
    }

    @Test("one worker: no parallel pass; an outside system: no timing")
    func withoutParallel() throws {
        let folder = try ComparisonFixture.folder()
        let data = ComparisonFixture.data(count: 5)
        try JSONL.render(data.documents).write(toFile: folder + "/saved.jsonl", atomically: true, encoding: .utf8)
        let results = try Comparison(settings: ComparisonFixture.settings(jobs: 1)).run(
            data: data,
            competitors: [.configuration(path: folder + "/configs/weak.yaml"),
                          .system(name: "saved", path: folder + "/saved.jsonl", format: .jsonl)],
            context: ComparisonFixture.context)
        #expect(results.competitors[0].timing?.parallel == nil)
        #expect(results.competitors[0].timing?.singleThreaded.repeats.count == 2)
        #expect(results.competitors[1].timing == nil)
        #expect(results.settings.jobs == 1)
    }

    @Test("SHA-256 of known messages")
    func sha256() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Fed in pieces across block boundaries: the same digest.
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var h = SHA256()
        var i = 0
        while i < million.count {
            let n = Swift.min(37 + i % 101, million.count - i)
            h.update(million[i..<(i + n)])
            i += n
        }
        #expect(h.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("a configuration's hash follows its resources, not its model path")
    func configurationHash() throws {
        let folder = try ComparisonFixture.folder()
        let path = folder + "/configs/strong.yaml"
        let before = try ConfigurationHash.of(path: path)
        #expect(try ConfigurationHash.of(path: path) == before)
        #expect(try ConfigurationHash.of(path: folder + "/configs/strong-copy.yaml") != before)  // another description
        try (ComparisonFixture.people.joined(separator: "\n") + "\nرامي فؤاد\n").write(toFile: folder + "/lists/PER.txt", atomically: true, encoding: .utf8)
        let changedList = try ConfigurationHash.of(path: path)
        #expect(changedList != before)
        let learned = """
            description: With a model.
            stages:
              - kind: gazetteer
                model: ../models/%@.model
                lists:
                  PER: ../lists/PER.txt
            """
        try learned.replacingOccurrences(of: "%@", with: "a").write(toFile: folder + "/configs/m.yaml", atomically: true, encoding: .utf8)
        let a = try ConfigurationHash.of(path: folder + "/configs/m.yaml")
        try FileManager.default.createDirectory(atPath: folder + "/models", withIntermediateDirectories: true)
        try "trained weights".write(toFile: folder + "/models/a.model", atomically: true, encoding: .utf8)
        #expect(try ConfigurationHash.of(path: folder + "/configs/m.yaml") == a)
    }
}
