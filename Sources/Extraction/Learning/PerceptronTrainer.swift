import Dispatch

/// Trains a `PerceptronModel`: an averaged structured perceptron (Collins 2002)
/// over constrained Viterbi.
///
/// Sentences are added as feature keys and gold labels; keys are interned once,
/// so each epoch works on integer arrays only. Training is deterministic: the same
/// sentences, options and seed give the same weights, bit for bit, because
/// weights are integers until the final average and shuffling uses `SeededGenerator`.
///
/// Each epoch visits the sentences in a fresh seeded shuffle; a sentence decoded
/// wrongly moves every differing (feature, label) and (previous label, label)
/// weight one step toward gold and away from the prediction. The model keeps the
/// average of the weights over all visits, computed exactly with the timestamp trick
/// (`u` accumulates `t × δ`). With a dev set, the averaged weights are scored after
/// every epoch (entity exact match), the best epoch is kept, and training stops
/// after `patience` epochs without improvement.
///
/// Memory: 4 bytes per feature occurrence, plus 12 bytes per (feature, label) weight while training.
public struct PerceptronTrainer: Sendable {
    public struct Options: Hashable, Sendable {
        public var epochs = 12
        public var seed: UInt64 = 1
        /// Epochs without a dev-F1 improvement before stopping (dev set only).
        public var patience = 3
        /// Features seen fewer times than this in training are dropped.
        public var minFeatureCount = 1
        /// Visit sentences in a seeded shuffle each epoch (else in the order added).
        public var shuffle = true
        /// Keep averaged weights (else the final weights).
        public var average = true
        /// Cost-augmented decoding while training: every wrong label gets this much
        /// extra score, so a sentence counts as right only when gold wins by that
        /// margin per token. 0 is the plain perceptron, which leaves zero-margin
        /// ties (decided by label order) uncorrected.
        public var margin: Float = 1

        public init() {}
    }

    /// What happened in one epoch, for progress output.
    public struct EpochReport: Sendable {
        public var epoch: Int
        /// Tokens whose cost-augmented prediction differed from gold while training
        /// this epoch (with margin 0: tokens tagged wrongly).
        public var tokenErrors: Int
        public var tokens: Int
        /// Sentences decoded wrongly (each one an update).
        public var sentenceErrors: Int
        public var sentences: Int
        /// Dev-set entity counts of this epoch's averaged weights, when a dev set was given.
        public var dev: ChunkCounts?
        /// True when this epoch's weights are the best so far (always, without a dev set).
        public var isBest: Bool
        public var seconds: Double
    }

    public let tags: BIOTagSet
    public let templates: FeatureTemplates
    public var options: Options

    private var index = FeatureIndex(minimumCapacity: 1 << 16)
    private var counts: [Int32] = []
    // Training sentences, flattened: feature rows per token, token ends, labels.
    private var featureRows: [Int32] = []
    private var tokenEnds: [Int32] = []
    private var gold: [UInt8] = []
    private var sentenceEnds: [Int] = []      // token index where each sentence ends
    // Dev sentences keep raw keys: rows are only fixed once pruning is done.
    private var devKeys: [UInt64] = []
    private var devTokenEnds: [Int] = []
    private var devGold: [Int] = []
    private var devSentenceEnds: [Int] = []

    public init(tags: BIOTagSet, templates: FeatureTemplates, options: Options = Options()) {
        precondition(tags.count <= 255, "too many labels")
        self.tags = tags
        self.templates = templates
        self.options = options
    }

    public var trainingSentenceCount: Int { sentenceEnds.count }
    public var trainingTokenCount: Int { gold.count }
    public var devSentenceCount: Int { devSentenceEnds.count }
    /// Distinct feature keys seen in training so far.
    public var featureCount: Int { index.count }

    /// Adds a training sentence. Gold labels that break BIO are repaired
    /// (`BIOTagSet.repaired`). O(keys).
    public mutating func addTraining(_ sentence: SentenceFeatures, gold labels: [Int]) {
        precondition(labels.count == sentence.tokenCount, "one gold label per token")
        guard !labels.isEmpty else { return }
        var k = 0
        for i in 0..<sentence.tokenCount {
            let end = sentence.ends[i]
            while k < end {
                let (row, inserted) = index.insert(sentence.keys[k])
                if inserted { counts.append(1) } else { counts[row] &+= 1 }
                featureRows.append(Int32(row))
                k += 1
            }
            tokenEnds.append(Int32(featureRows.count))
        }
        for l in tags.repaired(labels) { gold.append(UInt8(l)) }
        sentenceEnds.append(gold.count)
    }

    /// Adds a dev sentence, used only to choose the epoch. O(keys).
    public mutating func addDev(_ sentence: SentenceFeatures, gold labels: [Int]) {
        precondition(labels.count == sentence.tokenCount, "one gold label per token")
        guard !labels.isEmpty else { return }
        let base = devKeys.count
        devKeys.append(contentsOf: sentence.keys)
        for e in sentence.ends { devTokenEnds.append(base + e) }
        devGold.append(contentsOf: tags.repaired(labels))
        devSentenceEnds.append(devGold.count)
    }

