@testable import Extraction
import Corpus

/// A small labelled corpus and a word-window featurizer, for training tests.
enum ToyCorpus {
    static let tags = BIOTagSet(types: [.person, .location, .organization])

    /// `word/TAG` tokens, one sentence a line.
    static let text = """
    قال/O الرئيس/O بشار/B-PER الأسد/I-PER في/O دمشق/B-LOC
    زار/O الوزير/O سيرغي/B-PER لافروف/I-PER مدينة/O حلب/B-LOC
    أعلنت/O منظمة/O الصحة/B-ORG العالمية/I-ORG في/O جنيف/B-LOC
    التقى/O بشار/B-PER الأسد/I-PER الوزير/O سيرغي/B-PER لافروف/I-PER
    وصل/O لافروف/B-PER إلى/O دمشق/B-LOC
    قالت/O الصحة/B-ORG العالمية/I-ORG إن/O حلب/B-LOC مدينة/O
    في/O جنيف/B-LOC قال/O الرئيس/O الأسد/B-PER
    زار/O الرئيس/O سيرغي/B-PER حلب/B-LOC و/O دمشق/B-LOC
    قال/O الوزير/O كيري/B-PER إن/O مدينة/O حمص/B-LOC آمنة/O
    زار/O الوزير/O ظريف/B-PER مدينة/O إدلب/B-LOC
    وصل/O الوزير/O جونسون/B-PER إلى/O مدينة/O درعا/B-LOC
    """

    static func sentences(_ text: String = text) -> [(words: [String], labels: [Int])] {
        text.split(separator: "\n").map { line in
            let pairs = line.split(separator: " ").map { $0.split(separator: "/") }
            return (pairs.map { String($0[0]) }, pairs.map { tags.label(named: String($0[1]))! })
        }
    }

    /// Features: bias, word, previous word, next word.
    static func features(_ words: [String]) -> SentenceFeatures {
        var f = SentenceFeatures()
        let h = words.map(FeatureHash.hash)
        for i in words.indices {
            f.append(FeatureHash.key(0, FeatureHash.empty))
            f.append(FeatureHash.key(1, h[i]))
            f.append(FeatureHash.key(2, i > 0 ? h[i - 1] : 0))
            f.append(FeatureHash.key(3, i + 1 < words.count ? h[i + 1] : 0))
            f.endToken()
        }
        return f
    }

    static func trainer(seed: UInt64 = 1, epochs: Int = 10, dev: Bool = false) -> PerceptronTrainer {
        var options = PerceptronTrainer.Options()
        options.seed = seed
        options.epochs = epochs
        var trainer = PerceptronTrainer(tags: tags, templates: FeatureTemplates(), options: options)
        for s in sentences() { trainer.addTraining(features(s.words), gold: s.labels) }
        if dev {
            for s in sentences() { trainer.addDev(features(s.words), gold: s.labels) }
        }
        return trainer
    }
}
