import Corpus

/// The labels a sequence labeller chooses from: `O`, then `B-X` and `I-X` for
/// each entity type `X`, numbered `O = 0`, `B-types[k] = 1 + 2k`, `I-types[k] = 2 + 2k`.
///
/// The transition constraint of BIO (IOB2) is data here: `I-X` may follow only
/// `B-X` or `I-X`, and may not start a sentence. Decoding never leaves it.
public struct BIOTagSet: Sendable, Hashable {
    /// The entity types, in label order.
    public let types: [EntityType]

    public init(types: [EntityType]) {
        precondition(Set(types).count == types.count, "entity types must be distinct")
        self.types = types
    }

    /// The number of labels: `1 + 2 × types.count`.
    @inlinable public var count: Int { 1 + 2 * types.count }

    public static let outside = 0
    @inlinable public func begin(_ typeIndex: Int) -> Int { 1 + 2 * typeIndex }
    @inlinable public func inside(_ typeIndex: Int) -> Int { 2 + 2 * typeIndex }

    /// The type index of a `B-` or `I-` label; nil for `O`.
    @inlinable public func typeIndex(of label: Int) -> Int? { label == 0 ? nil : (label - 1) / 2 }
    @inlinable public func isBegin(_ label: Int) -> Bool { label != 0 && label % 2 == 1 }
    @inlinable public func isInside(_ label: Int) -> Bool { label != 0 && label % 2 == 0 }

    /// Label names in label order (`O`, `B-PER`, `I-PER`, ...).
    public var names: [String] {
        ["O"] + types.flatMap { ["B-\($0.name)", "I-\($0.name)"] }
    }

    /// The name of `label`.
    public func name(of label: Int) -> String {
        guard let t = typeIndex(of: label) else { return "O" }
        return (isBegin(label) ? "B-" : "I-") + types[t].name
    }

    /// The label named `name` (`O`, `B-X`, `I-X`), or nil when its type is not in the set
    /// or the name is not a BIO tag.
    public func label(named name: String) -> Int? {
        if name == "O" { return 0 }
        guard name.count > 2, name.hasPrefix("B-") || name.hasPrefix("I-") else { return nil }
        let type = EntityType(String(name.dropFirst(2)))
        guard let t = types.firstIndex(of: type) else { return nil }
        return name.hasPrefix("B-") ? begin(t) : inside(t)
    }

    /// True when `label` may follow `previous` (`nil`: the sentence start).
    @inlinable
    public func allows(_ label: Int, after previous: Int?) -> Bool {
        guard isInside(label) else { return true }
        guard let previous, previous != 0 else { return false }
        return typeIndex(of: previous) == typeIndex(of: label)
    }

    /// True when the whole sequence keeps the constraint.
    public func isValid(_ labels: [Int]) -> Bool {
        var previous: Int? = nil
        for l in labels {
            if !allows(l, after: previous) { return false }
            previous = l
        }
        return true
    }

    /// Rewrites a sequence so it keeps the constraint the way conlleval reads it:
    /// an `I-X` that does not continue an `X` starts a new `X` entity, so it becomes `B-X`.
    /// Gold data with such tags (ANERcorp has a few) is repaired this way before training.
    public func repaired(_ labels: [Int]) -> [Int] {
        var out = labels
        var previous: Int? = nil
        for i in out.indices {
            if !allows(out[i], after: previous) { out[i] -= 1 }
            previous = out[i]
        }
        return out
    }

    /// The entities of a valid label sequence, as half-open token ranges with a type index.
    /// O(n).
    public func chunks(_ labels: [Int]) -> [LabelChunk] {
        var result: [LabelChunk] = []
        var open: (start: Int, type: Int)? = nil
        for (i, l) in labels.enumerated() {
            if let o = open, !(isInside(l) && typeIndex(of: l) == o.type) {
                result.append(LabelChunk(start: o.start, end: i, type: o.type))
                open = nil
            }
            if let t = typeIndex(of: l), open == nil { open = (i, t) }
        }
        if let o = open { result.append(LabelChunk(start: o.start, end: labels.count, type: o.type)) }
        return result
    }
}

/// An entity as a token range `[start, end)` and a type index into a `BIOTagSet`.
public struct LabelChunk: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var type: Int
    public init(start: Int, end: Int, type: Int) {
        self.start = start
        self.end = end
        self.type = type
    }
}
