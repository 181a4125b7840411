/// Deterministic generator of news-like sentences from vocabulary written here
/// (names, places, organizations, dates and filler), so the text exercises every
/// stage: titles before names, clitics on places, heads before organizations, dates.
public struct NewsGenerator {
    public var state: UInt64

    public init(state: UInt64) { self.state = state }

    public mutating func next(_ n: Int) -> Int {
        // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }

    public mutating func pick(_ words: [String]) -> String { words[next(words.count)] }

    public static let titles = ["وزير الخارجية", "الرئيس", "نائب وزير الدفاع", "الدكتور", "الشيخ", "المتحدث باسم الحكومة", "رئيس الوزراء"]
    public static let nationalities = ["الروسي", "الأميركي", "السوري", "المصري", "التركي", "الفرنسي", ""]
    public static let givenNames = ["محمد", "أحمد", "سامر", "خالد", "جورج", "فلاديمير", "ليلى", "عمر"]
    public static let familyNames = ["الحسن", "منصور", "كريموف", "عبد الله", "بوتين", "شعيب", "داود", "الخطيب"]
    public static let places = ["وسورية", "بدمشق", "حلب", "في حماة", "لبغداد", "القاهرة", "بريف إدلب", "عمان", "وبيروت", "مدينة الرقة"]
    public static let organizations = ["للأمم المتحدة", "مجلس الأمن", "منظمة الصحة العالمية", "حزب الله", "الاتحاد الأوروبي", "وكالة رويترز", "جامعة الدول العربية"]
    public static let dates = ["يوم الجمعة الماضي", "في الرابع عشر من شباط", "أمس", "20 نيسان المقبل", "عام 2019", "الأسبوع المقبل", "صباح اليوم"]
    public static let verbs = ["أكد", "قال", "أعلن", "أشار", "أوضح", "نفى", "دعا"]
    public static let filler = ["أن", "الوضع", "في", "المنطقة", "يتطلب", "حوارا", "جادا", "بين", "الأطراف", "لضمان", "الأمن", "والاستقرار", "وتحسين", "الظروف", "الاقتصادية", "للسكان", "خلال", "المرحلة", "المقبلة", "،"]

    /// One sentence of 15 to 35 tokens.
    public mutating func sentence() -> String {
        var words: [String] = []
        words.append(pick(Self.verbs))
        words.append(pick(Self.titles))
        let nationality = pick(Self.nationalities)
        if !nationality.isEmpty { words.append(nationality) }
        words.append(pick(Self.givenNames))
        words.append(pick(Self.familyNames))
        words.append(pick(Self.dates))
        for _ in 0..<(3 + next(8)) { words.append(pick(Self.filler)) }
        words.append(pick(Self.places))
        for _ in 0..<(2 + next(6)) { words.append(pick(Self.filler)) }
        words.append(pick(Self.organizations))
        for _ in 0..<(1 + next(5)) { words.append(pick(Self.filler)) }
        return words.joined(separator: " ") + "."
    }

    /// A document of about `tokens` tokens, paragraphs of five sentences.
    public mutating func document(tokens: Int) -> String {
        var text = ""
        var count = 0
        var sentences = 0
        while count < tokens {
            let s = sentence()
            count += s.split(separator: " ").count + 1
            text += s
            sentences += 1
            text += sentences % 5 == 0 ? "\n" : " "
        }
        return text
    }
}
