/// Seeded generator of Arabic news-like text that exercises every path of Mizan's
/// text processing: hamza and madda alef forms, alef maqsura and teh marbuta,
/// proclitics and the fused article (و ف ب ك ل، وال بال لل كال), occasional
/// tashkeel and tatweel, ASCII, Arabic-Indic and Persian digits, Latin words,
/// Arabic and Latin punctuation, guillemets, bidi and zero-width marks, and
/// presentation-form ligatures; sentences of 8–40 tokens, paragraphs of 3–6
/// sentences.
///
/// The vocabulary below is written for these benchmarks. The same seed gives the
/// same text on every machine.
public struct ArabicNewsText {
    public var random: SeededRandom

    public init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Frequent words of news prose, with the spelling variety of real text.
    public static let common = [
        "قال", "أكد", "أعلن", "أوضح", "أشار", "نفى", "دعا", "إن", "أن", "الذي", "التي", "الذين", "على", "إلى", "في",
        "من", "عن", "مع", "بين", "حتى", "منذ", "خلال", "بعد", "قبل", "عند", "الحكومة", "الوزارة", "المدينة",
        "السلطات", "الأمن", "الاقتصاد", "الانتخابات", "البرلمان", "المفاوضات", "الاتفاق", "المنطقة", "الأزمة",
        "الحرب", "السلام", "اللاجئين", "المساعدات", "الإنسانية", "مصادر", "مسؤول", "رئيس", "وزير", "الرئيس",
        "مجلس", "الشعب", "القوات", "الجيش", "المعارضة", "الشرطة", "المواطنين", "الأسعار", "النفط", "الغاز",
        "الكهرباء", "المياه", "المدارس", "المستشفى", "الصحة", "التعليم", "الجامعة", "الطلاب", "الأطفال",
        "النساء", "العمال", "الشركات", "الاستثمار", "المشروع", "البنك", "الدولار", "الليرة", "الدينار",
        "الموازنة", "العام", "الماضي", "المقبل", "الجاري", "الأسبوع", "الشهر", "اليوم", "أمس", "مساء", "صباح",
        "يوم", "عقد", "اجتماعا", "مؤتمرا", "صحفيا", "بيان", "تصريح", "مصدر", "مطلع", "وكالة", "الأنباء",
        "وسائل", "الإعلام", "المحلية", "الدولية", "العربية", "الغربية", "الأوروبية", "الأمريكية", "مستوى",
        "أعلى", "أدنى", "حوالى", "نحو", "أكثر", "أقل", "كبيرة", "جديدة", "مهمة", "واسعة", "شديدة", "سياسية",
        "اقتصادية", "عسكرية", "اجتماعية", "ثقافية", "رياضية", "مباراة", "المنتخب", "الفريق", "الدوري",
        "البطولة", "هدفا", "فاز", "خسر", "تعادل", "ضد", "لكن", "كما", "أيضا", "حيث", "إذ", "لأن", "كانت", "كان",
        "يكون", "ليس", "هذا", "هذه", "ذلك", "تلك", "هناك", "هنا", "جميع", "بعض", "كل", "عدد", "ملايين", "آلاف",
        "مئات", "مليار", "نسبة", "بالمئة", "مبنى", "معنى", "ذكرى", "أخرى", "كبرى", "إحدى", "لدى", "سوى", "متى",
        "آخر", "آلية", "إعادة", "إعمار", "إصلاح", "إطلاق", "إجراءات", "أحزاب", "أسرة", "أمانة", "إدارة", "إنتاج",
        "استمرار", "ارتفاع", "انخفاض", "تراجع", "توقيع", "زيارة", "رسمية", "محادثات", "قمة", "لجنة", "مشتركة",
        "الدستور", "القانون", "المحكمة", "القضاء", "حقوق", "الإنسان", "الحريات", "الصحافة", "ٱلله",
    ]

    /// Names of people and places (the entities a gazetteer or a rule would find).
    public static let names = [
        "دمشق", "حلب", "حمص", "حماة", "بيروت", "بغداد", "القاهرة", "عمان", "الرياض", "دبي", "تونس", "الجزائر",
        "الرباط", "طرابلس", "صنعاء", "الخرطوم", "غزة", "القدس", "إدلب", "الموصل", "البصرة", "سورية", "سوريا",
        "لبنان", "العراق", "مصر", "الأردن", "فلسطين", "تركيا", "إيران", "روسيا", "فرنسا", "ألمانيا", "أمريكا",
        "أميركا", "الصين", "محمد", "أحمد", "علي", "حسن", "حسين", "خالد", "عمر", "يوسف", "إبراهيم", "فاطمة",
        "مريم", "زينب", "مصطفى", "موسى", "عيسى", "ليلى", "سلمى", "الأسد", "بوتين", "ماكرون", "أردوغان",
    ]

