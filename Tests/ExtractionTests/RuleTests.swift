import Testing
import Corpus
@testable import Extraction

/// The repository's own rules (rules/mizan.rules) on sentences written for these tests.
@Suite struct RuleFamilyTests {
    static let rules: Extractor = {
        try! Configuration.load(path: packageRoot + "/configs/rules.yaml")
    }()

    func has(_ text: String, _ expected: String) -> Bool {
        found(Self.rules, text).contains(expected)
    }

    @Test func titlesBeforeNames() {
        #expect(has("وأعلن وزير الخارجية الفرنسي جان لوكلير أمس", "جان لوكلير:PER"))
        #expect(has("وصرح نائب وزير الدفاع الروسي نيكولاي بانكوف أن", "نيكولاي بانكوف:PER"))
        #expect(has("قال الدكتور سامر خليل، الباحث في", "سامر خليل:PER"))
        #expect(has("وأكد الشيخ منصور العتيبي في", "منصور العتيبي:PER"))
        // The title, the portfolio and the nationality are outside.
        #expect(!found(Self.rules, "وأعلن الرئيس الأميركي في كلمة").contains { $0.hasSuffix(":PER") })
    }

    @Test func givenNamesStartNames() {
        #expect(has("التقى محمد بن راشد الطويل بوفد", "محمد بن راشد الطويل:PER"))
        #expect(has("وكتب جورج مالكوم في", "جورج مالكوم:PER"))
        #expect(has("وحضر الملك عبدالله الثاني الحفل", "عبدالله الثاني:PER"))
    }

    @Test func organizationHeads() {
        #expect(has("أصدرت منظمة حظر الأسلحة الكيميائية تقريرا", "منظمة حظر الأسلحة الكيميائية:ORG"))
        #expect(has("اجتمع مجلس التعاون الاقتصادي في", "مجلس التعاون الاقتصادي:ORG"))
        #expect(has("نقلت صحيفة «الأيام» عن", "الأيام:ORG"))
        #expect(has("بحسب ما نقلته قناة «NBC news» الأميركية", "NBC news:ORG"))
        #expect(has("أعلن حزب الخضر أن", "حزب الخضر:ORG"))
    }

    @Test func placeHeads() {
        #expect(has("في مدينة الزهراء شمالا", "الزهراء:LOC"))
        #expect(has("وصلت إلى بلدة كفرنبل أمس", "كفرنبل:LOC"))
        #expect(has("قصف في مخيم الهول", "الهول:LOC"))
        let dual = found(Self.rules, "في قريتي المشرفة وعطشان")
        #expect(dual.contains("المشرفة:LOC") && dual.contains("وعطشان:LOC"))
    }

    @Test func datesInDigitsAndWords() {
        #expect(has("يعقد يوم 12 أيار المقبل", "12 أيار المقبل:DATE"))
        #expect(has("في الخامس عشر من آذار الماضي", "الخامس عشر من آذار الماضي:DATE"))
        #expect(has("حتى نهاية الشهر المقبل", "نهاية الشهر المقبل:DATE"))
        #expect(has("منذ عام 2011 تقريبا", "عام 2011:DATE"))
        #expect(has("وقع في 3 يناير 2020", "3 يناير 2020:DATE"))
        #expect(has("أعلن يوم الخميس الماضي", "يوم الخميس الماضي:DATE"))
        #expect(has("وصل أول أمس إلى", "أول أمس:DATE"))
        #expect(has("سيعود الأسبوع المقبل", "الأسبوع المقبل:DATE"))
        #expect(has("جرى في شباط", "شباط:DATE"))
        // An ambiguous month needs context: نيسان alone can be the car maker.
        #expect(!has("اشترى سيارة نيسان جديدة", "نيسان:DATE"))
        #expect(has("في نيسان الماضي", "نيسان الماضي:DATE"))
    }
}

