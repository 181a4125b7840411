/// The size of what one timed pass processes, to turn durations into rates.
///
/// `characters` counts Unicode scalars, as offsets do throughout Mizan.
public struct Workload: Hashable, Sendable, Codable {
    public var documents: Int
    public var tokens: Int
    public var characters: Int

    public init(documents: Int, tokens: Int, characters: Int) {
        self.documents = documents
        self.tokens = tokens
        self.characters = characters
    }
}

/// Work done per second in one pass.
public struct Throughput: Hashable, Sendable, Codable {
    public var tokensPerSecond: Double
    public var charactersPerSecond: Double
    public var documentsPerSecond: Double

    public init(tokensPerSecond: Double, charactersPerSecond: Double, documentsPerSecond: Double) {
        self.tokensPerSecond = tokensPerSecond
        self.charactersPerSecond = charactersPerSecond
        self.documentsPerSecond = documentsPerSecond
    }

    /// The rates of `workload` done in `nanoseconds`. A zero duration (a clock
    /// too coarse for an empty workload) gives rates of 0 rather than infinity,
    /// so no non-finite number reaches a report.
    public init(_ workload: Workload, nanoseconds: UInt64) {
        let seconds = Double(nanoseconds) / 1e9
        func rate(_ amount: Int) -> Double { seconds > 0 ? Double(amount) / seconds : 0 }
        self.init(tokensPerSecond: rate(workload.tokens),
                  charactersPerSecond: rate(workload.characters),
                  documentsPerSecond: rate(workload.documents))
    }
}
