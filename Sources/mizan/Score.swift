import ArgumentParser
import Corpus
import Foundation
import Reports
import Scoring

/// `mizan score`: a system's entities against gold, with the numbers of
/// conlleval.pl, seqeval and nervaluate.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predicted entities against gold annotations.",
        discussion: """
        Prints conlleval.pl's block first (same layout and numbers), then raw counts with \
        micro, macro and support-weighted averages, the SemEval-2013 schemes you ask for, a \
        confusion matrix over types, the error breakdown and the first errors in context.

        Formats:
          conll      two files, one token a line: `token ... TAG` (blank line = sentence end,
                     -DOCSTART- = new document). Both files must have the same tokens.
          conlleval  one file, `token ... GOLD PRED`, as conlleval.pl reads it (no --pred).
          brat       a folder of NAME.txt + NAME.ann (or one .ann file beside its .txt).
          jsonl      {"id": ..., "text": ..., "entities": [{"start", "end", "type"}]} a line.
        Offsets are Unicode scalar offsets. A CoNLL gold set can be scored against a \
        character-level system (--pred-format brat|jsonl): its documents must have the gold \
        document ids (the file name, or NAME#1, NAME#2 ... with -DOCSTART-) and the gold text \
        (tokens joined by single spaces, sentences by newlines); entities are projected onto \
        the tokens they overlap.

        Examples:
          mizan score --gold test.conll --pred system.conll
          mizan score --format conlleval --gold output.txt --map PERS=PER --scheme all
          mizan score --gold gold.conll --pred system.jsonl --pred-format jsonl --output json
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case conll, conlleval, brat, jsonl }
    enum Output: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "Gold annotations (a file, or a BRAT folder).")
    var gold: String

    @Option(help: "Predicted annotations (omit with --format conlleval).")
    var pred: String?

    @Option(help: "Input format: conll, conlleval, brat or jsonl.")
    var format: Format = .conll

    @Option(help: ArgumentHelp("With BRAT folders, the folder of the NAME.txt texts when the .ann files are apart from them (the bundled corpus keeps texts in corpus/, gold in gold/).", valueName: "folder"))
    var texts: String?

    @Option(help: "Format of --pred when it differs from --format (brat or jsonl against a conll gold set).")
    var predFormat: Format?

    @Option(help: "Tag scheme of CoNLL input: iob1, iob2 (= bio), iobes or bilou.")
    var tags: String = "iob2"

    @Option(help: ArgumentHelp("What to do with invalid tag sequences (I- after O, a type switch inside an entity, an unterminated IOBES/BILOU entity): begin, discard or error.",
                               discussion: "begin repairs as conlleval.pl and seqeval's default mode do; discard drops as seqeval's mode=\"strict\" does; error stops at the first one, naming file and line."))
    var invalid: InvalidTagPolicy = .begin

    @Option(help: "Schemes to report besides CoNLL exact match: conll, strict, exact, partial, type or all (the SemEval-2013 schemes as nervaluate defines them).")
    var scheme: ScoreReportScheme = .conll

    @Option(name: .customLong("map"), help: ArgumentHelp("Rename a type before scoring, on both sides: --map PERS=PER (repeatable).", valueName: "FROM=TO"))
    var maps: [String] = []

    @Option(help: ArgumentHelp("Score only these types (after --map), comma-separated; other entities are counted and reported as excluded.", valueName: "PER,LOC,..."))
    var types: String?

    @Option(help: "The value of precision or recall when its denominator is 0: 0 or 1 (seqeval's zero_division).")
    var zeroDivision: Int = 0

    @Option(help: "How many false positives and false negatives to list with context (all are counted).")
    var errors: Int = 10

    @Option(help: "Characters of context on each side of a listed error.")
    var context: Int = 30

    @Option(help: "Report format: text or json (schema mizan.score/1).")
    var output: Output = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "path"))
    var report: String?

    func validate() throws {
        if format == .conlleval {
            if pred != nil { throw ValidationError("--format conlleval reads gold and predicted tags from the one --gold file; drop --pred.") }
            if predFormat != nil { throw ValidationError("--pred-format does not apply to --format conlleval.") }
        } else if pred == nil {
            throw ValidationError("--pred is required (unless --format conlleval).")
        }
        if predFormat == .conlleval { throw ValidationError("--pred-format conlleval is not a thing: conlleval holds both sides; use --format conlleval.") }
        if let predFormat, predFormat != format, format != .conll || predFormat == .conll {
            throw ValidationError("--pred-format \(predFormat.rawValue) with --format \(format.rawValue): only a conll gold set can be scored against another format (brat or jsonl predictions, projected onto its tokens).")
        }
        if TagScheme.byName[tags.lowercased()] == nil {
            throw ValidationError("--tags \(tags): expected iob1, iob2 (or bio), iobes or bilou.")
        }
        if zeroDivision != 0 && zeroDivision != 1 { throw ValidationError("--zero-division must be 0 or 1.") }
        if errors < 0 { throw ValidationError("--errors must be 0 or more.") }
        if context < 0 { throw ValidationError("--context must be 0 or more.") }
        _ = try typeMap()
        if let types, parsedTypes(types).isEmpty { throw ValidationError("--types needs at least one type name.") }
    }

    func typeMap() throws -> [EntityType: EntityType] {
        var map: [EntityType: EntityType] = [:]
        for m in maps {
            let parts = m.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map \(m): expected FROM=TO, e.g. --map PERS=PER.")
            }
            let from = EntityType(String(parts[0]))
            if let previous = map[from], previous.name != String(parts[1]) {
                throw ValidationError("--map \(from) is given twice (\(previous) and \(parts[1])).")
            }
            map[from] = EntityType(String(parts[1]))
        }
        return map
    }

    func parsedTypes(_ list: String) -> Set<EntityType> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { EntityType($0) })
    }

    func run() throws {
        let options = ScoringOptions(
            typeMap: try typeMap(), types: types.map(parsedTypes), zeroDivision: Double(zeroDivision),
            projectOntoTokens: true, errorLimit: errors, contextWidth: context)
        let (result, description) = try scoreInputs(Scorer(options))
        let text: String
        switch output {
        case .text: text = ScoreTextReport.render(result, scheme: scheme, inputDescription: description)
        case .json: text = ScoreJSONReport.render(result, scheme: scheme)
        }
        if let report {
            try TextFile.writeAtomically(text, to: report)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    func scoreInputs(_ scorer: Scorer) throws -> (ScoreResult, String) {
        let tagScheme = TagScheme.byName[tags.lowercased()]!
        let predPath = pred ?? gold
        let predicted = predFormat ?? format
        if format == .conlleval {
            let corpus = try CoNLLPairing.readConlleval(gold, scheme: tagScheme, policy: invalid)
            return (try scorer.score(corpus), "conlleval file \(gold) (gold and predicted tags in the last two columns)")
        }
        if format == .conll, predicted == .conll {
            let corpus = try CoNLLPairing.read(gold: gold, predicted: predPath, scheme: tagScheme, policy: invalid)
            return (try scorer.score(corpus), "CoNLL gold \(gold), predictions \(predPath)")
        }
        if format == .conll {
            let goldSet = try CoNLLPairing.readTagged(gold, scheme: tagScheme, policy: invalid)
            let system = try Self.readSpans(predPath, format: predicted, texts: texts)
            let result = try score(scorer, gold: goldSet.documents, predicted: system, predPath: predPath)
            let read = "\(tagScheme.name), invalid sequences: \(invalid), \(goldSet.violations.total) found"
            return (result, "CoNLL gold \(gold) (\(read)); \(predicted.rawValue) predictions \(predPath) projected onto the gold tokens")
        }
        let goldSet = try Self.readSpans(gold, format: format, texts: texts)
        let system = try Self.readSpans(predPath, format: predicted, texts: texts)
        let result = try score(scorer, gold: goldSet, predicted: system, predPath: predPath)
        return (result, "\(format.rawValue) gold \(gold), predictions \(predPath) (character offsets)")
    }

    func score(_ scorer: Scorer, gold: [AnnotatedDocument], predicted: [AnnotatedDocument], predPath: String) throws -> ScoreResult {
        do {
            return try scorer.score(gold: gold, predicted: predicted)
        } catch let error as PairingError {
            throw InputError(file: error.side == .gold ? self.gold : predPath, error.message)
        }
    }

    static func readSpans(_ path: String, format: Format, texts: String? = nil) throws -> [AnnotatedDocument] {
        switch format {
        case .jsonl:
            return try JSONL.read(path: path)
        case .brat:
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw InputError(file: path, "cannot read file (no such file or folder)")
            }
            if isFolder.boolValue {
                if let texts { return try BRAT.readFolder(texts: texts, annotations: path) }
                return try BRAT.readFolder(texts: path)
            }
            let stem = path.hasSuffix(".ann") || path.hasSuffix(".txt") ? String(path.dropLast(4)) : path
            return [try BRAT.readPair(text: stem + ".txt", annotations: stem + ".ann")]
        case .conll, .conlleval:
            preconditionFailure("tagged formats are read by CoNLLPairing")
        }
    }
}

extension InvalidTagPolicy: ExpressibleByArgument {}
extension ScoreReportScheme: ExpressibleByArgument {}
