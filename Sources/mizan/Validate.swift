import ArgumentParser
import Corpus

/// Placeholder-free first command: reads a BRAT corpus and reports problems.
/// The full checks (splits, token boundaries, overlaps) come with the corpus issue.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a BRAT corpus (texts and gold annotations) and print its statistics.")

    @Option(help: "Folder of NAME.txt documents.")
    var corpus = "corpus"

    @Option(help: "Folder of NAME.ann gold annotations.")
    var gold = "gold"

    func run() throws {
        let documents = try BRAT.readFolder(texts: corpus, annotations: gold)
        let entities = documents.reduce(0) { $0 + $1.entities.count }
        print("\(documents.count) documents, \(entities) entities")
    }
}
