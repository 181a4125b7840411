import Foundation
import Testing

/// `mizan score` run as a user runs it: the built binary, real files, stdout,
/// stderr and the exit status.
@Suite struct ScoreCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `mizan` executable beside the test runner (SwiftPM builds it for
    /// this target), or under .build/debug when run otherwise.
    static let binary: String = {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("mizan").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/mizan").path
    }()

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func mizan(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func write(_ folder: String, _ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func json(_ run: Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func conllevalBlockLayout() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = try write(dir, "gold.conll", "a B-PER\nb I-PER\nc O\nd B-LOC\n")
        let pred = try write(dir, "pred.conll", "a B-PER\nb I-PER\nc B-LOC\nd O\n")
        let run = try mizan(["score", "--gold", gold, "--pred", pred])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).map(String.init)
        #expect(lines == [
            "processed 4 tokens with 2 phrases; found: 2 phrases; correct: 1.",
            "accuracy:  50.00%; precision:  50.00%; recall:  50.00%; FB1:  50.00",
            "              LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  1",
            "              PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1",
        ])
        #expect(run.stdout.contains("tags: IOB2; invalid sequences: begin"))
        #expect(run.stdout.contains("confusion matrix"))
        #expect(run.stdout.contains("FN  gold:4  LOC [6, 7) \"d\"  missed"))
    }

    @Test func jsonReportHasTheDocumentedShape() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = try write(dir, "gold.conll", "a B-PERS\nb I-PERS\nc O\nd B-LOC\n")
        let pred = try write(dir, "pred.conll", "a B-PERS\nb O\nc B-LOC\nd I-LOC\n")
        let run = try mizan(["score", "--gold", gold, "--pred", pred, "--output", "json", "--scheme", "all", "--map", "PERS=PER"])
        #expect(run.status == 0)
        let report = try json(run)
        #expect(report["schema"] as? String == "mizan.score/1")
        #expect(report["scheme"] as? String == "all")
        #expect(report["accuracy"] as? Double == 0.25)
        let overall = try #require(report["overall"] as? [String: Any])
        for key in ["precision", "recall", "f1", "tp", "fp", "fn"] { #expect(overall[key] != nil, "overall.\(key)") }
        #expect(overall["tp"] as? Int == 0 && overall["fp"] as? Int == 2 && overall["fn"] as? Int == 2)
        let types = try #require(report["types"] as? [String: [String: Any]])
        #expect(Set(types.keys) == ["PER", "LOC"])
        for key in ["precision", "recall", "f1", "support", "tp", "fp", "fn"] { #expect(types["PER"]?[key] != nil, "types.PER.\(key)") }
        #expect(report["macro"] as? [String: Any] != nil && report["weighted"] as? [String: Any] != nil)
        let schemes = try #require(report["schemes"] as? [String: [String: Any]])
        #expect(Set(schemes.keys) == ["strict", "exact", "partial", "type"])
        let partial = try #require(schemes["partial"]?["overall"] as? [String: Any])
        for key in ["precision", "recall", "f1", "cor", "inc", "par", "mis", "spu"] { #expect(partial[key] != nil, "partial.\(key)") }
        #expect(partial["par"] as? Int == 2 && partial["precision"] as? Double == 0.5)
        #expect(schemes["type"]?["types"] as? [String: Any] != nil)
    }

    @Test func badInputFailsNamingFileAndLineAndWritesNothing() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = try write(dir, "gold.conll", "a B-PER\nb I-PER\n")
        let pred = try write(dir, "pred.conll", "a B-PER\nb\n")
        let report = dir + "/report.json"
        let run = try mizan(["score", "--gold", gold, "--pred", pred, "--report", report])
        #expect(run.status != 0)
        #expect(run.stderr.contains("\(pred):2: expected a token and a tag"))
        #expect(!FileManager.default.fileExists(atPath: report))

        let other = try write(dir, "other.conll", "a B-PER\nc I-PER\n")
        let mismatch = try mizan(["score", "--gold", gold, "--pred", other])
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr.contains("\(other):2: the token streams differ"))

        let missing = try mizan(["score", "--gold", dir + "/absent.conll", "--pred", pred])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("absent.conll: cannot read file"))

        let orphan = try write(dir, "orphan.conll", "a O\nb I-PER\n")
        let strict = try mizan(["score", "--gold", orphan, "--pred", orphan, "--invalid", "error"])
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("\(orphan):2: invalid IOB2 sequence: I-PER after O"))
    }

    @Test func reportFileIsWrittenAndOptionsAreValidated() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try write(dir, "eval.txt", "a B-PER B-PER\nb O B-LOC\n")
        let report = dir + "/out/report.json"
        let run = try mizan(["score", "--format", "conlleval", "--gold", file, "--output", "json", "--report", report])
        #expect(run.status == 0 && run.stdout.isEmpty)
        let written = try String(contentsOfFile: report, encoding: .utf8)
        #expect(written.contains("\"schema\": \"mizan.score/1\""))

        let both = try mizan(["score", "--format", "conlleval", "--gold", file, "--pred", file])
        #expect(both.status == 64)
        #expect(both.stderr.contains("drop --pred"))
        let badMap = try mizan(["score", "--gold", file, "--pred", file, "--map", "PERS"])
        #expect(badMap.status == 64)
        let badTags = try mizan(["score", "--gold", file, "--pred", file, "--tags", "bioes2"])
        #expect(badTags.status == 64)
    }

    @Test func typesFilterReportsExcludedEntities() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = try write(dir, "eval.txt", "a B-PER B-PER\nb B-MISC O\nc O B-MISC\n")
        let run = try mizan(["score", "--format", "conlleval", "--gold", file, "--types", "PER", "--output", "json"])
        let report = try json(run)
        let excluded = try #require(report["excluded"] as? [String: [String: Int]])
        #expect(excluded["gold"] == ["MISC": 1] && excluded["predicted"] == ["MISC": 1])
        #expect((report["overall"] as? [String: Any])?["f1"] as? Double == 1.0)
    }

    @Test func bratAndJSONLPredictionsAgainstConllGold() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gold = try write(dir, "news.conll", "قال O\nلافروف B-PER\n\nفي O\nجنيف B-LOC\n")
        // Gold text is "قال لافروف\nفي جنيف"; the system marks part of the first name.
        _ = try write(dir, "sys.jsonl", #"{"id": "news", "text": "قال لافروف\nفي جنيف", "entities": [{"start": 4, "end": 7, "type": "PER"}, {"start": 14, "end": 18, "type": "LOC"}]}"# + "\n")
        let run = try mizan(["score", "--gold", gold, "--pred", dir + "/sys.jsonl", "--pred-format", "jsonl", "--output", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let overall = try #require(try json(run)["overall"] as? [String: Any])
        #expect(overall["tp"] as? Int == 2)

        let bratDir = dir + "/brat"
        try FileManager.default.createDirectory(atPath: bratDir, withIntermediateDirectories: true)
        _ = try write(bratDir, "news.txt", "قال لافروف\nفي جنيف")
        _ = try write(bratDir, "news.ann", "T1\tPER 4 10\tلافروف\n")
        let brat = try mizan(["score", "--gold", gold, "--pred", bratDir, "--pred-format", "brat", "--output", "json"])
        let o = try #require(try json(brat)["overall"] as? [String: Any])
        #expect(o["tp"] as? Int == 1 && o["fn"] as? Int == 1)

        let wrongID = try write(dir, "other.jsonl", #"{"id": "other", "text": "x", "entities": []}"# + "\n")
        let failed = try mizan(["score", "--gold", gold, "--pred", wrongID, "--pred-format", "jsonl"])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("document \"news\" is in the gold set but not in the predictions"))
    }

    @Test func bratAnnotationsApartFromTheirTexts() throws {
        // The bundled corpus layout: texts in one folder, gold .ann in another,
        // predictions (.ann only, as `mizan extract` writes them) in a third.
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for sub in ["corpus", "gold", "pred"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        _ = try write(dir + "/corpus", "a.txt", "زار ماكرون بيروت أمس.\n")
        _ = try write(dir + "/gold", "a.ann", "T1\tPER 4 10\tماكرون\nT2\tLOC 11 16\tبيروت\n")
        _ = try write(dir + "/pred", "a.ann", "T1\tLOC 11 16\tبيروت\nT2\tDATE 17 20\tأمس\n")
        let run = try mizan(["score", "--format", "brat", "--texts", dir + "/corpus", "--gold", dir + "/gold",
                             "--pred", dir + "/pred", "--output", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let overall = try #require(try json(run)["overall"] as? [String: Any])
        #expect(overall["tp"] as? Int == 1 && overall["fp"] as? Int == 1 && overall["fn"] as? Int == 1)

        let without = try mizan(["score", "--format", "brat", "--gold", dir + "/gold", "--pred", dir + "/pred"])
        #expect(without.status != 0)
        #expect(without.stderr.contains("annotation file without its text"))
    }

    @Test func anercorpScoredAgainstItselfIsPerfect() throws {
        let path = Self.packageRoot.appendingPathComponent("../shared/data/anercorp/ANERCorp_CamelLab_test.txt").standardized.path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping: \(path) is absent (ANERcorp lives in ../shared/data beside the package)")
            return
        }
        let run = try mizan(["score", "--gold", path, "--pred", path, "--output", "json", "--scheme", "all"])
        #expect(run.status == 0)
        let report = try json(run)
        let overall = try #require(report["overall"] as? [String: Any])
        #expect(overall["f1"] as? Double == 1.0 && overall["tp"] as? Int == 2285)
        #expect(report["accuracy"] as? Double == 1.0)
        #expect(report["tokens"] as? Int == 25008)
        let schemes = try #require(report["schemes"] as? [String: [String: Any]])
        for (_, scheme) in schemes { #expect((scheme["overall"] as? [String: Any])?["f1"] as? Double == 1.0) }
    }
}
