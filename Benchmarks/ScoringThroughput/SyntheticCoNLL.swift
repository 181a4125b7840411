import Foundation

/// A seeded generator of a gold/predicted CoNLL pair that looks like an Arabic
/// NER test set scored against a fair system: Arabic word forms, sentences of
/// 5–40 tokens, documents of 1,000 sentences, about one entity in eight tokens
/// (PERS, LOC, ORG, MISC; 1–4 tokens), and predictions with dropped, retyped,
/// shifted and spurious entities and a few invalid `I-` starts.
///
/// The same seed always gives the same bytes. Files are written once to a
/// folder in the temporary directory and reused.
enum SyntheticCoNLL {
    struct Pair {
        var gold: String
        var predicted: String
    }

    /// SplitMix64: small, fast, and the same everywhere.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    }

    static let types = ["PERS", "LOC", "ORG", "MISC"]

    static func pair(tokens: Int, seed: UInt64) throws -> Pair {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-synthetic-conll")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let gold = folder.appendingPathComponent("gold-\(tokens)-seed\(seed).conll").path
        let predicted = folder.appendingPathComponent("pred-\(tokens)-seed\(seed).conll").path
        if !FileManager.default.fileExists(atPath: gold) || !FileManager.default.fileExists(atPath: predicted) {
            try write(tokens: tokens, seed: seed, gold: gold, predicted: predicted)
        }
        return Pair(gold: gold, predicted: predicted)
    }

    static func vocabulary(_ random: inout Random) -> [[UInt8]] {
        let letters = Array("ابتثجحخدذرسشصضطظعغفقكلمنهوية".unicodeScalars)
        var words: [[UInt8]] = []
        for _ in 0..<3000 {
            let n = 2 + random.below(7)
            var s = String.UnicodeScalarView()
            for _ in 0..<n { s.append(letters[random.below(letters.count)]) }
            words.append(Array(String(s).utf8))
        }
        words += ["،", ".", "(", ")", "2024", "15", "-"].map { Array($0.utf8) }
        return words
    }

    static func write(tokens total: Int, seed: UInt64, gold goldPath: String, predicted predictedPath: String) throws {
        var random = Random(state: seed)
        let words = vocabulary(&random)
        let goldTemp = goldPath + ".partial", predictedTemp = predictedPath + ".partial"
        _ = FileManager.default.createFile(atPath: goldTemp, contents: nil)
        _ = FileManager.default.createFile(atPath: predictedTemp, contents: nil)
        let goldFile = try FileHandle(forWritingTo: URL(fileURLWithPath: goldTemp))
        let predictedFile = try FileHandle(forWritingTo: URL(fileURLWithPath: predictedTemp))
        var goldOut: [UInt8] = [], predictedOut: [UInt8] = []
        func flush(force: Bool = false) throws {
            if force || goldOut.count > 1 << 20 {
                try goldFile.write(contentsOf: goldOut)
                try predictedFile.write(contentsOf: predictedOut)
                goldOut.removeAll(keepingCapacity: true)
                predictedOut.removeAll(keepingCapacity: true)
            }
        }
        var written = 0
        var sentences = 0
        while written < total {
            if sentences % 1000 == 0 {
                goldOut += Array("-DOCSTART- O\n\n".utf8)
                predictedOut += Array("-DOCSTART- O\n\n".utf8)
            }
            let n = min(5 + random.below(36), total - written)
            var gold = [Int](repeating: -1, count: n)      // -1 = O, else type
            var goldBegin = [Bool](repeating: false, count: n)
            var i = 0
            while i < n {
                if random.chance(0.12) {
                    let length = min([1, 1, 1, 2, 2, 2, 3, 4][random.below(8)], n - i)
                    let type = random.below(types.count)
                    for k in i..<(i + length) { gold[k] = type }
                    goldBegin[i] = true
                    i += length + 1
                } else {
                    i += 1
                }
            }
            var predicted = gold, predictedBegin = goldBegin
            for start in 0..<n where goldBegin[start] {
                var end = start + 1
                while end < n, gold[end] == gold[start], !goldBegin[end] { end += 1 }
                let roll = random.below(100)
                if roll < 8 {
                    for k in start..<end { predicted[k] = -1; predictedBegin[k] = false }
                } else if roll < 14 {
                    let other = (gold[start] + 1 + random.below(types.count - 1)) % types.count
                    for k in start..<end { predicted[k] = other }
                } else if roll < 20 {
                    if end - start > 1 {
                        predicted[end - 1] = -1
                    } else if end < n, predicted[end] == -1 {
                        predicted[end] = gold[start]
                    }
                } else if roll < 21 {
                    predictedBegin[start] = false  // an I- start: invalid, repaired by --invalid begin
                }
            }
            for k in 0..<n where predicted[k] == -1 && (k == 0 || predicted[k - 1] == -1) && random.chance(0.01) {
                predicted[k] = random.below(types.count)
                predictedBegin[k] = true
            }
            for k in 0..<n {
                let word = words[random.below(words.count)]
                goldOut += word
                goldOut.append(0x20)
                tag(gold[k], begin: goldBegin[k] || (k > 0 && gold[k - 1] != gold[k]), into: &goldOut)
                predictedOut += word
                predictedOut.append(0x20)
                tag(predicted[k], begin: predictedBegin[k], into: &predictedOut)
            }
            goldOut.append(0x0A)
            predictedOut.append(0x0A)
            written += n
            sentences += 1
            try flush()
        }
        try flush(force: true)
        try goldFile.close()
        try predictedFile.close()
        // Complete files appear under their names only once fully written.
        for (temp, final) in [(goldTemp, goldPath), (predictedTemp, predictedPath)] {
            try? FileManager.default.removeItem(atPath: final)
            try FileManager.default.moveItem(atPath: temp, toPath: final)
        }
    }

    static func tag(_ type: Int, begin: Bool, into out: inout [UInt8]) {
        if type < 0 {
            out += [0x4F, 0x0A]  // "O\n"
            return
        }
        out += begin ? [0x42, 0x2D] : [0x49, 0x2D]
        out += Array(types[type].utf8)
        out.append(0x0A)
    }
}
