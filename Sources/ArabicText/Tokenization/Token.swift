/// What a token is made of, decided by the tokenizer from its characters.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Arabic letters (with their marks, tatweel and joiners).
    case arabic
    /// Latin or other non-Arabic letters, possibly with digits (`CBS`, `G20`, `al-Assad`).
    case latin
    /// Digits, with inner decimal or date separators (`1540`, `3.5`, `20/3/2019`, `١٥٤٠`).
    case number
    /// One punctuation mark or symbol, or a run of the same mark (`...`, `!!`).
    case punctuation
}

/// A token: a half-open range `[start, end)` of Unicode scalar offsets into the
/// text it was read from, and its kind.
///
/// Invariant: `start < end`, and the text's scalars in that range are the token.
public struct Token: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var kind: TokenKind

    @inlinable
    public init(start: Int, end: Int, kind: TokenKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    @inlinable public var length: Int { end - start }
}

/// How a token looks, as features for a learned model: its kind refined by case,
/// a year-like number, and its length.
public struct TokenShape: Sendable, Hashable {
    public enum Form: UInt8, Sendable, Hashable, CaseIterable {
        case arabic, arabicWithArticle, latinCapitalized, latinUpper, latinLower, latinMixed
        case year, number, punctuation, other
    }
    public var form: Form
    /// The token's length in scalars, capped at 15.
    public var length: UInt8

    public init(form: Form, length: UInt8) {
        self.form = form
        self.length = length
    }

    /// A short stable code such as `A5`, `AL7`, `Xx3`, `Y4`, `P1`, for feature strings.
    public var code: String {
        let f: String
        switch form {
        case .arabic: f = "A"
        case .arabicWithArticle: f = "AL"
        case .latinCapitalized: f = "Xx"
        case .latinUpper: f = "XX"
        case .latinLower: f = "xx"
        case .latinMixed: f = "Xm"
        case .year: f = "Y"
        case .number: f = "N"
        case .punctuation: f = "P"
        case .other: f = "O"
        }
        return f + String(length)
    }

    /// The shape of `scalars[token.start..<token.end]`. O(length).
    public static func of(_ token: Token, in scalars: UnsafeBufferPointer<Unicode.Scalar>) -> TokenShape {
        let length = UInt8(min(token.length, 15))
        switch token.kind {
        case .arabic:
            if token.length > 3, scalars[token.start] == "\u{0627}" || scalars[token.start] == "\u{0623}" || scalars[token.start] == "\u{0625}",
               scalars[token.start + 1] == "\u{0644}" {
                return TokenShape(form: .arabicWithArticle, length: length)
            }
            return TokenShape(form: .arabic, length: length)
        case .latin:
            var upper = 0, lower = 0
            for i in token.start..<token.end {
                let p = scalars[i].properties
                if p.isUppercase { upper += 1 } else if p.isLowercase { lower += 1 }
            }
            let firstUpper = scalars[token.start].properties.isUppercase
            let form: Form
            if lower == 0 && upper > 0 { form = .latinUpper }
            else if upper == 0 { form = .latinLower }
            else if firstUpper && upper == 1 { form = .latinCapitalized }
            else { form = .latinMixed }
            return TokenShape(form: form, length: length)
        case .number:
            if token.length == 4 {
                var value = 0
                for i in token.start..<token.end {
                    guard let d = ArabicScript.digitValue(scalars[i]) else { return TokenShape(form: .number, length: length) }
                    value = value * 10 + d
                }
                if (1000...2199).contains(value) { return TokenShape(form: .year, length: length) }
            }
            return TokenShape(form: .number, length: length)
        case .punctuation:
            return TokenShape(form: .punctuation, length: length)
        }
    }
}
