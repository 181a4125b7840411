import Testing
import Corpus
@testable import Extraction

/// `gazetteer-rules` on ANERcorp's test split, scored by exact match (conlleval's
/// chunking: an entity starts at B-X or at I-X after another type), PERS read as
/// PER and DATE left out since ANERcorp has none. The goal is F1 above 40.
@Suite struct ANERcorpTests {
    static func chunks(_ tags: [String]) -> Set<[String]> {
        var out = Set<[String]>()
        var start = -1
        var type = ""
        for (i, raw) in (tags + ["O"]).enumerated() {
            let tag = raw.replacingOccurrences(of: "PERS", with: "PER")
            let prefix = tag.prefix(1)
            let t = tag.count > 2 ? String(tag.dropFirst(2)) : ""
            let begins = prefix == "B" || (prefix == "I" && t != type)
            if start >= 0, prefix == "O" || begins { out.insert([String(start), String(i), type]); start = -1; type = "" }
            if begins, prefix != "O" { start = i; type = t }
        }
        return out
    }

    @Test func gazetteerRulesBeatsForty() throws {
        let path = packageRoot + "/../shared/data/anercorp/ANERCorp_CamelLab_test.txt"
        guard let documents = try? CoNLLReader(tagColumns: 1).read(path: path) else {
            print("skipped: ANERcorp is not at \(path)")
            return
        }
        var extractor = try Configuration.load(path: packageRoot + "/configs/gazetteer-rules.yaml")
        extractor.outputTypes = ["PER", "LOC", "ORG", "MISC"]
        var gold: [String] = [], predicted: [String] = []
        for d in documents {
            let document = d.makeDocument()
            gold += d.sentences.flatMap { $0.tokens.map { $0.tags[0] } }
            predicted += TokenProjection.bioTags(for: extractor.extract(document), tokens: document.tokens!)
        }
        let g = Self.chunks(gold), p = Self.chunks(predicted)
        #expect(g.count == 2285)
        let correct = g.intersection(p).count
        let precision = Double(correct) / Double(p.count), recall = Double(correct) / Double(g.count)
        let f1 = 2 * precision * recall / (precision + recall)
        print("ANERcorp test, gazetteer-rules: P \(precision) R \(recall) F1 \(f1)")
        #expect(f1 > 0.40)
    }
}
