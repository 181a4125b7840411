import Corpus
import Scoring

extension RunRecord {
    /// Checks the record's invariants, so that a harness bug is caught when the
    /// run is recorded rather than when a later gate compares against it.
    ///
    /// - Throws: `HistoryError.invalidRecord` naming the competitor, scheme and
    ///   type at fault: an empty id or name, a duplicate competitor or scheme, a
    ///   non-finite or out-of-range figure, a stored F1 that its counts do not
    ///   give, per-document counts under a non-additive scheme, or per-document
    ///   counts whose sums differ from the scores' counts.
    public func validate() throws {
        func fail(_ problem: String) -> HistoryError { .invalidRecord(run: id, problem: problem) }
        if id.isEmpty { throw fail("empty run id") }
        if id.contains(where: { $0.isWhitespace }) { throw fail("run id contains white space") }
        var names = Set<String>()
        for competitor in competitors {
            let name = competitor.name
            if name.isEmpty { throw fail("a competitor has an empty name") }
            if !names.insert(name).inserted { throw fail("competitor \(name) appears twice") }
            var schemes = Set<Scheme>()
            for scores in competitor.scores {
                if !schemes.insert(scores.scheme).inserted {
                    throw fail("\(name): scheme \(scores.scheme) appears twice")
                }
                let labelled = [("all types", scores.overall)] + scores.types.sorted { $0.key < $1.key }.map { ($0.key.name, $0.value) }
                for (label, score) in labelled {
                    let at = "\(name), \(scores.scheme), \(label)"
                    for (field, value) in [("precision", score.precision), ("recall", score.recall), ("F1", score.f1)]
                        + [("F1 low", score.f1Low), ("F1 high", score.f1High)].compactMap({ f in f.1.map { (f.0, $0) } }) {
                        guard value.isFinite, (0...1).contains(value) else {
                            throw fail("\(at): \(field) \(value) is not a fraction in [0, 1]")
                        }
                    }
                    if let low = score.f1Low, let high = score.f1High, low > high {
                        throw fail("\(at): F1 interval [\(low), \(high)] is reversed")
                    }
                    if let counts = score.counts, counts.predicted + counts.support > 0,
                       abs(counts.scores().f1 - score.f1) > 1e-9 {
                        throw fail("\(at): F1 \(score.f1) differs from the F1 of its counts \(counts.scores().f1)")
                    }
                }
            }
            if let timings = competitor.timings {
                if timings.tokens < 0 { throw fail("\(name): negative token count") }
                if let bad = timings.repeatSeconds.first(where: { !($0.isFinite && $0 > 0) }) {
                    throw fail("\(name): repeat time \(bad) s is not a positive duration")
                }
                if let l = timings.latency, ![l.p50, l.p90, l.p99].allSatisfy({ $0.isFinite && $0 >= 0 }) {
                    throw fail("\(name): latency percentiles must be finite and non-negative")
                }
            }
            try validateDocumentCounts(of: competitor, fail: fail)
        }
    }

    private func validateDocumentCounts(of competitor: Competitor, fail: (String) -> HistoryError) throws {
        guard !competitor.documentCounts.isEmpty else { return }
        let name = competitor.name
        guard scheme.isAdditive else {
            throw fail("\(name): per-document counts need a scheme whose overall counts are the sum over types (conll or strict), not \(scheme)")
        }
        guard let scores = competitor.scores(scheme) else {
            throw fail("\(name): has per-document counts but no scores under the run's scheme \(scheme)")
        }
        let table = competitor.documentCounts
        // Types first: a bad type also breaks the overall sum, and the type says more.
        var checks: [(String, Counts?, Counts)] = []
        for type in Set(scores.types.keys).union(table.types).sorted() {
            checks.append((type.name, scores.types[type]?.tally, table.total(type: type)))
        }
        checks.append(("all types", scores.overall.tally, table.total(type: nil)))
        for (label, stated, summed) in checks {
            guard let stated else {
                if summed != .zero { throw fail("\(name), \(scheme), \(label): per-document counts but no counts in the scores") }
                continue
            }
            if stated != summed {
                throw fail("\(name), \(scheme), \(label): per-document counts sum to tp \(summed.tp) fp \(summed.fp) fn \(summed.fn), the scores say tp \(stated.tp) fp \(stated.fp) fn \(stated.fn)")
            }
        }
    }
}
