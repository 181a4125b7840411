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

/// A class expression in disjunctive normal form: it holds when, for some term,
/// the token has every `required` class and none of the `forbidden` ones. Two
/// 128-bit tests per term instead of a walk over the expression tree.
struct CompiledClassExpression: Sendable {
    struct Term: Sendable {
        var required: BitSet128
        var forbidden: BitSet128
    }
    let terms: [Term]?
    let tree: ClassExpression

    static let maximumTerms = 64

    init(_ e: ClassExpression) {
        tree = e
        terms = Self.dnf(e, negated: false)
    }

    @inline(__always)
    func evaluate(_ m: BitSet128) -> Bool {
        guard let terms else { return tree.evaluate(m) }
        for t in terms where m.intersection(t.required) == t.required && !m.intersects(t.forbidden) { return true }
        return false
    }

    /// `nil` when the normal form would exceed `maximumTerms`.
    static func dnf(_ e: ClassExpression, negated: Bool) -> [Term]? {
        switch e {
        case .member(let id):
            return negated ? [Term(required: BitSet128(), forbidden: BitSet128(id))]
                           : [Term(required: BitSet128(id), forbidden: BitSet128())]
        case .not(let inner):
            return dnf(inner, negated: !negated)
        case .all(let es), .any(let es):
            let conjunction: Bool
            if case .all = e { conjunction = !negated } else { conjunction = negated }
            var parts: [[Term]] = []
            for x in es {
                guard let d = dnf(x, negated: negated) else { return nil }
                parts.append(d)
            }
            if !conjunction {
                let all = parts.flatMap { $0 }
                return all.count <= maximumTerms ? all : nil
            }
            var product = [Term(required: BitSet128(), forbidden: BitSet128())]
            for p in parts {
                var next: [Term] = []
                for a in product {
                    for b in p {
                        let t = Term(required: a.required.union(b.required), forbidden: a.forbidden.union(b.forbidden))
                        if !t.required.intersects(t.forbidden) { next.append(t) }
                    }
                }
                guard next.count <= maximumTerms else { return nil }
                product = next
            }
            return product
        }
    }
}
