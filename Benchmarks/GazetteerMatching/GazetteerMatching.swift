// Gazetteer matching: the longest-match walk of a token trie over normalized
// tokens, first tokens with proclitics included (Extraction's Gazetteer.layer),
// and compiling name lists into that trie (Configuration.load of a gazetteer
// configuration).
//
// Input, all generated here with fixed seeds and written to a folder in the
// temporary directory (never the repository's lists, so that editing gazetteers/
// does not move these figures):
// - name lists of PER, LOC, ORG and MISC entries of 1–4 made-up Arabic words:
//   a small set (500 entries a type, about the size of the bundled lists) and a
//   large one (25,000 a type) that contains the small one;
// - 100 documents of about 1,000 tokens in which one position in ten starts an
//   entry of the small set, a third of them with a proclitic on the first word
//   (وحلب، بحلب، لحلب، وبحلب، ولحلب), and some start an entry that is not finished
//   (a near miss the walk must abandon).
// Both gazetteers therefore find the same matches in the same text: the
// difference in time between the two sizes is the cost of a larger trie.
//
// Run from Benchmarks/: swift package benchmark --target GazetteerMatching
import Benchmark
import BenchmarkSupport
import Corpus
import Extraction
import Foundation

/// Seeded name lists and text that mentions them.
struct GeneratedGazetteer {
    static let types = ["PER", "LOC", "ORG", "MISC"]
    static let letters = Array("ابتثجحخدذرسشصضطظعغفقكلمنهويةءأإآى".unicodeScalars)
    static let proclitics = ["و", "ب", "ل", "وب", "ول"]

    /// Entries per type, in generation order.
    var entries: [[String]] = []

    init(perType: Int, seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var seen = Set<String>()
        for _ in Self.types {
            var list: [String] = []
            while list.count < perType {
                let words = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4][random.below(10)]
                let entry = (0..<words).map { _ in Self.word(&random) }.joined(separator: " ")
                if seen.insert(entry).inserted { list.append(entry) }
            }
            entries.append(list)
        }
    }

    static func word(_ random: inout SeededRandom) -> String {
        var s = String.UnicodeScalarView()
        // A first letter that is not a proclitic letter, so that a generated name is
        // never itself a clitic reading of another.
        repeat { s = String.UnicodeScalarView([random.pick(letters)]) } while "وفبكل".unicodeScalars.contains(s.first!)
        for _ in 0..<(2 + random.below(5)) { s.append(random.pick(letters)) }
        return String(s)
    }

    /// Writes the lists and a configuration using them (clitics on) to `folder`;
    /// returns the configuration's path. Entries per type: the first `perType`.
    func write(to folder: String, perType: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var yaml = "description: generated lists (\(perType) entries a type)\nmerge: priority\nstages:\n  - kind: gazetteer\n    clitics: true\n    lists:\n"
        for (k, type) in Self.types.enumerated() {
            let text = entries[k].prefix(perType).joined(separator: "\n") + "\n"
            try text.write(toFile: "\(folder)/\(type).txt", atomically: true, encoding: .utf8)
            yaml += "      \(type): \(type).txt\n"
        }
        let path = "\(folder)/gazetteer.yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A document of about `tokens` tokens mentioning entries among the first
    /// `perType` of each type.
    func document(tokens: Int, perType: Int, random: inout SeededRandom) -> String {
        var out: [String] = []
        var sentence = 0
        let sentenceLength = { (r: inout SeededRandom) in 10 + r.below(21) }
        var length = sentenceLength(&random)
        while out.count < tokens {
            let roll = random.below(100)
            if roll < 10 {
                var words = entries[random.below(Self.types.count)][random.below(perType)].split(separator: " ").map(String.init)
                if random.chance(0.33) { words[0] = random.pick(Self.proclitics) + words[0] }
                out += words
                sentence += words.count
            } else if roll < 12 {
                // A near miss: the first word of a multi-word entry, then something else.
                let entry = entries[random.below(Self.types.count)][random.below(perType)]
                if entry.contains(" ") {
                    out.append(String(entry.split(separator: " ")[0]))
                    sentence += 1
                }
            } else {
                out.append(random.pick(ArabicNewsText.common))
                sentence += 1
            }
            if sentence >= length {
                out[out.count - 1] += "."
                sentence = 0
                length = sentenceLength(&random)
            }
        }
        return out.joined(separator: " ") + "."
    }
}

let benchmarks: @Sendable () -> Void = {
    let small = 500, large = 25_000
    let lists = GeneratedGazetteer(perType: large, seed: 11)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-bench-gazetteer-seed11").path
    let smallConfig = try! lists.write(to: folder + "/small", perType: small)
    let largeConfig = try! lists.write(to: folder + "/large", perType: large)
    let smallExtractor = try! Configuration.load(path: smallConfig)
    let largeExtractor = try! Configuration.load(path: largeConfig)

    var random = SeededRandom(seed: 12)
    let documents = (0..<100).map { Document(id: "doc\($0)", text: lists.document(tokens: 1_000, perType: small, random: &random)) }

    for (name, extractor) in [("gazetteer-match-2k-entries", smallExtractor), ("gazetteer-match-100k-entries", largeExtractor)] {
        // Analysis (tokens, normalized forms, vocabulary ids, clitic readings) is
        // done once here: the benchmark measures the trie walk alone.
        let analyses = documents.map { extractor.analyzer.analyze($0) }
        let tokens = analyses.reduce(0) { $0 + $1.tokenCount }
        let gazetteer = extractor.gazetteers[0]
        Benchmark(name, configuration: Gate.configuration()) { benchmark in
            benchmark.measuringUnitsPerCPUSecond(tokens) {
                for analysis in analyses { blackHole(gazetteer.layer(for: analysis)) }
            }
        }
    }

    // Loading: read four list files, normalize and tokenize every entry, intern
    // its words and insert it in the trie.
    Benchmark("gazetteer-compile-100k-entries",
              configuration: Gate.configuration(countsTokens: false, memory: true, maxDuration: .seconds(10), maxIterations: 10)) { benchmark in
        try benchmark.measuringCPU { blackHole(try Configuration.load(path: largeConfig)) }
    }
}
