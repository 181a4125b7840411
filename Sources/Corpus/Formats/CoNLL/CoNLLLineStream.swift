#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a CoNLL column file line by line from fixed-size chunks, validating
/// UTF-8 as it goes and handing out byte ranges instead of building strings:
/// the byte-level fast path behind `CoNLLPairing` (a 1,000,000-token file is
/// read in a few tens of milliseconds with one buffer of memory).
///
/// A line's bytes are valid only until the next call to `nextLine()`.
/// Lines end at `\n`; a trailing `\r` is dropped; a leading byte order mark is skipped.
///
/// A noncopyable struct rather than a class: its state is read and written on
/// every line, and a struct's fields need no reference counting nor run-time
/// exclusivity checks.
struct CoNLLLineStream: ~Copyable {
    let path: String
    private let fd: Int32
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes `[0, filled)` hold data; `[0, validated)` have been checked as UTF-8.
    private var filled = 0
    private var validated = 0
    /// Where the next line starts.
    private var cursor = 0
    private var atEOF = false
    private var firstChunk = true

    /// The 1-based number of the current line.
    private(set) var lineNumber = 0
    /// The current line: `[lineStart, lineEnd)` in `base`.
    private(set) var lineStart = 0
    private(set) var lineEnd = 0

    init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: path, "cannot read file (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw InputError(file: path, "cannot read file (it is a folder)")
        }
        self.fd = fd
        self.capacity = chunkSize
        // Eight bytes of padding: word-at-a-time scans may load past the data.
        self.buffer = .allocate(capacity: chunkSize + 8)
        self.buffer.initialize(repeating: 0, count: chunkSize + 8)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    var base: UnsafePointer<UInt8> { UnsafePointer(buffer) }

    /// The current line's bytes.
    var line: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: buffer + lineStart, count: lineEnd - lineStart) }

    /// Advances to the next line; false at the end of the file.
    mutating func nextLine() throws -> Bool {
        while true {
            if let newline = findNewline(from: cursor) {
                lineNumber += 1
                lineStart = cursor
                lineEnd = newline
                if lineEnd > lineStart, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                cursor = newline + 1
                return true
            }
            if atEOF {
                guard cursor < filled else { return false }
                lineNumber += 1
                lineStart = cursor
                lineEnd = filled
                if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                cursor = filled
                return true
            }
            try refill()
        }
    }

    private func findNewline(from start: Int) -> Int? {
        guard start < validated else { return nil }
        guard let hit = memchr(buffer + start, Int32(UInt8(ascii: "\n")), validated - start) else { return nil }
        return buffer.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves the unread tail to the front, reads more, and validates every
    /// complete line that arrived (or the whole rest at the end of the file).
    private mutating func refill() throws {
        if cursor > 0 {
            let tail = filled - cursor
            if tail > 0 { memmove(buffer, buffer + cursor, tail) }
            filled = tail
            validated -= cursor
            cursor = 0
        }
        if filled == capacity {
            // A line longer than the buffer: grow it.
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 8)
            bigger.initialize(repeating: 0, count: capacity * 2 + 8)
            bigger.update(from: buffer, count: filled)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = read(fd, buffer + filled, capacity - filled)
        if n < 0 { throw InputError(file: path, "cannot read file (\(String(cString: strerror(errno))))") }
        if n == 0 { atEOF = true }
        filled += n
        if firstChunk {
            if filled < 3, !atEOF { return }
            firstChunk = false
            if filled >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                cursor = 3
                validated = 3
            }
        }
        // Validate up to the last newline (a sequence never spans a newline).
        var end = filled
        if !atEOF {
            end = validated
            var i = filled
            while i > validated {
                i -= 1
                if buffer[i] == UInt8(ascii: "\n") { end = i + 1; break }
            }
        }
        if end > validated {
            try validate(validated, end)
            validated = end
        }
    }

    private func validate(_ from: Int, _ to: Int) throws {
        guard let offset = ByteScan.firstInvalidUTF8(buffer + from, to - from) else { return }
        let bad = from + offset
        // Count the lines between the current one and the bad byte.
        var line = lineNumber + 1
        var lineBegin = cursor
        var i = cursor
        while i < bad {
            if buffer[i] == UInt8(ascii: "\n") { line += 1; lineBegin = i + 1 }
            i += 1
        }
        throw InputError(file: path, line: line, "invalid UTF-8 at byte column \(bad - lineBegin + 1)")
    }
}

/// The fields of one CoNLL line, as byte ranges into the line's stream.
struct CoNLLFields {
    /// The first field (the token).
    var token: Range<Int>
    /// The last `tagColumns` fields, in file order (at most two are kept).
    var tag0: Range<Int>
    var tag1: Range<Int>

    @inline(__always)
    static func isSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Splits a line; nil for a blank line. Throws when the line has fewer than
    /// `1 + tagColumns` fields, with CoNLLReader's message.
    @inline(__always)
    static func split(_ s: borrowing CoNLLLineStream, tagColumns: Int) throws -> CoNLLFields? {
        let p = s.base
        var a = s.lineStart
        let e = s.lineEnd
        while a < e, isSeparator(p[a]) { a += 1 }
        if a == e { return nil }
        let tokenEnd = ByteScan.firstSeparator(p, from: a, to: e)
        // Fields from the end.
        var ranges: (Range<Int>, Range<Int>) = (0..<0, 0..<0)
        var z = e
        var found = 0
        while found < tagColumns {
            while z > tokenEnd, isSeparator(p[z - 1]) { z -= 1 }
            if z <= tokenEnd { break }
            var f = z
            while f > tokenEnd, !isSeparator(p[f - 1]) { f -= 1 }
            // ranges.1 is the field found last (the earlier in the line).
            if found == 0 { ranges.1 = f..<z } else { ranges.0 = ranges.1; ranges.1 = f..<z }
            found += 1
            z = f
        }
        guard found == tagColumns else {
            let text = String(decoding: UnsafeBufferPointer(start: p + s.lineStart, count: e - s.lineStart), as: UTF8.self)
            let count = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
            let want = tagColumns == 2 ? "a token, a gold tag and a predicted tag" : "a token and a tag"
            throw InputError(file: s.path, line: s.lineNumber, "expected \(want), found \(count) field\(count == 1 ? "" : "s"): \"\(text)\"")
        }
        if tagColumns == 2 {
            return CoNLLFields(token: a..<tokenEnd, tag0: ranges.1, tag1: ranges.0)
        }
        return CoNLLFields(token: a..<tokenEnd, tag0: ranges.1, tag1: ranges.1)
    }
}
