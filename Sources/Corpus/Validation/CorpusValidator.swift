import Foundation

/// Checks a BRAT corpus (texts, gold annotations, splits) and collects every
/// problem in one pass, with the statistics of what is sound.
///
/// Checks: each text is UTF-8 with LF line endings; each annotation parses, lies
/// inside its text and equals its stated surface; spans start and end on token
/// boundaries (`WordTokens`); no duplicate or overlapping spans; types are known;
/// no `.ann` without its `.txt`, no `.txt` without its `.ann`; every document in
/// exactly one split, and every split entry names a document.
public struct CorpusValidator: Sendable {
    public var knownTypes: Set<EntityType>

    public init(knownTypes: Set<EntityType> = Set(EntityType.mizanTypes)) {
        self.knownTypes = knownTypes
    }

    public struct Report: Sendable {
        public var problems: [InputError]
        public var statistics: CorpusStatistics
        /// The documents that were read, with their sound annotations.
        public var documents: [AnnotatedDocument]
        public var isValid: Bool { problems.isEmpty }
    }

    /// Validates `corpus/NAME.txt` against `gold/NAME.ann` and, when given, a
    /// splits file. Never throws: every problem is in the report.
    public func validate(corpus: String, gold: String, splits splitsPath: String?) -> Report {
        var problems: [InputError] = []
        let fm = FileManager.default
        let textNames = Self.names(in: corpus, suffix: ".txt", problems: &problems)
        let annNames = Self.names(in: gold, suffix: ".ann", problems: &problems)
        for orphan in annNames.subtracting(textNames).sorted() {
            problems.append(InputError(file: "\(gold)/\(orphan).ann", "annotation file without its text \(corpus)/\(orphan).txt"))
        }
        var documents: [AnnotatedDocument] = []
        for name in textNames.sorted() {
            let textPath = "\(corpus)/\(name).txt"
            let text: String
            do { text = try TextFile.read(textPath) } catch let e as InputError { problems.append(e); continue } catch { continue }
            if let cr = text.unicodeScalars.firstIndex(of: "\r") {
                let line = text.unicodeScalars[..<cr].filter { $0 == "\n" }.count + 1
                problems.append(InputError(file: textPath, line: line, "CR line ending (the corpus uses LF)"))
            }
            let annPath = "\(gold)/\(name).ann"
            guard annNames.contains(name), fm.fileExists(atPath: annPath) else {
                problems.append(InputError(file: textPath, "no gold annotations \(annPath)"))
                continue
            }
            let ann: String
            do { ann = try TextFile.read(annPath) } catch let e as InputError { problems.append(e); continue } catch { continue }
            let entities = BRAT.parseAnnotations(ann, text: text, file: annPath) { problems.append($0) }
            let lines = Self.annotationLines(ann)
            problems += check(entities, text: text, file: annPath, lines: lines)
            documents.append(AnnotatedDocument(document: Document(id: name, text: text), entities: entities))
        }

        var splits: CorpusSplits?
        if let splitsPath {
            let s = CorpusSplits.read(path: splitsPath) { problems.append($0) }
            let ids = Set(documents.map(\.id)).union(textNames)
            for id in textNames.sorted() where s.splitOf[id] == nil {
                problems.append(InputError(file: splitsPath, "\(id) is in no split"))
            }
            for (id, split) in s.splitOf.sorted(by: { $0.key < $1.key }) where !ids.contains(id) {
                problems.append(InputError(file: splitsPath, "\(split.rawValue) lists \(id), which has no \(corpus)/\(id).txt"))
            }
            splits = s
        }
        let statistics = CorpusStatistics(documents: documents, splits: splits)
        return Report(problems: problems, statistics: statistics, documents: documents)
    }

