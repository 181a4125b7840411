import Corpus
import Scoring

/// A competitor's tp/fp/fn per document and entity type, under one scheme: the
/// material of paired significance tests between two runs on the same corpus.
///
/// Invariant: only non-zero counts are kept; a document or type that is absent
/// has zero counts. (Most documents hold few entities, so this keeps stored runs
/// small, and it makes two equal tables compare equal however they were built.)
///
/// In JSON a table is `{"document": {"LOC": [tp, fp, fn], ...}, ...}`.
public struct DocumentCounts: Hashable, Sendable, Codable {
    public private(set) var byDocument: [String: [EntityType: Counts]]

    public init() { byDocument = [:] }

    /// Builds the table, dropping zero counts and documents left empty.
    public init(_ byDocument: [String: [EntityType: Counts]]) {
        self.byDocument = [:]
        for (document, types) in byDocument {
            for (type, counts) in types { add(counts, document: document, type: type) }
        }
    }

    public var isEmpty: Bool { byDocument.isEmpty }

    /// Documents with at least one non-zero count, sorted.
    public var documents: [String] { byDocument.keys.sorted() }

    /// Every type that occurs in the table, sorted.
    public var types: [EntityType] {
        Set(byDocument.values.flatMap(\.keys)).sorted()
    }

    /// The counts of `type` in `document`, or the sum over types when `type` is nil.
    public func counts(document: String, type: EntityType?) -> Counts {
        guard let row = byDocument[document] else { return .zero }
        if let type { return row[type] ?? .zero }
        return row.values.reduce(into: Counts.zero) { $0 += $1 }
    }

    /// Adds `counts` to a document's type. O(1).
    public mutating func add(_ counts: Counts, document: String, type: EntityType) {
        let sum = (byDocument[document]?[type] ?? .zero) + counts
        if sum == .zero {
            byDocument[document]?[type] = nil
            if byDocument[document]?.isEmpty == true { byDocument[document] = nil }
        } else {
            byDocument[document, default: [:]][type] = sum
        }
    }

    /// The corpus total of `type` (or of all types when nil). O(documents).
    public func total(type: EntityType?) -> Counts {
        byDocument.keys.reduce(into: Counts.zero) { $0 += counts(document: $1, type: type) }
    }

    /// The two tables' counts of `type` (all types when nil), paired by document
    /// over the union of their documents, in document order. O(d log d).
    public static func paired(_ a: DocumentCounts, _ b: DocumentCounts, type: EntityType?)
        -> (a: [Counts], b: [Counts], documents: [String]) {
        let documents = Set(a.byDocument.keys).union(b.byDocument.keys).sorted()
        return (documents.map { a.counts(document: $0, type: type) },
                documents.map { b.counts(document: $0, type: type) },
                documents)
    }

    /// The table as text, one line per document and type with non-zero counts:
    /// `document TAB type TAB tp TAB fp TAB fn`, documents and types sorted;
    /// a tab, line feed, carriage return or backslash in a name is written
    /// `\t`, `\n`, `\r`, `\\`. The history database stores counts this way: it is
    /// a third smaller than the JSON form and written and read an order of
    /// magnitude faster than through `JSONEncoder`/`JSONDecoder`. O(n log n).
    public var tabSeparated: String {
        var out = ""
        out.reserveCapacity(byDocument.count * 40)
        for document in byDocument.keys.sorted() {
            let row = byDocument[document]!
            let name = Self.escape(document)
            for type in row.keys.sorted() {
                let c = row[type]!
                out += name; out += "\t"; out += Self.escape(type.name); out += "\t"
                out += String(c.tp); out += "\t"; out += String(c.fp); out += "\t"; out += String(c.fn); out += "\n"
            }
        }
        return out
    }

    /// Reads `tabSeparated` text.
    ///
    /// - Throws: `DocumentCounts.FormatError` naming the line that is not
    ///   five fields with three non-negative integers.
    public init(tabSeparated text: String) throws {
        self.init()
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            lineNumber += 1
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 5, let tp = Int(fields[2]), let fp = Int(fields[3]), let fn = Int(fields[4]),
                  tp >= 0, fp >= 0, fn >= 0 else {
                throw FormatError(line: lineNumber, text: String(line))
            }
            add(Counts(tp: tp, fp: fp, fn: fn), document: Self.unescape(fields[0]), type: EntityType(Self.unescape(fields[1])))
        }
    }

    /// A line of `tabSeparated` text that cannot be read.
    public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        /// The line, cut to its first 80 characters.
        public var text: String

        public init(line: Int, text: String) {
            self.line = line
            self.text = text.count > 80 ? String(text.prefix(80)) + "..." : text
        }

        public var description: String {
            "per-document counts, line \(line): expected document, type, tp, fp, fn separated by tabs, found '\(text)'"
        }
    }

    private static func escape(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return name }
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var out = ""
        var escaped = false
        for scalar in field.unicodeScalars {
            if escaped {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                default: out.unicodeScalars.append(scalar)
                }
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: [String: [Int]]].self)
        var table = DocumentCounts()
        for (document, types) in raw {
            for (type, triple) in types {
                guard triple.count == 3, triple.allSatisfy({ $0 >= 0 }) else {
                    throw DecodingError.dataCorrupted(.init(
                        codingPath: decoder.codingPath,
                        debugDescription: "document \(document), type \(type): counts must be [tp, fp, fn] of non-negative integers, found \(triple)"))
                }
                table.add(Counts(tp: triple[0], fp: triple[1], fn: triple[2]), document: document, type: EntityType(type))
            }
        }
        self = table
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(byDocument.mapValues { row in
            Dictionary(uniqueKeysWithValues: row.map { ($0.key.name, [$0.value.tp, $0.value.fp, $0.value.fn]) })
        })
    }
}
