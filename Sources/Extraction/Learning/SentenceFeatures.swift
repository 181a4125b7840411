/// The feature keys of one sentence, token by token, in one flat buffer.
///
/// A featurizer appends each token's keys and closes the token; the buffer is
/// cleared and refilled for the next sentence, so after the first few sentences
/// featurizing allocates nothing. Token `i`'s keys are `keys[ends[i-1]..<ends[i]]`.
public struct SentenceFeatures: Sendable {
    public private(set) var keys: [UInt64] = []
    public private(set) var ends: [Int] = []

    public init() {}

    /// The number of closed tokens.
    @inlinable public var tokenCount: Int { ends.count }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds a key to the current token.
    @inline(__always)
    public mutating func append(_ key: UInt64) { keys.append(key) }

    /// Closes the current token: the keys appended since the last call are its features.
    @inline(__always)
    public mutating func endToken() { ends.append(keys.count) }

    /// The key range of token `i`.
    @inlinable
    public func range(ofToken i: Int) -> Range<Int> {
        (i == 0 ? 0 : ends[i - 1])..<ends[i]
    }

    /// The keys of token `i` (allocates; for tests and diagnostics).
    public func keys(ofToken i: Int) -> [UInt64] { Array(keys[range(ofToken: i)]) }
}
