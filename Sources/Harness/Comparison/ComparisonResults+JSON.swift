import Foundation
import Scoring

/// Writes `results.json` directly into bytes: the same document
/// `JSONEncoder` (snake_case keys) would make of `ComparisonResults`, with the
/// keys in schema order rather than sorted, in a tenth of the time (an
/// ANERcorp comparison has some 10,000 listed errors).
///
/// `ComparisonResults.decode` reads it back with the synthesized `Decodable`
/// conformance, and the tests check that the round trip gives the same value,
/// so this writer and the model cannot drift apart unnoticed. As with
/// `JSONEncoder`, an optional that is nil is left out.
struct ResultsJSONWriter {
    private(set) var bytes: [UInt8] = []
    private var indent = 0
    /// Whether the current container has a member yet, per nesting level.
    private var hasMember: [Bool] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    // MARK: Structure

    mutating func object(_ body: (inout ResultsJSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<S: Sequence>(_ items: S, _ element: (inout ResultsJSONWriter, S.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            element(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// An array of numbers on one line: `[1, 2, 3]` (for the per-unit counts).
    mutating func inlineIntegers(_ values: [Int]) {
        bytes.append(UInt8(ascii: "["))
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
            bytes.append(contentsOf: String(v).utf8)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key; the value follows.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        indent += 2
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        indent -= 2
        if hasMember.removeLast() { newline() }
        bytes.append(bracket)
    }

    /// Before a member or element: a comma after the previous one, then a new indented line.
    private mutating func separate() {
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        newline()
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    // MARK: Values

    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int<I: BinaryInteger>(_ v: I) { bytes.append(contentsOf: String(v).utf8) }

    /// The shortest decimal that reads back as `v` (as `JSONEncoder` writes it); null if not finite.
    mutating func double(_ v: Double) {
        guard v.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        bytes.append(contentsOf: v.description.utf8)
    }

    mutating func bool(_ v: Bool) { bytes.append(contentsOf: (v ? "true" : "false").utf8) }

    // MARK: Members

    mutating func member(_ name: StaticString, _ v: String) { key(name); string(v) }
    mutating func member(_ name: StaticString, _ v: Int) { key(name); int(v) }
    mutating func member(_ name: StaticString, _ v: UInt64) { key(name); int(v) }
    mutating func member(_ name: StaticString, _ v: Double) { key(name); double(v) }
    mutating func member(_ name: StaticString, _ v: Bool) { key(name); bool(v) }
    mutating func member(_ name: StaticString, _ v: String?) { if let v { member(name, v) } }
    mutating func member(_ name: StaticString, _ v: Int?) { if let v { member(name, v) } }
    mutating func member(_ name: StaticString, _ v: Double?) { if let v { member(name, v) } }
    mutating func member(_ name: StaticString, strings: [String]) { key(name); array(strings) { $0.string($1) } }
}

extension ComparisonResults {
    /// The JSON form (`results.json`, docs/RESULTS.md): snake_case keys in
    /// schema order, two-space indentation, dates in ISO 8601 (UTC, whole
    /// seconds), a final newline.
    public func jsonData() throws -> Data {
        let errors = competitors.reduce(0) { $0 + $1.errors.count }
        var w = ResultsJSONWriter(capacity: 64_000 + errors * 700 + data.units.count * competitors.count * 120)
        let dates = ISO8601DateFormatter()
        w.object { w in
            w.member("schema", schema)
            w.key("run")
            w.object { w in
                w.member("id", run.id)
                w.member("started", dates.string(from: run.started))
                w.member("duration_seconds", run.durationSeconds)
                w.key("phases")
                w.object { w in
                    w.member("preparing_seconds", run.phases.preparingSeconds)
                    w.member("running_seconds", run.phases.runningSeconds)
                    w.member("scoring_seconds", run.phases.scoringSeconds)
                    w.member("statistics_seconds", run.phases.statisticsSeconds)
                }
                w.member("mizan_version", run.mizanVersion)
                if let git = run.git {
                    w.key("git")
                    w.object { w in
                        w.member("commit", git.commit)
                        w.member("dirty", git.dirty)
                    }
                }
                let m = run.machine
                w.key("machine")
                w.object { w in
                    w.member("cpu_model", m.cpuModel)
                    w.member("logical_cores", m.logicalCores)
                    w.member("available_cores", m.availableCores)
                    w.member("memory_bytes", m.memoryBytes)
                    w.member("operating_system", m.operatingSystem)
                    w.member("architecture", m.architecture)
                }
                w.member("host", run.host)
                w.member("arguments", strings: run.arguments)
            }
            w.key("data")
            w.object { w in
                w.member("description", data.description)
                w.member("format", data.format.rawValue)
                w.member("paths", strings: data.paths)
                w.member("split", data.split)
                w.member("content_hash", data.contentHash)
                w.member("documents", data.documents)
                w.member("sentences", data.sentences)
                w.member("tokens", data.tokens)
                w.member("characters", data.characters)
                w.key("gold_entities")
                w.typeCounts(data.goldEntities)
                w.member("bootstrap_unit", data.bootstrapUnit.rawValue)
                w.member("units", strings: data.units)
            }
            w.key("settings")
            w.object { w in
                let s = settings
                w.member("scheme", s.scheme.rawValue)
                w.member("types", strings: s.types)
                w.key("type_map")
                w.array(s.typeMap) { w, m in
                    w.object { w in
                        w.member("from", m.from)
                        w.member("to", m.to)
                    }
                }
                w.member("zero_division", s.zeroDivision)
                w.member("warmups", s.warmups)
                w.member("repeats", s.repeats)
                w.member("jobs", s.jobs)
                w.member("seed", s.seed)
                w.member("resamples", s.resamples)
                w.member("confidence", s.confidence)
                w.member("paired_test", s.pairedTest.rawValue)
                w.member("paired_trials", s.pairedTrials)
                w.member("alpha", s.alpha)
                w.member("context_width", s.contextWidth)
            }
            w.member("baseline", baseline)
            w.key("competitors")
            w.array(competitors) { w, c in w.competitor(c) }
            w.member("notes", strings: notes)
        }
        var out = Data(w.bytes)
        out.append(0x0A)
        return out
    }
}

extension ResultsJSONWriter {
    mutating func typeCounts(_ counts: [ComparisonResults.TypeCount]) {
        array(counts) { w, c in
            w.object { w in
                w.member("type", c.type)
                w.member("count", c.count)
            }
        }
    }

    mutating func interval(_ name: StaticString, _ i: Interval) {
        key(name)
        object { w in
            w.member("lower", i.lower)
            w.member("upper", i.upper)
        }
    }

    mutating func figures(_ f: ScoreFigures) {
        object { w in
            w.member("type", f.type)
            w.member("precision", f.precision)
            w.member("recall", f.recall)
            w.member("f1", f.f1)
            w.interval("precision_interval", f.precisionInterval)
            w.interval("recall_interval", f.recallInterval)
            w.interval("f1_interval", f.f1Interval)
            w.member("support", f.support)
            w.member("predicted", f.predicted)
            if let c = f.counts {
                w.key("counts")
                w.object { w in
                    w.member("tp", c.tp)
                    w.member("fp", c.fp)
                    w.member("fn", c.fn)
                }
            }
            if let o = f.outcomes {
                w.key("outcomes")
                w.object { w in
                    w.member("cor", o.cor)
                    w.member("inc", o.inc)
                    w.member("par", o.par)
                    w.member("mis", o.mis)
                    w.member("spu", o.spu)
                }
            }
        }
    }

    mutating func average(_ a: AverageFigures) {
        object { w in
            w.member("precision", a.precision)
            w.member("recall", a.recall)
            w.member("f1", a.f1)
            w.interval("precision_interval", a.precisionInterval)
            w.interval("recall_interval", a.recallInterval)
            w.interval("f1_interval", a.f1Interval)
        }
    }

    mutating func spread(_ name: StaticString, _ s: Spread) {
        key(name)
        object { w in
            w.member("median", s.median)
            w.member("min", s.min)
            w.member("max", s.max)
        }
    }

    mutating func pass(_ p: PassTimings) {
        object { w in
            w.member("jobs", p.jobs)
            w.member("warmups", p.warmups)
            w.key("repeats")
            w.array(p.repeats) { w, r in
                w.object { w in
                    w.member("wall_seconds", r.wallSeconds)
                    w.member("tokens_per_second", r.tokensPerSecond)
                    w.member("characters_per_second", r.charactersPerSecond)
                    w.member("documents_per_second", r.documentsPerSecond)
                }
            }
            w.spread("tokens_per_second", p.tokensPerSecond)
            w.spread("characters_per_second", p.charactersPerSecond)
            w.spread("documents_per_second", p.documentsPerSecond)
            w.spread("wall_seconds", p.wallSeconds)
            w.key("latency")
            w.object { w in
                w.member("p50", p.latency.p50)
                w.member("p90", p.latency.p90)
                w.member("p99", p.latency.p99)
                w.member("max", p.latency.max)
                w.member("count", p.latency.count)
            }
        }
    }

    mutating func competitor(_ c: CompetitorResults) {
        object { w in
            w.member("name", c.name)
            w.member("kind", c.kind.rawValue)
            w.member("path", c.path)
            w.member("description", c.description)
            w.member("configuration_hash", c.configurationHash)
            if let m = c.model {
                w.key("model")
                w.object { w in
                    w.member("path", m.path)
                    w.member("reused", m.reused)
                    w.member("training_seconds", m.trainingSeconds)
                    w.member("training_data", m.trainingData)
                    w.member("training_data_hash", m.trainingDataHash)
                }
            }
            w.member("types", strings: c.types)
            w.key("schemes")
            w.array(c.schemes) { w, s in
                w.object { w in
                    w.member("scheme", s.scheme.rawValue)
                    w.key("overall")
                    w.figures(s.overall)
                    w.key("macro")
                    w.average(s.macro)
                    w.key("weighted")
                    w.average(s.weighted)
                    w.key("types")
                    w.array(s.types) { w, f in w.figures(f) }
                }
            }
            w.member("accuracy", c.accuracy)
            if let v = c.versusBaseline {
                w.key("versus_baseline")
                w.object { w in
                    w.member("baseline", v.baseline)
                    w.member("scheme", v.scheme.rawValue)
                    w.member("delta_f1", v.deltaF1)
                    w.interval("delta_interval", v.deltaInterval)
                    w.member("p_value", v.pValue)
                    w.member("significant", v.significant)
                    w.key("types")
                    w.array(v.types) { w, t in
                        w.object { w in
                            w.member("type", t.type)
                            w.member("delta_f1", t.deltaF1)
                            w.member("p_value", t.pValue)
                            w.member("significant", t.significant)
                        }
                    }
                }
            }
            w.key("confusion")
            w.array(c.confusion) { w, row in w.inlineIntegers(row) }
            let k = c.errorKinds
            w.key("error_kinds")
            w.object { w in
                w.member("exact", k.exact)
                w.member("wrong_boundary", k.wrongBoundary)
                w.member("wrong_type", k.wrongType)
                w.member("wrong_both", k.wrongBoth)
                w.member("missed", k.missed)
                w.member("spurious", k.spurious)
            }
            w.key("excluded_gold")
            w.typeCounts(c.excludedGold)
            w.key("excluded_predicted")
            w.typeCounts(c.excludedPredicted)
            w.member("unaligned_gold", c.unalignedGold)
            w.member("unaligned_predicted", c.unalignedPredicted)
            w.key("errors")
            w.array(c.errors) { w, e in
                w.object { w in
                    w.member("document", e.document)
                    w.member("kind", e.kind.rawValue)
                    w.member("category", e.category.rawValue)
                    w.member("type", e.type)
                    w.member("start", e.start)
                    w.member("end", e.end)
                    w.member("text", e.text)
                    w.member("line", e.line)
                    if let a = e.alignedWith {
                        w.key("aligned_with")
                        w.object { w in
                            w.member("type", a.type)
                            w.member("start", a.start)
                            w.member("end", a.end)
                            w.member("text", a.text)
                        }
                    }
                    w.member("left_context", e.leftContext)
                    w.member("right_context", e.rightContext)
                }
            }
            if let t = c.timing {
                w.key("timing")
                w.object { w in
                    w.member("loading_seconds", t.loadingSeconds)
                    w.member("resident_before_bytes", t.residentBeforeBytes)
                    w.member("peak_resident_bytes", t.peakResidentBytes)
                    w.key("single_threaded")
                    w.pass(t.singleThreaded)
                    if let p = t.parallel {
                        w.key("parallel")
                        w.pass(p)
                    }
                    w.key("slowest_documents")
                    w.array(t.slowestDocuments) { w, d in
                        w.object { w in
                            w.member("document", d.document)
                            w.member("seconds", d.seconds)
                            w.member("tokens", d.tokens)
                        }
                    }
                }
            }
            w.key("unit_counts")
            w.array(c.unitCounts) { w, unit in
                w.array(unit) { w, counts in w.inlineIntegers(counts) }
            }
        }
    }
}
