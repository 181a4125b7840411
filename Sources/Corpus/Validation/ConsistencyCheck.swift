/// Finds annotation inconsistencies across a corpus: the same surface string
/// annotated with different types, or annotated in one place and left
/// unannotated in another (matched on whole tokens).
///
/// Some cases are right (عمان is LOC for both Oman and Amman; أمل is a name in
/// one sentence and a noun in the next); the check lists them so that a person
/// resolves each or justifies it in the guidelines. O(tokens + mentions).
public struct ConsistencyCheck: Sendable {
    public struct Occurrence: Sendable, Hashable {
        public var document: String
        public var start: Int
        public var end: Int
        /// The annotated type, or `nil` where the string is not annotated.
        public var type: EntityType?
    }

    public struct Case: Sendable, Hashable {
        public var surface: String
        public var occurrences: [Occurrence]
        public var types: [EntityType: Int] {
            occurrences.reduce(into: [:]) { counts, o in if let t = o.type { counts[t, default: 0] += 1 } }
        }
        public var unannotated: Int { occurrences.filter { $0.type == nil }.count }
        public var isTypeConflict: Bool { types.count > 1 }
    }

    public init() {}

    public func run(_ documents: [AnnotatedDocument]) -> [Case] {
        struct Tok { var text: String; var span: TokenSpan }
        var tokensByDoc: [[Tok]] = []
        var index: [String: [(doc: Int, pos: Int)]] = [:]
        for (d, doc) in documents.enumerated() {
            let scalars = doc.document.scalars
            let toks = WordTokens.spans(in: scalars).map { Tok(text: scalars.string(from: $0.start, to: $0.end), span: $0) }
            for (p, t) in toks.enumerated() { index[t.text, default: []].append((d, p)) }
            tokensByDoc.append(toks)
        }
        // Surfaces as token sequences, with the annotations that carry them.
        var surfaces: [[String]: [Occurrence]] = [:]
        for doc in documents {
            for e in doc.entities {
                let words = WordTokens.spans(in: Array(e.text.unicodeScalars)).map { Array(e.text.unicodeScalars).string(from: $0.start, to: $0.end) }
                guard !words.isEmpty else { continue }
                surfaces[words, default: []].append(Occurrence(document: doc.id, start: e.start, end: e.end, type: e.type))
            }
        }
        var annotatedRanges: [Int: Set<Int>] = [:]  // doc -> starts of annotated spans
        var spansByDoc: [Int: [(Int, Int)]] = [:]
        for (d, doc) in documents.enumerated() {
            annotatedRanges[d] = Set(doc.entities.map(\.start))
            spansByDoc[d] = doc.entities.map { ($0.start, $0.end) }
        }
        var cases: [Case] = []
        for (words, annotated) in surfaces {
            var occurrences = annotated
            for (d, p) in index[words[0]] ?? [] {
                let toks = tokensByDoc[d]
                guard p + words.count <= toks.count,
                      (0..<words.count).allSatisfy({ toks[p + $0].text == words[$0] }) else { continue }
                let start = toks[p].span.start, end = toks[p + words.count - 1].span.end
                // Covered by any annotation (this one or a longer one): not a miss.
                if spansByDoc[d]!.contains(where: { $0.0 <= start && end <= $0.1 }) { continue }
                occurrences.append(Occurrence(document: documents[d].id, start: start, end: end, type: nil))
            }
            let c = Case(surface: words.joined(separator: " "), occurrences: occurrences)
            if c.isTypeConflict || c.unannotated > 0 { cases.append(c) }
        }
        return cases.sorted { ($0.occurrences.count, $1.surface) > ($1.occurrences.count, $0.surface) }
    }
}
