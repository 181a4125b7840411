/// One entity mention: a half-open range `[start, end)` of Unicode scalar offsets
/// into its document's text, as BRAT and Python count them.
///
/// Invariant: `0 <= start < end`. `text` is the surface string the range covers
/// (kept so that error listings and reports need not reopen the document).
public struct EntitySpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var type: EntityType
    public var text: String

    public init(start: Int, end: Int, type: EntityType, text: String = "") {
        precondition(start >= 0 && start < end, "an entity span must be a non-empty range")
        self.start = start
        self.end = end
        self.type = type
        self.text = text
    }

    /// The number of scalars covered.
    public var length: Int { end - start }

    /// True when the two ranges share at least one scalar.
    @inlinable
    public func overlaps(_ other: EntitySpan) -> Bool {
        start < other.end && other.start < end
    }

    /// True when range and type are equal (the surface text is not compared).
    @inlinable
    public func matchesExactly(_ other: EntitySpan) -> Bool {
        start == other.start && end == other.end && type == other.type
    }

    /// The number of scalars the two ranges share.
    @inlinable
    public func overlapLength(with other: EntitySpan) -> Int {
        max(0, min(end, other.end) - max(start, other.start))
    }
}

extension EntitySpan: Comparable {
    /// Document order: by start, then longer spans first, then by type name.
    public static func < (lhs: EntitySpan, rhs: EntitySpan) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        if lhs.end != rhs.end { return lhs.end > rhs.end }
        return lhs.type < rhs.type
    }
}
