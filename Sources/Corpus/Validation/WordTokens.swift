/// The corpus-level notion of a token used to validate annotations and count
/// tokens: a maximal run of letters, combining marks and digits (digits may be
/// joined by `.` or `,` inside a number, as in 3.5 or 1,540), or any other single
/// non-space character. It matches the extractor's tokenizer on whitespace and
/// punctuation without depending on it.
public enum WordTokens {
    @inlinable
    public static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// Token ranges `[start, end)` in scalar offsets. O(n).
    public static func spans(in scalars: [Unicode.Scalar]) -> [TokenSpan] {
        var spans: [TokenSpan] = []
        var i = 0
        let n = scalars.count
        while i < n {
            let s = scalars[i]
            if s.properties.isWhitespace || isInvisible(s) { i += 1; continue }
            if !isWordScalar(s) { spans.append(TokenSpan(start: i, end: i + 1)); i += 1; continue }
            let start = i
            while i < n {
                if isWordScalar(scalars[i]) { i += 1; continue }
                // A separator between two digits stays inside a number.
                if (scalars[i] == "." || scalars[i] == "," || scalars[i] == "٫"), i > start, i + 1 < n,
                   scalars[i - 1].properties.numericType != nil, scalars[i + 1].properties.numericType != nil {
                    i += 1
                    continue
                }
                break
            }
            spans.append(TokenSpan(start: start, end: i))
        }
        return spans
    }

    /// Zero-width and bidi control characters: not tokens, not spaces either.
    @inlinable
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        s.properties.generalCategory == .format
    }
}
