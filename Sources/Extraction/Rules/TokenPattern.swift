/// A compiled token pattern: a small regular expression over tokens, run by a
/// backtracking machine with greedy quantifiers (the first match in priority
/// order wins, as in PCRE).
///
/// Syntax, items separated by spaces:
/// - `CLASS`, `!CLASS`, `A&!B`: one token whose classes satisfy the expression; a
///   single class that has multi-word entries also matches one of those phrases;
/// - `"word"` or `"two words"`: a literal (normalized like text);
/// - `( a b | c )`: grouping with alternatives; `[ ... ]` captures an entity of the
///   rule's type, `[ ... ]:TYPE` of another type (at most 4 captures);
/// - quantifiers after an item: `?` `*` `+` `{n}` `{m,n}` `{m,}`.
public struct TokenPattern: Sendable {
    enum Op: Sendable {
        /// One token satisfying an expression: terms `[first, first + count)` of
        /// `terms` (its normal form), or `trees[tree]` when `tree >= 0`.
        case test(first: Int32, count: Int32, tree: Int32)
        /// One token of the class, or one of the class's multi-word phrases.
        case phrase(Int)
        /// Try `first`, on failure `second`.
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case match
    }

    let program: [Op]
    /// The normal-form terms of every tested expression, flat (plain values, so
    /// testing a token copies nothing that is reference-counted).
    let terms: [CompiledClassExpression.Term]
    let trees: [ClassExpression]
    /// The type of each capture (`nil`: the rule's type).
    let captureTypes: [String?]
    /// Classes one of which the first token must have (or start a phrase of); `nil`: try everywhere.
    let firstClasses: BitSet128?

    public static let maximumCaptures = 4
}

/// The syntax tree, before compilation.
indirect enum PatternNode {
    case test(ClassExpression)
    case phrase(Int)
    case sequence([PatternNode])
    case alternatives([PatternNode])
    case repetition(PatternNode, min: Int, max: Int?)
    case capture(PatternNode, index: Int)

    var minimumLength: Int {
        switch self {
        case .test, .phrase: return 1
        case .sequence(let s): return s.reduce(0) { $0 + $1.minimumLength }
        case .alternatives(let a): return a.map(\.minimumLength).min() ?? 0
        case .repetition(let n, let min, _): return n.minimumLength * min
        case .capture(let n, _): return n.minimumLength
        }
    }

    /// (classes one of which starts every match, or nil when unknown; whether it can match empty)
    var first: (classes: BitSet128?, nullable: Bool) {
        switch self {
        case .test(let e): return (e.requiredAnyOf, false)
        case .phrase(let c): return (BitSet128(c), false)
        case .capture(let n, _): return n.first
        case .repetition(let n, let min, _):
            let f = n.first
            return (f.classes, min == 0 || f.nullable)
        case .alternatives(let a):
            var u = BitSet128()
            var nullable = false
            for n in a {
                let f = n.first
                guard let c = f.classes else { return (nil, true) }
                u.formUnion(c)
                nullable = nullable || f.nullable
            }
            return (u, nullable)
        case .sequence(let s):
            var u = BitSet128()
            for n in s {
                let f = n.first
                guard let c = f.classes else { return (nil, true) }
                u.formUnion(c)
                if !f.nullable { return (u, false) }
            }
            return (u, true)
        }
    }
}

struct PatternError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension TokenPattern {
    /// Parses and compiles a pattern. `resolve` turns an atom (a class expression
    /// string) into a node; `literal` turns a quoted literal into a node.
    static func compile(_ source: String, resolve: (String) throws -> PatternNode,
                        literal: (String) throws -> PatternNode) throws -> TokenPattern {
        let (node, captureTypes) = try withoutActuallyEscaping(resolve) { resolve in
            try withoutActuallyEscaping(literal) { literal in
                var parser = PatternParser(tokens: try PatternParser.lex(source), resolve: resolve, literal: literal)
                let node = try parser.parseAlternatives()
                guard parser.index == parser.tokens.count else {
                    throw PatternError("unexpected \"\(parser.tokens[parser.index])\"")
                }
                return (node, parser.captureTypes)
            }
        }
        guard captureTypes.count > 0 else { throw PatternError("no capture: mark the entity with [ ... ]") }
        guard node.minimumLength > 0 else { throw PatternError("the pattern can match no token at all") }
        var program: [Op] = []
        var tables = Tables()
        try emit(node, into: &program, tables: &tables)
        program.append(.match)
        let first = node.first
        return TokenPattern(program: program, terms: tables.terms, trees: tables.trees, captureTypes: captureTypes,
                            firstClasses: first.nullable ? nil : first.classes)
    }

    struct Tables {
        var terms: [CompiledClassExpression.Term] = []
        var trees: [ClassExpression] = []
    }

