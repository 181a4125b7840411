/// Which feature templates a sequence labeller uses: the switches of a
/// configuration's `features:` block, stored inside every model file so that a
/// model is only ever applied with the features it was trained on.
///
/// Every template is switchable. Affix lengths and the context radius are numbers
/// (0 switches them off). Defaults are the `hybrid` configuration's choices minus
/// the resources (gazetteer and trigger features are off unless asked for).
public struct FeatureTemplates: Hashable, Sendable, Codable {
    /// A constant feature: the label's prior.
    public var bias = true
    /// The word exactly as written.
    public var word = true
    /// The word after normalization (alef, yeh, teh marbuta, diacritics, digits).
    public var normalized = true
    /// Prefixes of 1...n scalars of the normalized word (0: none). At most 4.
    public var prefixes = 4
    /// Suffixes of 1...n scalars of the normalized word (0: none). At most 4.
    public var suffixes = 4
    /// The stem left after clitic analysis.
    public var stem = true
    /// The proclitics and article the clitic analysis removed (`و+ال`, `ب`).
    public var clitics = true
    /// Word shape: script class (Arabic, Latin, digits, punctuation, mixed) and length.
    public var shape = true
    /// Context radius for the window templates below (0: no window). At most 2.
    public var window = 2
    /// Normalized words at positions -window...+window (other than 0).
    public var windowWords = true
    /// Stems at positions -window...+window (other than 0).
    public var windowStems = true
    /// Shapes at positions -window...+window (other than 0).
    public var windowShapes = true
    /// Word bigrams (-1,0) and (0,+1), and the pair (-1,+1) around the word.
    public var bigrams = true
    /// Position (B or I) of the token in a gazetteer match of each type, at -1, 0, +1.
    public var gazetteer = false
    /// Trigger words of the rule stage (titles, organization and location heads) in the window.
    public var triggers = false
    /// Position (B or I) of the token in a match of each rule of the rule stage, at -1, 0, +1:
    /// the rules' own proposals, which the model learns to trust or not, rule by rule.
    public var ruleMatches = false
    /// Document memory: a second pass that sees the first pass's label of the token and
    /// its neighbours, and the types the first pass gave other occurrences of the same
    /// word and stem in the document (a surname mentioned alone after the full name).
    public var documentMemory = false
    /// The previous tag (first-order transition weights). BIO constraints hold either way.
    public var previousTag = true

    public init() {}

    /// The hybrid templates: everything on, gazetteer and triggers included.
    public static var all: FeatureTemplates {
        var t = FeatureTemplates()
        t.gazetteer = true
        t.triggers = true
        t.ruleMatches = true
        t.documentMemory = true
        return t
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case bias, word, normalized, prefixes, suffixes, stem, clitics, shape, window
        case windowWords = "window-words", windowStems = "window-stems", windowShapes = "window-shapes"
        case bigrams, gazetteer, triggers
        case ruleMatches = "rule-matches"
        case documentMemory = "document-memory"
        case previousTag = "previous-tag"
    }

    /// The option names, as written in configurations and model files.
    public static var optionNames: [String] { CodingKeys.allCases.map(\.rawValue) }

    /// Decodes leniently for configurations: a missing option keeps its default,
    /// an unknown option or a value out of range is an error naming it.
    public init(from decoder: any Decoder) throws {
        let any = try decoder.container(keyedBy: AnyKey.self)
        for key in any.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: any,
                debugDescription: "unknown feature template '\(key.stringValue)' (known: \(Self.optionNames.joined(separator: ", ")))")
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = FeatureTemplates()
        bias = try c.decodeIfPresent(Bool.self, forKey: .bias) ?? d.bias
        word = try c.decodeIfPresent(Bool.self, forKey: .word) ?? d.word
        normalized = try c.decodeIfPresent(Bool.self, forKey: .normalized) ?? d.normalized
        prefixes = try c.decodeIfPresent(Int.self, forKey: .prefixes) ?? d.prefixes
        suffixes = try c.decodeIfPresent(Int.self, forKey: .suffixes) ?? d.suffixes
        stem = try c.decodeIfPresent(Bool.self, forKey: .stem) ?? d.stem
        clitics = try c.decodeIfPresent(Bool.self, forKey: .clitics) ?? d.clitics
        shape = try c.decodeIfPresent(Bool.self, forKey: .shape) ?? d.shape
        window = try c.decodeIfPresent(Int.self, forKey: .window) ?? d.window
        windowWords = try c.decodeIfPresent(Bool.self, forKey: .windowWords) ?? d.windowWords
        windowStems = try c.decodeIfPresent(Bool.self, forKey: .windowStems) ?? d.windowStems
        windowShapes = try c.decodeIfPresent(Bool.self, forKey: .windowShapes) ?? d.windowShapes
        bigrams = try c.decodeIfPresent(Bool.self, forKey: .bigrams) ?? d.bigrams
        gazetteer = try c.decodeIfPresent(Bool.self, forKey: .gazetteer) ?? d.gazetteer
        triggers = try c.decodeIfPresent(Bool.self, forKey: .triggers) ?? d.triggers
        ruleMatches = try c.decodeIfPresent(Bool.self, forKey: .ruleMatches) ?? d.ruleMatches
        documentMemory = try c.decodeIfPresent(Bool.self, forKey: .documentMemory) ?? d.documentMemory
        previousTag = try c.decodeIfPresent(Bool.self, forKey: .previousTag) ?? d.previousTag
        for (key, value) in [(CodingKeys.prefixes, prefixes), (.suffixes, suffixes)] where !(0...4).contains(value) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "must be 0...4, found \(value)")
        }
        if !(0...2).contains(window) {
            throw DecodingError.dataCorruptedError(forKey: .window, in: c, debugDescription: "must be 0...2, found \(window)")
        }
    }

    /// The options whose values differ, as `name: self vs other` lines (empty when equal).
    public func differences(from other: FeatureTemplates) -> [String] {
        let a = Self.values(self), b = Self.values(other)
        return Self.optionNames.compactMap { name in
            a[name] == b[name] ? nil : "\(name): \(a[name] ?? "?") vs \(b[name] ?? "?")"
        }
    }

    static func values(_ t: FeatureTemplates) -> [String: String] {
        [
            "bias": "\(t.bias)", "word": "\(t.word)", "normalized": "\(t.normalized)",
            "prefixes": "\(t.prefixes)", "suffixes": "\(t.suffixes)", "stem": "\(t.stem)",
            "clitics": "\(t.clitics)", "shape": "\(t.shape)", "window": "\(t.window)",
            "window-words": "\(t.windowWords)", "window-stems": "\(t.windowStems)",
            "window-shapes": "\(t.windowShapes)", "bigrams": "\(t.bigrams)",
            "gazetteer": "\(t.gazetteer)", "triggers": "\(t.triggers)", "rule-matches": "\(t.ruleMatches)",
            "document-memory": "\(t.documentMemory)", "previous-tag": "\(t.previousTag)",
        ]
    }
}

/// A coding key for any string, to find keys a type does not know.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
