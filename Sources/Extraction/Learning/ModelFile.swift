import Corpus
import Foundation

/// The model file: a versioned little-endian binary with a JSON header and a CRC-32.
///
/// Layout (documented for users in docs/model-format.md), for P passes (1 or 2):
///
/// | offset | size | content |
/// |---|---|---|
/// | 0 | 8 | magic `MIZANLBL` |
/// | 8 | 4 | format version (UInt32), currently 1 |
/// | 12 | 4 | header length H in bytes (UInt32) |
/// | 16 | 4 | label count L (UInt32) |
/// | 20 | 4 | pass count P (UInt32) |
/// | 24 | 8·P | feature count F of each pass (UInt64) |
/// | 24+8P | H | header: UTF-8 JSON with sorted keys: `format`, `tags`, `features` (the templates), `training` (one summary per pass) |
/// | then, per pass | 4·(L+1)·L | transition weights, Float32, row-major, last row = sentence start |
/// | | 8·F | feature keys, UInt64, in row order |
/// | | 4·F·L | emission weights, Float32, row-major |
/// | end−4 | 4 | CRC-32 (IEEE) of every byte before it |
///
/// Sizes are in the fixed preamble so that truncation is found before anything is
/// parsed, and the checksum is verified before the header is trusted.
public enum ModelFile {
    public static let magic: [UInt8] = Array("MIZANLBL".utf8)
    public static let version: UInt32 = 1
    /// The preamble before the pass sizes.
    static let fixedPreamble = 24
    static let formatName = "mizan averaged perceptron"

    struct Header: Codable {
        var format: String
        var tags: [String]
        var features: FeatureTemplates
        var training: [TrainingSummary]
    }

    /// The file's bytes. Deterministic: the same model gives the same bytes.
    public static func encode(_ model: LabellerModel) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let header = Header(format: formatName, tags: model.tags.names, features: model.templates,
                            training: model.passes.map(\.training))
        let json = Array(try! encoder.encode(header))  // encoding plain value types cannot fail
        let L = model.tags.count
        var out: [UInt8] = []
        out.reserveCapacity(fixedPreamble + 8 * model.passes.count + json.count
                            + model.passes.reduce(4) { $0 + 4 * (L + 1) * L + 8 * $1.index.count + 4 * $1.index.count * L })
        out += magic
        append(&out, version)
        append(&out, UInt32(json.count))
        append(&out, UInt32(L))
        append(&out, UInt32(model.passes.count))
        for pass in model.passes { append(&out, UInt64(pass.index.count)) }
        out += json
        for pass in model.passes {
            for w in pass.transitions { append(&out, w.bitPattern) }
            for k in pass.index.keys { append(&out, k) }
            for w in pass.emissions { append(&out, w.bitPattern) }
        }
        append(&out, CRC32.checksum(out))
        return out
    }

    /// The bytes of a one-pass model.
    public static func encode(_ model: PerceptronModel) -> [UInt8] { encode(LabellerModel(model)) }

    /// Writes the model atomically.
    public static func write(_ model: LabellerModel, to path: String) throws {
        try TextFile.writeAtomically(Data(encode(model)), to: path)
    }

    public static func write(_ model: PerceptronModel, to path: String) throws {
        try write(LabellerModel(model), to: path)
    }

    /// Reads a model file. With `expecting`, a model trained with other feature
    /// templates is rejected (`ModelFileError.Kind.featureMismatch`).
    public static func read(path: String, expecting templates: FeatureTemplates? = nil) throws(ModelFileError) -> LabellerModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            var isDirectory: ObjCBool = false
            let reason = !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) ? "no such file"
                : isDirectory.boolValue ? "it is a directory"
                : !FileManager.default.isReadableFile(atPath: path) ? "permission denied"
                : (error as NSError).localizedDescription
            throw ModelFileError(file: path, .unreadable(reason))
        }
        let model = try decode(Array(data), file: path)
        if let templates {
            let differences = model.templates.differences(from: templates)
            if !differences.isEmpty { throw ModelFileError(file: path, .featureMismatch(differences)) }
        }
        return model
    }

    /// Parses a model from bytes; `file` names it in errors. O(size).
    public static func decode(_ bytes: [UInt8], file: String) throws(ModelFileError) -> LabellerModel {
        func fail(_ kind: ModelFileError.Kind) -> ModelFileError { ModelFileError(file: file, kind) }
        if bytes.count < magic.count {
            throw bytes.elementsEqual(magic.prefix(bytes.count))
                ? fail(.truncated(expected: fixedPreamble, found: bytes.count)) : fail(.notAModel)
        }
        guard bytes.starts(with: magic) else { throw fail(.notAModel) }
        guard bytes.count >= fixedPreamble else { throw fail(.truncated(expected: fixedPreamble, found: bytes.count)) }
        let found = read(UInt32.self, bytes, at: 8)
        guard found == version else { throw fail(.unsupportedVersion(found: found, supported: version)) }
        let H = Int(read(UInt32.self, bytes, at: 12))
        let L = Int(read(UInt32.self, bytes, at: 16))
        let P = Int(read(UInt32.self, bytes, at: 20))
        guard L >= 1, L <= 255, L % 2 == 1 else { throw fail(.malformed("label count \(L) is not 1 + 2 × types")) }
        guard (1...2).contains(P) else { throw fail(.malformed("pass count \(P) is not 1 or 2")) }
        let preamble = fixedPreamble + 8 * P
        guard bytes.count >= preamble else { throw fail(.truncated(expected: preamble, found: bytes.count)) }
        var counts: [Int] = []
        for p in 0..<P {
            let F = read(UInt64.self, bytes, at: fixedPreamble + 8 * p)
            // A feature count that could not fit in memory is corruption, not a big model.
            guard F < UInt64(1) << 40 else { throw fail(.malformed("feature count \(F) is implausible")) }
            counts.append(Int(F))
        }
        let expected = preamble + H + counts.reduce(4) { $0 + 4 * (L + 1) * L + 8 * $1 + 4 * $1 * L }
        guard bytes.count >= expected else { throw fail(.truncated(expected: expected, found: bytes.count)) }
        guard bytes.count == expected else { throw fail(.trailingBytes(expected: expected, found: bytes.count)) }
        let stored = read(UInt32.self, bytes, at: expected - 4)
        let computed = CRC32.checksum(bytes[0..<(expected - 4)])
        guard stored == computed else { throw fail(.checksumMismatch(stored: stored, computed: computed)) }

        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[preamble..<(preamble + H)]))
        } catch {
            throw fail(.malformed("header: \(describe(error))"))
        }
        guard header.format == formatName else { throw fail(.malformed("header: format is '\(header.format)', expected '\(formatName)'")) }
        guard header.tags.count == L, header.tags.first == "O" else {
            throw fail(.malformed("header: \(header.tags.count) tags for \(L) labels, or the first is not O"))
        }
        guard header.training.count == P else { throw fail(.malformed("header: \(header.training.count) training summaries for \(P) passes")) }
        if P == 2 && !header.features.documentMemory {
            throw fail(.malformed("header: two passes without document-memory features"))
        }
        var types: [EntityType] = []
        for k in stride(from: 1, to: L, by: 2) {
            let b = header.tags[k], i = header.tags[k + 1]
            guard b.hasPrefix("B-"), i == "I-" + b.dropFirst(2) else {
                throw fail(.malformed("header: tags \(b), \(i) are not a B-/I- pair"))
            }
            types.append(EntityType(String(b.dropFirst(2))))
        }
        guard Set(types).count == types.count else { throw fail(.malformed("header: repeated entity type")) }
        let tags = BIOTagSet(types: types)

        var offset = preamble + H
        var passes: [PerceptronModel] = []
        for (p, F) in counts.enumerated() {
            var transitions = [Float](repeating: 0, count: (L + 1) * L)
            for i in transitions.indices { transitions[i] = Float(bitPattern: read(UInt32.self, bytes, at: offset)); offset += 4 }
            var keys = [UInt64](repeating: 0, count: F)
            for i in keys.indices { keys[i] = read(UInt64.self, bytes, at: offset); offset += 8 }
            var emissions = [Float](repeating: 0, count: F * L)
            for i in emissions.indices { emissions[i] = Float(bitPattern: read(UInt32.self, bytes, at: offset)); offset += 4 }
            var index = FeatureIndex(minimumCapacity: F)
            for k in keys {
                guard k != 0, index.insert(k).inserted else { throw fail(.malformed("feature keys of pass \(p + 1) are zero or repeated")) }
            }
            passes.append(PerceptronModel(tags: tags, templates: header.features, index: index,
                                          emissions: emissions, transitions: transitions, training: header.training[p]))
        }
        return LabellerModel(passes: passes)
    }

    static func append<T: FixedWidthInteger>(_ out: inout [UInt8], _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func read<T: FixedWidthInteger>(_: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        var v: T = 0
        for i in 0..<MemoryLayout<T>.size { v |= T(bytes[offset + i]) << (8 * i) }
        return v
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "bad value at '\(c.codingPath.map(\.stringValue).joined(separator: "."))'"
        case DecodingError.dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
        default: return "\(error)"
        }
    }
}

