import Corpus

/// Seeded annotated news: text with gold entity spans (whole tokens, clitics
/// included, titles and nationality adjectives left out, as ANERcorp marks them).
public struct AnnotatedNews {
    public var random: SeededRandom
    public var prose: ArabicNewsText

    public init(seed: UInt64) {
        random = SeededRandom(seed: seed)
        prose = ArabicNewsText(seed: seed &+ 1)
    }

    static let letters = Array("ابتثجحخدذرسشصضطعغفقكلمنهوي".unicodeScalars)

    /// Made-up names: a fixed pool per kind, so that names recur as they do in news.
    static let pools: [String: [String]] = {
        var random = SeededRandom(seed: 5)
        func name() -> String {
            var s = String.UnicodeScalarView()
            for _ in 0..<(3 + random.below(4)) { s.append(random.pick(letters)) }
            return String(s)
        }
        return ["given": (0..<1_500).map { _ in name() }, "family": (0..<2_500).map { _ in "ال" + name() },
                "place": (0..<1_500).map { _ in name() }, "org": (0..<800).map { _ in name() },
                "misc": (0..<400).map { _ in name() }]
    }()

    static let titles = ["الرئيس", "وزير الخارجية", "الدكتور", "الشيخ", "النائب", "رئيس الوزراء", "المتحدث باسم الجيش", "السفير"]
    static let nationalities = ["الروسي", "الأميركي", "السوري", "المصري", "اللبناني", "العراقي"]
    static let orgHeads = ["وزارة", "حزب", "حركة", "جبهة", "لجنة", "مجلس", "هيئة", "جامعة", "شركة", "وكالة"]
    static let miscHeads = ["كأس", "مهرجان", "اتفاقية", "مؤتمر"]
    static let placeClitics = ["", "", "", "و", "ب", "ل", "وب"]

    /// One document of at least `tokens` tokens: its text and gold entities.
    public mutating func document(id: String, tokens: Int) -> AnnotatedDocument {
        var pieces: [String] = []
        var offset = 0
        var entities: [EntitySpan] = []
        var count = 0
        func add(_ token: String) {
            if !pieces.isEmpty { offset += 1 }
            pieces.append(token)
            offset += token.unicodeScalars.count
            count += 1
        }
        func entity(_ type: String, _ words: [String]) {
            let start = offset + (pieces.isEmpty ? 0 : 1)
            for w in words { add(w) }
            let text = words.joined(separator: " ")
            entities.append(EntitySpan(start: start, end: offset, type: EntityType(type), text: text))
        }
        var sentence = 0
        var sentenceLength = 12 + random.below(25)
        while count < tokens {
            let roll = random.below(100)
            if roll < 6 {
                for w in random.pick(Self.titles).split(separator: " ") { add(String(w)) }
                if random.chance(0.3) { add(random.pick(Self.nationalities)) }
                entity("PER", [random.pick(Self.pools["given"]!), random.pick(Self.pools["family"]!)])
            } else if roll < 9 {
                entity("PER", [random.pick(Self.pools["given"]!)] + (random.chance(0.5) ? [random.pick(Self.pools["family"]!)] : []))
            } else if roll < 15 {
                if random.chance(0.3) { add(random.pick(["مدينة", "بلدة", "محافظة", "قرية"])) }
                entity("LOC", [random.pick(Self.placeClitics) + random.pick(Self.pools["place"]!)])
            } else if roll < 19 {
                let names = (0..<(1 + random.below(2))).map { _ in random.pick(Self.pools["org"]!) }
                entity("ORG", [random.pick(Self.orgHeads)] + names)
            } else if roll < 20 {
                entity("MISC", [random.pick(Self.miscHeads), random.pick(Self.pools["misc"]!)])
            } else {
                add(prose.word())
            }
            sentence += 1
            if sentence >= sentenceLength {
                add(random.chance(0.8) ? "." : "،")
                sentence = 0
                sentenceLength = 12 + random.below(25)
            }
        }
        add(".")
        return AnnotatedDocument(document: Document(id: id, text: pieces.joined(separator: " ")), entities: entities)
    }

    public static func documents(count: Int, tokens: Int, seed: UInt64, prefix: String) -> [AnnotatedDocument] {
        var generator = AnnotatedNews(seed: seed)
        return (0..<count).map { generator.document(id: "\(prefix)\($0)", tokens: tokens) }
    }
}
