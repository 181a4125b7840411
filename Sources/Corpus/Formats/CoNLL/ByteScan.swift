/// Byte-level helpers for the CoNLL fast path, eight bytes at a time (SWAR).
///
/// Callers guarantee that an 8-byte load at any position before the end of the
/// data stays inside the allocation (`CoNLLLineStream` pads its buffer), so
/// words may be loaded past the end and masked.
enum ByteScan {
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    static let lowBits: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// The low `n` bytes of a word (all of it for n ≥ 8).
    @inline(__always)
    static func mask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << UInt64(8 * n)) &- 1 }

    /// Bytes of `w` equal to `b`, as the high bit of each byte; the lowest set
    /// bit is exact (higher ones may be false positives after a match).
    @inline(__always)
    static func matches(_ w: UInt64, _ b: UInt8) -> UInt64 {
        let x = w ^ (lowBits &* UInt64(b))
        return (x &- lowBits) & ~x & highBits
    }

    /// The first space or tab in `[from, to)`, or `to`.
    @inline(__always)
    static func firstSeparator(_ p: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var i = from
        while i + 8 <= to {
            let w = load(p + i)
            let m = matches(w, 0x20) | matches(w, 0x09)
            if m != 0 { return i + m.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < to, p[i] != 0x20, p[i] != 0x09 { i += 1 }
        return i
    }

    /// The number of Unicode scalars in `n` bytes of valid UTF-8: the bytes that
    /// are not continuation bytes (`10xxxxxx`).
    @inline(__always)
    static func scalarCount(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
        var continuation = 0
        var i = 0
        while i < n {
            let w = load(p + i) & mask(n - i)
            continuation += (w & ~(w << 1) & highBits).nonzeroBitCount
            i += 8
        }
        return n - continuation
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence
    /// in `[0, n)`, or nil when all of it is valid. Rejects overlong forms,
    /// surrogates and code points above U+10FFFF, as the standard library does.
    static func firstInvalidUTF8(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        // Word at a time: skip ASCII, and runs of two-byte sequences (Arabic
        // letters are all two-byte), which is nearly all of an Arabic CoNLL file.
        while i + 8 <= n {
            let w = load(p + i)
            let high = w & highBits
            if high == 0 {
                i += 8
                continue
            }
            let ascii = high.trailingZeroBitCount >> 3
            if ascii > 0 {
                i += ascii
                continue
            }
            // w starts with a non-ASCII byte: 110xxxxx 10xxxxxx pairs, lead not C0/C1.
            // Each lead's bits 1-4 nonzero (not C0/C1): adding 0x7FFF to a lane of
            // at most 0x1E sets its top bit exactly when the lane is nonzero.
            if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
               ((w & 0x001E_001E_001E_001E) &+ 0x7FFF_7FFF_7FFF_7FFF) & 0x8000_8000_8000_8000 == 0x8000_8000_8000_8000 {
                i += 8
                continue
            }
            if w & 0xC0E0_C0E0 == 0x80C0_80C0, w & 0x1E != 0, w & 0x1E_0000 != 0 {
                i += 4
                continue
            }
            if w & 0xC0E0 == 0x80C0, w & 0x1E != 0 {
                i += 2
                continue
            }
            guard let next = sequence(p, i, n) else { return i }
            i = next
        }
        while i < n {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            guard let next = sequence(p, i, n) else { return i }
            i = next
        }
        return nil
    }

    /// The end of the valid sequence starting at the non-ASCII byte `p[i]`, or nil.
    @inline(__always)
    static func sequence(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        let b = p[i]
        if b < 0xC2 {
            return nil
        } else if b < 0xE0 {
            guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return nil }
            return i + 2
        } else if b < 0xF0 {
            guard i + 2 < n else { return nil }
            let b1 = p[i + 1]
            let lo: UInt8 = b == 0xE0 ? 0xA0 : 0x80
            let hi: UInt8 = b == 0xED ? 0x9F : 0xBF
            guard b1 >= lo, b1 <= hi, p[i + 2] & 0xC0 == 0x80 else { return nil }
            return i + 3
        } else if b < 0xF5 {
            guard i + 3 < n else { return nil }
            let b1 = p[i + 1]
            let lo: UInt8 = b == 0xF0 ? 0x90 : 0x80
            let hi: UInt8 = b == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo, b1 <= hi, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return nil }
            return i + 4
        }
        return nil
    }
}
