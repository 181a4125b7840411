// Throughput of each extractor configuration on generated Arabic news text.
//
// Run from Benchmarks/: `swift package benchmark --target ExtractionThroughput`.
// The goal (issue 3): gazetteer-rules above 1,000,000 tokens/s on one core in a
// release build, with peak memory that does not grow with the input (the
// `batch-1x` and `batch-8x` runs extract 1 and 8 copies of the batch one
// document at a time: their peak resident memory should match).
import Benchmark
import Corpus
import Extraction
import Foundation

/// Deterministic generator of news-like sentences from vocabulary written here
/// (names, places, organizations, dates and filler), so the text exercises every
/// stage: titles before names, clitics on places, heads before organizations, dates.
struct NewsGenerator {
    var state: UInt64

    mutating func next(_ n: Int) -> Int {
        // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(n))
    }

    mutating func pick(_ words: [String]) -> String { words[next(words.count)] }

    static let titles = ["وزير الخارجية", "الرئيس", "نائب وزير الدفاع", "الدكتور", "الشيخ", "المتحدث باسم الحكومة", "رئيس الوزراء"]
    static let nationalities = ["الروسي", "الأميركي", "السوري", "المصري", "التركي", "الفرنسي", ""]
    static let givenNames = ["محمد", "أحمد", "سامر", "خالد", "جورج", "فلاديمير", "ليلى", "عمر"]
    static let familyNames = ["الحسن", "منصور", "كريموف", "عبد الله", "بوتين", "شعيب", "داود", "الخطيب"]
    static let places = ["وسورية", "بدمشق", "حلب", "في حماة", "لبغداد", "القاهرة", "بريف إدلب", "عمان", "وبيروت", "مدينة الرقة"]
    static let organizations = ["للأمم المتحدة", "مجلس الأمن", "منظمة الصحة العالمية", "حزب الله", "الاتحاد الأوروبي", "وكالة رويترز", "جامعة الدول العربية"]
    static let dates = ["يوم الجمعة الماضي", "في الرابع عشر من شباط", "أمس", "20 نيسان المقبل", "عام 2019", "الأسبوع المقبل", "صباح اليوم"]
    static let verbs = ["أكد", "قال", "أعلن", "أشار", "أوضح", "نفى", "دعا"]
    static let filler = ["أن", "الوضع", "في", "المنطقة", "يتطلب", "حوارا", "جادا", "بين", "الأطراف", "لضمان", "الأمن", "والاستقرار", "وتحسين", "الظروف", "الاقتصادية", "للسكان", "خلال", "المرحلة", "المقبلة", "،"]

    /// One sentence of 15 to 35 tokens.
    mutating func sentence() -> String {
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
    mutating func document(tokens: Int) -> String {
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

let configurationsFolder: String = {
    var url = URL(fileURLWithPath: #filePath)
    url.deleteLastPathComponent()
    url.deleteLastPathComponent()
    url.deleteLastPathComponent()
    return url.appendingPathComponent("configs").path
}()

let benchmarks: @Sendable () -> Void = {
    var generator = NewsGenerator(state: 2019)
    // A batch of 100 news documents of about 1,000 tokens each.
    let batch = (0..<100).map { Document(id: "doc\($0)", text: generator.document(tokens: 1_000)) }
    let names = ["gazetteer", "gazetteer-clitics", "rules", "gazetteer-rules"]
    let extractors = names.map { try! Configuration.load(path: "\(configurationsFolder)/\($0).yaml") }
    let tokensPerBatch = batch.reduce(0) { $0 + extractors[0].analyze($1).tokenCount }

    for (name, extractor) in zip(names, extractors) {
        // Throughput is reported in tokens: one "iteration" is one token.
        Benchmark("extract/\(name)",
                  configuration: .init(metrics: [.throughput, .wallClock, .peakMemoryResident, .mallocCountTotal],
                                       timeUnits: .milliseconds, scalingFactor: .one,
                                       maxDuration: .seconds(10), maxIterations: 50)) { benchmark in
            for _ in benchmark.scaledIterations {
                var entities = 0
                for document in batch { entities += extractor.extract(document).count }
                blackHole(entities)
            }
            // tokens/s = tokensPerBatch × (iterations per second) — printed once for the note.
            _ = tokensPerBatch
        }
    }

    // Memory does not grow with the input: 8× the documents, one at a time.
    let extractor = extractors[3]
    for copies in [1, 8] {
        Benchmark("memory/gazetteer-rules/batch-\(copies)x",
                  configuration: .init(metrics: [.peakMemoryResident, .wallClock], maxDuration: .seconds(10), maxIterations: 5)) { benchmark in
            for _ in benchmark.scaledIterations {
                for _ in 0..<copies {
                    for document in batch { blackHole(extractor.extract(document)) }
                }
            }
        }
    }
}
