import Testing
import ArabicText

@Suite struct TokenizerTests {
    let tokenizer = Tokenizer()

    func texts(_ s: String) -> [String] {
        let scalars = Array(s.unicodeScalars)
        return tokenizer.tokenize(scalars).map { t in
            var v = String.UnicodeScalarView()
            v.append(contentsOf: scalars[t.start..<t.end])
            return String(v)
        }
    }

    @Test func splitsOnArabicAndLatinPunctuation() {
        #expect(texts("قال الوزير: «نعم»، ثم غادر.") == ["قال", "الوزير", ":", "«", "نعم", "»", "،", "ثم", "غادر", "."])
        #expect(texts("لماذا؟ (هنا) ؛ انتهى!") == ["لماذا", "؟", "(", "هنا", ")", "؛", "انتهى", "!"])
        #expect(texts("ثم…") == ["ثم", "…"])
    }

    @Test func keepsNumbersAndLatinWordsWhole() {
        #expect(texts("القرار 1540 بنسبة 3.5 في 20/3/2019 عند 10:30") == ["القرار", "1540", "بنسبة", "3.5", "في", "20/3/2019", "عند", "10:30"])
        #expect(texts("قناة CBS news وG20 al-Assad") == ["قناة", "CBS", "news", "و", "G20", "al-Assad"])
        #expect(texts("١٥٤٠٫٥ ريال") == ["١٥٤٠٫٥", "ريال"])
        // A trailing full stop is not part of the number.
        #expect(texts("عام 2019.") == ["عام", "2019", "."])
    }

    @Test func runsOfOneMarkAreOneToken() {
        #expect(texts("قبل.. وبعد!!") == ["قبل", "..", "وبعد", "!!"])
    }

    @Test func arabicWordsKeepTheirMarksAndTatweel() {
        #expect(texts("بـ «نور سلطان»") == ["بـ", "«", "نور", "سلطان", "»"])
        #expect(texts("تَعَمَّدَ الردّ") == ["تَعَمَّدَ", "الردّ"])
    }

    @Test func invisibleMarksSeparateAndStayOutside() {
        #expect(texts("الأمن\u{200F}1706") == ["الأمن", "1706"])
        #expect(texts("\u{FEFF}دمشق") == ["دمشق"])
    }

    /// Every token's offsets slice the original text to exactly the token, tokens
    /// are ordered and disjoint, and everything between them is space or invisible.
    @Test(arguments: [
        "وقال لافروف في كلمة خلال مؤتمر في جنيف اليوم: «شهدنا أعمالاً».",
        "emoji 😀 and é (e + combining acute) then عربي\u{0301} 👍🏽 end",
        "سطر أول\nسطر ثانٍ\r\n\tمع مسافات  متعددة  ",
        "Latin-only text, with U.S. and 5G; 1,000,000 people.",
        "",
    ])
    func offsetsRoundTrip(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        let tokens = tokenizer.tokenize(scalars)
        var previousEnd = 0
        for t in tokens {
            #expect(t.start >= previousEnd && t.start < t.end && t.end <= scalars.count)
            for i in previousEnd..<t.start {
                let s = scalars[i]
                #expect(s.properties.isWhitespace || ArabicScript.isInvisibleMark(s) || s.properties.generalCategory == .control)
            }
            previousEnd = t.end
        }
        for i in previousEnd..<scalars.count { #expect(scalars[i].properties.isWhitespace) }
        // Rebuilding from offsets gives the tokens' text, in scalars (not graphemes).
        let rebuilt = tokens.map { t in String(String.UnicodeScalarView(scalars[t.start..<t.end])) }
        #expect(rebuilt.joined().unicodeScalars.count == tokens.reduce(0) { $0 + $1.length })
    }

    @Test func offsetsAreScalarOffsetsNotGraphemes() {
        // "😀" is one scalar; "👍🏽" is two scalars and one grapheme.
        let text = "👍🏽 حلب"
        let tokens = tokenizer.tokenize(text)
        let aleppo = tokens.last!
        #expect(aleppo.start == 3 && aleppo.end == 6)
        #expect(text.count == 5)  // graphemes differ, which is why offsets never use them
    }

    @Test func kindsAreReported() {
        let kinds = tokenizer.tokenize("حلب CBS 20 ،").map(\.kind)
        #expect(kinds == [.arabic, .latin, .number, .punctuation])
        #expect(Tokenizer.kind(of: "«داعش»".unicodeScalars) == .arabic)
        #expect(Tokenizer.kind(of: "(20)".unicodeScalars) == .number)
    }
}

@Suite struct SentenceSplitterTests {
    func sentences(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer().tokenize(scalars)
        let starts = SentenceSplitter().sentenceStarts(tokens: tokens, scalars: scalars)
        return starts.indices.map { i in
            let end = i + 1 < starts.count ? starts[i + 1] : tokens.count
            return tokens[starts[i]..<end].map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }.joined(separator: " ")
        }
    }

    @Test func splitsAfterTerminatorsWithTheirClosers() {
        #expect(sentences("وصل الوفد. ثم غادر؟ «نعم». انتهى!") == ["وصل الوفد .", "ثم غادر ؟", "« نعم » .", "انتهى !"])
        #expect(sentences("قال: «انتهى.» ثم مضى") == ["قال : « انتهى . »", "ثم مضى"])
    }

    @Test func lineBreaksEndSentences() {
        #expect(sentences("عنوان الخبر\nنص الخبر هنا") == ["عنوان الخبر", "نص الخبر هنا"])
    }

    @Test func oneLetterAbbreviationsDoNotEndSentences() {
        #expect(sentences("قال د. حسام شعيب إن الأمر انتهى.") == ["قال د . حسام شعيب إن الأمر انتهى ."])
        #expect(sentences("الرقم 3.5 كبير. نعم") == ["الرقم 3.5 كبير .", "نعم"])
    }

    @Test func noTokensNoSentences() {
        #expect(SentenceSplitter().sentenceStarts(tokens: [], scalars: []) == [])
    }
}
