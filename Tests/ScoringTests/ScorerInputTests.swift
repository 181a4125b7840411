import Foundation
import Testing
@testable import Corpus
@testable import Scoring

@Suite struct PRFTests {
    @Test func zeroDivisionFollowsSeqeval() {
        // No gold and no predictions.
        #expect(Counts().scores(zeroDivision: 0) == PRF(precision: 0, recall: 0, f1: 0))
        #expect(Counts().scores(zeroDivision: 1) == PRF(precision: 1, recall: 1, f1: 1))
        // Gold but no predictions; predictions but no gold.
        #expect(Counts(fn: 3).scores(zeroDivision: 1) == PRF(precision: 1, recall: 0, f1: 0))
        #expect(Counts(fp: 2).scores(zeroDivision: 1) == PRF(precision: 0, recall: 1, f1: 0))
        let s = Counts(tp: 1, fp: 1, fn: 3).scores()
        #expect(s.precision == 0.5 && s.recall == 0.25 && s.f1 == 2 * 0.5 * 0.25 / 0.75)
    }

    @Test func countsAddUp() {
        var a = Counts(tp: 1, fp: 2, fn: 3)
        a += Counts(tp: 4, fp: 5, fn: 6)
        #expect(a == Counts(tp: 5, fp: 7, fn: 9))
        // Credit 1 + ½·2 = 2 over ACT 4 and POS 3.
        #expect(SemEvalCounts(cor: 1, par: 2, spu: 1).scores() == PRF(precision: 0.5, recall: 2.0 / 3.0, zeroDivision: 0))
    }

    @Test func averagesMatchSeqeval() {
        // seqeval on gold [B-A, B-A, B-B, O], pred [B-A, O, B-B, B-C]:
        // per type A (1, 0.5), B (1, 1), C (0, 0); macro P 0.6667 R 0.5 F 0.5556; weighted P 1 R 0.6667 F 0.7778.
        let rows = [Counts(tp: 1, fp: 0, fn: 1), Counts(tp: 1), Counts(fp: 1)]
        let macro = Average.macro(rows)
        #expect(near(macro.precision, 2.0 / 3.0) && near(macro.recall, 0.5) && near(macro.f1, (2.0 / 3.0 + 1) / 3))
        let weighted = Average.weighted(rows)
        #expect(near(weighted.precision, 1) && near(weighted.recall, 2.0 / 3.0) && near(weighted.f1, (2 * (2.0 / 3.0) + 1) / 3))
    }
}

@Suite struct ScorerInputTests {
    @Test func mapAndFilterTypes() throws {
        let gold = [["B-PERS", "I-PERS", "O", "B-MISC", "B-LOC"]], pred = [["B-PERS", "I-PERS", "O", "B-MISC", "B-ORG"]]
        let options = ScoringOptions(typeMap: ["PERS": "PER"], types: ["PER", "LOC", "ORG"])
        let r = try score(gold, pred, options: options)
        #expect(r.types == ["LOC", "ORG", "PER"])
        #expect(r.conll("PER") == Counts(tp: 1))
        #expect(r.excludedGold == ["MISC": 1])
        #expect(r.excludedPredicted == ["MISC": 1])
        #expect(r.total.conllOverall == Counts(tp: 1, fp: 1, fn: 1))
        // Accuracy after mapping: MISC tags count as O on both sides, so only B-LOC/B-ORG differs.
        #expect(r.total.accuracy == 0.8)
    }

    @Test func perDocumentTalliesSumToTheTotal() throws {
        let folder = TemporaryFolder()
        let g = folder.write("g.conll", "-DOCSTART- O\n\na B-PER\nb O\n\n-DOCSTART- O\n\nc B-LOC\nd I-LOC\n")
        let p = folder.write("p.conll", "-DOCSTART- O\n\na B-PER\nb O\n\n-DOCSTART- O\n\nc B-LOC\nd O\n")
        let r = try Scorer().score(CoNLLPairing.read(gold: g, predicted: p))
        #expect(r.documents.map(\.id) == ["g#1", "g#2"])
        var sum = ScoreTally(typeCount: r.types.count)
        for d in r.documents { sum += d.tally }
        #expect(sum == r.total)
        #expect(r.documents[0].tally.conllOverall == Counts(tp: 1))
        #expect(r.documents[1].tally.conllOverall == Counts(fp: 1, fn: 1))
    }

