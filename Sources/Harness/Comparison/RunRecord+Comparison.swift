import Corpus
import Scoring

extension RunRecord {
    /// The history's record of a comparison: its identity, every competitor's
    /// scores under every scheme with the F1 intervals, the single-threaded
    /// timings, and the per-unit CoNLL counts (documents, or sentences of a
    /// single-document gold set) that later paired tests resample.
    ///
    /// The run's scheme is `conll`: the per-unit counts are CoNLL counts,
    /// whatever scheme the comparison's report led with.
    public init(_ results: ComparisonResults) {
        let competitors = results.competitors.map { c -> Competitor in
            let scores = c.schemes.map { s -> SchemeScores in
                func score(_ f: ScoreFigures) -> Score {
                    Score(precision: f.precision, recall: f.recall, f1: f.f1, counts: f.counts,
                          outcomes: f.outcomes.map { Outcomes(correct: $0.cor, incorrect: $0.inc, partial: $0.par, missed: $0.mis, spurious: $0.spu) },
                          f1Low: f.f1Interval.lower, f1High: f.f1Interval.upper)
                }
                var types: [EntityType: Score] = [:]
                for f in s.types { if let type = f.type { types[EntityType(type)] = score(f) } }
                return SchemeScores(scheme: Scheme(s.scheme.rawValue), overall: score(s.overall), types: types)
            }
            var counts: [String: [EntityType: Counts]] = [:]
            for (u, unit) in c.unitCounts.enumerated() where u < results.data.units.count {
                var row: [EntityType: Counts] = [:]
                for (t, values) in unit.enumerated() where t < c.types.count && values.count == 3 {
                    row[EntityType(c.types[t])] = Counts(tp: values[0], fp: values[1], fn: values[2])
                }
                counts[results.data.units[u]] = row
            }
            let timings = c.timing.map { t in
                Timings(tokens: results.data.tokens, repeatSeconds: t.singleThreaded.repeats.map(\.wallSeconds),
                        latency: t.singleThreaded.latency.count > 0
                            ? Latency(p50: t.singleThreaded.latency.p50, p90: t.singleThreaded.latency.p90, p99: t.singleThreaded.latency.p99)
                            : nil,
                        peakMemoryBytes: t.peakResidentBytes.map(Int64.init))
            }
            return Competitor(name: c.name, kind: c.kind == .configuration ? .configuration : .outsideSystem,
                              configurationHash: c.configurationHash, scores: scores, timings: timings,
                              documentCounts: DocumentCounts(counts))
        }
        let m = results.run.machine
        self.init(id: results.run.id, time: results.run.started,
                  git: results.run.git.map { GitState(commit: $0.commit, dirty: $0.dirty) },
                  mizanVersion: results.run.mizanVersion,
                  machine: Machine(host: results.run.host, os: "\(m.operatingSystem) \(m.architecture)", cpu: m.cpuModel,
                                   cores: m.availableCores, memoryBytes: Int64(clamping: m.memoryBytes)),
                  corpus: CorpusIdentity(path: results.data.paths.joined(separator: " ") + (results.data.split.map { " [\($0)]" } ?? ""),
                                         contentHash: results.data.contentHash, documents: results.data.documents,
                                         tokens: results.data.tokens),
                  seed: results.settings.seed, scheme: .conll, competitors: competitors)
    }
}
