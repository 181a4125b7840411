import Foundation

/// BRAT standoff: `NAME.txt` holds the text, `NAME.ann` its annotations, one a line:
/// `T1<TAB>TYPE START END<TAB>surface`. Offsets are Unicode scalar offsets.
///
/// Only text-bound annotations (`T`) are entities; notes, attributes, relations and
/// events (`#`, `A`, `R`, `E`, `N`, `*`) are skipped. Discontinuous spans
/// (`START END;START END`) are reported as unsupported rather than merged.
public enum BRAT {
    /// Reads every `NAME.txt` in a folder with the `NAME.ann` beside it (or in
    /// `annotations`, when the annotations live in another folder). Documents
    /// come back sorted by name. A `.ann` without its `.txt` is an error.
    public static func readFolder(texts: String, annotations: String? = nil, requireAnnotations: Bool = true) throws -> [AnnotatedDocument] {
        let annFolder = annotations ?? texts
        let fm = FileManager.default
        guard let textNames = try? fm.contentsOfDirectory(atPath: texts) else {
            throw InputError(file: texts, "cannot list folder")
        }
        guard let annNames = try? fm.contentsOfDirectory(atPath: annFolder) else {
            throw InputError(file: annFolder, "cannot list folder")
        }
        let txt = Set(textNames.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) })
        let ann = Set(annNames.filter { $0.hasSuffix(".ann") }.map { String($0.dropLast(4)) })
        if let orphan = ann.subtracting(txt).sorted().first {
            throw InputError(file: "\(annFolder)/\(orphan).ann", "annotation file without its text (\(texts)/\(orphan).txt)")
        }
        var documents: [AnnotatedDocument] = []
        for name in txt.sorted() {
            let annPath = "\(annFolder)/\(name).ann"
            if !ann.contains(name) {
                if requireAnnotations { throw InputError(file: "\(texts)/\(name).txt", "no annotation file \(annPath)") }
                let text = try TextFile.read("\(texts)/\(name).txt")
                documents.append(AnnotatedDocument(document: Document(id: name, text: text), entities: []))
                continue
            }
            documents.append(try readPair(text: "\(texts)/\(name).txt", annotations: annPath))
        }
        return documents
    }

    /// Reads one `NAME.txt` + `NAME.ann` pair; the document id is `NAME`.
    public static func readPair(text textPath: String, annotations annPath: String) throws -> AnnotatedDocument {
        let text = try TextFile.read(textPath)
        let ann = try TextFile.read(annPath)
        let id = CoNLLReader.baseName(textPath)
        let document = Document(id: id, text: text)
        return AnnotatedDocument(document: document, entities: try parseAnnotations(ann, text: text, file: annPath))
    }

    /// Parses `.ann` content against its text, checking every offset and surface.
    /// - Throws: the first problem found, as an `InputError` naming the line.
    public static func parseAnnotations(_ ann: String, text: String, file: String) throws -> [EntitySpan] {
        var first: InputError?
        let entities = parseAnnotations(ann, text: text, file: file) { problem in
            if first == nil { first = problem }
        }
        if let first { throw first }
        return entities
    }

    /// Parses `.ann` content, reporting every problem to `report` and keeping
    /// the annotations that are sound. Validation uses this to list all problems
    /// in one pass. O(text + annotations).
    public static func parseAnnotations(_ ann: String, text: String, file: String, report: (InputError) -> Void) -> [EntitySpan] {
        let scalars = Array(text.unicodeScalars)
        var entities: [EntitySpan] = []
        var ids = Set<Substring>()
        var lineNumber = 0
        for rawLine in ann.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            func problem(_ message: String) { report(InputError(file: file, line: lineNumber, message)) }
            guard let first = line.first, first == "T" else { continue }
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 2 else {
                problem("expected `ID<TAB>TYPE START END<TAB>text`")
                continue
            }
            if !ids.insert(parts[0]).inserted {
                problem("duplicate annotation id \(parts[0])")
                continue
            }
            let middle = parts[1]
            if middle.contains(";") {
                problem("discontinuous span \"\(middle)\" is not supported")
                continue
            }
            let fields = middle.split(separator: " ")
            guard fields.count == 3, let start = Int(fields[1]), let end = Int(fields[2]) else {
                problem("expected `TYPE START END`, found \"\(middle)\"")
                continue
            }
            guard start >= 0, start < end else {
                problem("empty or reversed span \(start)-\(end)")
                continue
            }
            guard end <= scalars.count else {
                problem("span \(start)-\(end) is outside the text (\(scalars.count) characters)")
                continue
            }
            let surface = scalars.string(from: start, to: end)
            if parts.count == 3, parts[2] != surface {
                problem("text \"\(parts[2])\" does not match the text at \(start)-\(end): \"\(surface)\"")
                continue
            }
            entities.append(EntitySpan(start: start, end: end, type: EntityType(String(fields[0])), text: surface))
        }
        return entities
    }

    /// Renders entities as `.ann` lines `T1<TAB>TYPE START END<TAB>surface`.
    public static func renderAnnotations(_ entities: [EntitySpan]) -> String {
        var out = ""
        for (i, e) in entities.sorted().enumerated() {
            let surface = e.text.replacingOccurrences(of: "\n", with: " ")
            out += "T\(i + 1)\t\(e.type.name) \(e.start) \(e.end)\t\(surface)\n"
        }
        return out
    }
}
