import Corpus
import Foundation
import Harness
import Scoring
import Testing

@Suite("Run record")
struct HistoryRecordTests {
    @Test("timings built from the timing code keep every repeat and give the same tokens/s")
    func timingsFromSummary() throws {
        let workload = Workload(documents: 3, tokens: 1_200, characters: 6_000)
        let repeats = [
            RepeatMeasurement(wallNanoseconds: 40_000_000, documentNanoseconds: [10_000_000, 20_000_000, 10_000_000]),
            RepeatMeasurement(wallNanoseconds: 60_000_000, documentNanoseconds: [20_000_000, 30_000_000, 10_000_000]),
            RepeatMeasurement(wallNanoseconds: 50_000_000, documentNanoseconds: [10_000_000, 30_000_000, 10_000_000]),
        ]
        let summary = TimingSummary(workload: workload, repeats: repeats, warmups: 1)
        let timings = RunRecord.Timings(summary, peakMemoryBytes: 1 << 26)
        #expect(timings.tokens == 1_200)
        #expect(timings.repeatSeconds == [0.04, 0.06, 0.05])
        let tps = try #require(timings.tokensPerSecond)
        #expect(abs(tps.median - summary.tokensPerSecond.median) < 1e-9)
        #expect(abs(tps.min - 20_000) < 1e-6 && abs(tps.max - 30_000) < 1e-6)
        #expect(timings.latency?.p99 == summary.latency.p99)
        #expect(timings.peakMemoryBytes == 1 << 26)
        #expect(RunRecord.Timings(tokens: 10, repeatSeconds: [], latency: nil, peakMemoryBytes: nil).tokensPerSecond == nil)
    }

    @Test("this machine and this checkout are described")
    func environment() throws {
        let machine = RunRecord.Machine.current()
        #expect(!machine.cpu.isEmpty && machine.cores >= 1 && machine.memoryBytes > 0)
        #expect(machine.isSameHardware(as: machine))
        if FileManager.default.fileExists(atPath: MizanCLI.packageRoot + "/.git") {
            let git = try #require(RunRecord.GitState.detect(in: MizanCLI.packageRoot))
            #expect(git.commit.count == 40 && git.commit.allSatisfy(\.isHexDigit))
        }
        let folder = try HistoryFixtures.temporaryFolder()
        defer { HistoryFixtures.remove(folder) }
        #expect(RunRecord.GitState.detect(in: folder) == nil)
        let id = RunRecord.makeID(time: Date(timeIntervalSince1970: 1_764_512_701))
        #expect(id.hasPrefix("20251130-142501-") && id.count == 20)
    }

    @Test("per-document counts keep only non-zero entries and encode as [tp, fp, fn]")
    func documentCounts() throws {
        var table = DocumentCounts(["a": [.location: Counts(tp: 1), .person: .zero], "b": [.person: .zero]])
        #expect(table.documents == ["a"])
        #expect(table == DocumentCounts(["a": [.location: Counts(tp: 1)]]))
        table.add(Counts(fp: 2), document: "b", type: .organization)
        #expect(table.total(type: nil) == Counts(tp: 1, fp: 2))
        #expect(table.counts(document: "z", type: .location) == .zero)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(table), as: UTF8.self)
        #expect(json == #"{"a":{"LOC":[1,0,0]},"b":{"ORG":[0,2,0]}}"#)
        #expect(try JSONDecoder().decode(DocumentCounts.self, from: Data(json.utf8)) == table)
        let paired = DocumentCounts.paired(table, DocumentCounts(["c": [.location: Counts(fn: 1)]]), type: .location)
        #expect(paired.documents == ["a", "b", "c"])
        #expect(paired.a == [Counts(tp: 1), .zero, .zero])
        #expect(paired.b == [.zero, .zero, Counts(fn: 1)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DocumentCounts.self, from: Data(#"{"a":{"LOC":[1,0]}}"#.utf8))
        }
    }

    @Test("the database's text form of per-document counts round-trips, names with tabs and backslashes too")
    func tabSeparated() throws {
        let table = DocumentCounts([
            "doc 1": [.location: Counts(tp: 1, fp: 0, fn: 2), .person: Counts(fp: 1)],
            "odd\tname\\with\nbreaks\r": [EntityType("TYPE\\X"): Counts(tp: 3)],
            "المغرب-01": [.organization: Counts(fn: 4)],
        ])
        let text = table.tabSeparated
        #expect(text.hasPrefix("doc 1\tLOC\t1\t0\t2\ndoc 1\tPER\t0\t1\t0\n"))
        #expect(text.contains("odd\\tname\\\\with\\nbreaks\\r\tTYPE\\\\X\t3\t0\t0\n"))
        #expect(text.split(separator: "\n").count == 4)
        #expect(try DocumentCounts(tabSeparated: text) == table)
        #expect(try DocumentCounts(tabSeparated: "") == DocumentCounts())
        #expect(throws: DocumentCounts.FormatError(line: 2, text: "b\tLOC\t1\t-1\t0")) {
            try DocumentCounts(tabSeparated: "a\tLOC\t1\t0\t0\nb\tLOC\t1\t-1\t0\n")
        }
    }
}
