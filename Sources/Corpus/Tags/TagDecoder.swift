/// An entity decoded from a tag sequence: a type and an inclusive token range.
public struct TagChunk: Hashable, Sendable {
    /// The type, as an index into the caller's table of type names.
    public var type: Int
    /// First and last token (inclusive), counted from the start of the sentence.
    public var first: Int
    public var last: Int

    @inlinable
    public init(type: Int, first: Int, last: Int) {
        self.type = type
        self.first = first
        self.last = last
    }
}

/// A place where a tag sequence breaks its scheme's rules.
public struct TagViolation: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `I-` (or `E-`, `L-`) with no entity of its type to continue: after `O`,
        /// at the start of a sentence, or after a closed entity.
        case continuationWithoutBegin = "continuation without a beginning"
        /// `I-`/`E-`/`L-` of one type inside an entity of another.
        case typeSwitch = "type switch inside an entity"
        /// IOBES/BILOU: an entity that stops without its `E-`/`L-` tag.
        case unterminated = "unterminated entity"
        /// IOB1: `B-` that does not follow a token of the same type.
        case misplacedBegin = "B- not after an entity of its type"
    }

    public var kind: Kind
    /// The token (index in its sentence) where the sequence breaks: the offending
    /// tag, or for an unterminated entity the token after its last one.
    public var index: Int

    public init(kind: Kind, index: Int) {
        self.kind = kind
        self.index = index
    }
}

/// A tag that is not `O` or `P-TYPE` with a prefix of the scheme.
public struct MalformedTagError: Error, Hashable, Sendable, CustomStringConvertible {
    public var tag: String
    public var message: String
    public var description: String { message }
}

/// Decodes tag sequences into entities for one scheme and one invalid-sequence
/// policy. A value type with the state of the sentence being read: feed it tags
/// in order with `push`, then call `finish` at the end of each sentence.
///
/// Every scheme is read by the same rules from its `TagScheme` description:
/// - `O` ends the open entity; `B-` ends it and opens a new one; `S-`/`U-` ends it
///   and emits a one-token entity.
/// - `I-` continues an open entity of its type whose last tag was `B-` or `I-`;
///   `E-`/`L-` does the same and closes it.
/// - Anything else is a violation. Under `.begin` a tag that cannot continue
///   starts a new entity (conlleval.pl and seqeval's default mode); under
///   `.discard` its token belongs to no entity (seqeval's strict mode).
/// - IOBES/BILOU entities that stop without `E-`/`L-` are unterminated: kept
///   under `.begin`, dropped under `.discard`.
/// - IOB1: `I-` after `O` or another type validly starts an entity; `B-` is valid
///   only right after a `B-`/`I-` tag of its own type.
///
/// Complexity: O(1) per tag.
public struct TagDecoder: Sendable {
    // The scheme's two rules, kept as plain values so the decoder is trivially
    // copyable (no reference counting in the per-token loop).
    public let requiresClosingTag: Bool
    public let insideStartsEntity: Bool
    public let policy: InvalidTagPolicy

    @usableFromInline var openType = -1
    @usableFromInline var openStart = 0
    @usableFromInline var openLastRole = TagRole.outside
    @usableFromInline var previousRole = TagRole.outside
    @usableFromInline var previousType = -1

    public init(scheme: TagScheme, policy: InvalidTagPolicy) {
        self.requiresClosingTag = scheme.requiresClosingTag
        self.insideStartsEntity = scheme.insideStartsEntity
        self.policy = policy
    }

    /// Reads the tag of token `index` (its role and type id); appends the entities
    /// it completes to `chunks` and returns the violation it makes, if any.
    /// Under `.error` the caller stops at the first violation returned.
    @inlinable
    public mutating func push(_ role: TagRole, type: Int, at index: Int, into chunks: inout [TagChunk]) -> TagViolation.Kind? {
        defer { previousRole = role; previousType = type }
        switch role {
        case .outside:
            return close(endingBefore: index, into: &chunks)
        case .begin:
            let ended = close(endingBefore: index, into: &chunks)
            if insideStartsEntity,
               !((previousRole == .begin || previousRole == .inside) && previousType == type) {
                if policy != .discard { open(type, at: index, role: .begin) }
                return ended ?? .misplacedBegin
            }
            open(type, at: index, role: .begin)
            return ended
        case .single:
            let ended = close(endingBefore: index, into: &chunks)
            chunks.append(TagChunk(type: type, first: index, last: index))
            return ended
        case .inside, .last:
            if openType == type, openLastRole == .begin || openLastRole == .inside {
                if role == .last {
                    chunks.append(TagChunk(type: type, first: openStart, last: index))
                    openType = -1
                } else {
                    openLastRole = .inside
                }
                return nil
            }
            if insideStartsEntity, role == .inside {
                let ended = close(endingBefore: index, into: &chunks)
                open(type, at: index, role: .inside)
                return ended
            }
            let kind: TagViolation.Kind = openType >= 0 && openType != type ? .typeSwitch : .continuationWithoutBegin
            // The open entity ends here; if that leaves it unterminated, the cause
            // reported is this tag.
            _ = close(endingBefore: index, into: &chunks)
            if policy != .discard {
                if role == .last {
                    chunks.append(TagChunk(type: type, first: index, last: index))
                } else {
                    open(type, at: index, role: .inside)
                }
            }
            return kind
        }
    }

    /// Ends the sentence after `count` tokens; returns `.unterminated` when an
    /// IOBES/BILOU entity is still open. Resets the state for the next sentence.
    @inlinable
    public mutating func finish(count: Int, into chunks: inout [TagChunk]) -> TagViolation.Kind? {
        let ended = close(endingBefore: count, into: &chunks)
        previousRole = .outside
        previousType = -1
        return ended
    }

