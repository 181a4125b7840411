import Corpus
import Foundation

/// A run record as a JSON file (`Benchmarks/baseline.json`): `{"format": 1, "run": {...}}`.
/// Keys are sorted and the text indented, so that a committed baseline diffs
/// line by line; times are ISO 8601 UTC with milliseconds.
extension RunRecord {
    /// The file format this Mizan writes, and the newest it reads.
    public static let fileFormat = 1

    private struct File: Codable {
        var format: Int
        var run: RunRecord?
    }

    /// The record as JSON text (validated first).
    public func jsonData() throws -> Data {
        try validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(Self.isoFormatter().string(from: date))
        }
        var data = try encoder.encode(File(format: Self.fileFormat, run: self))
        data.append(0x0A)
        return data
    }

    /// Writes the record to `path` atomically (a reader sees the old file or the
    /// new one, never half of one).
    public func write(to path: String) throws {
        try TextFile.writeAtomically(try jsonData(), to: path)
    }

    /// Reads a run file written by `write(to:)`.
    ///
    /// - Throws: `InputError` naming the file when it cannot be read or is not a
    ///   run file (with the JSON path of the bad value), `HistoryError` when it
    ///   is in a newer format or breaks the model's invariants.
    public static func read(from path: String) throws -> RunRecord {
        // TextFile names the file and the first bad byte when it is not UTF-8.
        try decode(Data(try TextFile.read(path).utf8), file: path)
    }

    /// Decodes the bytes of a run file; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> RunRecord {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let text = try c.decode(String.self)
            guard let date = Self.isoFormatter().date(from: text) ?? ISO8601DateFormatter().date(from: text) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not an ISO 8601 time")
            }
            return date
        }
        let format: Int
        do {
            format = try decoder.decode(FormatOnly.self, from: data).format
        } catch {
            throw InputError(file: file, "not a Mizan run file (\(describe(error)))")
        }
        if format > fileFormat { throw HistoryError.newerFileFormat(path: file, format: format, supported: fileFormat) }
        let record: RunRecord
        do {
            guard let run = try decoder.decode(File.self, from: data).run else {
                throw InputError(file: file, "not a Mizan run file (no \"run\")")
            }
            record = run
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: file, "not a valid run file (\(describe(error)))")
        }
        try record.validate()
        return record
    }

    private struct FormatOnly: Decodable { var format: Int }

    private static func isoFormatter() -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }

    /// A decoding error in words: what is wrong and at which JSON path.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let p = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return p.isEmpty ? "" : " at \(p.hasPrefix(".") ? String(p.dropFirst()) : p)"
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context): return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "missing \(type) value\(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription)\(path(context))"
        @unknown default: return "\(error)"
        }
    }
}