/// Why a model file could not be used, naming the file.
public struct ModelFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case unreadable(String)
        /// The file does not start with the model magic bytes.
        case notAModel
        case unsupportedVersion(found: UInt32, supported: UInt32)
        /// The file is shorter than its own preamble says it is.
        case truncated(expected: Int, found: Int)
        /// The file is longer than its preamble says it is.
        case trailingBytes(expected: Int, found: Int)
        case checksumMismatch(stored: UInt32, computed: UInt32)
        case malformed(String)
        /// The model was trained with other feature templates than the configuration's.
        case featureMismatch([String])
    }

    public var file: String
    public var kind: Kind

    public init(file: String, _ kind: Kind) {
        self.file = file
        self.kind = kind
    }

    public var description: String {
        let message: String
        switch kind {
        case .unreadable(let reason): message = "cannot read model file (\(reason))"
        case .notAModel: message = "not a Mizan model file (it does not start with \"MIZANLBL\")"
        case .unsupportedVersion(let found, let supported):
            message = "model file format version \(found) is not supported (this mizan reads version \(supported)); retrain the model with this mizan"
        case .truncated(let expected, let found):
            message = "model file is truncated: \(found) bytes, expected \(expected)"
        case .trailingBytes(let expected, let found):
            message = "model file has \(found - expected) unexpected bytes after its end (\(found) bytes, expected \(expected))"
        case .checksumMismatch(let stored, let computed):
            message = "model file is corrupted: checksum \(hex(computed)) does not match the stored \(hex(stored))"
        case .malformed(let reason): message = "malformed model file: \(reason)"
        case .featureMismatch(let differences):
            message = "the model was trained with different feature templates than the configuration (model vs configuration): "
                + differences.joined(separator: "; ")
        }
        return "\(file): \(message)"
    }

    private func hex(_ v: UInt32) -> String {
        let s = String(v, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - s.count) + s
    }
}
