import Corpus

/// A trained linear-chain labeller: weights for (feature, label) pairs and for
/// (previous label, label) transitions, decoded with constrained Viterbi.
///
/// Invariants: `emissions.count == index.count × tags.count`;
/// `transitions.count == (tags.count + 1) × tags.count`, the last row scoring the
/// sentence start. Weights of disallowed transitions are never used.
public struct PerceptronModel: Sendable {
    public let tags: BIOTagSet
    /// The templates the model was trained with; applying it with others is an error.
    public let templates: FeatureTemplates
    /// Feature keys → rows of `emissions`.
    public let index: FeatureIndex
    /// Row-major `index.count × tags.count` weights.
    public let emissions: [Float]
    /// Row-major `(tags.count + 1) × tags.count` weights; row `tags.count` is the start.
    public let transitions: [Float]
    /// How the model was trained (written into the model file, for the record).
    public let training: TrainingSummary
    /// `transitions` with −∞ where BIO forbids the move: what the decoder uses.
    let constrainedTransitions: [Float]
    /// Keys and emission weights side by side, for tagging.
    let table: WeightTable

    public init(tags: BIOTagSet, templates: FeatureTemplates, index: FeatureIndex,
                emissions: [Float], transitions: [Float], training: TrainingSummary) {
        let L = tags.count
        precondition(emissions.count == index.count * L, "emission weights do not match the feature count")
        precondition(transitions.count == (L + 1) * L, "transition weights do not match the label count")
        self.tags = tags
        self.templates = templates
        self.index = index
        self.emissions = emissions
        self.transitions = transitions
        self.training = training
        self.constrainedTransitions = Self.constrain(transitions, tags: tags)
        self.table = WeightTable(keys: index.keys, emissions: emissions, labels: L)
    }

    /// The number of labels.
    public var labelCount: Int { tags.count }

    static func constrain(_ transitions: [Float], tags: BIOTagSet) -> [Float] {
        let L = tags.count
        var out = transitions
        for p in 0...L {
            for y in 0..<L where !tags.allows(y, after: p == L ? nil : p) {
                out[p * L + y] = -.infinity
            }
        }
        return out
    }

    /// Labels a sentence: sums the weights of each token's known features (unknown
    /// keys are skipped), then decodes. O(k + n · L²) for k keys; no allocation
    /// once `decoder` and `labels` have grown to the sentence length.
    public func label(_ sentence: SentenceFeatures, decoder: inout ViterbiDecoder, into labels: inout [Int]) {
        let n = sentence.tokenCount, L = tags.count
        decoder.prepare(tokens: n, labels: L)
        table.withStorage { words, filter in
        sentence.keys.withUnsafeBufferPointer { keys in
        decoder.emissions.withUnsafeMutableBufferPointer { emit in
            var start = 0
            for i in 0..<n {
                let end = sentence.ends[i]
                table.accumulate(keys, start..<end, into: emit.baseAddress! + i * L, words: words, filter: filter)
                start = end
            }
        }
        }
        }
        decoder.decode(tokens: n, labels: L, transitions: constrainedTransitions, into: &labels)
    }

    /// Labels a sentence with fresh buffers (convenience; allocates).
    public func label(_ sentence: SentenceFeatures) -> [Int] {
        var decoder = ViterbiDecoder()
        var labels: [Int] = []
        label(sentence, decoder: &decoder, into: &labels)
        return labels
    }
}

/// The record of a training run kept in a model file.
public struct TrainingSummary: Hashable, Sendable, Codable {
    /// Epochs run (fewer than asked when early stopping ended training).
    public var epochs: Int
    /// The epoch whose averaged weights were kept (1-based).
    public var bestEpoch: Int
    public var seed: UInt64
    public var sentences: Int
    public var tokens: Int
    /// Distinct features before pruning (features seen fewer than `minFeatureCount` times,
    /// and features that never received a weight, are dropped).
    public var featuresSeen: Int
    public var minFeatureCount: Int
    /// Dev-set entity F1 (exact match) of the kept weights, when a dev set was given.
    public var devF1: Double?

    public init(epochs: Int, bestEpoch: Int, seed: UInt64, sentences: Int, tokens: Int,
                featuresSeen: Int, minFeatureCount: Int, devF1: Double?) {
        self.epochs = epochs
        self.bestEpoch = bestEpoch
        self.seed = seed
        self.sentences = sentences
        self.tokens = tokens
        self.featuresSeen = featuresSeen
        self.minFeatureCount = minFeatureCount
        self.devF1 = devF1
    }
}