    static func emit(_ node: PatternNode, into p: inout [Op], tables: inout Tables) throws {
        switch node {
        case .test(let e):
            let compiled = CompiledClassExpression(e)
            if let terms = compiled.terms {
                p.append(.test(first: Int32(tables.terms.count), count: Int32(terms.count), tree: -1))
                tables.terms.append(contentsOf: terms)
            } else {
                p.append(.test(first: 0, count: 0, tree: Int32(tables.trees.count)))
                tables.trees.append(e)
            }
        case .phrase(let c): p.append(.phrase(c))
        case .sequence(let s): for n in s { try emit(n, into: &p, tables: &tables) }
        case .capture(let n, let k):
            p.append(.save(2 * k))
            try emit(n, into: &p, tables: &tables)
            p.append(.save(2 * k + 1))
        case .alternatives(let a):
            // split L1, next; L1: a0; jump end; next: split L2, next2; ...
            var jumps: [Int] = []
            for (i, n) in a.enumerated() {
                if i < a.count - 1 {
                    let split = p.count
                    p.append(.split(split + 1, -1))
                    try emit(n, into: &p, tables: &tables)
                    jumps.append(p.count)
                    p.append(.jump(-1))
                    p[split] = .split(split + 1, p.count)
                } else {
                    try emit(n, into: &p, tables: &tables)
                }
            }
            for j in jumps { p[j] = .jump(p.count) }
        case .repetition(let n, let min, let max):
            if max == nil || (max ?? 0) > min, n.minimumLength == 0 {
                throw PatternError("a repeated item must match at least one token")
            }
            for _ in 0..<min { try emit(n, into: &p, tables: &tables) }
            if let max {
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(p.count)
                    p.append(.split(p.count + 1, -1))
                    try emit(n, into: &p, tables: &tables)
                }
                for s in splits { p[s] = .split(s + 1, p.count) }
            } else {
                let loop = p.count
                p.append(.split(loop + 1, -1))
                try emit(n, into: &p, tables: &tables)
                p.append(.jump(loop))
                p[loop] = .split(loop + 1, p.count)
            }
        }
    }
}

struct PatternParser {
    var tokens: [String]
    var index = 0
    let resolve: (String) throws -> PatternNode
    let literal: (String) throws -> PatternNode
    var captureTypes: [String?] = []

    static func lex(_ s: String) throws -> [String] {
        var out: [String] = []
        var chars = Array(s)
        chars.append(" ")
        var i = 0
        var current = ""
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" {
                flush()
                var j = i + 1
                var lit = ""
                while j < chars.count - 1, chars[j] != "\"" { lit.append(chars[j]); j += 1 }
                guard j < chars.count - 1 else { throw PatternError("unterminated literal \"\(lit)") }
                out.append("\"" + lit + "\"")
                i = j + 1
                continue
            }
            if c == " " || c == "\t" { flush(); i += 1; continue }
            if "()|[".contains(c) { flush(); out.append(String(c)); i += 1; continue }
            if c == "]" {
                flush()
                // `]:TYPE`
                if i + 1 < chars.count, chars[i + 1] == ":" {
                    var j = i + 2
                    var type = ""
                    while j < chars.count, !" \t()|[]?*+{".contains(chars[j]) { type.append(chars[j]); j += 1 }
                    guard !type.isEmpty else { throw PatternError("\"]:\" needs a type name") }
                    out.append("]:" + type)
                    i = j
                } else {
                    out.append("]"); i += 1
                }
                continue
            }
            if "?*+".contains(c) { flush(); out.append(String(c)); i += 1; continue }
            if c == "{" {
                flush()
                var j = i
                var q = ""
                while j < chars.count, chars[j] != "}" { q.append(chars[j]); j += 1 }
                guard j < chars.count else { throw PatternError("unterminated quantifier \(q)") }
                out.append(q + "}")
                i = j + 1
                continue
            }
            current.append(c)
            i += 1
        }
        return out
    }

    var peek: String? { index < tokens.count ? tokens[index] : nil }

    mutating func parseAlternatives() throws -> PatternNode {
        var alts = [try parseSequence()]
        while peek == "|" { index += 1; alts.append(try parseSequence()) }
        return alts.count == 1 ? alts[0] : .alternatives(alts)
    }

    mutating func parseSequence() throws -> PatternNode {
        var items: [PatternNode] = []
        while let t = peek, t != "|", t != ")", t != "]", !t.hasPrefix("]:") {
            items.append(try parseQuantified())
        }
        guard !items.isEmpty else { throw PatternError("empty sequence") }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func parseQuantified() throws -> PatternNode {
        var node = try parseAtom()
        while let q = peek {
            switch q {
            case "?": node = .repetition(node, min: 0, max: 1)
            case "*": node = .repetition(node, min: 0, max: nil)
            case "+": node = .repetition(node, min: 1, max: nil)
            default:
                guard q.hasPrefix("{") else { return node }
                let body = q.dropFirst().dropLast()
                let parts = body.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let lo = Int(parts[0]), lo >= 0, parts.count <= 2 else { throw PatternError("bad quantifier \(q)") }
                if parts.count == 1 {
                    node = .repetition(node, min: lo, max: lo)
                } else if parts[1].isEmpty {
                    node = .repetition(node, min: lo, max: nil)
                } else {
                    guard let hi = Int(parts[1]), hi >= lo, hi >= 1, hi <= 16 else { throw PatternError("bad quantifier \(q)") }
                    node = .repetition(node, min: lo, max: hi)
                }
            }
            index += 1
        }
        return node
    }

    mutating func parseAtom() throws -> PatternNode {
        guard let t = peek else { throw PatternError("pattern ends too early") }
        index += 1
        if t == "(" {
            let inner = try parseAlternatives()
            guard peek == ")" else { throw PatternError("missing \")\"") }
            index += 1
            return inner
        }
        if t == "[" {
            let k = captureTypes.count
            guard k < TokenPattern.maximumCaptures else { throw PatternError("more than \(TokenPattern.maximumCaptures) captures") }
            captureTypes.append(nil)
            let inner = try parseAlternatives()
            guard let close = peek, close == "]" || close.hasPrefix("]:") else { throw PatternError("missing \"]\"") }
            index += 1
            if close.hasPrefix("]:") { captureTypes[k] = String(close.dropFirst(2)) }
            return .capture(inner, index: k)
        }
        if t.hasPrefix("\"") { return try literal(String(t.dropFirst().dropLast())) }
        if ["?", "*", "+", ")", "]", "|"].contains(t) || t.hasPrefix("{") || t.hasPrefix("]:") {
            throw PatternError("unexpected \"\(t)\"")
        }
        return try resolve(t)
    }
}

import Foundation
