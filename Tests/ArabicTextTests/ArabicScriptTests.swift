import Testing
import ArabicText

@Test func arabicLettersAreRecognised() {
    #expect(ArabicScript.isArabicLetter("س"))
    #expect(!ArabicScript.isArabicLetter("a"))
    #expect(!ArabicScript.isArabicLetter("،"))
}
