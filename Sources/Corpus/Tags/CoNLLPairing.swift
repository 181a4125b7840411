#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gold tag and a predicted tag seen on the same token.
public struct TagPair: Hashable, Sendable, Comparable {
    public var gold: String
    public var predicted: String

    public init(gold: String, predicted: String) {
        self.gold = gold
        self.predicted = predicted
    }

    public static func < (a: TagPair, b: TagPair) -> Bool { (a.gold, a.predicted) < (b.gold, b.predicted) }
}

/// How many invalid tag sequences one side of a corpus had, by kind, and where
/// the first one is (so a report can point at it).
public struct TagViolationSummary: Hashable, Sendable {
    public var counts: [TagViolation.Kind: Int] = [:]
    /// File and line of the first violation.
    public var first: (file: String, line: Int)? {
        get { firstFile.map { ($0, firstLine) } }
        set { firstFile = newValue?.file; firstLine = newValue?.line ?? 0 }
    }
    private var firstFile: String?
    private var firstLine = 0

    public init() {}

    public var total: Int { counts.values.reduce(0, +) }

    mutating func record(_ kind: TagViolation.Kind, file: String, line: Int) {
        counts[kind, default: 0] += 1
        if firstFile == nil { firstFile = file; firstLine = line }
    }
}

/// Gold and predicted annotations of the same tokens, read from CoNLL files:
/// documents with token spans (text = tokens joined by single spaces, sentences
/// by newlines), paired by position and given the same ids.
public struct PairedCorpus: Sendable {
    public var gold: [AnnotatedDocument]
    public var predicted: [AnnotatedDocument]
    /// Per document, how many tokens carry each (gold tag, predicted tag) pair.
    /// conlleval's token accuracy is the share whose two tags are equal; keeping
    /// the pairs lets the scorer apply `--map`/`--types` to the tags as well.
    public var tagPairs: [[TagPair: Int]]
    /// Per document, the gold file's line number of each sentence's first token.
    public var sentenceLines: [[Int]]
    public var scheme: TagScheme
    public var policy: InvalidTagPolicy
    public var goldViolations: TagViolationSummary
    public var predictedViolations: TagViolationSummary
    public var goldFile: String
    public var predictedFile: String

    public init(gold: [AnnotatedDocument], predicted: [AnnotatedDocument], tagPairs: [[TagPair: Int]],
                sentenceLines: [[Int]], scheme: TagScheme, policy: InvalidTagPolicy,
                goldViolations: TagViolationSummary = .init(), predictedViolations: TagViolationSummary = .init(),
                goldFile: String, predictedFile: String) {
        self.gold = gold
        self.predicted = predicted
        self.tagPairs = tagPairs
        self.sentenceLines = sentenceLines
        self.scheme = scheme
        self.policy = policy
        self.goldViolations = goldViolations
        self.predictedViolations = predictedViolations
        self.goldFile = goldFile
        self.predictedFile = predictedFile
    }

    /// Number of tokens over all documents.
    public var tokenCount: Int { gold.reduce(0) { $0 + ($1.document.tokens?.count ?? 0) } }
}

