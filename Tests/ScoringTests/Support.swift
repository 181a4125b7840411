import Foundation
@testable import Corpus
@testable import Scoring

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-tests-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ content: String) -> String {
        let file = path + "/" + name
        try! content.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Sentences of gold and predicted tags, written as one conlleval file
/// (`w GOLD PRED`) and read the way `mizan score --format conlleval` reads it.
func tagged(_ gold: [[String]], _ predicted: [[String]], scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> PairedCorpus {
    let folder = TemporaryFolder()
    var text = ""
    for (g, p) in zip(gold, predicted) {
        precondition(g.count == p.count)
        for (i, (a, b)) in zip(g, p).enumerated() { text += "w\(i) \(a) \(b)\n" }
        text += "\n"
    }
    return try CoNLLPairing.readConlleval(folder.write("case.txt", text), scheme: scheme, policy: policy)
}

func score(_ gold: [[String]], _ predicted: [[String]], scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin,
           options: ScoringOptions = ScoringOptions()) throws -> ScoreResult {
    try Scorer(options).score(tagged(gold, predicted, scheme: scheme, policy: policy))
}

/// One document with the given entities over a text of `length` scalars.
func document(_ entities: [(Int, Int, String)], id: String = "d", length: Int = 40) -> AnnotatedDocument {
    let text = String(repeating: "x", count: length)
    return AnnotatedDocument(document: Document(id: id, text: text),
                             entities: entities.map { EntitySpan(start: $0.0, end: $0.1, type: EntityType($0.2)) })
}

extension ScoreResult {
    /// Overall SemEval counts of a scheme as (COR, INC, PAR, MIS, SPU).
    func semeval(_ scheme: SemEvalScheme) -> [Int] {
        let c = total.semevalOverall(scheme)
        return [c.cor, c.inc, c.par, c.mis, c.spu]
    }

    func semeval(_ scheme: SemEvalScheme, type: String) -> [Int] {
        guard let t = index(of: EntityType(type)) else { return [0, 0, 0, 0, 0] }
        let c = total.semeval[scheme.index][t]
        return [c.cor, c.inc, c.par, c.mis, c.spu]
    }

    func conll(_ type: String) -> Counts? { index(of: EntityType(type)).map { total.conll[$0] } }

    var micro: PRF { conllAverages().micro }
}

func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }
