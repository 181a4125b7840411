import Foundation

/// Reading and writing UTF-8 text files with errors that name the file and line.
public enum TextFile {
    /// Reads a whole file as UTF-8.
    ///
    /// - Throws: `InputError` naming the file when it cannot be read, and the line
    ///   and byte column of the first invalid UTF-8 sequence when it is not UTF-8.
    ///   A leading byte order mark is dropped.
    public static func read(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, "cannot read file (\(reason(error)))")
        }
        return try decode(data, file: path)
    }

    /// Decodes UTF-8 bytes, locating the first invalid sequence in the error.
    public static func decode(_ data: Data, file: String) throws -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        // Walk the bytes to find where decoding fails.
        var line = 1
        var lineStart = bytes.startIndex
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = bytes.startIndex
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                consumed += UTF8.width(scalar)
                if scalar == "\n" { line += 1; lineStart = consumed }
            case .emptyInput:
                break loop
            case .error:
                let column = consumed - lineStart + 1
                throw InputError(file: file, line: line, "invalid UTF-8 at byte column \(column)")
            }
        }
        throw InputError(file: file, "invalid UTF-8")
    }

    /// Writes `text` atomically: to a temporary file beside `path`, then renamed
    /// into place, so a reader never sees a half-written file and a failure leaves
    /// any previous file intact.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Writes bytes atomically (see `writeAtomically(_:to:)` for strings).
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw InputError(file: path, "cannot write file (\(reason(error)))")
        }
    }

    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError,
           let posix = POSIXErrorCode(rawValue: Int32(underlying.code)), underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(posix.rawValue))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