/// Reads tagged CoNLL files into documents and entities.
///
/// - `read(gold:predicted:)`: two files, `token ... TAG`, whose token streams must
///   be identical (same tokens, sentence breaks and `-DOCSTART-` lines).
/// - `readConlleval(_:)`: one file, `token ... GOLD PRED`, as conlleval.pl reads it.
/// - `readTagged(_:)`: one file, `token ... TAG`, for a gold set scored against a
///   character-level system.
///
/// Fields are separated by runs of spaces or tabs; the token is the first field
/// and the tags the last ones. Document ids follow `CoNLLReader`: the gold
/// file's base name, or `NAME#1`, `NAME#2`, ... when it has `-DOCSTART-` lines.
/// Errors name the file and line. Complexity: O(bytes), streaming; memory is
/// the documents built plus one 1 MiB buffer a file.
public enum CoNLLPairing {
    public static func read(gold: String, predicted: String, scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> PairedCorpus {
        var reader = try TaggedReader(
            first: CoNLLLineStream(path: gold), second: CoNLLLineStream(path: predicted), hasSecond: true,
            tagColumns: 1, sides: 2, scheme: scheme, policy: policy)
        try reader.run()
        return reader.pairedCorpus(goldFile: gold, predictedFile: predicted)
    }

    public static func readConlleval(_ path: String, scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> PairedCorpus {
        var reader = try TaggedReader(
            first: CoNLLLineStream(path: path), second: CoNLLLineStream(path: path), hasSecond: false,
            tagColumns: 2, sides: 2, scheme: scheme, policy: policy)
        try reader.run()
        return reader.pairedCorpus(goldFile: path, predictedFile: path)
    }

    public static func readTagged(_ path: String, scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> (documents: [AnnotatedDocument], violations: TagViolationSummary, sentenceLines: [[Int]]) {
        var reader = try TaggedReader(
            first: CoNLLLineStream(path: path), second: CoNLLLineStream(path: path), hasSecond: false,
            tagColumns: 1, sides: 1, scheme: scheme, policy: policy)
        try reader.run()
        return (reader.documents[0], reader.side0.violations, reader.sentenceLines)
    }
}

/// Tag strings and type names seen so far, interned to small integers so the
/// per-token work is one or two integer comparisons. Tags of up to 8 bytes
/// (nearly all) are compared as one packed word.
struct TagTable {
    /// Per tag id: packed first 8 bytes, byte length, role, type id, string.
    var keys: [UInt64] = [UInt64(UInt8(ascii: "O"))]
    var lengths: [Int] = [1]
    var roles: [TagRole] = [.outside]
    var types: [Int] = [-1]
    var strings: [String] = ["O"]
    var bytes: [[UInt8]] = [[UInt8(ascii: "O")]]
    var typeBytes: [[UInt8]] = []
    var entityTypes: [EntityType] = []

    /// The first up-to-8 bytes as a word (the stream's buffer is padded, so the
    /// load may pass the end of the tag).
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        ByteScan.load(p) & ByteScan.mask(n)
    }

    @inline(__always)
    mutating func id(of p: UnsafePointer<UInt8>, count n: Int, hint: Int, scheme: TagScheme) throws -> Int {
        let key = Self.pack(p, n)
        if n <= 8 {
            if keys[hint] == key, lengths[hint] == n { return hint }
            for i in keys.indices where keys[i] == key && lengths[i] == n { return i }
        } else {
            for i in keys.indices where lengths[i] == n && keys[i] == key
                && bytes[i].withUnsafeBufferPointer({ memcmp($0.baseAddress!, p, n) == 0 }) { return i }
        }
        return try add(UnsafeBufferPointer(start: p, count: n), key: key, scheme: scheme)
    }

    mutating func add(_ tag: UnsafeBufferPointer<UInt8>, key: UInt64, scheme: TagScheme) throws -> Int {
        let role = try scheme.role(ofTag: tag)
        let typePart = Array(tag[2...])
        var type = typeBytes.firstIndex(of: typePart) ?? -1
        if type < 0 {
            type = entityTypes.count
            typeBytes.append(typePart)
            entityTypes.append(EntityType(String(decoding: typePart, as: UTF8.self)))
        }
        keys.append(key)
        lengths.append(tag.count)
        roles.append(role)
        types.append(type)
        strings.append(String(decoding: tag, as: UTF8.self))
        bytes.append(Array(tag))
        return keys.count - 1
    }
}

/// The streaming engine behind `CoNLLPairing`: one or two files read in
/// lockstep, and one or two sides (gold, predicted) decoded. A side reads the
/// first file's tag column (or, in a conlleval file, its second tag column for
/// the predictions), or the second file's.
///
/// The per-token path keeps everything in flat arrays of plain values and the
/// two sides in two stored properties, so it does no reference counting.
struct TaggedReader: ~Copyable {
    struct Side {
        var decoder: TagDecoder
        var chunks: [TagChunk] = []
        var entities: [EntitySpan] = []
        var violations = TagViolationSummary()
        var previousTag = -1
        var lastTag = 0
    }

    /// Where a token sits in the document being built.
    struct Position {
        var scalarStart: Int
        var scalarEnd: Int
        var byteStart: Int
        var byteEnd: Int
    }

    enum Event: Equatable { case token, documentStart, end }

    var first: CoNLLLineStream
    /// The predictions file; with one file it is opened but never read.
    var secondStream: CoNLLLineStream
    let hasSecond: Bool
    let tagColumns: Int
    let sideCount: Int
    let scheme: TagScheme
    let policy: InvalidTagPolicy
    var side0: Side
    var side1: Side
    var table = TagTable()

    // Output.
    var documents: [[AnnotatedDocument]]
    var tagPairs: [[TagPair: Int]] = []
    var sentenceLines: [[Int]] = []
    var sawMarker = false

    // The document being built.
    /// The document's text: `textCount` bytes used of a buffer grown by doubling
    /// (appending through `Array.append(contentsOf:)` per token costs more).
    var textBytes: [UInt8] = []
    var textCount = 0
    var tokens: [TokenSpan] = []
    var sentenceStarts: [Int] = []
    var lines: [Int] = []
    var scalarOffset = 0
    // The sentence being built.
    var positions: [Position] = []
    var lastTokenLine = (0, 0)
    // Tag pairs of the document: a dense table for the first 64 tag ids.
    var pairCounts = [Int](repeating: 0, count: 64 * 64)
    var pairOverflow: [Int: Int] = [:]

    // The current line of each file and the first blank line before it (0: none).
    var fields1 = CoNLLFields(token: 0..<0, tag0: 0..<0, tag1: 0..<0)
    var fields2 = CoNLLFields(token: 0..<0, tag0: 0..<0, tag1: 0..<0)
    var blank1 = 0
    var blank2 = 0

    /// True when the 10 bytes at `p` are `-DOCSTART-` (two word compares; the
    /// stream's buffer is padded, so reading 16 bytes is safe).
    @inline(__always)
    static func isMarker(_ p: UnsafePointer<UInt8>) -> Bool {
        // "-DOCSTAR" and "T-" little-endian.
        ByteScan.load(p) == 0x5241_5453_434F_442D && ByteScan.load(p + 8) & 0xFFFF == 0x2D54
    }

    init(first: consuming CoNLLLineStream, second: consuming CoNLLLineStream, hasSecond: Bool, tagColumns: Int, sides: Int, scheme: TagScheme, policy: InvalidTagPolicy) throws {
        self.first = first
        self.secondStream = second
        self.hasSecond = hasSecond
        self.tagColumns = tagColumns
        self.sideCount = sides
        self.scheme = scheme
        self.policy = policy
        self.side0 = Side(decoder: TagDecoder(scheme: scheme, policy: policy))
        self.side1 = Side(decoder: TagDecoder(scheme: scheme, policy: policy))
        self.documents = Array(repeating: [], count: sides)
        positions.reserveCapacity(256)
    }

    /// Advances a file past blank lines to its next token, marker or end.
    @inline(__always)
    static func next(_ stream: inout CoNLLLineStream, tagColumns: Int, fields: inout CoNLLFields, blank: inout Int) throws -> Event {
        blank = 0
        while try stream.nextLine() {
            guard let f = try CoNLLFields.split(stream, tagColumns: tagColumns) else {
                if blank == 0 { blank = stream.lineNumber }
                continue
            }
            if f.token.count == 10, isMarker(stream.base + f.token.lowerBound) {
                return .documentStart
            }
            fields = f
            return .token
        }
        return .end
    }

    static func text(_ stream: borrowing CoNLLLineStream, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: stream.base + r.lowerBound, count: r.count), as: UTF8.self)
    }