    /// Runs training and returns the model. `progress` is called after every epoch.
    public func train(progress: (EpochReport) -> Void = { _ in }) -> PerceptronModel {
        let L = tags.count
        // Prune rare features: new dense rows in order of first appearance.
        var keep = Array(repeating: Int32(-1), count: index.count)
        var keptKeys: [UInt64] = []
        for (row, c) in counts.enumerated() where Int(c) >= options.minFeatureCount {
            keep[row] = Int32(keptKeys.count)
            keptKeys.append(index.keys[row])
        }
        var rows: [Int32] = []
        var ends: [Int32] = []
        rows.reserveCapacity(featureRows.count)
        ends.reserveCapacity(tokenEnds.count)
        do {
            var k = 0
            for e in tokenEnds {
                while k < Int(e) {
                    let r = keep[Int(featureRows[k])]
                    if r >= 0 { rows.append(r) }
                    k += 1
                }
                ends.append(Int32(rows.count))
            }
        }
        let F = keptKeys.count
        let keptIndex = FeatureIndex(keys: keptKeys)

        // Dev rows under the kept index (unknown features dropped).
        var devRows: [Int32] = []
        var devEnds: [Int32] = []
        do {
            var k = 0
            for e in devTokenEnds {
                while k < e {
                    let r = keptIndex.row(for: devKeys[k])
                    if r >= 0 { devRows.append(Int32(r)) }
                    k += 1
                }
                devEnds.append(Int32(devRows.count))
            }
        }

        var state = WeightState(features: F, labels: L, transitionsOn: templates.previousTag)
        let constrained = { (t: [Float]) in PerceptronModel.constrain(t, tags: tags) }
        var order = Array(0..<sentenceEnds.count)
        var generator = SeededGenerator(seed: options.seed)
        var decoder = ViterbiDecoder()
        var predicted: [Int] = []
        var transitionScores = [Float](repeating: 0, count: (L + 1) * L)

        var best: (epoch: Int, f1: Double, emissions: [Float], transitions: [Float])? = nil
        var epochsRun = 0
        for epoch in 1...max(1, options.epochs) {
            let started = DispatchTime.now().uptimeNanoseconds
            if options.shuffle { generator.shuffle(&order) }
            var tokenErrors = 0, sentenceErrors = 0
            for s in order {
                let firstToken = s == 0 ? 0 : sentenceEnds[s - 1]
                let lastToken = sentenceEnds[s]
                let n = lastToken - firstToken
                // Current (non-averaged) weights as scores.
                for i in 0..<transitionScores.count { transitionScores[i] = Float(state.transitions[i]) }
                let decoderTransitions = constrained(transitionScores)
                decoder.prepare(tokens: n, labels: L)
                state.score(rows: rows, ends: ends, tokens: firstToken..<lastToken, into: &decoder.emissions)
                if options.margin != 0 {
                    for i in 0..<n {
                        let g = Int(gold[firstToken + i])
                        for y in 0..<L where y != g { decoder.emissions[i * L + y] += options.margin }
                    }
                }
                decoder.decode(tokens: n, labels: L, transitions: decoderTransitions, into: &predicted)
                state.time += 1
                var wrong = false
                for i in 0..<n where Int(gold[firstToken + i]) != predicted[i] {
                    wrong = true
                    tokenErrors += 1
                    let t = firstToken + i
                    let lo = t == 0 ? 0 : Int(ends[t - 1]), hi = Int(ends[t])
                    state.update(rows: rows[lo..<hi], label: Int(gold[t]), by: 1)
                    state.update(rows: rows[lo..<hi], label: predicted[i], by: -1)
                }
                if wrong {
                    sentenceErrors += 1
                    if templates.previousTag {
                        for i in 0..<n {
                            let g = Int(gold[firstToken + i]), p = predicted[i]
                            let gPrev = i == 0 ? L : Int(gold[firstToken + i - 1])
                            let pPrev = i == 0 ? L : predicted[i - 1]
                            if g != p || gPrev != pPrev {
                                state.updateTransition(gPrev * L + g, by: 1)
                                state.updateTransition(pPrev * L + p, by: -1)
                            }
                        }
                    }
                }
            }
            epochsRun = epoch
            let (emissions, transitions) = options.average ? state.averaged() : state.current()
            var devCounts: ChunkCounts? = nil
            var isBest = true
            if !devSentenceEnds.isEmpty {
                let c = evaluate(rows: devRows, ends: devEnds, emissions: emissions,
                                 transitions: constrained(transitions), decoder: &decoder)
                devCounts = c
                isBest = best == nil || c.f1 > best!.f1
            }
            if isBest { best = (epoch, devCounts?.f1 ?? 0, emissions, transitions) }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            progress(EpochReport(epoch: epoch, tokenErrors: tokenErrors, tokens: gold.count,
                                 sentenceErrors: sentenceErrors, sentences: sentenceEnds.count,
                                 dev: devCounts, isBest: isBest, seconds: seconds))
            if let b = best, !devSentenceEnds.isEmpty, epoch - b.epoch >= options.patience { break }
        }
        let kept = best!
        // Drop features whose kept weights are all zero: they cannot change a score.
        var finalKeys: [UInt64] = []
        var finalWeights: [Float] = []
        for f in 0..<F {
            let slice = kept.emissions[(f * L)..<(f * L + L)]
            if slice.contains(where: { $0 != 0 }) {
                finalKeys.append(keptKeys[f])
                finalWeights.append(contentsOf: slice)
            }
        }
        let summary = TrainingSummary(
            epochs: epochsRun, bestEpoch: kept.epoch, seed: options.seed,
            sentences: sentenceEnds.count, tokens: gold.count, featuresSeen: index.count,
            minFeatureCount: options.minFeatureCount,
            devF1: devSentenceEnds.isEmpty ? nil : kept.f1)
        return PerceptronModel(tags: tags, templates: templates, index: FeatureIndex(keys: finalKeys),
                               emissions: finalWeights, transitions: kept.transitions, training: summary)
    }

