import ArgumentParser
import Corpus

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a BRAT corpus (texts, gold annotations, splits) and print its statistics.",
        discussion: """
        Checks that every text is UTF-8 with LF line endings; every annotation lies inside its \
        text and equals its stated surface; spans start and end on token boundaries; no span \
        is duplicated or overlaps another; every type is known; every .ann has its .txt and \
        every .txt its .ann; every document is in exactly one split. Every problem is listed \
        as FILE:LINE: what, and the exit status is 1 when there is any.

        With --consistency it also lists surface strings annotated with different types, or \
        annotated in one place and left unannotated in another, for a person to resolve or \
        justify in docs/ANNOTATION.md.
        """)

    @Option(help: "Folder of NAME.txt documents.")
    var corpus = "corpus"

    @Option(help: "Folder of NAME.ann gold annotations (BRAT standoff).")
    var gold = "gold"

    @Option(help: "The splits file; `none` to skip the split checks.")
    var splits = "corpus/splits.yaml"

    @Option(help: "Comma-separated known entity types.")
    var types = "PER,LOC,ORG,MISC,DATE"

    @Flag(help: "List annotation inconsistencies across the corpus.")
    var consistency = false

    @Option(help: "With --consistency, how many cases to list.")
    var limit = 60

    func validate() throws {
        if types.split(separator: ",").isEmpty { throw ValidationError("--types needs at least one type") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let known = Set(types.split(separator: ",").map { EntityType(String($0)) })
        let report = CorpusValidator(knownTypes: known)
            .validate(corpus: corpus, gold: gold, splits: splits == "none" ? nil : splits)
        print(report.statistics.render(types: types.split(separator: ",").map { EntityType(String($0)) }), terminator: "")
        if consistency {
            let cases = ConsistencyCheck().run(report.documents)
            print("\n\(cases.count) surface strings annotated inconsistently:")
            for c in cases.prefix(limit) {
                let types = c.types.sorted { $0.key < $1.key }.map { "\($0.key.name)×\($0.value)" }
                let where_ = c.occurrences.filter { $0.type == nil }.prefix(3).map { "\($0.document)@\($0.start)" }
                print("  \(c.surface): \(types.joined(separator: " ")), unannotated×\(c.unannotated)"
                      + (where_.isEmpty ? "" : " (\(where_.joined(separator: ", ")))"))
            }
        }
        if !report.isValid {
            var err = StandardError()
            print("\n\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"):", to: &err)
            for p in report.problems { print(p, to: &err) }
            throw ExitCode(1)
        }
        print("\nvalid: \(report.statistics.total.documents) documents, no problems")
    }
}
