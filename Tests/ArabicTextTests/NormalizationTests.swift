import Testing
import ArabicText

@Suite struct NormalizationTests {
    let all = ArabicNormalizer()

    @Test func alefVariantsFold() {
        #expect(all.normalize("أحمد إبراهيم آمنة ٱلله") == "احمد ابراهيم امنه الله")
        let keep = ArabicNormalizer(options: ArabicNormalizer.Options.all.subtracting(.alefVariants))
        #expect(keep.normalize("أحمد") == "أحمد")
    }

    @Test func alefMaqsuraAndTehMarbutaAreSwitchable() {
        #expect(all.normalize("على سورية") == "علي سوريه")
        let keep = ArabicNormalizer(options: ArabicNormalizer.Options.all.subtracting([.alefMaqsura, .tehMarbuta]))
        #expect(keep.normalize("على سورية") == "على سورية")
    }

    @Test func diacriticsAndTatweelAreRemoved() {
        #expect(all.normalize("تَعَمَّدَ") == "تعمد")
        #expect(all.normalize("بـ") == "ب")
        #expect(all.normalize("سلاحاً") == "سلاحا")
        let keep = ArabicNormalizer(options: [.alefVariants])
        #expect(keep.normalize("بـ") == "بـ")
        #expect(keep.normalize("تَ") == "تَ")
    }

    @Test func digitsBecomeASCII() {
        #expect(all.normalize("١٥٤٠ و۲۰") == "1540 و20")
        #expect(ArabicNormalizer(options: []).normalize("١٥٤٠") == "١٥٤٠")
    }

    @Test func presentationFormsBecomeBaseLetters() {
        // ﻻ (lam-alef isolated), ﷲ (the Allah ligature), ﺳ (seen initial)
        #expect(all.normalize("\u{FEFB}") == "لا")
        #expect(all.normalize("\u{FDF2}") == "الله")
        #expect(all.normalize("\u{FEB3}\u{FEEE}\u{FEAD}\u{FEF3}\u{FE94}") == "سوريه")
        // لأ ligature: its alef is folded too.
        #expect(all.normalize("\u{FEF7}") == "لا")
    }

    @Test func invisibleMarksAreRemoved() {
        #expect(all.normalize("دمشق\u{200F}") == "دمشق")
        #expect(all.normalize("\u{200B}حلب\u{202B}") == "حلب")
        #expect(ArabicNormalizer(options: []).normalize("دمشق\u{200F}").unicodeScalars.count == 5)
    }

    @Test func latinIsUntouched() {
        #expect(all.normalize("CBS news 3.5") == "CBS news 3.5")
    }
}
