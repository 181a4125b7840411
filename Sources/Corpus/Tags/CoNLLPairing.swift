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
            sources: [CoNLLLineStream(path: gold), CoNLLLineStream(path: predicted)],
            tagColumns: 1, sides: [(0, 0), (1, 0)], scheme: scheme, policy: policy)
        try reader.run()
        return reader.pairedCorpus(goldFile: gold, predictedFile: predicted)
    }

    public static func readConlleval(_ path: String, scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> PairedCorpus {
        var reader = try TaggedReader(
            sources: [CoNLLLineStream(path: path)],
            tagColumns: 2, sides: [(0, 0), (0, 1)], scheme: scheme, policy: policy)
        try reader.run()
        return reader.pairedCorpus(goldFile: path, predictedFile: path)
    }

    public static func readTagged(_ path: String, scheme: TagScheme = .iob2, policy: InvalidTagPolicy = .begin) throws -> (documents: [AnnotatedDocument], violations: TagViolationSummary, sentenceLines: [[Int]]) {
        var reader = try TaggedReader(
            sources: [CoNLLLineStream(path: path)],
            tagColumns: 1, sides: [(0, 0)], scheme: scheme, policy: policy)
        try reader.run()
        return (reader.documents[0], reader.sides[0].violations, reader.sentenceLines)
    }
}

/// Tag strings and type names seen so far, interned to small integers so the
/// per-token work is a few byte comparisons.
struct TagTable {
    var tagBytes: [[UInt8]] = [[UInt8(ascii: "O")]]
    var tagRoles: [TagRole] = [.outside]
    var tagTypes: [Int] = [-1]
    var tagStrings: [String] = ["O"]
    var typeBytes: [[UInt8]] = []
    var types: [EntityType] = []
    var lastHit = 0

    @inline(__always)
    static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }
    }

    mutating func id(of tag: UnsafeBufferPointer<UInt8>, scheme: TagScheme) throws -> Int {
        if tag.count == 1, tag[0] == UInt8(ascii: "O") { return 0 }
        if Self.equal(tagBytes[lastHit], tag) { return lastHit }
        for i in 1..<tagBytes.count where Self.equal(tagBytes[i], tag) {
            lastHit = i
            return i
        }
        let role = try scheme.role(ofTag: tag)
        let typePart = UnsafeBufferPointer(rebasing: tag[2...])
        var type = -1
        for (j, t) in typeBytes.enumerated() where Self.equal(t, typePart) { type = j; break }
        if type < 0 {
            type = types.count
            typeBytes.append(Array(typePart))
            types.append(EntityType(String(decoding: typePart, as: UTF8.self)))
        }
        tagBytes.append(Array(tag))
        tagRoles.append(role)
        tagTypes.append(type)
        tagStrings.append(String(decoding: tag, as: UTF8.self))
        lastHit = tagBytes.count - 1
        return lastHit
    }
}

/// The streaming engine behind `CoNLLPairing`: one or two sources read in
/// lockstep, one or two sides (a source and a tag column each) decoded.
struct TaggedReader {
    struct Side {
        var source: Int
        var column: Int
        var decoder: TagDecoder
        var chunks: [TagChunk] = []
        var entities: [EntitySpan] = []
        var violations = TagViolationSummary()
        var previousTag = -1
    }

    enum Event: Equatable { case token, documentStart, end }

    let sources: [CoNLLLineStream]
    let tagColumns: Int
    let scheme: TagScheme
    let policy: InvalidTagPolicy
    var sides: [Side]
    var table = TagTable()

    // Output.
    var documents: [[AnnotatedDocument]]
    var tagPairs: [[TagPair: Int]] = []
    var sentenceLines: [[Int]] = []
    var sawMarker = false

    // The document being built.
    var textBytes: [UInt8] = []
    var tokens: [TokenSpan] = []
    var sentenceStarts: [Int] = []
    var lines: [Int] = []
    var scalarOffset = 0
    // The sentence being built: per token, scalar and byte ranges in the document.
    var sentenceScalars: [Int] = []   // start, end pairs
    var sentenceBytes: [Int] = []     // start, end pairs
    var sentenceCount = 0
    var lastTokenLine: [Int]
    // Tag pairs of the document: a dense table for the first 64 tag ids.
    var pairCounts = [Int](repeating: 0, count: 64 * 64)
    var pairOverflow: [Int: Int] = [:]

    // Per source: the fields of the current line and whether a blank line came before it.
    var fields: [CoNLLFields]
    var blankLine: [Int]