    static func describe(_ event: Event, _ stream: borrowing CoNLLLineStream, _ fields: CoNLLFields) -> String {
        switch event {
        case .token: return "token \"\(text(stream, fields.token))\""
        case .documentStart: return "-DOCSTART-"
        case .end: return "the end of the file"
        }
    }

    mutating func run() throws {
        while true {
            let event = try Self.next(&first, tagColumns: tagColumns, fields: &fields1, blank: &blank1)
            if hasSecond {
                let other = try Self.next(&secondStream, tagColumns: tagColumns, fields: &fields2, blank: &blank2)
                if event != other {
                    throw InputError(file: secondStream.path, line: other == .end ? nil : secondStream.lineNumber,
                                     "the token streams differ: \(Self.describe(other, secondStream, fields2)) here, but \(Self.describe(event, first, fields1)) at \(first.path):\(first.lineNumber)")
                }
                if event == .token, !positions.isEmpty, (blank1 == 0) != (blank2 == 0) {
                    let withBlank = blank1 != 0 ? "\(first.path):\(blank1) ends a sentence before \(Self.describe(.token, first, fields1)), \(secondStream.path) does not"
                        : "\(secondStream.path):\(blank2) ends a sentence before \(Self.describe(.token, secondStream, fields2)), \(first.path) does not"
                    throw InputError(file: secondStream.path, line: secondStream.lineNumber, "the sentence breaks differ: " + withBlank)
                }
            }
            switch event {
            case .end:
                try endSentence()
                endDocument()
                finishIDs()
                return
            case .documentStart:
                sawMarker = true
                try endSentence()
                endDocument()
            case .token:
                if blank1 != 0, !positions.isEmpty { try endSentence() }
                try addToken()
            }
        }
    }

