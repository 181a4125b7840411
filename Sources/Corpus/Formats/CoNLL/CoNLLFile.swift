/// A CoNLL-style column file as lines of fields: `token ... TAG`, a blank line
/// ending a sentence, `-DOCSTART-` lines starting documents.
///
/// This layer knows nothing of tag schemes: it keeps each token's text, its last
/// `tagColumns` fields (one for `token TAG`, two for conlleval's `GOLD PRED`) and
/// its line number, so that every later error can name the line.
public struct CoNLLToken: Sendable, Hashable {
    public var text: String
    /// The last `tagColumns` fields of the line, in file order.
    public var tags: [String]
    /// 1-based line number in the file.
    public var line: Int

    public init(text: String, tags: [String], line: Int) {
        self.text = text
        self.tags = tags
        self.line = line
    }
}

public struct CoNLLSentence: Sendable, Hashable {
    public var tokens: [CoNLLToken]
    public init(tokens: [CoNLLToken]) { self.tokens = tokens }
}

public struct CoNLLDocument: Sendable, Hashable {
    public var id: String
    public var sentences: [CoNLLSentence]

    public init(id: String, sentences: [CoNLLSentence]) {
        self.id = id
        self.sentences = sentences
    }

    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.tokens.count } }

    /// The document's text under Mizan's alignment convention: tokens joined by
    /// single spaces, sentences by a newline. Token offsets follow from it.
    public func makeDocument() -> Document {
        var text = ""
        var spans: [TokenSpan] = []
        var starts: [Int] = []
        spans.reserveCapacity(tokenCount)
        var offset = 0
        for (s, sentence) in sentences.enumerated() {
            if s > 0 { text.append("\n"); offset += 1 }
            starts.append(spans.count)
            for (t, token) in sentence.tokens.enumerated() {
                if t > 0 { text.append(" "); offset += 1 }
                let length = token.text.unicodeScalars.count
                spans.append(TokenSpan(start: offset, end: offset + length))
                text.append(token.text)
                offset += length
            }
        }
        return Document(id: id, text: text, tokens: spans, sentenceStarts: starts)
    }
}

/// Reads CoNLL column files.
///
/// Fields are separated by runs of spaces or tabs; a line with fewer than
/// `1 + tagColumns` fields is an error naming the line. Complexity: O(bytes).
public struct CoNLLReader: Sendable {
    /// How many trailing fields are tags: 1 for `token TAG`, 2 for conlleval.
    public var tagColumns: Int
    /// The marker that starts a document.
    public var documentMarker: String = "-DOCSTART-"

    public init(tagColumns: Int = 1) {
        precondition(tagColumns >= 0)
        self.tagColumns = tagColumns
    }

    /// Reads a file; documents are named `BASENAME` when the file has no
    /// `-DOCSTART-` line, else `BASENAME#1`, `BASENAME#2`, ...
    public func read(path: String) throws -> [CoNLLDocument] {
        try parse(try TextFile.read(path), file: path)
    }

    public func parse(_ text: String, file: String) throws -> [CoNLLDocument] {
        let base = Self.baseName(file)
        var documents: [CoNLLDocument] = []
        var sentences: [CoNLLSentence] = []
        var current: [CoNLLToken] = []
        var sawMarker = false
        var lineNumber = 0

        func endSentence() {
            if !current.isEmpty { sentences.append(CoNLLSentence(tokens: current)); current = [] }
        }
        func endDocument() {
            endSentence()
            if !sentences.isEmpty {
                documents.append(CoNLLDocument(id: "", sentences: sentences))
                sentences = []
            }
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == "\r" { line = line.dropLast() }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if fields.isEmpty { endSentence(); continue }
            if fields[0] == documentMarker {
                sawMarker = true
                endDocument()
                continue
            }
            guard fields.count >= 1 + tagColumns else {
                let want = tagColumns == 2 ? "a token, a gold tag and a predicted tag" : "a token and a tag"
                throw InputError(file: file, line: lineNumber, "expected \(want), found \(fields.count) field\(fields.count == 1 ? "" : "s"): \"\(line)\"")
            }
            current.append(CoNLLToken(
                text: String(fields[0]),
                tags: fields.suffix(tagColumns).map(String.init),
                line: lineNumber))
        }
        endDocument()
        for i in documents.indices {
            documents[i].id = sawMarker || documents.count > 1 ? "\(base)#\(i + 1)" : base
        }
        return documents
    }

    static func baseName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }
}

/// Writes `token TAG` files, one token a line, a blank line after each sentence,
/// `-DOCSTART- O` before each document when there is more than one.
public enum CoNLLWriter {
    public static func render(_ documents: [(document: CoNLLDocument, tags: [[String]])]) -> String {
        var out = ""
        let marker = documents.count > 1
        for (document, tags) in documents {
            if marker { out += "-DOCSTART- O\n\n" }
            for (s, sentence) in document.sentences.enumerated() {
                for (t, token) in sentence.tokens.enumerated() {
                    out += token.text
                    out += " "
                    out += tags[s][t]
                    out += "\n"
                }
                out += "\n"
            }
        }
        return out
    }
}