    private func evaluate(rows: [Int32], ends: [Int32], emissions: [Float], transitions: [Float],
                          decoder: inout ViterbiDecoder) -> ChunkCounts {
        let L = tags.count
        var counts = ChunkCounts()
        var predicted: [Int] = []
        var start = 0
        for end in devSentenceEnds {
            let n = end - start
            decoder.prepare(tokens: n, labels: L)
            decoder.emissions.withUnsafeMutableBufferPointer { emit in
                for i in 0..<n {
                    let t = start + i
                    let lo = t == 0 ? 0 : Int(ends[t - 1])
                    for k in lo..<Int(ends[t]) {
                        let base = Int(rows[k]) * L
                        for y in 0..<L { emit[i * L + y] += emissions[base + y] }
                    }
                }
            }
            decoder.decode(tokens: n, labels: L, transitions: transitions, into: &predicted)
            counts += ChunkCounts(gold: tags.chunks(Array(devGold[start..<end])), predicted: tags.chunks(predicted))
            start = end
        }
        return counts
    }
}

/// Integer perceptron weights with the sums needed for exact averaging.
///
/// After `T` visits, the average of the weights over all visits is
/// `((T + 1) · w − u) / T` where `u` sums `t · δ` over every update `δ` made at visit `t`.
struct WeightState {
    let labels: Int
    let transitionsOn: Bool
    var weights: [Int32]
    var sums: [Int64]
    var transitions: [Int32]
    var transitionSums: [Int64]
    /// Visits so far; the visit in progress is number `time` once incremented.
    var time: Int64 = 0

    init(features: Int, labels: Int, transitionsOn: Bool) {
        self.labels = labels
        self.transitionsOn = transitionsOn
        weights = Array(repeating: 0, count: features * labels)
        sums = Array(repeating: 0, count: features * labels)
        transitions = Array(repeating: 0, count: (labels + 1) * labels)
        transitionSums = Array(repeating: 0, count: (labels + 1) * labels)
    }

    func score(rows: [Int32], ends: [Int32], tokens: Range<Int>, into emissions: inout [Float]) {
        let L = labels
        weights.withUnsafeBufferPointer { w in
        rows.withUnsafeBufferPointer { r in
        emissions.withUnsafeMutableBufferPointer { emit in
            for (i, t) in tokens.enumerated() {
                let lo = t == 0 ? 0 : Int(ends[t - 1])
                let out = i * L
                for k in lo..<Int(ends[t]) {
                    let base = Int(r[k]) * L
                    for y in 0..<L { emit[out + y] += Float(w[base + y]) }
                }
            }
        }
        }
        }
    }

    mutating func update(rows: ArraySlice<Int32>, label: Int, by delta: Int32) {
        let stamp = time * Int64(delta)
        let L = labels
        weights.withUnsafeMutableBufferPointer { w in
        sums.withUnsafeMutableBufferPointer { u in
            for r in rows {
                let i = Int(r) * L + label
                w[i] &+= delta
                u[i] &+= stamp
            }
        }
        }
    }

    mutating func updateTransition(_ i: Int, by delta: Int32) {
        transitions[i] &+= delta
        transitionSums[i] &+= time * Int64(delta)
    }

    func current() -> (emissions: [Float], transitions: [Float]) {
        (weights.map(Float.init), transitions.map(Float.init))
    }

    func averaged() -> (emissions: [Float], transitions: [Float]) {
        let T = max(time, 1)
        func average(_ w: Int32, _ u: Int64) -> Float {
            Float(Double((T + 1) * Int64(w) - u) / Double(T))
        }
        var e = [Float](repeating: 0, count: weights.count)
        for i in weights.indices where weights[i] != 0 || sums[i] != 0 { e[i] = average(weights[i], sums[i]) }
        let t = transitions.indices.map { average(transitions[$0], transitionSums[$0]) }
        return (e, t)
    }
}