    @inline(__always)
    mutating func reserveText(_ n: Int) {
        if textCount + n > textBytes.count {
            textBytes.append(contentsOf: repeatElement(0, count: max(textBytes.count, n, 1 << 16)))
        }
    }

    @inline(__always)
    mutating func appendText(_ byte: UInt8) {
        reserveText(1)
        textBytes[textCount] = byte
        textCount += 1
    }

    @inline(__always)
    mutating func appendText(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserveText(n)
        let at = textCount
        textBytes.withUnsafeMutableBufferPointer { _ = memcpy($0.baseAddress! + at, p, n) }
        textCount += n
    }

    mutating func addToken() throws {
        let base = first.base
        let tokenStart = base + fields1.token.lowerBound
        let tokenCount = fields1.token.count
        if hasSecond {
            let other = fields2.token
            if other.count != tokenCount || memcmp(secondStream.base + other.lowerBound, tokenStart, tokenCount) != 0 {
                throw InputError(file: secondStream.path, line: secondStream.lineNumber,
                                 "the token streams differ: token \"\(Self.text(secondStream, other))\" here, but \"\(Self.text(first, fields1.token))\" at \(first.path):\(first.lineNumber)")
            }
        }
        let goldLine = first.lineNumber
        if positions.isEmpty {
            if !tokens.isEmpty {
                appendText(UInt8(ascii: "\n"))
                scalarOffset += 1
            }
            sentenceStarts.append(tokens.count)
            lines.append(goldLine)
        } else {
            appendText(UInt8(ascii: " "))
            scalarOffset += 1
        }
        let scalars = ByteScan.scalarCount(tokenStart, tokenCount)
        let byteStart = textCount
        appendText(tokenStart, tokenCount)
        tokens.append(TokenSpan(start: scalarOffset, end: scalarOffset + scalars))
        positions.append(Position(scalarStart: scalarOffset, scalarEnd: scalarOffset + scalars, byteStart: byteStart, byteEnd: textCount))
        scalarOffset += scalars

        let index = positions.count - 1
        let goldTag = try tag(side: 0)
        try push(goldTag, sideIndex: 0, at: index, line: goldLine)
        lastTokenLine.0 = goldLine
        if sideCount == 2 {
            let predictedTag = try tag(side: 1)
            let line = hasSecond ? secondStream.lineNumber : goldLine
            try push(predictedTag, sideIndex: 1, at: index, line: line)
            lastTokenLine.1 = line
            if goldTag < 64, predictedTag < 64 {
                pairCounts[goldTag &* 64 &+ predictedTag] &+= 1
            } else {
                pairOverflow[goldTag << 32 | predictedTag, default: 0] += 1
            }
        }
    }

    /// The tag id of the current token on a side.
    @inline(__always)
    mutating func tag(side k: Int) throws -> Int {
        let range = k == 0 ? fields1.tag0 : hasSecond ? fields2.tag0 : fields1.tag1
        let fromSecond = k == 1 && hasSecond
        let start = (fromSecond ? secondStream.base : first.base) + range.lowerBound
        let hint = k == 0 ? side0.lastTag : side1.lastTag
        do {
            let id = try table.id(of: start, count: range.count, hint: hint, scheme: scheme)
            if k == 0 { side0.lastTag = id } else { side1.lastTag = id }
            return id
        } catch let error as MalformedTagError {
            throw InputError(file: fromSecond ? secondStream.path : first.path,
                             line: fromSecond ? secondStream.lineNumber : first.lineNumber, error.message)
        }
    }

    /// Feeds a tag to a side's decoder. The violation path (rare) is out of line,
    /// so the per-token path touches only plain values.
    @inline(__always)
    mutating func push(_ tag: Int, sideIndex: Int, at index: Int, line: Int) throws {
        let role = table.roles[tag], type = table.types[tag]
        let kind = sideIndex == 0
            ? side0.decoder.push(role, type: type, at: index, into: &side0.chunks)
            : side1.decoder.push(role, type: type, at: index, into: &side1.chunks)
        if let kind { try violation(kind, sideIndex: sideIndex, tag: table.strings[tag], line: line) }
        if sideIndex == 0 { side0.previousTag = tag } else { side1.previousTag = tag }
    }

    func path(ofSide k: Int) -> String { k == 1 ? secondStream.path : first.path }