    @inlinable
    mutating func open(_ type: Int, at index: Int, role: TagRole) {
        openType = type
        openStart = index
        openLastRole = role
    }

    @inlinable
    mutating func close(endingBefore index: Int, into chunks: inout [TagChunk]) -> TagViolation.Kind? {
        guard openType >= 0 else { return nil }
        defer { openType = -1 }
        if requiresClosingTag {
            if policy != .discard {
                chunks.append(TagChunk(type: openType, first: openStart, last: index - 1))
            }
            return .unterminated
        }
        chunks.append(TagChunk(type: openType, first: openStart, last: index - 1))
        return nil
    }
}

extension TagScheme {
    /// Splits a tag into its role and type name. `O` is `(.outside, "")`.
    ///
    /// - Throws: `MalformedTagError` when the tag is not `O` or `P-TYPE` with a
    ///   prefix letter of this scheme and a non-empty type.
    public func parse(_ tag: String) throws -> (role: TagRole, type: String) {
        var copy = tag
        let role = try copy.withUTF8 { try self.role(ofTag: $0) }
        return (role, role == .outside ? "" : String(decoding: Array(tag.utf8.dropFirst(2)), as: UTF8.self))
    }

    /// The role of a tag given as UTF-8 bytes; its type is `bytes[2...]`.
    @inlinable
    public func role(ofTag bytes: UnsafeBufferPointer<UInt8>) throws -> TagRole {
        if bytes.count == 1, bytes[0] == UInt8(ascii: "O") { return .outside }
        guard bytes.count >= 3, bytes[1] == UInt8(ascii: "-") else {
            throw malformed(bytes)
        }
        guard let role = role(ofLetter: bytes[0]), role != .outside else {
            throw malformed(bytes)
        }
        return role
    }

    @usableFromInline
    func malformed(_ bytes: UnsafeBufferPointer<UInt8>) -> MalformedTagError {
        let tag = String(decoding: bytes, as: UTF8.self)
        let known: Set<UInt8> = Set("BIESLU".utf8)
        if bytes.count >= 3, bytes[1] == UInt8(ascii: "-"), known.contains(bytes[0]) {
            return MalformedTagError(tag: tag, message: "tag \"\(tag)\" is not an \(name) tag (\(name) prefixes: \(prefixList) and O); choose the scheme with --tags iob1|iob2|iobes|bilou")
        }
        return MalformedTagError(tag: tag, message: "malformed tag \"\(tag)\": expected O or PREFIX-TYPE with PREFIX one of \(prefixList) (\(name))")
    }

    /// Decodes one sentence of tags into entities with their type names.
    ///
    /// Convenience for small inputs and tests; file readers use `TagDecoder`
    /// directly on bytes. Under `.error` the first violation is thrown as a
    /// `TagSequenceError`.
    public func decode(_ tags: [String], policy: InvalidTagPolicy) throws -> (entities: [(type: String, first: Int, last: Int)], violations: [TagViolation]) {
        var decoder = TagDecoder(scheme: self, policy: policy)
        var names: [String] = []
        var ids: [String: Int] = [:]
        var chunks: [TagChunk] = []
        var violations: [TagViolation] = []
        for (i, tag) in tags.enumerated() {
            let (role, type) = try parse(tag)
            var id = -1
            if role != .outside {
                if let known = ids[type] { id = known } else { id = names.count; ids[type] = id; names.append(type) }
            }
            if let kind = decoder.push(role, type: id, at: i, into: &chunks) {
                violations.append(TagViolation(kind: kind, index: i))
                if policy == .error { throw TagSequenceError(violation: violations[0], tags: tags, scheme: self) }
            }
        }
        if let kind = decoder.finish(count: tags.count, into: &chunks) {
            violations.append(TagViolation(kind: kind, index: tags.count))
            if policy == .error { throw TagSequenceError(violation: violations.last!, tags: tags, scheme: self) }
        }
        return (chunks.map { (names[$0.type], $0.first, $0.last) }, violations)
    }
}

/// The first violation of a sequence read under `InvalidTagPolicy.error`.
public struct TagSequenceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var violation: TagViolation
    public var message: String

    public init(violation: TagViolation, tags: [String], scheme: TagScheme) {
        self.violation = violation
        let i = violation.index
        let previous = i > 0 && i - 1 < tags.count ? tags[i - 1] : "the sentence start"
        let current = i < tags.count ? tags[i] : "the sentence end"
        self.message = TagViolation.explain(violation.kind, tag: current, previous: previous, scheme: scheme)
    }

    public var description: String { message }
}

extension TagViolation {
    /// A one-line explanation of a violation, naming the tags involved.
    public static func explain(_ kind: Kind, tag: String, previous: String, scheme: TagScheme) -> String {
        switch kind {
        case .continuationWithoutBegin:
            return "invalid \(scheme.name) sequence: \(tag) after \(previous) does not continue an entity (\(kind.rawValue))"
        case .typeSwitch:
            return "invalid \(scheme.name) sequence: \(tag) after \(previous) switches type inside an entity"
        case .unterminated:
            return "invalid \(scheme.name) sequence: the entity ending with \(previous) is not closed (\(kind.rawValue)); \(tag) follows it"
        case .misplacedBegin:
            return "invalid \(scheme.name) sequence: \(tag) after \(previous); in IOB1, B- only separates two adjacent entities of the same type"
        }
    }
}
