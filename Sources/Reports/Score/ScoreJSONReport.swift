import Corpus
import Scoring

/// Which schemes a score report shows besides the CoNLL block.
public enum ScoreReportScheme: String, Sendable, CaseIterable {
    case conll, strict, exact, partial, type, all

    /// The SemEval schemes to show.
    public var semevalSchemes: [SemEvalScheme] {
        switch self {
        case .conll: return []
        case .all: return SemEvalScheme.all
        default: return [SemEvalScheme.named(rawValue)!]
        }
    }
}

/// The versioned JSON form of a `ScoreResult`: `{"schema": "mizan.score/1", ...}`.
/// The fields are documented in docs/SCORING.md; fractions are in [0, 1].
public enum ScoreJSONReport {
    public static let schema = "mizan.score/1"

    public static func render(_ result: ScoreResult, scheme: ScoreReportScheme) -> String {
        value(result, scheme: scheme).rendered() + "\n"
    }

    public static func value(_ result: ScoreResult, scheme: ScoreReportScheme) -> JSONValue {
        let total = result.total
        let zd = result.options.zeroDivision
        let conll = result.conllAverages()
        let overall = total.conllOverall
        var members: [(String, JSONValue)] = [
            ("schema", .string(schema)),
            ("scheme", .string(scheme.rawValue)),
            ("tags", result.tagging.map { .string($0.scheme) } ?? .null),
            ("invalid", result.tagging.map { .string($0.policy.rawValue) } ?? .null),
            ("zero_division", .double(zd)),
            ("documents", .int(result.documents.count)),
            ("tokens", .int(total.tokens)),
            ("accuracy", total.accuracy.map { .double($0) } ?? .null),
            ("overall", .object(prf(conll.micro) + counts(overall))),
            ("types", .object(result.types.indices.compactMap { t in
                let c = total.conll[t]
                guard c.support + c.predicted > 0 else { return nil }
                return (result.types[t].name, .object(prf(c.scores(zeroDivision: zd)) + counts(c)))
            })),
            ("macro", .object(prf(conll.macro))),
            ("weighted", .object(prf(conll.weighted) + [("support", .int(overall.support))])),
        ]
        let schemes = scheme.semevalSchemes
        if !schemes.isEmpty {
            members.append(("schemes", .object(schemes.map { s in
                let averages = result.semevalAverages(s)
                let rows = total.semevalRows(s)
                return (s.name, .object([
                    ("overall", .object(prf(averages.micro) + semeval(Average.sum(rows)))),
                    ("types", .object(result.types.indices.compactMap { t in
                        let c = rows[t]
                        guard c.possible + c.actual > 0 else { return nil }
                        return (result.types[t].name, .object(prf(c.scores(zeroDivision: zd)) + semeval(c)))
                    })),
                    ("macro", .object(prf(averages.macro))),
                    ("weighted", .object(prf(averages.weighted))),
                ]))
            })))
        }
        let b = total.boundaryOverall
        members += [
            ("confusion", confusion(result)),
            ("boundary_errors", .object([
                ("exact", .int(b.exact)),
                ("right_type_wrong_boundary", .int(b.wrongBoundary)),
                ("wrong_type_right_boundary", .int(b.wrongType)),
                ("wrong_type_wrong_boundary", .int(b.wrongBoth)),
                ("missed", .int(b.missed)),
                ("spurious", .int(b.spurious)),
            ])),
            ("excluded", .object([
                ("gold", counted(result.excludedGold)),
                ("predicted", counted(result.excludedPredicted)),
            ])),
            ("unaligned", .object([("gold", .int(result.unalignedGold)), ("predicted", .int(result.unalignedPredicted))])),
        ]
        if let tagging = result.tagging {
            members.append(("invalid_sequences", .object([
                ("gold", violations(tagging.goldViolations)),
                ("predicted", violations(tagging.predictedViolations)),
            ])))
        }
        members.append(("errors", .object([
            ("false_positives", .int(result.falsePositives)),
            ("false_negatives", .int(result.falseNegatives)),
            ("listed", .array(result.errors.map(error))),
        ])))
        return .object(members)
    }

    static func prf(_ s: PRF) -> [(String, JSONValue)] {
        [("precision", .double(s.precision)), ("recall", .double(s.recall)), ("f1", .double(s.f1))]
    }

    static func counts(_ c: Counts) -> [(String, JSONValue)] {
        [("support", .int(c.support)), ("predicted", .int(c.predicted)), ("tp", .int(c.tp)), ("fp", .int(c.fp)), ("fn", .int(c.fn))]
    }

    static func semeval(_ c: SemEvalCounts) -> [(String, JSONValue)] {
        [("cor", .int(c.cor)), ("inc", .int(c.inc)), ("par", .int(c.par)), ("mis", .int(c.mis)), ("spu", .int(c.spu)),
         ("possible", .int(c.possible)), ("actual", .int(c.actual))]
    }

    static func counted(_ d: [EntityType: Int]) -> JSONValue {
        .object(d.sorted { $0.key < $1.key }.map { ($0.key.name, .int($0.value)) })
    }

    static func violations(_ v: TagViolationSummary) -> JSONValue {
        var members: [(String, JSONValue)] = [("total", .int(v.total))]
        for kind in TagViolation.Kind.allCases { members.append((kind.jsonKey, .int(v.counts[kind] ?? 0))) }
        if let first = v.first { members.append(("first", .object([("file", .string(first.file)), ("line", .int(first.line))]))) }
        return .object(members)
    }

    static func confusion(_ result: ScoreResult) -> JSONValue {
        let m = result.total.confusion
        let n = result.types.count
        func row(_ g: Int?) -> JSONValue {
            var cells: [(String, JSONValue)] = (0..<n).map { (result.types[$0].name, .int(m[gold: g, predicted: $0])) }
            if g != nil { cells.append(("MISSED", .int(m[gold: g, predicted: nil]))) }
            return .object(cells)
        }
        return .object([
            ("types", .array(result.types.map { .string($0.name) })),
            ("rows", .object((0..<n).map { (result.types[$0].name, row($0)) } + [("SPURIOUS", row(nil))])),
        ])
    }

    static func entity(_ e: EntitySpan) -> [(String, JSONValue)] {
        [("type", .string(e.type.name)), ("start", .int(e.start)), ("end", .int(e.end)), ("text", .string(e.text))]
    }

    static func error(_ e: EntityError) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("document", .string(e.document)),
            ("kind", .string(e.kind.rawValue)),
            ("category", .string(e.category.rawValue)),
        ]
        members += entity(e.entity)
        members.append(("line", e.line.map { .int($0) } ?? .null))
        members.append(("aligned_with", e.partner.map { .object(entity($0)) } ?? .null))
        members.append(("left_context", .string(e.leftContext)))
        members.append(("right_context", .string(e.rightContext)))
        return .object(members)
    }
}

extension TagViolation.Kind {
    var jsonKey: String {
        switch self {
        case .continuationWithoutBegin: return "continuation_without_begin"
        case .typeSwitch: return "type_switch"
        case .unterminated: return "unterminated"
        case .misplacedBegin: return "misplaced_begin"
        }
    }
}
