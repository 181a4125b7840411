import Corpus

/// Collects a document's CoNLL-scheme errors from the alignment, then renders
/// the first few with their context.
struct ErrorCollector: AlignmentObserver {
    struct Item {
        var kind: EntityError.Kind
        var category: EntityError.Category
        var mention: Mention
        var partner: Mention?
    }

    var items: [Item] = []

    mutating func pair(gold: Mention, predicted: Mention, relation: PairRelation) {
        let category: EntityError.Category
        switch relation {
        case .exactSameType: return
        case .exactOtherType: category = .wrongType
        case .overlapSameType: category = .wrongBoundary
        case .overlapOtherType: category = .wrongBoth
        }
        items.append(Item(kind: .falseNegative, category: category, mention: gold, partner: predicted))
        items.append(Item(kind: .falsePositive, category: category, mention: predicted, partner: gold))
    }

    mutating func missed(_ gold: Mention) {
        items.append(Item(kind: .falseNegative, category: .missed, mention: gold, partner: nil))
    }

    mutating func spurious(_ predicted: Mention) {
        items.append(Item(kind: .falsePositive, category: .spurious, mention: predicted, partner: nil))
    }

    /// Errors with surface text, line and context. One pass over the text.
    static func render(_ items: ArraySlice<Item>, gold: AnnotatedDocument, predicted: AnnotatedDocument,
                       types: [EntityType], lines: [Int]?, contextWidth: Int) -> [EntityError] {
        let text = gold.document.text
        var offsets: [Int] = []
        for item in items {
            offsets += [max(0, item.mention.start - contextWidth), item.mention.start, item.mention.end, item.mention.end + contextWidth]
            if let p = item.partner { offsets += [p.start, p.end] }
        }
        let index = ScalarIndex(text, offsets: offsets)
        func slice(_ a: Int, _ b: Int) -> String {
            String(text.unicodeScalars[index[a]..<index[b]]).replacingNewlines()
        }
        func span(_ m: Mention, goldSide: Bool) -> EntitySpan {
            let original = (goldSide ? gold : predicted).entities[m.index]
            let surface = original.start == m.start && original.end == m.end ? original.text : slice(m.start, m.end)
            return EntitySpan(start: m.start, end: m.end, type: types[m.type], text: surface)
        }
        return items.map { item in
            let goldSide = item.kind == .falseNegative
            let m = item.mention
            return EntityError(
                document: gold.id, kind: item.kind, category: item.category,
                entity: span(m, goldSide: goldSide),
                partner: item.partner.map { span($0, goldSide: !goldSide) },
                line: lines.flatMap { line(of: m.start, document: gold.document, lines: $0) },
                leftContext: slice(max(0, m.start - contextWidth), m.start),
                rightContext: slice(m.end, m.end + contextWidth))
        }
    }

    /// The file line of the token starting at or containing `offset`.
    static func line(of offset: Int, document: Document, lines: [Int]) -> Int? {
        guard let tokens = document.tokens, !tokens.isEmpty else { return nil }
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tokens.count else { return nil }
        let starts = document.sentenceStarts
        var a = 0, b = starts.count
        while a < b {
            let mid = (a + b) / 2
            if starts[mid] <= lo { a = mid + 1 } else { b = mid }
        }
        let sentence = a - 1
        guard sentence >= 0, sentence < lines.count else { return nil }
        return lines[sentence] + (lo - starts[sentence])
    }
}

/// String indices for a set of scalar offsets, found in one forward pass;
/// offsets past the end map to the end.
struct ScalarIndex {
    var indices: [Int: String.UnicodeScalarView.Index] = [:]
    let end: String.UnicodeScalarView.Index

    init(_ text: String, offsets: [Int]) {
        let scalars = text.unicodeScalars
        end = scalars.endIndex
        var i = scalars.startIndex
        var position = 0
        for o in Set(offsets).sorted() {
            while position < o, i != scalars.endIndex {
                scalars.formIndex(after: &i)
                position += 1
            }
            indices[o] = i
        }
    }

    subscript(_ offset: Int) -> String.UnicodeScalarView.Index { indices[offset] ?? end }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
