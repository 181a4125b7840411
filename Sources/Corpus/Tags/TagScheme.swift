/// What a tag's prefix says about its token.
public enum TagRole: UInt8, Sendable, Hashable, CaseIterable {
    /// `O`: outside any entity.
    case outside
    /// `B-`: the first token of an entity.
    case begin
    /// `I-`: a token inside an entity (in IOB1, also the first token).
    case inside
    /// `E-` (IOBES) or `L-` (BILOU): the last token of an entity of two or more tokens.
    case last
    /// `S-` (IOBES) or `U-` (BILOU): a one-token entity.
    case single
}

/// A token-tagging scheme described as data: which prefix letters it uses, what
/// each one means, and which sequences it allows. One decoder (`TagDecoder`)
/// reads every scheme from this description, so the schemes cannot drift apart.
///
/// Tags are `O` or `P-TYPE` with `P` one of the scheme's prefix letters and a
/// non-empty `TYPE` (everything after the first `-`).
public struct TagScheme: Sendable, Hashable, CustomStringConvertible {
    /// The name printed in reports (`IOB2`, `IOBES`, ...).
    public var name: String
    /// The prefix letter of each role the scheme uses (`outside` is always `O`).
    public var letters: [TagRole: UInt8]
    /// IOBES and BILOU: an entity must end with a `last` or `single` tag; one that
    /// stops on anything else is *unterminated*.
    public var requiresClosingTag: Bool
    /// IOB1: `I-` after `O` or after another type starts an entity (valid), and `B-`
    /// is only valid right after an entity of the same type.
    public var insideStartsEntity: Bool

    public init(name: String, letters: [TagRole: UInt8], requiresClosingTag: Bool, insideStartsEntity: Bool) {
        self.name = name
        self.letters = letters
        self.requiresClosingTag = requiresClosingTag
        self.insideStartsEntity = insideStartsEntity
    }

    public var description: String { name }

    /// IOB1 (Ramshaw and Marcus; the original CoNLL-2003 files): `I-` everywhere,
    /// `B-` only to split two adjacent entities of the same type.
    public static let iob1 = TagScheme(
        name: "IOB1", letters: [.begin: UInt8(ascii: "B"), .inside: UInt8(ascii: "I")],
        requiresClosingTag: false, insideStartsEntity: true)

    /// IOB2, also called BIO: every entity starts with `B-`.
    public static let iob2 = TagScheme(
        name: "IOB2", letters: [.begin: UInt8(ascii: "B"), .inside: UInt8(ascii: "I")],
        requiresClosingTag: false, insideStartsEntity: false)

    /// IOBES: `B-` first, `I-` inside, `E-` last, `S-` for a one-token entity.
    public static let iobes = TagScheme(
        name: "IOBES",
        letters: [.begin: UInt8(ascii: "B"), .inside: UInt8(ascii: "I"), .last: UInt8(ascii: "E"), .single: UInt8(ascii: "S")],
        requiresClosingTag: true, insideStartsEntity: false)

    /// BILOU: IOBES with `L-` for last and `U-` for unit-length entities.
    public static let bilou = TagScheme(
        name: "BILOU",
        letters: [.begin: UInt8(ascii: "B"), .inside: UInt8(ascii: "I"), .last: UInt8(ascii: "L"), .single: UInt8(ascii: "U")],
        requiresClosingTag: true, insideStartsEntity: false)

    /// The schemes by the names `--tags` accepts (`bio` is IOB2).
    public static let byName: [String: TagScheme] = [
        "iob1": .iob1, "iob2": .iob2, "bio": .iob2, "iobes": .iobes, "bilou": .bilou,
    ]

    /// The role a prefix letter has in this scheme, or nil when the scheme does not use it.
    @inlinable
    public func role(ofLetter letter: UInt8) -> TagRole? {
        // A linear scan over at most four entries beats hashing here.
        for (role, l) in letters where l == letter { return role }
        return nil
    }

    /// The tag for a role and type: `O`, or `LETTER-TYPE`.
    public func tag(_ role: TagRole, _ type: String) -> String {
        guard role != .outside, let letter = letters[role] else { return "O" }
        return String(UnicodeScalar(letter)) + "-" + type
    }

    /// The prefixes in the order they are usually listed, for messages (`B, I, E, S`).
    public var prefixList: String {
        [TagRole.begin, .inside, .last, .single].compactMap { letters[$0] }.map { String(UnicodeScalar($0)) }.joined(separator: ", ")
    }
}

/// What to do with a tag sequence the scheme does not allow: `I-` after `O`,
/// a type switch inside an entity, an IOBES/BILOU entity without its closing tag,
/// an IOB1 `B-` that does not follow an entity of its type.
public enum InvalidTagPolicy: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Repair the way conlleval.pl and seqeval's default mode do: a tag that
    /// cannot continue the current entity starts a new one, and an unterminated
    /// entity ends where it stops.
    case begin
    /// Drop what is invalid, as seqeval's `mode="strict"` does: tokens that cannot
    /// continue an entity belong to none, and unterminated entities are discarded.
    case discard
    /// Stop with an error naming the file, line and token.
    case error

    public var description: String { rawValue }
}
