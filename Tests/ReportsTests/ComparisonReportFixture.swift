import Corpus
import Foundation
import Harness

/// A real comparison to report on: three gazetteer configurations over a small
/// generated Arabic corpus, plus an outside system that found only places.
/// `strong` lists people and places, `weak` places only, `noisy` also lists
/// a common word as a person (spurious entities); nothing lists organizations.
enum ComparisonReportFixture {
    static let people = ["محمد علي", "ليلى حسن", "سمير خليل", "نادية يوسف"]
    static let places = ["دمشق", "بيروت", "القاهرة", "بغداد", "الرباط"]
    static let organizations = ["شركة النور", "جمعية الأمل"]
    static let templates = [
        "التقى {PER} في {LOC} مع ممثلي {ORG} .",
        "وصل {PER} إلى {LOC} صباح أمس .",
        "أعلنت {ORG} عن مشروع جديد في {LOC} .",
        "وتحدث الوزير عن الاقتصاد .",
    ]

    static func documents(count: Int) -> [AnnotatedDocument] {
        var state: UInt64 = 3
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        return (0..<count).map { d in
            var text = ""
            var entities: [EntitySpan] = []
            for s in 0..<5 {
                if s > 0 { text += "\n" }
                for (w, word) in templates[next(templates.count)].split(separator: " ").enumerated() {
                    if w > 0 { text += " " }
                    let type: String
                    let names: [String]
                    switch word {
                    case "{PER}": (type, names) = ("PER", people)
                    case "{LOC}": (type, names) = ("LOC", places)
                    case "{ORG}": (type, names) = ("ORG", organizations)
                    default:
                        text += word
                        continue
                    }
                    let name = names[next(names.count)]
                    let start = text.unicodeScalars.count
                    text += name
                    entities.append(EntitySpan(start: start, end: start + name.unicodeScalars.count, type: EntityType(type), text: name))
                }
            }
            return AnnotatedDocument(document: Document(id: "news-\(d + 1)", text: text), entities: entities)
        }
    }

    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-report-\(UUID().uuidString)").path
        let files: [String: String] = [
            "lists/PER.txt": people.joined(separator: "\n") + "\n",
            "lists/LOC.txt": places.joined(separator: "\n") + "\n",
            "lists/noise.txt": "الوزير\n",
            "configs/strong.yaml": "description: People and places.\nstages:\n  - kind: gazetteer\n    lists:\n      PER: ../lists/PER.txt\n      LOC: ../lists/LOC.txt\n",
            "configs/weak.yaml": "description: Places only.\nstages:\n  - kind: gazetteer\n    lists:\n      LOC: ../lists/LOC.txt\n",
            "configs/noisy.yaml": "description: People, places and a common word as a person.\nstages:\n  - kind: gazetteer\n    lists:\n      PER: [../lists/PER.txt, ../lists/noise.txt]\n      LOC: ../lists/LOC.txt\n",
        ]
        for (name, content) in files {
            let path = (dir as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The comparison, run once per test process.
    static func results(documents count: Int = 20) throws -> (results: ComparisonResults, folder: String) {
        let folder = try folder()
        let documents = documents(count: count)
        try FileManager.default.createDirectory(atPath: folder + "/places", withIntermediateDirectories: true)
        for d in documents {
            try BRAT.renderAnnotations(d.entities.filter { $0.type == "LOC" })
                .write(toFile: folder + "/places/\(d.id).ann", atomically: true, encoding: .utf8)
        }
        var settings = ComparisonSettings()
        settings.plan = RepeatPlan(warmups: 1, repeats: 2)
        settings.jobs = 2
        settings.pairedTrials = 2000
        let data = EvaluationData(documents: documents, format: .jsonl, description: "generated news", paths: ["memory"])
        let results = try Comparison(settings: settings).run(
            data: data,
            competitors: ["weak", "strong", "noisy"].map { .configuration(path: folder + "/configs/\($0).yaml") }
                + [.system(name: "places-only", path: folder + "/places", format: .brat)],
            context: RunContext(mizanVersion: "test", arguments: ["compare"]))
        return (results, folder)
    }
}
