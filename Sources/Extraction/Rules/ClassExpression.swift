/// A boolean expression over the classes a token belongs to: `NAME`, `!NAME`,
/// `A & B`, `A | B`, parentheses. `!` binds tighter than `&`, `&` tighter than `|`.
public indirect enum ClassExpression: Sendable, Hashable {
    case member(Int)
    case not(ClassExpression)
    case all([ClassExpression])
    case any([ClassExpression])

    @inlinable
    public func evaluate(_ classes: BitSet128) -> Bool {
        switch self {
        case .member(let id): return classes.contains(id)
        case .not(let e): return !e.evaluate(classes)
        case .all(let es):
            for e in es where !e.evaluate(classes) { return false }
            return true
        case .any(let es):
            for e in es where e.evaluate(classes) { return true }
            return false
        }
    }

    /// Classes one of which every matching token must have; `nil` when the
    /// expression can hold without any positive class (it has a bare negation).
    var requiredAnyOf: BitSet128? {
        switch self {
        case .member(let id): return BitSet128(id)
        case .not: return nil
        case .all(let es):
            // Any conjunct with a requirement is enough.
            for e in es { if let r = e.requiredAnyOf { return r } }
            return nil
        case .any(let es):
            var u = BitSet128()
            for e in es {
                guard let r = e.requiredAnyOf else { return nil }
                u.formUnion(r)
            }
            return u
        }
    }

    /// Parses `text` with `lookup` resolving class names (it throws for unknown ones).
    static func parse(_ text: String, lookup: (String) throws -> Int) throws -> ClassExpression {
        try withoutActuallyEscaping(lookup) { lookup in
            var parser = Parser(tokens: Parser.lex(text), lookup: lookup)
            let e = try parser.parseOr()
            guard parser.index == parser.tokens.count else {
                throw ClassExpressionError("unexpected \"\(parser.tokens[parser.index])\" in \"\(text)\"")
            }
            return e
        }
    }

    struct Parser {
        var tokens: [String]
        var index = 0
        let lookup: (String) throws -> Int

        static func lex(_ text: String) -> [String] {
            var out: [String] = []
            var current = ""
            for c in text {
                if "()|&!".contains(c) || c == " " || c == "\t" {
                    if !current.isEmpty { out.append(current); current = "" }
                    if c != " " && c != "\t" { out.append(String(c)) }
                } else {
                    current.append(c)
                }
            }
            if !current.isEmpty { out.append(current) }
            return out
        }

        var peek: String? { index < tokens.count ? tokens[index] : nil }

        mutating func parseOr() throws -> ClassExpression {
            var terms = [try parseAnd()]
            while peek == "|" { index += 1; terms.append(try parseAnd()) }
            return terms.count == 1 ? terms[0] : .any(terms)
        }

        mutating func parseAnd() throws -> ClassExpression {
            var terms = [try parseUnary()]
            while peek == "&" { index += 1; terms.append(try parseUnary()) }
            return terms.count == 1 ? terms[0] : .all(terms)
        }

        mutating func parseUnary() throws -> ClassExpression {
            guard let t = peek else { throw ClassExpressionError("expression ends too early") }
            index += 1
            switch t {
            case "!": return .not(try parseUnary())
            case "(":
                let e = try parseOr()
                guard peek == ")" else { throw ClassExpressionError("missing \")\"") }
                index += 1
                return e
            case ")", "|", "&": throw ClassExpressionError("unexpected \"\(t)\"")
            default: return .member(try lookup(t))
            }
        }
    }
}

struct ClassExpressionError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
