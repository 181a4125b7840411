import Corpus

/// A rule's match: the entities its captures found.
public struct RuleMatch: Sendable, Hashable {
    public var rule: Int
    public var captures: [Proposal]
}

extension RuleSet {
    struct Thread {
        var pc: Int
        var pos: Int
        var saves: (Int, Int, Int, Int, Int, Int, Int, Int)
    }

    /// Scratch space reused across the positions of one document.
    struct Scratch {
        var stack: [Thread] = []
        var ends: [Int] = []
    }

    /// The ends (exclusive) of the ways class `c` can match from `pos`: one token
    /// when the token has the class, and every multi-word entry starting there.
    func phraseEnds(_ c: Int, at pos: Int, end: Int, document: AnalyzedDocument, layer: ClassLayer, into ends: inout [Int]) {
        ends.removeAll(keepingCapacity: true)
        if layer.classes[pos].contains(c) { ends.append(pos + 1) }
        guard layer.phraseStarts[pos].contains(c) else { return }
        func walk(_ first: Int32) {
            var node = first
            var k = pos + 1
            while k < end, let next = phrases.child(node, document.wordIDs[k]) {
                node = next
                k += 1
                if phrases.labels[Int(node)].contains(c), !ends.contains(k) { ends.append(k) }
            }
        }
        if let first = phrases.child(PhraseTrie.root, document.wordIDs[pos]) { walk(first) }
        if cliticClasses.contains(c) {
            for r in document.readings(pos) where r.analysis.procliticLength > 0 {
                if let first = phrases.child(PhraseTrie.root, r.lookupID) { walk(first) }
            }
        }
        ends.sort(by: >)
    }

    /// Runs one pattern at `start`; the capture bounds of the first match, or nil.
    func run(_ pattern: TokenPattern, at start: Int, end: Int, document: AnalyzedDocument, layer: ClassLayer,
             scratch: inout Scratch) -> Thread? {
        scratch.stack.removeAll(keepingCapacity: true)
        scratch.stack.append(Thread(pc: 0, pos: start, saves: (-1, -1, -1, -1, -1, -1, -1, -1)))
        var budget = 20_000  // bounds pathological backtracking
        let program = pattern.program
        let terms = pattern.terms
        while var th = scratch.stack.popLast() {
            execution: while budget > 0 {
                budget -= 1
                switch program[th.pc] {
                case .test(let first, let count, let tree):
                    guard th.pos < end else { break execution }
                    let m = layer.classes[th.pos]
                    var ok = false
                    if tree >= 0 {
                        ok = pattern.trees[Int(tree)].evaluate(m)
                    } else {
                        var j = Int(first)
                        let stop = j + Int(count)
                        while j < stop {
                            let t = terms[j]
                            if m.intersection(t.required) == t.required && !m.intersects(t.forbidden) { ok = true; break }
                            j += 1
                        }
                    }
                    guard ok else { break execution }
                    th.pos += 1
                    th.pc += 1
                case .phrase(let c):
                    guard th.pos < end else { break execution }
                    phraseEnds(c, at: th.pos, end: end, document: document, layer: layer, into: &scratch.ends)
                    guard let longest = scratch.ends.first else { break execution }
                    for e in scratch.ends.dropFirst().reversed() {
                        var alt = th
                        alt.pos = e
                        alt.pc += 1
                        scratch.stack.append(alt)
                    }
                    th.pos = longest
                    th.pc += 1
                case .split(let a, let b):
                    var alt = th
                    alt.pc = b
                    scratch.stack.append(alt)
                    th.pc = a
                case .jump(let a):
                    th.pc = a
                case .save(let k):
                    withUnsafeMutableBytes(of: &th.saves) { $0.storeBytes(of: th.pos, toByteOffset: k * MemoryLayout<Int>.stride, as: Int.self) }
                    th.pc += 1
                case .match:
                    return th
                }
            }
            if budget <= 0 { return nil }
        }
        return nil
    }

    /// Every rule match in `document`, rules tried in file order at each token.
    public func matches(in document: AnalyzedDocument, layer: ClassLayer) -> [RuleMatch] {
        var out: [RuleMatch] = []
        var scratch = Scratch()
        for s in 0..<document.sentenceCount {
            let range = document.sentenceRange(s)
            for pos in range {
                let trigger = layer.classes[pos].union(layer.phraseStarts[pos])
                guard hasUnanchoredRule || trigger.intersects(anyFirst) else { continue }
                for r in 0..<firstClasses.count {
                    // Plain-value filter first: copying a rule out of `rules` retains its arrays.
                    if anchored[r], !firstClasses[r].intersects(trigger) { continue }
                    let rule = rules[r]
                    guard let th = run(rule.pattern, at: pos, end: range.upperBound, document: document, layer: layer, scratch: &scratch) else { continue }
                    var captures: [Proposal] = []
                    withUnsafeBytes(of: th.saves) { raw in
                        for k in 0..<rule.pattern.captureTypes.count {
                            let a = raw.load(fromByteOffset: 2 * k * MemoryLayout<Int>.stride, as: Int.self)
                            let b = raw.load(fromByteOffset: (2 * k + 1) * MemoryLayout<Int>.stride, as: Int.self)
                            guard a >= 0, b > a else { continue }
                            let type = rule.pattern.captureTypes[k].map { EntityType($0) } ?? rule.type
                            captures.append(Proposal(firstToken: a, endToken: b, type: type, rank: r))
                        }
                    }
                    if !captures.isEmpty { out.append(RuleMatch(rule: r, captures: captures)) }
                }
            }
        }
        return out
    }
}
