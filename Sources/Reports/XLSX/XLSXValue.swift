/// What one cell holds.
///
/// Non-finite numbers are never written: libxlsxwriter writes NaN and
/// infinity into the XML without complaint and the file then does not open,
/// so `.number(.nan)` (a 0/0 that got this far) is written as a blank cell.
/// Write `.text("n/a")` instead where the reader should see why it is empty.
public enum XLSXValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral {
    case number(Double)
    case text(String)
    case boolean(Bool)
    case blank

    /// A number, or a blank for nil.
    public init(_ number: Double?) {
        self = number.map { .number($0) } ?? .blank
    }

    public init(_ integer: Int) { self = .number(Double(integer)) }

    public init(stringLiteral value: String) { self = .text(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }

    /// The number to write, nil for blanks, text, booleans and non-finite numbers.
    public var finiteNumber: Double? {
        if case .number(let x) = self, x.isFinite { return x }
        return nil
    }

    /// Longest text a cell holds, in Unicode scalars (Excel's and
    /// libxlsxwriter's limit); longer text is cut to fit, ending in "…".
    public static let maximumTextLength = 32_767

    /// Text made safe for the file: NUL and the non-characters U+FFFE/U+FFFF
    /// (which XML cannot carry, and NUL would end the C string early) become
    /// U+FFFD; text over `maximumTextLength` scalars is cut. Other control
    /// characters are kept: libxlsxwriter escapes them as `_xHHHH_`.
    static func sanitized(_ text: String) -> String {
        // Fast path on the UTF-8 bytes: NUL is 0x00, U+FFFE/U+FFFF are
        // EF BF BE/BF, and at most `maximumTextLength` bytes means at most as
        // many scalars.
        var needsWork = false
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == 0 || (previous == (0xEF, 0xBF) && (byte == 0xBE || byte == 0xBF)) {
                needsWork = true
                break
            }
            previous = (previous.1, byte)
        }
        let count = text.utf8.count <= maximumTextLength ? 0 : text.unicodeScalars.count
        guard needsWork || count > maximumTextLength else { return text }
        var result = String.UnicodeScalarView()
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if count > maximumTextLength && i == maximumTextLength - 1 {
                result.append("…")
                break
            }
            let bad = scalar.value == 0 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            result.append(bad ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }
}