    /// Records a violation, and under `.error` stops with the file, line and tags.
    @inline(never)
    mutating func violation(_ kind: TagViolation.Kind, sideIndex: Int, tag: String, line: Int) throws {
        let file = path(ofSide: sideIndex)
        let previousTag = sideIndex == 0 ? side0.previousTag : side1.previousTag
        if sideIndex == 0 { side0.violations.record(kind, file: file, line: line) } else { side1.violations.record(kind, file: file, line: line) }
        if policy == .error {
            let previous = previousTag >= 0 ? table.strings[previousTag] : "the sentence start"
            let message = TagViolation.explain(kind, tag: tag, previous: previous, scheme: scheme)
            throw InputError(file: file, line: line, message + " (--invalid error; use --invalid begin to repair as conlleval does, or discard)")
        }
    }

    mutating func endSentence() throws {
        guard !positions.isEmpty else { return }
        try finish(sideIndex: 0, line: lastTokenLine.0)
        if sideCount == 2 { try finish(sideIndex: 1, line: lastTokenLine.1) }
        positions.removeAll(keepingCapacity: true)
    }

    mutating func finish(sideIndex: Int, line: Int) throws {
        let count = positions.count
        let kind = sideIndex == 0
            ? side0.decoder.finish(count: count, into: &side0.chunks)
            : side1.decoder.finish(count: count, into: &side1.chunks)
        if let kind { try violation(kind, sideIndex: sideIndex, tag: "the sentence end", line: line) }
        if sideIndex == 0 {
            Self.makeEntities(&side0, positions: positions, textBytes: textBytes, types: table.entityTypes)
        } else {
            Self.makeEntities(&side1, positions: positions, textBytes: textBytes, types: table.entityTypes)
        }
    }

    static func makeEntities(_ side: inout Side, positions: [Position], textBytes: [UInt8], types: [EntityType]) {
        side.previousTag = -1
        textBytes.withUnsafeBufferPointer { bytes in
            for c in side.chunks {
                let a = positions[c.first], b = positions[c.last]
                let surface = Self.string(UnsafeBufferPointer(rebasing: bytes[a.byteStart..<b.byteEnd]))
                side.entities.append(EntitySpan(start: a.scalarStart, end: b.scalarEnd, type: types[c.type], text: surface))
            }
        }
        side.chunks.removeAll(keepingCapacity: true)
    }

    /// A string from bytes of the document being built. They are whole tokens
    /// from lines the stream validated, joined by ASCII spaces and newlines, so
    /// they are valid UTF-8 and need no second validation.
    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(copying: UTF8Span(unchecked: bytes.span))
    }

    mutating func endDocument() {
        guard !tokens.isEmpty else { return }
        let text = textBytes.withUnsafeBufferPointer { Self.string(UnsafeBufferPointer(rebasing: $0[0..<textCount])) }
        let document = Document(id: "", text: text, tokens: tokens, sentenceStarts: sentenceStarts)
        documents[0].append(AnnotatedDocument(document: document, entities: side0.entities))
        side0.entities = []
        if sideCount == 2 {
            documents[1].append(AnnotatedDocument(document: document, entities: side1.entities))
            side1.entities = []
            var pairs: [TagPair: Int] = [:]
            let n = min(table.strings.count, 64)
            for g in 0..<n {
                for p in 0..<n where pairCounts[g * 64 + p] > 0 {
                    pairs[TagPair(gold: table.strings[g], predicted: table.strings[p])] = pairCounts[g * 64 + p]
                    pairCounts[g * 64 + p] = 0
                }
            }
            for (key, count) in pairOverflow {
                pairs[TagPair(gold: table.strings[key >> 32], predicted: table.strings[key & 0xFFFF_FFFF]), default: 0] += count
            }
            pairOverflow = [:]
            tagPairs.append(pairs)
        }
        sentenceLines.append(lines)
        textCount = 0
        let previous = tokens.count
        tokens = []
        tokens.reserveCapacity(previous)
        sentenceStarts = []
        lines = []
        scalarOffset = 0
    }

    mutating func finishIDs() {
        let base = CoNLLReader.baseName(first.path)
        let count = documents[0].count
        for k in documents.indices {
            for i in documents[k].indices {
                documents[k][i].document.id = sawMarker || count > 1 ? "\(base)#\(i + 1)" : base
            }
        }
    }

    func pairedCorpus(goldFile: String, predictedFile: String) -> PairedCorpus {
        PairedCorpus(gold: documents[0], predicted: documents[1], tagPairs: tagPairs, sentenceLines: sentenceLines,
                     scheme: scheme, policy: policy, goldViolations: side0.violations,
                     predictedViolations: side1.violations, goldFile: goldFile, predictedFile: predictedFile)
    }
}
