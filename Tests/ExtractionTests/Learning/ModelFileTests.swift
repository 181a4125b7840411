import Foundation
import Testing
@testable import Extraction
import Corpus

@Suite struct ModelFileTests {
    static let model = ToyCorpus.trainer(epochs: 5).train()
    static let bytes = ModelFile.encode(model)

    func decodeError(_ bytes: [UInt8]) -> ModelFileError.Kind? {
        do {
            _ = try ModelFile.decode(bytes, file: "m.model")
            return nil
        } catch {
            return error.kind
        }
    }

    /// `bytes` with the checksum recomputed, to reach the checks behind it.
    func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var b = Array(bytes.dropLast(4))
        ModelFile.append(&b, CRC32.checksum(b))
        return b
    }

    @Test func roundTripKeepsEverything() throws {
        let m = Self.model
        let back = try #require(try ModelFile.decode(Self.bytes, file: "m.model").passes.first)
        #expect(try ModelFile.decode(Self.bytes, file: "m.model").passes.count == 1)
        #expect(back.tags == m.tags)
        #expect(back.templates == m.templates)
        #expect(back.training == m.training)
        #expect(back.index.keys == m.index.keys)
        #expect(back.emissions == m.emissions)
        #expect(back.transitions == m.transitions)
        #expect(ModelFile.encode(back) == Self.bytes)
        for s in ToyCorpus.sentences() {
            #expect(back.label(ToyCorpus.features(s.words)) == m.label(ToyCorpus.features(s.words)))
        }
    }

    @Test func roundTripThroughAFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("toy.model").path
        try ModelFile.write(Self.model, to: path)
        let back = try ModelFile.read(path: path, expecting: FeatureTemplates())
        #expect(back.last.emissions == Self.model.emissions)
    }

    @Test func checksumIsCRC32() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func rejectsAFileThatIsNotAModel() {
        #expect(decodeError(Array("token O\n".utf8) + Array(repeating: 0, count: 64)) == .notAModel)
        #expect(decodeError(Array("hello".utf8)) == .notAModel)
    }

    @Test func rejectsAnotherFormatVersion() {
        var b = Self.bytes
        b[8] = 2
        #expect(decodeError(b) == .unsupportedVersion(found: 2, supported: 1))
        let e = ModelFileError(file: "m.model", .unsupportedVersion(found: 2, supported: 1))
        #expect(e.description.hasPrefix("m.model: model file format version 2 is not supported"))
    }

    @Test func rejectsTruncatedFilesAtEveryCut() {
        let b = Self.bytes
        for cut in [0, 3, 8, 20, 31, 32, 100, b.count / 2, b.count - 5, b.count - 1] {
            guard case .truncated(let expected, let found)? = decodeError(Array(b.prefix(cut))) else {
                Issue.record("cut at \(cut) was not reported as truncated")
                continue
            }
            #expect(found == cut)
            // The fixed preamble (24 bytes), then the pass sizes (8 bytes for one pass), then the whole file.
            #expect(expected == (cut < 24 ? 24 : cut < 32 ? 32 : b.count))
        }
    }

    @Test func rejectsTrailingBytes() {
        #expect(decodeError(Self.bytes + [0]) == .trailingBytes(expected: Self.bytes.count, found: Self.bytes.count + 1))
    }

    @Test func rejectsACorruptedWeight() {
        var b = Self.bytes
        b[b.count - 10] ^= 0x40
        guard case .checksumMismatch? = decodeError(b) else {
            Issue.record("a flipped bit was not caught by the checksum")
            return
        }
    }

    @Test func rejectsAMalformedHeader() {
        var b = Self.bytes
        // Break the JSON's first brace, keep the checksum valid.
        b[32] = UInt8(ascii: "[")
        guard case .malformed(let reason)? = decodeError(resealed(b)) else {
            Issue.record("a broken header was not reported as malformed")
            return
        }
        #expect(reason.hasPrefix("header:"))
    }

    @Test func rejectsATemplateMissingFromTheHeader() throws {
        // The header names every template; drop "bigrams" by renaming it.
        var b = Self.bytes
        let json = Array("\"bigrams\"".utf8)
        let at = try #require(b.firstRange(of: json))
        b.replaceSubrange(at, with: Array("\"bigramz\"".utf8))
        guard case .malformed(let reason)? = decodeError(resealed(b)) else {
            Issue.record("an unknown template in the header was accepted")
            return
        }
        #expect(reason.contains("bigramz"))
    }

    @Test func rejectsAModelTrainedWithOtherFeatures() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("toy.model").path
        try ModelFile.write(Self.model, to: path)
        var other = FeatureTemplates()
        other.gazetteer = true
        other.suffixes = 3
        #expect(throws: ModelFileError(file: path, .featureMismatch(["suffixes: 4 vs 3", "gazetteer: false vs true"]))) {
            try ModelFile.read(path: path, expecting: other)
        }
    }

    @Test func namesAMissingFile() {
        #expect(throws: ModelFileError(file: "/nonexistent/x.model", .unreadable("no such file"))) {
            try ModelFile.read(path: "/nonexistent/x.model")
        }
    }
}

@Suite struct FeatureTemplatesTests {
    @Test func decodesWithDefaultsAndRejectsUnknownOrOutOfRange() throws {
        let t = try JSONDecoder().decode(FeatureTemplates.self, from: Data(#"{"gazetteer": true, "prefixes": 2}"#.utf8))
        var expected = FeatureTemplates()
        expected.gazetteer = true
        expected.prefixes = 2
        #expect(t == expected)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeatureTemplates.self, from: Data(#"{"gazeteer": true}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeatureTemplates.self, from: Data(#"{"window": 3}"#.utf8))
        }
    }

    @Test func listsDifferences() {
        var a = FeatureTemplates(), b = FeatureTemplates()
        #expect(a.differences(from: b).isEmpty)
        a.window = 1
        b.previousTag = false
        #expect(a.differences(from: b) == ["window: 1 vs 2", "previous-tag: true vs false"])
    }
}