    init(sources: [CoNLLLineStream], tagColumns: Int, sides: [(source: Int, column: Int)], scheme: TagScheme, policy: InvalidTagPolicy) throws {
        self.sources = sources
        self.tagColumns = tagColumns
        self.scheme = scheme
        self.policy = policy
        self.sides = sides.map { Side(source: $0.source, column: $0.column, decoder: TagDecoder(scheme: scheme, policy: policy)) }
        self.documents = Array(repeating: [], count: sides.count)
        self.fields = Array(repeating: CoNLLFields(token: 0..<0, tag0: 0..<0, tag1: 0..<0), count: sources.count)
        self.blankLine = Array(repeating: 0, count: sources.count)
        self.lastTokenLine = Array(repeating: 0, count: sources.count)
    }

    /// Advances source `s` past blank lines to its next token, marker or end.
    mutating func next(_ s: Int) throws -> Event {
        let stream = sources[s]
        blankLine[s] = 0
        while try stream.nextLine() {
            guard let f = try CoNLLFields.split(stream, tagColumns: tagColumns) else {
                if blankLine[s] == 0 { blankLine[s] = stream.lineNumber }
                continue
            }
            let token = UnsafeBufferPointer(start: stream.base + f.token.lowerBound, count: f.token.count)
            if token.elementsEqual("-DOCSTART-".utf8) { return .documentStart }
            fields[s] = f
            return .token
        }
        return .end
    }

