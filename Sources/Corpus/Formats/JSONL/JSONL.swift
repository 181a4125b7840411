import Foundation

/// JSON Lines: one document a line,
/// `{"id": "...", "text": "...", "entities": [{"start": 0, "end": 6, "type": "PER"}]}`.
/// Offsets are Unicode scalar offsets into `text`; an entity's `text`, when
/// present, must equal the slice it names.
public enum JSONL {
    struct Line: Codable {
        var id: String
        var text: String
        var entities: [Entity]?
    }
    struct Entity: Codable {
        var start: Int
        var end: Int
        var type: String
        var text: String?
    }

    public static func read(path: String) throws -> [AnnotatedDocument] {
        try parse(try TextFile.read(path), file: path)
    }

    public static func parse(_ content: String, file: String) throws -> [AnnotatedDocument] {
        var documents: [AnnotatedDocument] = []
        var seen: [String: Int] = [:]
        let decoder = JSONDecoder()
        var lineNumber = 0
        for raw in content.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if raw.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let line: Line
            do {
                line = try decoder.decode(Line.self, from: Data(raw.utf8))
            } catch let DecodingError.keyNotFound(key, _) {
                throw InputError(file: file, line: lineNumber, "missing key \"\(key.stringValue)\"")
            } catch let DecodingError.typeMismatch(_, context) {
                throw InputError(file: file, line: lineNumber, "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
            } catch {
                throw InputError(file: file, line: lineNumber, "not a JSON object")
            }
            if let previous = seen[line.id] {
                throw InputError(file: file, line: lineNumber, "duplicate document id \"\(line.id)\" (first on line \(previous))")
            }
            seen[line.id] = lineNumber
            let scalars = Array(line.text.unicodeScalars)
            var entities: [EntitySpan] = []
            for (i, e) in (line.entities ?? []).enumerated() {
                guard e.start >= 0, e.start < e.end, e.end <= scalars.count else {
                    throw InputError(file: file, line: lineNumber, "entity \(i + 1) span \(e.start)-\(e.end) is empty or outside the text (\(scalars.count) characters)")
                }
                let surface = scalars.string(from: e.start, to: e.end)
                if let stated = e.text, stated != surface {
                    throw InputError(file: file, line: lineNumber, "entity \(i + 1) text \"\(stated)\" does not match the text at \(e.start)-\(e.end): \"\(surface)\"")
                }
                entities.append(EntitySpan(start: e.start, end: e.end, type: EntityType(e.type), text: surface))
            }
            documents.append(AnnotatedDocument(document: Document(id: line.id, text: line.text), entities: entities))
        }
        return documents
    }

    /// One line per document, keys in a stable order.
    public static func render(_ documents: [AnnotatedDocument]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = ""
        for d in documents {
            let line = Line(id: d.id, text: d.document.text, entities: d.entities.sorted().map {
                Entity(start: $0.start, end: $0.end, type: $0.type.name, text: $0.text)
            })
            out += String(decoding: try encoder.encode(line), as: UTF8.self)
            out += "\n"
        }
        return out
    }
}
