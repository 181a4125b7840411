import Foundation
import Testing

/// `mizan compare` as a user runs it: the built binary on a tiny corpus in a
/// temporary folder, the three reports, the run history, the exit status.
@Suite("mizan compare")
struct CompareCommandTests {
    let cli = ScoreCommandTests()

    /// Writes `text` to `dir/name`, creating folders on the way.
    @discardableResult
    func put(_ dir: String, _ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A corpus of six documents (four test, two train) in BRAT, with a splits
    /// file, two gazetteer configurations and their lists.
    func tinyCorpus() throws -> String {
        let dir = try cli.folder()
        let texts = [
            ("a1", "زار محمد علي دمشق أمس .", [("PER", "محمد علي"), ("LOC", "دمشق")]),
            ("a2", "وصلت ليلى حسن إلى بيروت .", [("PER", "ليلى حسن"), ("LOC", "بيروت")]),
            ("a3", "التقى سمير خليل في القاهرة ممثلي شركة النور .", [("PER", "سمير خليل"), ("LOC", "القاهرة"), ("ORG", "شركة النور")]),
            ("a4", "قال محمد علي إن بغداد آمنة .", [("PER", "محمد علي"), ("LOC", "بغداد")]),
            ("b1", "زارت ليلى حسن دمشق .", [("PER", "ليلى حسن"), ("LOC", "دمشق")]),
            ("b2", "وصل سمير خليل إلى بغداد .", [("PER", "سمير خليل"), ("LOC", "بغداد")]),
        ]
        for (id, text, entities) in texts {
            try put(dir, "corpus/\(id).txt", text)
            var ann = ""
            var searchFrom = text.startIndex
            for (k, (type, surface)) in entities.enumerated() {
                let range = text.range(of: surface, range: searchFrom..<text.endIndex)!
                let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                ann += "T\(k + 1)\t\(type) \(start) \(start + surface.unicodeScalars.count)\t\(surface)\n"
                searchFrom = range.upperBound
            }
            try put(dir, "gold/\(id).ann", ann)
        }
        try put(dir, "corpus/splits.yaml", "train: [b1, b2]\ndev: []\ntest: [a1, a2, a3, a4]\n")
        try put(dir, "lists/PER.txt", "محمد علي\nليلى حسن\nسمير خليل\n")
        try put(dir, "lists/LOC.txt", "دمشق\nبيروت\nالقاهرة\nبغداد\n")
        try put(dir, "configs/names.yaml", "description: People and places.\nstages:\n  - kind: gazetteer\n    lists:\n      PER: ../lists/PER.txt\n      LOC: ../lists/LOC.txt\n")
        try put(dir, "configs/places.yaml", "description: Places only.\nstages:\n  - kind: gazetteer\n    lists:\n      LOC: ../lists/LOC.txt\n")
        return dir
    }

    func arguments(_ dir: String, out: String, _ extra: [String]) -> [String] {
        ["compare", "--corpus", dir + "/corpus", "--gold", dir + "/gold", "--splits", dir + "/corpus/splits.yaml",
         "--config", dir + "/configs/places.yaml", "--config", dir + "/configs/names.yaml",
         "--out", out, "--repeat", "2", "--warmup", "1", "--jobs", "2"] + extra
    }

    @Test("writes the three reports, prints the summary, records the run")
    func endToEnd() throws {
        let dir = try tinyCorpus()
        let out = dir + "/reports"
        let history = dir + "/history.sqlite"
        let run = try cli.mizan(arguments(dir, out: out, ["--history", history]))
        #expect(run.status == 0, "\(run.stderr)")
        for name in ["comparison.xlsx", "report.txt", "results.json"] {
            #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
        }
        #expect(run.stdout.contains("Summary (CoNLL"))
        #expect(run.stdout.contains("names beats places by") || run.stdout.contains("no significant difference between names and places"))
        #expect(run.stdout.contains("recorded run"))
        #expect(run.stderr.isEmpty, "no progress when standard error is not a terminal: \(run.stderr)")

        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        #expect(json["schema"] as? String == "mizan.results/1")
        #expect(json["baseline"] as? String == "places")
        let data = try #require(json["data"] as? [String: Any])
        #expect(data["documents"] as? Int == 4)
        #expect(data["split"] as? String == "test")
        let competitors = try #require(json["competitors"] as? [[String: Any]])
        #expect(competitors.map { $0["name"] as? String } == ["places", "names"])
        let settings = try #require(json["settings"] as? [String: Any])
        #expect(settings["repeats"] as? Int == 2)
        #expect(settings["jobs"] as? Int == 2)

        // The run is in the history, and `mizan history` lists it.
        let listed = try cli.mizan(["history", "--history", history])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains(json["run"].flatMap { ($0 as? [String: Any])?["id"] as? String } ?? "?"))

        // A second run with --no-history leaves the history alone; --quiet prints nothing.
        let quiet = try cli.mizan(arguments(dir, out: out, ["--history", history, "--no-history", "--quiet"]))
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stdout.isEmpty)
        let again = try cli.mizan(["history", "--history", history])
        #expect(again.stdout.split(separator: "\n").count == listed.stdout.split(separator: "\n").count)
    }

    @Test("saved predictions as a competitor, a type map, and the baseline by name")
    func systemAndMap() throws {
        let dir = try tinyCorpus()
        // The gold annotations themselves, with PER renamed PERS, as an outside system.
        try FileManager.default.createDirectory(atPath: dir + "/saved", withIntermediateDirectories: true)
        for id in ["a1", "a2", "a3", "a4"] {
            let ann = try String(contentsOfFile: dir + "/gold/\(id).ann", encoding: .utf8).replacingOccurrences(of: "\tPER ", with: "\tPERS ")
            try put(dir, "saved/\(id).ann", ann)
        }
        let out = dir + "/reports"
        let run = try cli.mizan(arguments(dir, out: out, ["--no-history", "--system", "oracle=\(dir)/saved", "--map", "PERS=PER",
                                                          "--baseline", "oracle", "--types", "PER,LOC,ORG"]))
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/results.json"))) as? [String: Any])
        #expect(json["baseline"] as? String == "oracle")
        let oracle = try #require((json["competitors"] as? [[String: Any]])?.first { $0["name"] as? String == "oracle" })
        #expect(oracle["kind"] as? String == "system")
        let conll = try #require((oracle["schemes"] as? [[String: Any]])?.first)
        #expect((conll["overall"] as? [String: Any])?["f1"] as? Double == 1)
    }

    @Test("bad options are refused before anything runs", arguments: [
        (["--resamples", "10"], "--resamples must be at least 1000"),
        (["--repeat", "0"], "--repeat must be at least 1"),
        (["--system", "nopath"], "expected NAME=PATH"),
        (["--map", "PERS"], "expected FROM=TO"),
        (["--data", "/nonexistent/test.txt"], "no such file or folder"),
    ])
    func validation(extra: [String], message: String) throws {
        let dir = try tinyCorpus()
        let run = try cli.mizan(arguments(dir, out: dir + "/reports", extra + ["--no-history"]))
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/reports"))
    }

    @Test("a broken configuration stops the run with the file and reason, and writes no report")
    func brokenConfiguration() throws {
        let dir = try tinyCorpus()
        try put(dir, "configs/broken.yaml", "description: Broken.\nstages:\n  - kind: gazetteer\n    lists:\n      PER: ../lists/missing.txt\n")
        let run = try cli.mizan(["compare", "--corpus", dir + "/corpus", "--gold", dir + "/gold", "--splits", dir + "/corpus/splits.yaml",
                                 "--config", dir + "/configs/broken.yaml", "--out", dir + "/reports", "--no-history"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.yaml") && run.stderr.contains("missing.txt"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/reports/report.txt"))
    }
}
