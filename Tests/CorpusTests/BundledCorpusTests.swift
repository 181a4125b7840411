import Foundation
import Testing
import Corpus

/// The corpus shipped in corpus/ and gold/ must stay valid and big enough for
/// differences between configurations to mean something.
@Suite struct BundledCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    @Test func validatesAndMeetsItsSizes() {
        let r = CorpusValidator().validate(corpus: Self.root + "/corpus", gold: Self.root + "/gold",
                                           splits: Self.root + "/corpus/splits.yaml")
        #expect(r.problems.map(\.description) == [])
        let total = r.statistics.total
        #expect(total.documents >= 80)
        #expect(total.tokens >= 30_000)
        #expect(total.entityTotal >= 3_000)
        for type in EntityType.mizanTypes { #expect(total.entities[type, default: 0] >= 300, "\(type)") }
        // About 60/15/25, every split non-empty.
        let share = { (s: CorpusSplits.Split) in Double(r.statistics.bySplit[s]?.documents ?? 0) / Double(total.documents) }
        #expect((0.5...0.7).contains(share(.train)))
        #expect((0.1...0.2).contains(share(.dev)))
        #expect((0.2...0.3).contains(share(.test)))
    }
}
