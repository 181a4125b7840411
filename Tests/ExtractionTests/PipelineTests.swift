import Testing
import Foundation
import Corpus
@testable import Extraction

@Suite struct PipelineTests {
    static let gazetteerRules: Extractor = {
        try! Configuration.load(path: packageRoot + "/configs/gazetteer-rules.yaml")
    }()

    @Test func givenTokensAreUsedExactly() throws {
        // CoNLL tokens with glued punctuation: the extractor must keep them as they are.
        let conll = try CoNLLReader(tagColumns: 0).parse("(وسورية\nو\nدمشق)\n\nحلب.\n", file: "t.txt")
        let document = conll[0].makeDocument()
        let analysis = Self.gazetteerRules.analyze(document)
        #expect(analysis.tokens == document.tokens!)
        #expect(analysis.sentenceStarts == [0, 3])
        let entities = Self.gazetteerRules.extract(document)
        let tags = TokenProjection.bioTags(for: entities, tokens: document.tokens!)
        #expect(tags == ["B-LOC", "O", "B-LOC", "B-LOC"])
        // Spans cover whole tokens, glued punctuation included.
        #expect(entities.first?.text == "(وسورية")
    }

    @Test func spansPointIntoTheOriginalText() {
        let text = "أكدَ وزيرُ الخارجيّة 😀 أن دمشقَ وسوريا\u{200F} بخير"
        let scalars = Array(text.unicodeScalars)
        for e in Self.gazetteerRules.extract(Document(id: "d", text: text)) {
            #expect(scalars.string(from: e.start, to: e.end) == e.text)
        }
        #expect(found(Self.gazetteerRules, text).contains("دمشقَ:LOC"))
        #expect(found(Self.gazetteerRules, text).contains("وسوريا:LOC"))
    }

    @Test func mergePoliciesResolveOverlaps() {
        let a = Proposal(firstToken: 0, endToken: 1, type: "PER")
        var b = Proposal(firstToken: 0, endToken: 3, type: "ORG")
        b.stage = 1
        #expect(MergePolicy.priority.resolve([a, b], tokenCount: 3).map(\.type) == ["PER"])
        #expect(MergePolicy.longest.resolve([a, b], tokenCount: 3).map(\.type) == ["ORG"])
    }

    @Test func outputTypesFilter() {
        var e = Self.gazetteerRules
        e.outputTypes = ["LOC"]
        #expect(found(e, "وصل لافروف إلى دمشق أمس") == ["دمشق:LOC"])
    }

    @Test func namesSpreadToLaterMentions() {
        let text = "قال نائب الوزير مختار تليوبردي إن الموعد قريب. وأضاف تليوبردي أن الدول وافقت."
        let f = found(Self.gazetteerRules, text)
        #expect(f.contains("مختار تليوبردي:PER"))
        #expect(f.contains("تليوبردي:PER"))
    }

    @Test func concurrentExtractionGivesTheSameResults() async {
        let texts = (0..<16).map { "زار الرئيس عمر فاروق مدينة حلب يوم \($0 % 28 + 1) آذار وسورية والأمم المتحدة." }
        let expected = texts.map { Self.gazetteerRules.extract(Document(id: "d", text: $0)) }
        let extractor = Self.gazetteerRules
        let results = await withTaskGroup(of: (Int, [EntitySpan]).self) { group in
            for (i, t) in texts.enumerated() {
                group.addTask { (i, extractor.extract(Document(id: "d\(i)", text: t))) }
            }
            var out = [[EntitySpan]](repeating: [], count: texts.count)
            for await (i, r) in group { out[i] = r }
            return out
        }
        #expect(results == expected)
    }

    /// The seed article (read from shared/, never copied): every configuration runs
    /// and finds its minister, its cities and its organizations.
    @Test func seedArticle() throws {
        let folder = packageRoot + "/../shared/seeds"
        guard let name = try? FileManager.default.contentsOfDirectory(atPath: folder).first(where: { $0.hasSuffix(".txt") }) else {
            print("skipped: the seed article is not at \(folder)")
            return
        }
        let document = Document(id: "seed", text: try TextFile.read(folder + "/" + name))
        var byConfig: [String: [String]] = [:]
        for c in ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules"] {
            let e = try Configuration.load(path: "\(packageRoot)/configs/\(c).yaml")
            byConfig[c] = e.extract(document).map { "\($0.text):\($0.type)" }
        }
        for c in ["gazetteer", "gazetteer-clitics", "gazetteer-rules"] {
            let f = byConfig[c]!
            #expect(f.contains("سيرغي لافروف:PER"), "\(c)")
            #expect(f.contains("سورية:LOC"), "\(c)")
            #expect(f.contains("جنيف:LOC"), "\(c)")
            #expect(f.contains("مجلس الأمن:ORG"), "\(c)")
            #expect(f.contains("جبهة النصرة:ORG"), "\(c)")
        }
        #expect(byConfig["gazetteer-clitics"]!.contains("للأمم المتحدة:ORG"))
        #expect(!byConfig["gazetteer"]!.contains("للأمم المتحدة:ORG"))
        let rules = byConfig["rules"]!
        #expect(rules.contains("سيرغي لافروف:PER"))
        #expect(rules.contains("مختار تليوبردي:PER"))
        #expect(rules.contains("الرابع عشر من شباط الماضي:DATE"))
        #expect(rules.contains("منظمة حظر السلاح الكيميائي:ORG"))
        let both = byConfig["gazetteer-rules"]!
        #expect(both.contains("مختار تليوبردي:PER"))
        #expect(both.contains("نهاية شهر نيسان المقبل:DATE"))
        #expect(both.contains("داعش:ORG"))
        #expect(both.contains("الحويجة:LOC"))
    }
}
