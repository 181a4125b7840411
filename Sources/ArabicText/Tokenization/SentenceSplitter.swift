/// Finds sentence boundaries in a token sequence.
///
/// A sentence ends after a terminator (`.` `!` `?` `؟` `…` `۔` or a run of them), together
/// with any closing quotes or brackets right after it, and at every line break in the
/// text between two tokens (news titles and paragraphs end without a full stop).
/// A full stop attached to a one-letter word (`د.` for doctor, `J.`) is an abbreviation
/// and ends nothing.
///
/// Complexity: O(tokens + scalars between tokens).
public struct SentenceSplitter: Sendable, Hashable {
    public init() {}

    /// The index of the first token of each sentence; `[0]` or more when there
    /// are tokens, `[]` when there are none.
    public func sentenceStarts(tokens: [Token], scalars: [Unicode.Scalar]) -> [Int] {
        guard !tokens.isEmpty else { return [] }
        var starts = [0]
        var t = 0
        while t < tokens.count - 1 {
            let token = tokens[t]
            var breakAfter = false
            if token.kind == .punctuation, Self.isTerminator(scalars[token.start]) {
                breakAfter = !isAbbreviation(at: t, tokens: tokens, scalars: scalars)
                if breakAfter {
                    // Closing quotes and brackets stay with the sentence they close.
                    while t + 1 < tokens.count - 1, tokens[t + 1].kind == .punctuation,
                          tokens[t + 1].start == tokens[t].end, Self.isCloser(scalars[tokens[t + 1].start]) {
                        t += 1
                    }
                }
            }
            if !breakAfter {
                // A line break between this token and the next ends the sentence.
                var k = tokens[t].end
                while k < tokens[t + 1].start {
                    if scalars[k] == "\n" || scalars[k] == "\u{2029}" || scalars[k] == "\u{2028}" { breakAfter = true; break }
                    k += 1
                }
            }
            if breakAfter { starts.append(t + 1) }
            t += 1
        }
        return starts
    }

    func isAbbreviation(at t: Int, tokens: [Token], scalars: [Unicode.Scalar]) -> Bool {
        guard t > 0, scalars[tokens[t].start] == ".", tokens[t].length == 1 else { return false }
        let previous = tokens[t - 1]
        return previous.end == tokens[t].start && previous.length == 1 && previous.kind != .punctuation && previous.kind != .number
    }

    static func isTerminator(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case ".", "!", "?", "\u{061F}", "\u{2026}", "\u{06D4}": return true
        default: return false
        }
    }

    static func isCloser(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "\u{00BB}", "\"", "'", ")", "]", "}", "\u{201D}", "\u{2019}", "\u{203A}": return true
        default: return false
        }
    }
}
