import ArgumentParser
import Corpus
import Extraction
import Foundation

/// `mizan extract`: runs one configuration over documents and writes its entities.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run an extractor configuration over documents and write the entities it finds.",
        discussion: """
        Text input: each .txt file (or each .txt in a folder) is one document. CoNLL input \
        (`token ...` lines, blank line between sentences; any tag columns are ignored) keeps \
        the given tokens and sentences exactly, so that `--output-format conll` writes the \
        same tokens with BIO tags, ready for `mizan score`:

          mizan extract --config configs/gazetteer-rules.yaml --input-format conll \\
            --output-format conll --types PER,LOC,ORG,MISC --out out/ test.txt

        Outputs go to --out: NAME.ann (brat), NAME.jsonl (jsonl, one document a line) or \
        NAME.txt (conll), NAME being the input file's name. A bad input file is reported \
        with its name and skipped; the others are still written, and the exit status is 1.
        """)

    enum InputFormat: String, ExpressibleByArgument, CaseIterable { case text, conll, jsonl, brat }
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case brat, jsonl, conll }

    @Option(help: "The configuration file (configs/NAME.yaml).")
    var config: String

    @Option(name: .long, help: "text: .txt files or folders of them; conll: token-per-line files; jsonl: {\"id\",\"text\"} lines; brat: folders of NAME.txt (any .ann is ignored).")
    var inputFormat: InputFormat = .text

    @Option(name: .long, help: "brat (NAME.ann), jsonl, or conll (BIO over the tokens).")
    var outputFormat: OutputFormat = .brat

    @Option(help: "Folder for the outputs (created when missing).")
    var out: String = "extracted"

    @Option(help: "Keep only these entity types (comma-separated), e.g. PER,LOC,ORG,MISC for a gold set without DATE.")
    var types: String?

    @Option(help: "A model file for a configuration with a learned stage (one trained with the same configuration).")
    var model: String?

    @Argument(help: "Input files (or folders, for text and brat input).")
    var inputs: [String]

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one input file") }
        guard FileManager.default.fileExists(atPath: config) else { throw ValidationError("no such configuration file: \(config)") }
        if let types, types.split(separator: ",").isEmpty { throw ValidationError("--types needs at least one type") }
    }

    func run() throws {
        var parameters: [String: String] = [:]
        if let model { parameters["model"] = model }
        var extractor: Extractor
        do {
            extractor = try Configuration.load(path: config, parameters: parameters)
        } catch let e as ConfigurationError {
            FileHandle.standardError.write(Data("mizan extract: \(e)\n".utf8))
            throw ExitCode(2)
        }
        if let types { extractor.outputTypes = Set(types.split(separator: ",").map { EntityType(String($0).trimmingCharacters(in: .whitespaces)) }) }

        var failures = 0
        var documents = 0, entities = 0
        for input in inputs {
            do {
                let (d, e) = try process(input, extractor: extractor)
                documents += d
                entities += e
            } catch {
                failures += 1
                FileHandle.standardError.write(Data("mizan extract: \(error)\n".utf8))
            }
        }
        FileHandle.standardError.write(Data("\(extractor.name): \(documents) document\(documents == 1 ? "" : "s"), \(entities) entities → \(out)/\n".utf8))
        if failures > 0 { throw ExitCode(1) }
    }

    /// Reads one input, extracts, writes its output(s). Returns (documents, entities).
    func process(_ input: String, extractor: Extractor) throws -> (Int, Int) {
        let base = ((input as NSString).lastPathComponent as NSString).deletingPathExtension
        switch inputFormat {
        case .conll:
            let conll = try CoNLLReader(tagColumns: 0).read(path: input)
            var rendered: [(document: CoNLLDocument, tags: [[String]])] = []
            var annotated: [AnnotatedDocument] = []
            var count = 0
            for c in conll {
                let document = c.makeDocument()
                let found = extractor.extract(document)
                count += found.count
                annotated.append(AnnotatedDocument(document: document, entities: found))
                let flat = TokenProjection.bioTags(for: found, tokens: document.tokens ?? [])
                var tags: [[String]] = []
                var k = 0
                for sentence in c.sentences {
                    tags.append(Array(flat[k..<(k + sentence.tokens.count)]))
                    k += sentence.tokens.count
                }
                rendered.append((c, tags))
            }
            switch outputFormat {
            case .conll: try write(CoNLLWriter.render(rendered), name: base + ".txt", input: input)
            case .jsonl: try write(try JSONL.render(annotated), name: base + ".jsonl", input: input)
            case .brat:
                for a in annotated {
                    try write(a.document.text, name: safe(a.id) + ".txt", input: input)
                    try write(BRAT.renderAnnotations(a.entities), name: safe(a.id) + ".ann", input: input)
                }
            }
            return (conll.count, count)
        case .jsonl:
            let docs = try JSONL.read(path: input).map(\.document)
            return try writeDocuments(docs, base: base, input: input, extractor: extractor)
        case .text, .brat:
            let files = try textFiles(input)
            var docs: [Document] = []
            for f in files {
                let name = ((f as NSString).lastPathComponent as NSString).deletingPathExtension
                docs.append(Document(id: name, text: try TextFile.read(f)))
            }
            return try writeDocuments(docs, base: base, input: input, extractor: extractor)
        }
    }

    func writeDocuments(_ docs: [Document], base: String, input: String, extractor: Extractor) throws -> (Int, Int) {
        var annotated: [AnnotatedDocument] = []
        for d in docs { annotated.append(AnnotatedDocument(document: d, entities: extractor.extract(d))) }
        let count = annotated.reduce(0) { $0 + $1.entities.count }
        switch outputFormat {
        case .brat:
            for a in annotated { try write(BRAT.renderAnnotations(a.entities), name: safe(a.id) + ".ann", input: input) }
        case .jsonl:
            try write(try JSONL.render(annotated), name: base + ".jsonl", input: input)
        case .conll:
            for a in annotated {
                let analysis = extractor.analyze(a.document)
                let tags = TokenProjection.bioTags(for: a.entities, tokens: analysis.tokens)
                var out = ""
                for s in 0..<analysis.sentenceCount {
                    for t in analysis.sentenceRange(s) {
                        let span = analysis.tokens[t]
                        out += analysis.text(from: span.start, to: span.end) + " " + tags[t] + "\n"
                    }
                    out += "\n"
                }
                try write(out, name: safe(a.id) + ".conll", input: input)
            }
        }
        return (docs.count, count)
    }

    func textFiles(_ input: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
            throw InputError(file: input, "no such file or folder")
        }
        guard isDirectory.boolValue else { return [input] }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: input) else {
            throw InputError(file: input, "cannot list folder")
        }
        let files = names.filter { $0.hasSuffix(".txt") }.sorted().map { (input as NSString).appendingPathComponent($0) }
        guard !files.isEmpty else { throw InputError(file: input, "folder holds no .txt file") }
        return files
    }

    func safe(_ id: String) -> String {
        id.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "#", with: "-")
    }

    func write(_ text: String, name: String, input: String) throws {
        let path = (out as NSString).appendingPathComponent(name)
        let standardized = (path as NSString).standardizingPath
        if standardized == (input as NSString).standardizingPath {
            throw InputError(file: input, "the output \(path) would overwrite this input; choose another --out")
        }
        try TextFile.writeAtomically(text, to: path)
    }
}
