/// How a gold entity and a predicted entity that overlap relate.
public enum PairRelation: Int, Sendable, Hashable, CaseIterable {
    /// Same start, end and type.
    case exactSameType
    /// Same start and end, different type.
    case exactOtherType
    /// Overlapping with different boundaries, same type.
    case overlapSameType
    /// Overlapping with different boundaries and different type.
    case overlapOtherType

    @inlinable
    public init(sameSpan: Bool, sameType: Bool) {
        self = sameSpan ? (sameType ? .exactSameType : .exactOtherType) : (sameType ? .overlapSameType : .overlapOtherType)
    }
}

/// What a matched pair counts as under a SemEval scheme.
public enum PairOutcome: Int, Sendable, Hashable {
    case correct, incorrect, partial

    /// Credit in half units (COR = 2, PAR = 1, INC = 0), the primary key the
    /// assignment maximises.
    var halfCredit: Int { self == .correct ? 2 : self == .partial ? 1 : 0 }
}

/// A SemEval-2013 evaluation scheme as data: the outcome of each pair relation.
///
/// | scheme  | same span, same type | same span, other type | overlap, same type | overlap, other type |
/// |---------|-----|-----|-----|-----|
/// | strict  | COR | INC | INC | INC |
/// | exact   | COR | COR | INC | INC |
/// | partial | COR | COR | PAR | PAR |
/// | type    | COR | INC | COR | INC |
///
/// Unmatched gold entities are MIS and unmatched predictions SPU in every scheme.
public struct SemEvalScheme: Sendable, Hashable, CustomStringConvertible {
    /// The name used on the command line and in JSON (`strict`, `exact`, `partial`, `type`).
    public let name: String
    /// Position in `all` (and in `ScoreTally.semeval`).
    public let index: Int
    /// Outcome per `PairRelation.rawValue`.
    public let outcomes: [PairOutcome]

    public var description: String { name }

    @inlinable
    public func outcome(_ relation: PairRelation) -> PairOutcome { outcomes[relation.rawValue] }

    public static let strict = SemEvalScheme(name: "strict", index: 0, outcomes: [.correct, .incorrect, .incorrect, .incorrect])
    public static let exact = SemEvalScheme(name: "exact", index: 1, outcomes: [.correct, .correct, .incorrect, .incorrect])
    public static let partial = SemEvalScheme(name: "partial", index: 2, outcomes: [.correct, .correct, .partial, .partial])
    public static let type = SemEvalScheme(name: "type", index: 3, outcomes: [.correct, .incorrect, .correct, .incorrect])

    public static let all: [SemEvalScheme] = [.strict, .exact, .partial, .type]

    public static func named(_ name: String) -> SemEvalScheme? { all.first { $0.name == name } }
}
