/// A document: an identifier, its text, and (when known) its tokens.
///
/// Offsets everywhere in Mizan are Unicode scalar offsets into `text`. A document
/// read from a CoNLL file has `tokens`: its text is the tokens joined by single
/// spaces, each sentence on its own line, so every token has exact offsets.
public struct Document: Sendable, Hashable {
    public var id: String
    public var text: String
    /// Token boundaries when the source fixed them (CoNLL); `nil` for raw text.
    public var tokens: [TokenSpan]?
    /// Index into `tokens` where each sentence starts (CoNLL); empty otherwise.
    public var sentenceStarts: [Int]

    public init(id: String, text: String, tokens: [TokenSpan]? = nil, sentenceStarts: [Int] = []) {
        self.id = id
        self.text = text
        self.tokens = tokens
        self.sentenceStarts = sentenceStarts
    }

    /// The text as an array of scalars, for slicing by offsets. O(n).
    public var scalars: [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// The number of scalars in `text`. O(n).
    public var scalarCount: Int { text.unicodeScalars.count }
}

/// A token's position in its document: `[start, end)` in scalars.
public struct TokenSpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A document with a set of entity annotations (gold, or a system's output).
public struct AnnotatedDocument: Sendable, Hashable {
    public var document: Document
    public var entities: [EntitySpan]

    public init(document: Document, entities: [EntitySpan]) {
        self.document = document
        self.entities = entities
    }

    public var id: String { document.id }
}

extension Array where Element == Unicode.Scalar {
    /// The string made of scalars `[start, end)`, clamped to the array.
    public func string(from start: Int, to end: Int) -> String {
        let lo = Swift.max(0, Swift.min(start, count))
        let hi = Swift.max(lo, Swift.min(end, count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: self[lo..<hi])
        return String(s)
    }
}