    @Test func characterLevelPredictionsAreProjectedOntoGoldTokens() throws {
        let folder = TemporaryFolder()
        let gold = try CoNLLPairing.readTagged(folder.write("gold.conll", "قال O\nلافروف B-PER\nفي O\nجنيف B-LOC\n"))
        #expect(gold.documents[0].document.text == "قال لافروف في جنيف")
        // "لافر" covers part of a token: it becomes the whole token; "ي ج" spans two tokens.
        let text = gold.documents[0].document.text
        let predicted = AnnotatedDocument(document: Document(id: "gold", text: text), entities: [
            EntitySpan(start: 4, end: 8, type: "PER"), EntitySpan(start: 12, end: 15, type: "LOC"),
        ])
        let r = try Scorer(ScoringOptions(errorLimit: 5)).score(gold: gold.documents, predicted: [predicted])
        #expect(r.conll("PER") == Counts(tp: 1))
        #expect(r.conll("LOC") == Counts(tp: 0, fp: 1, fn: 1))
        let fp = r.errors.first { $0.kind == .falsePositive }
        #expect(fp?.entity == EntitySpan(start: 11, end: 18, type: "LOC", text: "في جنيف"))
        #expect(fp?.category == .wrongBoundary)
        // Projected BIO tags: gold O B-PER O B-LOC, predicted O B-PER B-LOC I-LOC.
        #expect(r.total.tokens == 4)
        #expect(r.total.accuracy == 0.5)
    }

    @Test func pairingErrorsNameTheDocument() {
        let a = document([(0, 3, "PER")], id: "a"), b = document([], id: "b")
        #expect(throws: PairingError.self) { try Scorer().score(gold: [a, b], predicted: [a]) }
        #expect(throws: PairingError.self) { try Scorer().score(gold: [a], predicted: [a, b]) }
        #expect(throws: PairingError.self) { try Scorer().score(gold: [a, a], predicted: [a]) }
        let other = AnnotatedDocument(document: Document(id: "a", text: "different"), entities: [])
        do {
            _ = try Scorer().score(gold: [a], predicted: [other])
            Issue.record("no error")
        } catch let error as PairingError {
            #expect(error.documentID == "a")
            #expect(error.message.contains("at offset 0"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        do {
            _ = try Scorer().score(gold: [a, b], predicted: [a])
        } catch let error as PairingError {
            #expect(error.message == "document \"b\" is in the gold set but not in the predictions")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func errorListingHasContextAndLines() throws {
        let folder = TemporaryFolder()
        let g = folder.write("g.conll", "a O\nb B-PER\nc I-PER\n\nd O\ne B-LOC\n")
        let p = folder.write("p.conll", "a O\nb B-PER\nc O\n\nd O\ne O\n")
        let r = try Scorer(ScoringOptions(errorLimit: 10, contextWidth: 3)).score(CoNLLPairing.read(gold: g, predicted: p))
        #expect(r.errors.count == 3)
        let shifted = r.errors[0]
        #expect(shifted.kind == .falseNegative && shifted.category == .wrongBoundary)
        #expect(shifted.entity.text == "b c" && shifted.line == 2)
        #expect(shifted.partner?.text == "b")
        #expect(shifted.leftContext == "a " && shifted.rightContext == " d ")
        #expect(r.errors[1].kind == .falsePositive)
        let missed = r.errors[2]
        #expect(missed.category == .missed && missed.entity.text == "e" && missed.line == 6)
    }
}

@Suite struct CoNLLPairingTests {
    @Test func tokenStreamsMustAgree() {
        let folder = TemporaryFolder()
        let g = folder.write("g.conll", "a O\nb O\n\nc O\n")
        let differentToken = folder.write("p1.conll", "a O\nx O\n\nc O\n")
        let missingBreak = folder.write("p2.conll", "a O\nb O\nc O\n")
        let shorter = folder.write("p3.conll", "a O\nb O\n")
        #expect(throws: InputError(file: differentToken, line: 2, "the token streams differ: token \"x\" here, but \"b\" at \(g):2")) {
            try CoNLLPairing.read(gold: g, predicted: differentToken)
        }
        #expect(throws: InputError.self) { try CoNLLPairing.read(gold: g, predicted: missingBreak) }
        #expect(throws: InputError(file: shorter, "the token streams differ: the end of the file here, but token \"c\" at \(g):4")) {
            try CoNLLPairing.read(gold: g, predicted: shorter)
        }
    }

    @Test func badLinesNameFileAndLine() {
        let folder = TemporaryFolder()
        let g = folder.write("g.conll", "a O\nb\n")
        #expect(throws: InputError(file: g, line: 2, "expected a token and a tag, found 1 field: \"b\"")) {
            try CoNLLPairing.read(gold: g, predicted: g)
        }
        let bad = folder.write("bad.conll", "a O\nb B-PER\nc S-PER\n")
        #expect(throws: InputError.self) { try CoNLLPairing.read(gold: bad, predicted: bad) }
        let orphan = folder.write("orphan.conll", "a O\nb I-PER\n")
        do {
            _ = try CoNLLPairing.read(gold: orphan, predicted: orphan, policy: .error)
            Issue.record("no error")
        } catch let error as InputError {
            #expect(error.file == orphan && error.line == 2)
            #expect(error.message.contains("I-PER after O"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        #expect(throws: InputError.self) { try CoNLLPairing.read(gold: folder.path + "/none.conll", predicted: g) }
    }

    @Test func invalidUTF8NamesTheLine() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/bin.conll"
        try Data([0x61, 0x20, 0x4F, 0x0A, 0x62, 0xFF, 0x20, 0x4F, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: InputError(file: path, line: 2, "invalid UTF-8 at byte column 2")) {
            try CoNLLPairing.read(gold: path, predicted: path)
        }
    }

    @Test func conllevalFileGivesTheSameAsTwoFiles() throws {
        let folder = TemporaryFolder()
        let single = folder.write("e.txt", "a NN B-PER B-PER\r\nb NN I-PER O\n\n\nc NN B-LOC B-ORG\n")
        let g = folder.write("g.conll", "a B-PER\nb I-PER\n\nc B-LOC\n")
        let p = folder.write("p.conll", "a\tB-PER\nb\tO\n\nc\tB-ORG\n")
        let one = try Scorer().score(CoNLLPairing.readConlleval(single))
        let two = try Scorer().score(CoNLLPairing.read(gold: g, predicted: p))
        #expect(one.total == two.total)
        #expect(one.total.conllOverall == Counts(tp: 0, fp: 2, fn: 2))
        #expect(one.total.tokens == 3)
    }

    @Test func longLinesAndSmallChunks() throws {
        // Lines longer than the read buffer, and files that end without a newline.
        let folder = TemporaryFolder()
        let long = String(repeating: "ب", count: 5000)
        let path = folder.write("long.conll", "\u{FEFF}\(long) B-PER\nx I-PER")
        var stream = try CoNLLLineStream(path: path, chunkSize: 64)
        var lines = 0
        while try stream.nextLine() { lines += 1 }
        #expect(lines == 2)
        let docs = try CoNLLPairing.readTagged(path).documents
        #expect(docs[0].entities.count == 1)
        #expect(docs[0].entities[0].end == 5002)
    }
}