/// The rule engine on small rule files written here.
@Suite struct RuleEngineTests {
    func engine(_ rules: String, lists: [String: String] = [:]) throws -> Extractor {
        var files = lists
        files["test.rules"] = rules
        return try extractor(config: "description: rules test\nstages:\n  - kind: rules\n    rules: test.rules\n", files: files)
    }

    @Test func quantifiersAndAlternatives() throws {
        let e = try engine("""
            class CITY = city.txt clitics
            class HEAD = head.txt
            rule head-city LOC: HEAD? [CITY{1,2}]
            rule number ORG: [NUMBER ("كيلو" | "طن")+]
            """, lists: ["city.txt": "حلب\nإدلب\n", "head.txt": "مدينة\n"])
        #expect(found(e, "مدينة حلب إدلب حلب") == ["حلب إدلب:LOC", "حلب:LOC"])
        #expect(found(e, "نقل 5 طن كيلو") == ["5 طن كيلو:ORG"])
        #expect(found(e, "وحلب") == ["وحلب:LOC"])
    }

    @Test func multiWordClassEntriesAndSeveralCaptures() throws {
        let e = try engine("""
            class ROLE = roles.txt
            rule pair PER: ROLE [WORD] "و" ROLE [WORD]:ORG
            """, lists: ["roles.txt": "وزير الخارجية\nالسفير\n"])
        #expect(found(e, "وزير الخارجية زيد و السفير عمرو") == ["زيد:PER", "عمرو:ORG"])
    }

    @Test func derivedClassesAndNegation() throws {
        let e = try engine("""
            class STOPWORD = stop.txt
            class NAME := ARABIC & !STOPWORD & !DEFINITE
            rule after-said PER: "قال" [NAME+]
            """, lists: ["stop.txt": "إن\nأن\n"])
        #expect(found(e, "قال زيد عمرو إن الأمر") == ["زيد عمرو:PER"])
        #expect(found(e, "قال الوزير") == [])
    }

    @Test func earlierRulesWinOverlaps() throws {
        let e = try engine("""
            rule first LOC: [ARABIC] "بن"
            rule second PER: [ARABIC "بن" ARABIC]
            """)
        #expect(found(e, "زيد بن عمرو") == ["زيد:LOC"])
    }

    @Test func badRulesNameTheRulesFileAndLine() {
        func error(_ rules: String) -> String {
            configurationError("description: x\nstages:\n  - kind: rules\n    rules: bad.rules\n", files: ["bad.rules": rules])?.description ?? "no error"
        }
        #expect(error("class A = missing.txt\n").contains("bad.rules:1: class A:"))
        #expect(error("# c\nrule r PER: [UNKNOWN]\n").contains("bad.rules:2: unknown class UNKNOWN"))
        #expect(error("rule r PER: WORD\n").contains("bad.rules:1: rule r: no capture"))
        #expect(error("rule r PER: [WORD*\n").contains("missing \"]\""))
        #expect(error("rule r PER: [WORD?]\n").contains("can match no token"))
        #expect(error("rule r PER: [WORD (WORD?)*]\n").contains("must match at least one token"))
        #expect(error("something else\n").contains("bad.rules:1: expected a `class` or `rule` line"))
        #expect(error("class X := ARABIC &\n").contains("bad.rules:1: class X:"))
    }
}

@Suite struct ClassExpressionTests {
    /// The normal form agrees with the expression tree on random expressions and tokens.
    @Test func normalFormAgreesWithTheTree() {
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        func random(_ depth: Int) -> ClassExpression {
            if depth == 0 || next(3) == 0 { return .member(next(6)) }
            switch next(3) {
            case 0: return .not(random(depth - 1))
            case 1: return .all((0..<(2 + next(2))).map { _ in random(depth - 1) })
            default: return .any((0..<(2 + next(2))).map { _ in random(depth - 1) })
            }
        }
        for _ in 0..<300 {
            let e = random(4)
            let compiled = CompiledClassExpression(e)
            for bits in 0..<64 {
                let m = BitSet128(low: UInt64(bits), high: 0)
                #expect(compiled.evaluate(m) == e.evaluate(m))
            }
        }
    }
}
