import Testing
@testable import Extraction
import Corpus

@Suite struct ViterbiTests {
    let tags = BIOTagSet(types: [.person, .location])

    /// The best valid sequence by enumeration.
    func bruteForce(_ emissions: [Float], _ transitions: [Float], n: Int) -> [Int] {
        let L = tags.count
        var best: (Float, [Int]) = (-.infinity, [])
        var labels = [Int](repeating: 0, count: n)
        func visit(_ i: Int, _ score: Float) {
            if i == n {
                if score > best.0 { best = (score, labels) }
                return
            }
            for y in 0..<L {
                let previous: Int? = i == 0 ? nil : labels[i - 1]
                guard tags.allows(y, after: previous) else { continue }
                labels[i] = y
                visit(i + 1, score + emissions[i * L + y] + transitions[(previous ?? L) * L + y])
            }
        }
        visit(0, 0)
        return best.1
    }

    @Test func matchesExhaustiveSearchOverValidSequences() {
        var generator = SeededGenerator(seed: 9)
        let L = tags.count
        for trial in 0..<200 {
            let n = 1 + trial % 5
            // Small integers make ties likely; both sides break ties the same way
            // only when scores differ, so compare scores, not sequences, on ties.
            let emissions = (0..<(n * L)).map { _ in Float(generator.below(21)) - 10 + Float(generator.below(1000)) / 997 }
            let transitions = (0..<((L + 1) * L)).map { _ in Float(generator.below(21)) - 10 + Float(generator.below(1000)) / 991 }
            var decoder = ViterbiDecoder()
            decoder.prepare(tokens: n, labels: L)
            for i in 0..<(n * L) { decoder.emissions[i] = emissions[i] }
            var labels: [Int] = []
            decoder.decode(tokens: n, labels: L, transitions: PerceptronModel.constrain(transitions, tags: tags), into: &labels)
            #expect(tags.isValid(labels))
            #expect(labels == bruteForce(emissions, transitions, n: n), "trial \(trial)")
        }
    }

    @Test func neverStartsOrContinuesWithAWrongInsideTag() {
        let L = tags.count
        // Emissions shout I-PER at the start and I-LOC after B-PER.
        var emissions = [Float](repeating: 0, count: 2 * L)
        emissions[tags.inside(0)] = 100
        emissions[L + tags.inside(1)] = 100
        var decoder = ViterbiDecoder()
        decoder.prepare(tokens: 2, labels: L)
        for i in emissions.indices { decoder.emissions[i] = emissions[i] }
        var labels: [Int] = []
        decoder.decode(tokens: 2, labels: L, transitions: PerceptronModel.constrain(Array(repeating: 0, count: (L + 1) * L), tags: tags), into: &labels)
        #expect(tags.isValid(labels))
        #expect(labels.map(tags.name(of:)) != ["I-PER", "I-LOC"])
    }

    @Test func reusesBuffersAcrossSentencesOfDifferentLengths() {
        let L = tags.count
        var decoder = ViterbiDecoder()
        var labels: [Int] = []
        let transitions = PerceptronModel.constrain(Array(repeating: 0, count: (L + 1) * L), tags: tags)
        decoder.prepare(tokens: 6, labels: L)
        for i in 0..<6 { decoder.emissions[i * L + tags.begin(1)] = 5 }
        decoder.decode(tokens: 6, labels: L, transitions: transitions, into: &labels)
        #expect(labels == Array(repeating: tags.begin(1), count: 6))
        // A shorter sentence after a longer one: stale scores must not leak in.
        decoder.prepare(tokens: 2, labels: L)
        decoder.decode(tokens: 2, labels: L, transitions: transitions, into: &labels)
        #expect(labels == [0, 0])
        decoder.decode(tokens: 0, labels: L, transitions: transitions, into: &labels)
        #expect(labels.isEmpty)
    }
}

@Suite struct FeatureIndexTests {
    @Test func internsInFirstSeenOrderAndSurvivesGrowth() {
        var index = FeatureIndex(minimumCapacity: 4)
        let keys = (1...5000).map { FeatureHash.key(7, UInt64($0)) }
        for (i, k) in keys.enumerated() {
            let (row, inserted) = index.insert(k)
            #expect(row == i && inserted)
        }
        #expect(index.insert(keys[10]) == (10, false))
        #expect(keys.enumerated().allSatisfy { index.row(for: $1) == $0 })
        #expect(index.row(for: FeatureHash.key(8, 1)) == -1)
        #expect(FeatureIndex(keys: index.keys).keys == index.keys)
    }

    @Test func hashesAreFixedAcrossRunsAndDistinguishTemplatesAndOrder() {
        // Pinned: model files depend on these values never changing.
        #expect(FeatureHash.hash("") == FeatureHash.finish(FeatureHash.empty))
        #expect(FeatureHash.hash("دمشق") == FeatureHash.hash(Array("دمشق".unicodeScalars)))
        #expect(FeatureHash.hash("دمشق") == 0x0093_c403_b53d_c3f2)  // computed independently (Python)
        #expect(FeatureHash.key(3, FeatureHash.hash("دمشق")) == 0xd06c_dd77_2180_7800)
        let a = FeatureHash.hash("a"), b = FeatureHash.hash("b")
        #expect(FeatureHash.key(1, a) != FeatureHash.key(2, a))
        #expect(FeatureHash.key(1, a, b) != FeatureHash.key(1, b, a))
        #expect(FeatureHash.key(1, a) != 0)
    }

    @Test func seededShuffleIsAPermutationAndRepeatable() {
        var g1 = SeededGenerator(seed: 5), g2 = SeededGenerator(seed: 5), g3 = SeededGenerator(seed: 6)
        var a = Array(0..<100), b = Array(0..<100), c = Array(0..<100)
        g1.shuffle(&a); g2.shuffle(&b); g3.shuffle(&c)
        #expect(a == b)
        #expect(a != c)
        #expect(a.sorted() == Array(0..<100))
    }
}

@Suite struct WeightTableTests {
    @Test func sumsTheWeightsOfKnownKeysOnly() {
        var generator = SeededGenerator(seed: 11)
        let L = 5
        let keys = (0..<3000).map { FeatureHash.key(9, UInt64($0)) }
        let emissions = (0..<(keys.count * L)).map { _ in Float(generator.below(2001)) / 100 - 10 }
        let table = WeightTable(keys: keys, emissions: emissions, labels: L)
        // Known keys in random order, unknown keys between them.
        var query: [UInt64] = []
        var expected = [Float](repeating: 0, count: L)
        for _ in 0..<500 {
            let row = generator.below(keys.count)
            query.append(keys[row])
            for y in 0..<L { expected[y] += emissions[row * L + y] }
            query.append(FeatureHash.key(10, UInt64(generator.below(1_000_000))))
        }
        var scores = [Float](repeating: 0, count: L)
        table.withStorage { words, filter in
            query.withUnsafeBufferPointer { q in
                scores.withUnsafeMutableBufferPointer { s in
                    table.accumulate(q, 0..<q.count, into: s.baseAddress!, words: words, filter: filter)
                }
            }
        }
        for y in 0..<L { #expect(abs(scores[y] - expected[y]) < 1e-2) }
    }
}
