import Testing
import ArabicText

@Suite struct CliticTests {
    let analyzer = CliticAnalyzer()
    let normalizer = ArabicNormalizer()

    func n(_ s: String) -> [Unicode.Scalar] { Array(normalizer.normalize(s).unicodeScalars) }
    func str(_ s: [Unicode.Scalar]) -> String { String(String.UnicodeScalarView(s)) }

    /// (proclitic code, lookup form) of each reading.
    func readings(_ word: String) -> [String] {
        let w = n(word)
        return analyzer.analyses(of: w).map { "\($0.proclitics.code)|\(str($0.lookupForm(of: w)))" }
    }

    @Test func conjunctionsAndPrepositions() {
        #expect(readings("وسورية").contains("w|سوريه"))
        #expect(readings("بدمشق").contains("b|دمشق"))
        #expect(readings("فلبنان").contains("f|لبنان"))
        #expect(readings("وبحلب").contains("wb|حلب"))
        #expect(readings("ولحمص").contains("wl|حمص"))
        #expect(readings("وكدمشق").contains("wk|دمشق"))
    }

    @Test func articleAndItsFusedForms() {
        #expect(readings("بالعراق").contains("b|العراق"))
        #expect(readings("والعراق").contains("w|العراق"))
        #expect(readings("فالعراق").contains("f|العراق"))
        #expect(readings("كالعراق").contains("k|العراق"))
        // ل + ال is written لل: the lookup form restores the article.
        #expect(readings("للأمم").contains("l|الامم"))
        #expect(readings("وللأمم").contains("wl|الامم"))
        // ... and ل before a word starting with ل is also proposed.
        #expect(readings("للبنان").contains("l|لبنان"))
        let w = n("للأمم")
        let fused = analyzer.analyses(of: w).first { $0.article == .fused }!
        #expect(str(fused.bareStem(of: w)) == "امم")
    }

    @Test func stemsKeepAtLeastTwoLetters() {
        #expect(readings("ول").isEmpty)
        #expect(readings("بل").isEmpty)
        #expect(!readings("وله").contains { $0.hasSuffix("|ه") })
        let three = CliticAnalyzer(minimumStemLength: 3)
        #expect(three.analyses(of: n("بحر")).isEmpty)
    }

    @Test func aLexiconKeepsKnownWordsWhole() {
        let lexicon: Set<String> = ["بغداد", "فلسطين", "وليد", "سوريه", "الامم", "كندا", "لندن"]
        func known(_ s: [Unicode.Scalar]) -> Bool { lexicon.contains(str(s)) }
        // Names that merely begin with clitic letters are not cut.
        for word in ["بغداد", "فلسطين", "وليد", "كندا", "لندن"] {
            #expect(analyzer.analyses(of: n(word), lexicon: known).isEmpty, "\(word) was cut")
        }
        // Unknown words are cut only where the rest is known.
        let w = n("وسورية")
        let found = analyzer.analyses(of: w, lexicon: known)
        #expect(found.map { str($0.lookupForm(of: w)) } == ["سوريه"])
        #expect(analyzer.analyses(of: n("وبكر"), lexicon: known).isEmpty)
        #expect(analyzer.analyses(of: n("للأمم"), lexicon: known).map { str($0.lookupForm(of: n("للأمم"))) } == ["الامم"])
    }

    @Test func codesAreStable() {
        #expect(Proclitics([.wa, .li]).code == "wl")
        #expect(Proclitics([.fa, .bi]).code == "fb")
    }
}