    /// Span-level checks on one document's annotations.
    public func check(_ entities: [EntitySpan], text: String, file: String, lines: [String: Int] = [:]) -> [InputError] {
        var problems: [InputError] = []
        let scalars = Array(text.unicodeScalars)
        let tokens = WordTokens.spans(in: scalars)
        let starts = Set(tokens.map(\.start)), ends = Set(tokens.map(\.end))
        func line(_ e: EntitySpan) -> Int? { lines["\(e.start) \(e.end) \(e.type.name)"] }
        for e in entities {
            if !knownTypes.contains(e.type) {
                problems.append(InputError(file: file, line: line(e), "unknown type \(e.type.name) (known: \(knownTypes.map(\.name).sorted().joined(separator: ", ")))"))
            }
            if !starts.contains(e.start) || !ends.contains(e.end) {
                let side = !starts.contains(e.start) ? "starts" : "ends"
                problems.append(InputError(file: file, line: line(e), "span \(e.start)-\(e.end) \"\(e.text)\" \(side) inside a token"))
            }
        }
        // One sweep in document order: `cover` is the span reaching furthest so far.
        let sorted = entities.sorted()
        var previous: EntitySpan?
        var cover: EntitySpan?
        for b in sorted {
            if let a = previous, a.start == b.start, a.end == b.end {
                problems.append(InputError(file: file, line: line(b), "duplicate span \(b.start)-\(b.end) \"\(b.text)\" (\(a.type.name) and \(b.type.name))"))
            } else if let c = cover, b.start < c.end {
                problems.append(InputError(file: file, line: line(b), "span \(b.start)-\(b.end) \"\(b.text)\" overlaps \(c.start)-\(c.end) \"\(c.text)\""))
            }
            if cover == nil || b.end > cover!.end { cover = b }
            previous = b
        }
        return problems
    }

    /// Maps "START END TYPE" to the .ann line that states it (the last one, for
    /// duplicates), so span problems can name their line.
    static func annotationLines(_ ann: String) -> [String: Int] {
        var lines: [String: Int] = [:]
        for (i, line) in ann.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let parts = line.split(separator: "\t")
            guard parts.count >= 2, parts[0].first == "T" else { continue }
            let f = parts[1].split(separator: " ")
            if f.count == 3 { lines["\(f[1]) \(f[2]) \(f[0])"] = i + 1 }
        }
        return lines
    }

    static func names(in folder: String, suffix: String, problems: inout [InputError]) -> Set<String> {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            problems.append(InputError(file: folder, "cannot list folder"))
            return []
        }
        return Set(names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) })
    }
}

/// Sizes of a corpus: documents, tokens and entities per type, overall and per split.
public struct CorpusStatistics: Sendable {
    public struct Row: Sendable, Hashable {
        public var documents = 0
        public var tokens = 0
        public var entities: [EntityType: Int] = [:]
        public var entityTotal: Int { entities.values.reduce(0, +) }

        mutating func add(_ d: AnnotatedDocument) {
            documents += 1
            tokens += WordTokens.spans(in: d.document.scalars).count
            for e in d.entities { entities[e.type, default: 0] += 1 }
        }
    }

    public var total = Row()
    public var bySplit: [CorpusSplits.Split: Row] = [:]

    public init(documents: [AnnotatedDocument], splits: CorpusSplits?) {
        for d in documents {
            var row = Row()
            row.add(d)
            total.documents += 1
            total.tokens += row.tokens
            total.entities.merge(row.entities, uniquingKeysWith: +)
            if let split = splits?.splitOf[d.id] {
                bySplit[split, default: Row()].documents += 1
                bySplit[split, default: Row()].tokens += row.tokens
                bySplit[split, default: Row()].entities.merge(row.entities, uniquingKeysWith: +)
            }
        }
    }

    /// A fixed-width table: one row per split and a total row.
    public func render(types: [EntityType]) -> String {
        let allTypes = types + total.entities.keys.filter { !types.contains($0) }.sorted()
        var header = ["split".padding(toLength: 7, withPad: " ", startingAt: 0), pad("docs", 6), pad("tokens", 8)]
        header += allTypes.map { pad($0.name, 6) }
        header.append(pad("total", 7))
        var lines = [header.joined(separator: " ")]
        func line(_ name: String, _ row: Row) -> String {
            var cells = [name.padding(toLength: 7, withPad: " ", startingAt: 0), pad("\(row.documents)", 6), pad("\(row.tokens)", 8)]
            cells += allTypes.map { pad("\(row.entities[$0] ?? 0)", 6) }
            cells.append(pad("\(row.entityTotal)", 7))
            return cells.joined(separator: " ")
        }
        for split in CorpusSplits.Split.allCases { if let row = bySplit[split] { lines.append(line(split.rawValue, row)) } }
        lines.append(line("all", total))
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ s: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
