import Corpus
import Foundation
import Harness

/// A small synthetic news corpus with gold annotations, and gazetteer
/// configurations of known strength over it:
///
/// - `strong`: people and places listed, so it finds every PER and LOC;
/// - `weak`: places only, so it misses every person;
/// - `strong-copy`: the same lists as `strong` under another name (identical output).
///
/// No configuration lists organizations, so ORG is always missed. Documents
/// are generated from a seeded generator, so every test sees the same corpus.
enum ComparisonFixture {
    static let people = ["محمد علي", "ليلى حسن", "سمير خليل", "نادية يوسف", "كريم سعيد", "هدى منصور"]
    static let places = ["دمشق", "بيروت", "القاهرة", "بغداد", "تونس", "الرباط"]
    static let organizations = ["شركة النور", "جمعية الأمل", "بنك الشرق"]

    /// A sentence template: words, with `{PER}`, `{LOC}`, `{ORG}` slots.
    static let templates = [
        "التقى {PER} في {LOC} مع ممثلي {ORG} .",
        "وصل {PER} إلى {LOC} صباح أمس .",
        "قال {PER} إن الوضع في {LOC} مستقر .",
        "أعلنت {ORG} عن مشروع جديد .",
        "وتحدث الوزير عن الاقتصاد والتعليم .",
    ]

    struct Generator {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    /// A sentence as tokens with their gold types (B-/I- tags).
    static func sentence(_ g: inout Generator, goldType person: String = "PER") -> [(token: String, tag: String)] {
        var out: [(String, String)] = []
        for word in templates[g.next(templates.count)].split(separator: " ") {
            let (names, type): ([String], String)
            switch word {
            case "{PER}": (names, type) = (people, person)
            case "{LOC}": (names, type) = (places, "LOC")
            case "{ORG}": (names, type) = (organizations, "ORG")
            default:
                out.append((String(word), "O"))
                continue
            }
            let name = names[g.next(names.count)]
            for (i, part) in name.split(separator: " ").enumerated() {
                out.append((String(part), (i == 0 ? "B-" : "I-") + type))
            }
        }
        return out
    }

    /// Documents of `sentences` sentences each, as text with gold entities (no tokens).
    static func documents(count: Int, sentences: Int = 6, seed: UInt64 = 11) -> [AnnotatedDocument] {
        var g = Generator(state: seed)
        return (0..<count).map { d in
            var text = ""
            var offset = 0
            var entities: [EntitySpan] = []
            for s in 0..<sentences {
                if s > 0 { text += "\n"; offset += 1 }
                var open: (start: Int, type: String, words: [String])?
                func close() {
                    if let o = open {
                        let surface = o.words.joined(separator: " ")
                        entities.append(EntitySpan(start: o.start, end: o.start + surface.unicodeScalars.count, type: EntityType(o.type), text: surface))
                        open = nil
                    }
                }
                for (t, (token, tag)) in sentence(&g).enumerated() {
                    if t > 0 { text += " "; offset += 1 }
                    if tag.hasPrefix("I-") {
                        open?.words.append(token)
                    } else {
                        close()
                        if tag.hasPrefix("B-") { open = (offset, String(tag.dropFirst(2)), [token]) }
                    }
                    text += token
                    offset += token.unicodeScalars.count
                }
                close()
            }
            let id = "doc-" + String(format: "%02d", d + 1)
            return AnnotatedDocument(document: Document(id: id, text: text), entities: entities)
        }
    }

    static func data(count: Int = 24) -> EvaluationData {
        EvaluationData(documents: documents(count: count), format: .jsonl, description: "synthetic corpus", paths: ["memory"])
    }

    /// One CoNLL document (no -DOCSTART-) of `sentences` sentences, persons tagged PERS as ANERcorp does.
    static func conllText(sentences: Int, seed: UInt64 = 5) -> String {
        var g = Generator(state: seed)
        var out = ""
        for _ in 0..<sentences {
            for (token, tag) in sentence(&g, goldType: "PERS") { out += "\(token) \(tag)\n" }
            out += "\n"
        }
        return out
    }

    /// A folder with the lists and the three configurations; returns its path.
    static func folder(extra: [String: String] = [:]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-comparison-\(UUID().uuidString)").path
        var files: [String: String] = [
            "lists/PER.txt": people.joined(separator: "\n") + "\n",
            "lists/LOC.txt": places.joined(separator: "\n") + "\n",
            "configs/strong.yaml": """
                description: People and places listed.
                stages:
                  - kind: gazetteer
                    lists:
                      PER: ../lists/PER.txt
                      LOC: ../lists/LOC.txt
                """,
            "configs/strong-copy.yaml": """
                description: The same lists as strong.
                stages:
                  - kind: gazetteer
                    lists:
                      PER: ../lists/PER.txt
                      LOC: ../lists/LOC.txt
                """,
            "configs/weak.yaml": """
                description: Places only.
                stages:
                  - kind: gazetteer
                    lists:
                      LOC: ../lists/LOC.txt
                """,
        ]
        for (k, v) in extra { files[k] = v }
        for (name, content) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// Settings light enough for unit tests (still 1,000 resamples).
    static func settings(jobs: Int = 1) -> ComparisonSettings {
        var s = ComparisonSettings()
        s.plan = RepeatPlan(warmups: 0, repeats: 2)
        s.jobs = jobs
        s.resamples = 1000
        s.pairedTrials = 2000
        return s
    }

    static let context = RunContext(mizanVersion: "test", arguments: ["compare"])
}
