/// Splits text into tokens that keep their Unicode scalar offsets.
///
/// - Whitespace and invisible marks (ZWSP, LRM, RLM, bidi embeddings, BOM) separate tokens
///   and are never inside one.
/// - An Arabic word is a run of Arabic letters with their marks, tatweel and joiners.
/// - A number is a run of digits (ASCII, Arabic-Indic or Persian) with inner separators
///   `. , ٫ ٬ / :` between digits (`3.5`, `1,000`, `20/3/2019`, `10:30`).
/// - A Latin word is a run of letters and digits with inner `' ’ - .` between letters
///   (`CBS`, `G20`, `al-Assad`, `U.S`); digits followed by letters join it (`5G`).
/// - Every other scalar is punctuation: one token each, except that a run of the same
///   mark is one token (`...`, `!!`).
///
/// Arabic words and digits never join: `و1540` is `و` and `1540`.
/// Complexity: O(n) in the scalars, one pass, no allocation besides the result.
public struct Tokenizer: Sendable, Hashable {
    public init() {}

    /// Tokens of a string, with offsets into its `unicodeScalars`.
    public func tokenize(_ text: String) -> [Token] {
        tokenize(Array(text.unicodeScalars))
    }

    public func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 5 + 1)
        scalars.withUnsafeBufferPointer { tokenize($0, into: &tokens) }
        return tokens
    }

    /// Appends the tokens of `s` to `tokens` (which may hold earlier ones).
    public func tokenize(_ s: UnsafeBufferPointer<Unicode.Scalar>, into tokens: inout [Token]) {
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            let cls = Self.classify(c)
            switch cls {
            case .space:
                i += 1
            case .arabic:
                var j = i + 1
                while j < n, ArabicScript.isArabicWordScalar(s[j]) { j += 1 }
                tokens.append(Token(start: i, end: j, kind: .arabic))
                i = j
            case .digit:
                var j = i + 1
                var kind = TokenKind.number
                while j < n {
                    let d = s[j]
                    if ArabicScript.digitValue(d) != nil { j += 1; continue }
                    if Self.isNumberSeparator(d), j + 1 < n, ArabicScript.digitValue(s[j + 1]) != nil { j += 2; continue }
                    if Self.classify(d) == .latin { kind = .latin; j = Self.latinEnd(s, from: j); break }
                    break
                }
                tokens.append(Token(start: i, end: j, kind: kind))
                i = j
            case .latin:
                let j = Self.latinEnd(s, from: i)
                tokens.append(Token(start: i, end: j, kind: .latin))
                i = j
            case .punctuation:
                var j = i + 1
                while j < n, s[j] == c { j += 1 }
                tokens.append(Token(start: i, end: j, kind: .punctuation))
                i = j
            }
        }
    }

    enum ScalarClass { case space, arabic, digit, latin, punctuation }

    @inline(__always)
    static func classify(_ c: Unicode.Scalar) -> ScalarClass {
        let v = c.value
        if v < 0x80 {
            if v == 0x20 || (0x09...0x0D).contains(v) { return .space }
            if (0x30...0x39).contains(v) { return .digit }
            if (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) { return .latin }
            if v < 0x20 || v == 0x7F { return .space }
            return .punctuation
        }
        if ArabicScript.isArabicWordScalar(c) { return .arabic }
        if ArabicScript.digitValue(c) != nil { return .digit }
        if ArabicScript.isInvisibleMark(c) { return .space }
        let p = c.properties
        if p.isWhitespace { return .space }
        if p.isAlphabetic { return .latin }
        switch p.generalCategory {
        case .control, .format, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator: return .space
        case .nonspacingMark, .spacingMark, .enclosingMark: return .latin
        default: return .punctuation
        }
    }

    @inline(__always)
    static func isNumberSeparator(_ c: Unicode.Scalar) -> Bool {
        c == "." || c == "," || c == "\u{066B}" || c == "\u{066C}" || c == "/" || c == ":"
    }

    @inline(__always)
    static func isLatinJoiner(_ c: Unicode.Scalar) -> Bool {
        c == "'" || c == "\u{2019}" || c == "-" || c == "."
    }

    /// The end of a Latin word starting at `i`.
    static func latinEnd(_ s: UnsafeBufferPointer<Unicode.Scalar>, from i: Int) -> Int {
        let n = s.count
        var j = i + 1
        while j < n {
            let d = s[j]
            let cls = classify(d)
            if cls == .latin || cls == .digit { j += 1; continue }
            if isLatinJoiner(d), j + 1 < n, classify(s[j + 1]) == .latin { j += 2; continue }
            break
        }
        return j
    }
}

extension Tokenizer {
    /// The kind of a token made elsewhere (a CoNLL token, which may carry
    /// punctuation: `(د`, `«داعش»`): Arabic when it has an Arabic letter, else a
    /// number when it has a digit and no letter, else Latin when it has a letter,
    /// else punctuation. O(length).
    public static func kind<C: Collection<Unicode.Scalar>>(of token: C) -> TokenKind {
        var digit = false, latin = false
        for s in token {
            switch classify(s) {
            case .arabic: return .arabic
            case .digit: digit = true
            case .latin: latin = true
            case .space, .punctuation: break
            }
        }
        if latin { return .latin }
        if digit { return .number }
        return .punctuation
    }

    /// True for scalars the tokenizer makes punctuation tokens of.
    public static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        classify(scalar) == .punctuation
    }
}