    func text(_ s: Int, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: sources[s].base + r.lowerBound, count: r.count), as: UTF8.self)
    }

    func describe(_ event: Event, source s: Int) -> String {
        switch event {
        case .token: return "token \"\(text(s, fields[s].token))\""
        case .documentStart: return "-DOCSTART-"
        case .end: return "the end of the file"
        }
    }

    mutating func run() throws {
        var events = [Event](repeating: .end, count: sources.count)
        while true {
            for s in sources.indices { events[s] = try next(s) }
            if sources.count == 2, events[0] != events[1] {
                let g = sources[0], p = sources[1]
                throw InputError(file: p.path, line: events[1] == .end ? nil : p.lineNumber,
                                 "the token streams differ: \(describe(events[1], source: 1)) here, but \(describe(events[0], source: 0)) at \(g.path):\(g.lineNumber)")
            }
            switch events[0] {
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
                if sentenceCount > 0 {
                    if sources.count == 2, (blankLine[0] == 0) != (blankLine[1] == 0) {
                        let withBlank = blankLine[0] != 0 ? 0 : 1
                        let other = 1 - withBlank
                        throw InputError(file: sources[1].path, line: sources[1].lineNumber,
                                         "the sentence breaks differ: \(sources[withBlank].path):\(blankLine[withBlank]) ends a sentence before \(describe(.token, source: withBlank)), \(sources[other].path) does not")
                    }
                    if blankLine[0] != 0 { try endSentence() }
                }
                try addToken()
            }
        }
    }

    mutating func addToken() throws {
        let g = sources[0]
        let tokenRange = fields[0].token
        let token = UnsafeBufferPointer(start: g.base + tokenRange.lowerBound, count: tokenRange.count)
        if sources.count == 2 {
            let p = sources[1]
            let other = UnsafeBufferPointer(start: p.base + fields[1].token.lowerBound, count: fields[1].token.count)
            if other.count != token.count || memcmp(other.baseAddress!, token.baseAddress!, token.count) != 0 {
                throw InputError(file: p.path, line: p.lineNumber,
                                 "the token streams differ: token \"\(text(1, fields[1].token))\" here, but \"\(text(0, tokenRange))\" at \(g.path):\(g.lineNumber)")
            }
        }
        if sentenceCount == 0 {
            if !tokens.isEmpty {
                textBytes.append(UInt8(ascii: "\n"))
                scalarOffset += 1
            }
            sentenceStarts.append(tokens.count)
            lines.append(g.lineNumber)
        } else {
            textBytes.append(UInt8(ascii: " "))
            scalarOffset += 1
        }
        var scalars = 0
        for b in token where b & 0xC0 != 0x80 { scalars += 1 }
        let byteStart = textBytes.count
        textBytes.append(contentsOf: token)
        tokens.append(TokenSpan(start: scalarOffset, end: scalarOffset + scalars))
        sentenceScalars.append(scalarOffset)
        sentenceScalars.append(scalarOffset + scalars)
        sentenceBytes.append(byteStart)
        sentenceBytes.append(textBytes.count)
        scalarOffset += scalars

        var ids = (0, 0)
        for k in sides.indices {
            let s = sides[k].source
            let stream = sources[s]
            let r = sides[k].column == 0 ? fields[s].tag0 : fields[s].tag1
            let tag: Int
            do {
                tag = try table.id(of: UnsafeBufferPointer(start: stream.base + r.lowerBound, count: r.count), scheme: scheme)
            } catch let error as MalformedTagError {
                throw InputError(file: stream.path, line: stream.lineNumber, error.message)
            }
            if k == 0 { ids.0 = tag } else { ids.1 = tag }
            var decoder = sides[k].decoder
            let kind = decoder.push(table.tagRoles[tag], type: table.tagTypes[tag], at: sentenceCount, into: &sides[k].chunks)
            sides[k].decoder = decoder
            if let kind { try violation(kind, side: k, tag: table.tagStrings[tag], line: stream.lineNumber) }
            sides[k].previousTag = tag
            lastTokenLine[s] = stream.lineNumber
        }
        if sides.count == 2 {
            if ids.0 < 64, ids.1 < 64 { pairCounts[ids.0 &* 64 &+ ids.1] &+= 1 } else { pairOverflow[ids.0 << 32 | ids.1, default: 0] += 1 }
        }
        sentenceCount += 1
    }

    mutating func violation(_ kind: TagViolation.Kind, side k: Int, tag: String, line: Int) throws {
        let file = sources[sides[k].source].path
        sides[k].violations.record(kind, file: file, line: line)
        if policy == .error {
            let previous = sides[k].previousTag >= 0 ? table.tagStrings[sides[k].previousTag] : "the sentence start"
            let message = TagViolation.explain(kind, tag: tag, previous: previous, scheme: scheme)
            throw InputError(file: file, line: line, message + " (--invalid error; use --invalid begin to repair as conlleval does, or discard)")
        }
    }

    mutating func endSentence() throws {
        guard sentenceCount > 0 else { return }
        for k in sides.indices {
            var decoder = sides[k].decoder
            let kind = decoder.finish(count: sentenceCount, into: &sides[k].chunks)
            sides[k].decoder = decoder
            if let kind { try violation(kind, side: k, tag: "the sentence end", line: lastTokenLine[sides[k].source]) }
            sides[k].previousTag = -1
            for c in sides[k].chunks {
                let start = sentenceScalars[2 * c.first], end = sentenceScalars[2 * c.last + 1]
                let b0 = sentenceBytes[2 * c.first], b1 = sentenceBytes[2 * c.last + 1]
                let surface = textBytes.withUnsafeBufferPointer {
                    String(decoding: UnsafeBufferPointer(rebasing: $0[b0..<b1]), as: UTF8.self)
                }
                sides[k].entities.append(EntitySpan(start: start, end: end, type: table.types[c.type], text: surface))
            }
            sides[k].chunks.removeAll(keepingCapacity: true)
        }
        sentenceScalars.removeAll(keepingCapacity: true)
        sentenceBytes.removeAll(keepingCapacity: true)
        sentenceCount = 0
    }

    mutating func endDocument() {
        guard !tokens.isEmpty else { return }
        let document = Document(id: "", text: String(decoding: textBytes, as: UTF8.self), tokens: tokens, sentenceStarts: sentenceStarts)
        for k in sides.indices {
            documents[k].append(AnnotatedDocument(document: document, entities: sides[k].entities))
            sides[k].entities = []
        }
        sentenceLines.append(lines)
        if sides.count == 2 {
            var pairs: [TagPair: Int] = [:]
            let n = min(table.tagStrings.count, 64)
            for g in 0..<n {
                for p in 0..<n where pairCounts[g * 64 + p] > 0 {
                    pairs[TagPair(gold: table.tagStrings[g], predicted: table.tagStrings[p])] = pairCounts[g * 64 + p]
                    pairCounts[g * 64 + p] = 0
                }
            }
            for (key, count) in pairOverflow {
                pairs[TagPair(gold: table.tagStrings[key >> 32], predicted: table.tagStrings[key & 0xFFFF_FFFF]), default: 0] += count
            }
            pairOverflow = [:]
            tagPairs.append(pairs)
        }
        textBytes.removeAll(keepingCapacity: true)
        tokens = []
        sentenceStarts = []
        lines = []
        scalarOffset = 0
    }

    mutating func finishIDs() {
        let base = CoNLLReader.baseName(sources[0].path)
        let count = documents[0].count
        for k in documents.indices {
            for i in documents[k].indices {
                documents[k][i].document.id = sawMarker || count > 1 ? "\(base)#\(i + 1)" : base
            }
        }
    }

    func pairedCorpus(goldFile: String, predictedFile: String) -> PairedCorpus {
        PairedCorpus(gold: documents[0], predicted: documents[1], tagPairs: tagPairs, sentenceLines: sentenceLines,
                     scheme: scheme, policy: policy, goldViolations: sides[0].violations,
                     predictedViolations: sides[1].violations, goldFile: goldFile, predictedFile: predictedFile)
    }
}
