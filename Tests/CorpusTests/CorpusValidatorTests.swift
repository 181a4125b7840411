import Foundation
import Testing
@testable import Corpus

/// Builds a small corpus in a temporary folder, breaks it one way per test,
/// and checks that `CorpusValidator` names the file, line and problem.
struct CorpusFixture {
    let root: String
    init() throws {
        root = NSTemporaryDirectory() + "mizan-validate-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root + "/corpus", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/gold", withIntermediateDirectories: true)
        try write("corpus/a.txt", "زار ماكرون بيروت أمس.\n")
        try write("gold/a.ann", "T1\tPER 4 10\tماكرون\nT2\tLOC 11 16\tبيروت\nT3\tDATE 17 20\tأمس\n")
        try write("corpus/b.txt", "وصل الوفد إلى وعمان.\n")
        try write("gold/b.ann", "T1\tLOC 14 19\tوعمان\n")
        try write("corpus/splits.yaml", "train:\n  - a\ndev: []\ntest:\n  - b\n")
    }
    func write(_ path: String, _ text: String) throws {
        try text.write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
    }
    func validate() -> CorpusValidator.Report {
        CorpusValidator().validate(corpus: root + "/corpus", gold: root + "/gold", splits: root + "/corpus/splits.yaml")
    }
    /// Problems with the temporary root removed, for readable assertions.
    func problems() -> [String] {
        validate().problems.map { $0.description.replacingOccurrences(of: root + "/", with: "") }
    }
}

@Suite struct CorpusValidatorTests {
    @Test func soundCorpusPassesWithStatistics() throws {
        let f = try CorpusFixture()
        let report = f.validate()
        #expect(report.problems.isEmpty)
        #expect(report.statistics.total.documents == 2)
        #expect(report.statistics.total.entities == [.person: 1, .location: 2, .date: 1])
        #expect(report.statistics.bySplit[.test]?.tokens == 5)
        #expect(report.statistics.total.tokens == 10)
    }

    @Test func spanInsideAToken() throws {
        let f = try CorpusFixture()
        try f.write("gold/b.ann", "T1\tLOC 15 19\tعمان\n")
        #expect(f.problems() == ["gold/b.ann:1: span 15-19 \"عمان\" starts inside a token"])
    }

    @Test func surfaceMismatchAndOutsideText() throws {
        let f = try CorpusFixture()
        try f.write("gold/a.ann", "T1\tPER 4 10\tماكرن\nT2\tLOC 11 99\tبيروت\n")
        #expect(f.problems() == [
            "gold/a.ann:1: text \"ماكرن\" does not match the text at 4-10: \"ماكرون\"",
            "gold/a.ann:2: span 11-99 is outside the text (22 characters)",
        ])
    }

    @Test func overlapsDuplicatesAndUnknownTypes() throws {
        let f = try CorpusFixture()
        try f.write("gold/a.ann", "T1\tPER 4 10\tماكرون\nT2\tPERSON 4 16\tماكرون بيروت\nT3\tLOC 11 16\tبيروت\nT4\tGPE 11 16\tبيروت\n")
        #expect(f.problems() == [
            "gold/a.ann:2: unknown type PERSON (known: DATE, LOC, MISC, ORG, PER)",
            "gold/a.ann:4: unknown type GPE (known: DATE, LOC, MISC, ORG, PER)",
            "gold/a.ann:1: span 4-10 \"ماكرون\" overlaps 4-16 \"ماكرون بيروت\"",
            "gold/a.ann:4: span 11-16 \"بيروت\" overlaps 4-16 \"ماكرون بيروت\"",
            "gold/a.ann:3: duplicate span 11-16 \"بيروت\" (GPE and LOC)",
        ])
    }

    @Test func orphanFilesAndBadUTF8() throws {
        let f = try CorpusFixture()
        try f.write("gold/c.ann", "T1\tLOC 0 3\tabc\n")
        try Data([0x61, 0xC3, 0x28, 0x0A]).write(to: URL(fileURLWithPath: f.root + "/corpus/d.txt"))
        try f.write("corpus/splits.yaml", "train: [a, d]\ntest: [b]\n")
        #expect(f.problems() == [
            "gold/c.ann: annotation file without its text corpus/c.txt",
            "corpus/d.txt:1: invalid UTF-8 at byte column 2",
        ])
    }

    @Test func splitProblems() throws {
        let f = try CorpusFixture()
        try f.write("corpus/splits.yaml", "train:\n  - a\n  - ghost\nvalidation:\n  - b\ntest:\n  - a\n")
        #expect(f.problems() == [
            "corpus/splits.yaml:4: unknown split \"validation\" (expected train, dev or test)",
            "corpus/splits.yaml:7: a is already in train (line 2)",
            "corpus/splits.yaml: b is in no split",
            "corpus/splits.yaml: train lists ghost, which has no corpus/ghost.txt",
        ])
    }

    @Test func crlfIsReported() throws {
        let f = try CorpusFixture()
        try f.write("corpus/b.txt", "عنوان\r\nوصل الوفد إلى وعمان.\n")
        #expect(f.problems().contains("corpus/b.txt:1: CR line ending (the corpus uses LF)"))
    }
}

@Suite struct ConsistencyCheckTests {
    @Test func typeConflictsAndMissedMentions() {
        func doc(_ id: String, _ text: String, _ entities: [(Int, Int, EntityType)]) -> AnnotatedDocument {
            let s = Array(text.unicodeScalars)
            return AnnotatedDocument(document: Document(id: id, text: text),
                                     entities: entities.map { EntitySpan(start: $0.0, end: $0.1, type: $0.2, text: s.string(from: $0.0, to: $0.1)) })
        }
        let docs = [
            doc("a", "زار عمان ثم عمان", [(4, 8, .location), (12, 16, .location)]),
            doc("b", "عمان و عمان الجديدة", [(0, 4, .organization), (7, 19, .location)]),
        ]
        let cases = ConsistencyCheck().run(docs)
        #expect(cases.count == 1)
        #expect(cases[0].surface == "عمان")
        #expect(cases[0].types == [.location: 2, .organization: 1])
        #expect(cases[0].unannotated == 0)  // the mention inside "عمان الجديدة" is covered

        let missed = ConsistencyCheck().run([doc("c", "القاهرة اليوم، وفي القاهرة أمس", [(19, 26, .location)])])
        #expect(missed.map(\.surface) == ["القاهرة"])
        #expect(missed[0].occurrences.filter { $0.type == nil }.map(\.start) == [0])
    }
}