    public static let latin = ["CNN", "BBC", "G20", "COVID-19", "UN", "al-Assad", "Reuters", "5G", "U.S", "OPEC", "Twitter"]
    public static let numbers = ["2019", "2024", "3.5", "1,000", "20/3/2019", "10:30", "15", "٢٠١٩", "١٥", "٣٫٥", "۱۴۰۲", "٧٥٠"]
    static let innerPunctuation = ["،", "،", "؛", ":", "-", "(", ")", "\""]
    static let terminators = [".", ".", ".", ".", "؟", "!", "…"]
    static let proclitics = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "فل", "وك"]
    static let definiteProclitics = ["و", "ف", "ب", "ك", "وب"]
    /// Fatha, damma, kasra, tanween, shadda, sukun.
    static let marks: [Unicode.Scalar] = ["\u{064E}", "\u{064F}", "\u{0650}", "\u{064B}", "\u{064C}", "\u{064D}", "\u{0651}", "\u{0652}"]
    static let invisibles = ["\u{200F}", "\u{200E}", "\u{200B}", "\u{200C}", "\u{061C}"]

    /// One word with its decorations (clitics, tashkeel, tatweel, ligature).
    public mutating func word() -> String {
        var w: String
        let roll = random.below(100)
        if roll < 78 {
            w = random.pick(Self.common)
        } else if roll < 92 {
            w = random.pick(Self.names)
        } else if roll < 96 {
            return random.pick(Self.numbers)
        } else {
            return random.pick(Self.latin)
        }
        if random.chance(0.14) {
            if w.hasPrefix("ال") {
                // وال، فال، بال، كال، وبال; or the fused لل (ل + ال loses its alef): للحكومة، وللحكومة.
                w = random.chance(0.25) ? (random.chance(0.5) ? "ل" : "ول") + w.dropFirst() : random.pick(Self.definiteProclitics) + w
            } else {
                w = random.pick(Self.proclitics) + w
            }
        }
        if random.chance(0.03) {
            var out = String.UnicodeScalarView()
            for s in w.unicodeScalars {
                out.append(s)
                if s.value >= 0x0620 && s.value <= 0x064A && random.chance(0.6) { out.append(random.pick(Self.marks)) }
            }
            w = String(out)
        }
        if random.chance(0.005), w.unicodeScalars.count > 3 {
            var scalars = Array(w.unicodeScalars)
            scalars.insert("\u{0640}", at: 2)
            w = String(String.UnicodeScalarView(scalars))
        }
        if random.chance(0.01) { w = w.replacingOccurrences(of: "لا", with: "\u{FEFB}") }
        return w
    }

    /// One sentence of 8 to 40 tokens (words, numbers, punctuation), with its terminator.
    public mutating func sentence() -> String {
        let length = 8 + random.below(33)
        var out = ""
        var i = 0
        while i < length {
            if i > 0 {
                out += random.chance(0.004) ? random.pick(Self.invisibles) + " " : " "
            }
            if i > 2, random.chance(0.03) {
                out += "«" + word() + " " + word() + "»"
                i += 4
            } else if i > 1, random.chance(0.07) {
                out += random.pick(Self.innerPunctuation)
                i += 1
            } else {
                out += word()
                i += 1
            }
        }
        return out + random.pick(Self.terminators)
    }

    /// Text of at least `tokens` whitespace-separated pieces, paragraphs of 3–6
    /// sentences separated by a line break.
    public mutating func text(words tokens: Int) -> String {
        var out = ""
        var count = 0
        var inParagraph = 0
        var paragraphLength = 3 + random.below(4)
        while count < tokens {
            let s = sentence()
            count += s.split(separator: " ").count
            out += s
            inParagraph += 1
            if inParagraph == paragraphLength {
                out += "\n"
                inParagraph = 0
                paragraphLength = 3 + random.below(4)
            } else {
                out += " "
            }
        }
        return out
    }
}