@Suite struct ByteScanTests {
    /// The word-at-a-time validator agrees with the standard library's on
    /// random mixes of valid and invalid sequences (overlong, surrogate, too
    /// large, truncated, stray continuation bytes).
    @Test func validatorAgreesWithTheStandardLibrary() {
        let pieces: [[UInt8]] = [
            [0x61], [0x20], [0xD9, 0x82], [0xD8, 0xA7], [0xE2, 0x80, 0xA6], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC0, 0x80],
            [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xD9], [0xE2, 0x80],
            [0xC2, 0xA0], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF], [0xF5, 0x80, 0x80, 0x80],
        ]
        var state: UInt64 = 12345
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        var mismatches = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<(next() % 24) { bytes += pieces[next() % pieces.count] }
            let n = bytes.count
            bytes += [UInt8](repeating: 0, count: 8)
            let mine = bytes.withUnsafeBufferPointer { ByteScan.firstInvalidUTF8($0.baseAddress!, n) }
            var reference: Int?
            bytes.withUnsafeBufferPointer { b in
                do { _ = try UTF8Span(validating: UnsafeBufferPointer(rebasing: b[0..<n]).span) } catch {
                    reference = (error as? UTF8.ValidationError)?.byteOffsets.lowerBound ?? -1
                }
            }
            if mine != reference { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    @Test func scalarCountsAndSeparators() {
        let text = Array("قال لافروف\tx".utf8) + [UInt8](repeating: 0, count: 8)
        text.withUnsafeBufferPointer { b in
            let p = b.baseAddress!
            #expect(ByteScan.firstSeparator(p, from: 0, to: text.count - 8) == 6)
            #expect(ByteScan.firstSeparator(p, from: 7, to: text.count - 8) == 19)
            #expect(ByteScan.scalarCount(p, 6) == 3)
            #expect(ByteScan.scalarCount(p + 7, 12) == 6)
        }
    }
}
