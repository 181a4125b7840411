/// The proclitics Mizan recognises at the start of an Arabic word.
public struct Proclitics: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// و "and"
    public static let wa = Proclitics(rawValue: 1 << 0)
    /// ف "so, then"
    public static let fa = Proclitics(rawValue: 1 << 1)
    /// ب "in, with, by"
    public static let bi = Proclitics(rawValue: 1 << 2)
    /// ك "like"
    public static let ka = Proclitics(rawValue: 1 << 3)
    /// ل "for, to"
    public static let li = Proclitics(rawValue: 1 << 4)

    /// A short code for features: `w`, `f`, `b`, `k`, `l` in order (`wb`, `fl`, ...).
    public var code: String {
        var s = ""
        if contains(.wa) { s += "w" }
        if contains(.fa) { s += "f" }
        if contains(.bi) { s += "b" }
        if contains(.ka) { s += "k" }
        if contains(.li) { s += "l" }
        return s
    }
}

/// How the definite article appears in an analysed word.
public enum ArticleForm: UInt8, Sendable, Hashable {
    /// No article.
    case none
    /// `ال` written out: `العراق`, `بالعراق`, `والعراق`.
    case separate
    /// ل + ال written `لل`, the article's alef dropped: `للأمم` is ل + الأمم.
    case fused
}

/// One way to read a word as proclitics + stem.
///
/// With `rest` the word's scalars after `procliticLength`:
/// - the *lookup form* (the stem as a dictionary or gazetteer writes it, article
///   included) is `rest`, or `ا` + `rest` when the article is fused;
/// - the *bare stem* is `rest` without its article letters.
///
/// Example: `وللأمم` → proclitics و ل (length 2), article fused, lookup form `الأمم`,
/// bare stem `أمم`.
public struct CliticAnalysis: Sendable, Hashable {
    public var proclitics: Proclitics
    /// Scalars of the word taken by the conjunction and preposition (not the article).
    public var procliticLength: Int
    public var article: ArticleForm

    public init(proclitics: Proclitics, procliticLength: Int, article: ArticleForm) {
        self.proclitics = proclitics
        self.procliticLength = procliticLength
        self.article = article
    }

    /// Scalars of `rest` that are article letters (2 for `ال`, 1 for the fused `ل`).
    @inlinable public var articleLength: Int {
        switch article {
        case .none: 0
        case .separate: 2
        case .fused: 1
        }
    }

    /// The lookup form of `word` under this analysis. O(n).
    public func lookupForm<C: Collection<Unicode.Scalar>>(of word: C) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = article == .fused ? ["\u{0627}"] : []
        out.append(contentsOf: word.dropFirst(procliticLength))
        return out
    }

    /// The bare stem of `word` (no proclitics, no article). O(n).
    public func bareStem<C: Collection<Unicode.Scalar>>(of word: C) -> [Unicode.Scalar] {
        Array(word.dropFirst(procliticLength + articleLength))
    }
}

/// Proposes proclitic analyses of Arabic words: the conjunctions و ف, the
/// prepositions ب ك ل, their combinations (وب، فل، ول، وك، ...), and the article ال
/// with its fused forms (بال، وال، فال، كال، لل).
///
/// It proposes; stages decide. Guards keep short words and names that merely begin
/// with these letters whole:
/// - every reading leaves a stem of at least `minimumStemLength` letters (article
///   excluded), so `بكر` or `ولد` are never cut to one letter;
/// - with a lexicon (`analyses(of:lexicon:)`), a word the lexicon knows whole is not
///   cut at all (`بغداد`, `فلسطين`, `وليد`), and a cut is proposed only when its lookup
///   form is known (`وسورية` → `سورية`).
///
/// Works on normalized text (alef variants folded); Complexity: O(1) readings of O(n) checks.
public struct CliticAnalyzer: Sendable, Hashable {
    /// Letters a stem must keep after proclitics and article are removed.
    public var minimumStemLength: Int

    public init(minimumStemLength: Int = 2) {
        precondition(minimumStemLength >= 1)
        self.minimumStemLength = minimumStemLength
    }

    @usableFromInline static let waw: Unicode.Scalar = "\u{0648}"
    @usableFromInline static let feh: Unicode.Scalar = "\u{0641}"
    @usableFromInline static let beh: Unicode.Scalar = "\u{0628}"
    @usableFromInline static let kaf: Unicode.Scalar = "\u{0643}"
    @usableFromInline static let lam: Unicode.Scalar = "\u{0644}"
    @usableFromInline static let alef: Unicode.Scalar = "\u{0627}"

    /// Every structurally possible reading of `word` with at least one proclitic or
    /// an article, shortest proclitics first. The bare word (no clitic) is not listed.
    public func analyses<C: RandomAccessCollection<Unicode.Scalar>>(of word: C) -> [CliticAnalysis] {
        var out: [CliticAnalysis] = []
        forEachAnalysis(of: word) { out.append($0) }
        return out
    }

    /// Readings checked against a lexicon of lookup forms (see the type's guards).
    public func analyses<C: RandomAccessCollection<Unicode.Scalar>>(of word: C, lexicon: ([Unicode.Scalar]) -> Bool) -> [CliticAnalysis] {
        if lexicon(Array(word)) { return [] }
        return analyses(of: word).filter { $0.procliticLength > 0 && lexicon($0.lookupForm(of: word)) }
    }

    /// Calls `body` with each reading, in the order `analyses(of:)` lists them. No allocation.
    @inlinable
    public func forEachAnalysis<C: RandomAccessCollection<Unicode.Scalar>>(of word: C, _ body: (CliticAnalysis) -> Void) {
        let n = word.count
        guard n > minimumStemLength else { return }
        let first = word.startIndex
        func at(_ k: Int) -> Unicode.Scalar { word[word.index(first, offsetBy: k)] }
        // Conjunction: none, و, ف.
        for conj in 0..<3 {
            var p = 0
            var clitics: Proclitics = []
            if conj == 1 { guard at(0) == Self.waw else { continue }; p = 1; clitics.insert(.wa) }
            if conj == 2 { guard at(0) == Self.feh else { continue }; p = 1; clitics.insert(.fa) }
            // Preposition: none, ب, ك, ل.
            for prep in 0..<4 {
                var q = p
                var c = clitics
                if prep > 0 {
                    guard q < n else { continue }
                    let letter = at(q)
                    switch prep {
                    case 1: guard letter == Self.beh else { continue }; c.insert(.bi)
                    case 2: guard letter == Self.kaf else { continue }; c.insert(.ka)
                    default: guard letter == Self.lam else { continue }; c.insert(.li)
                    }
                    q += 1
                }
                let rest = n - q
                // Without article (needs a proclitic to be a reading at all).
                if q > 0, rest >= minimumStemLength {
                    body(CliticAnalysis(proclitics: c, procliticLength: q, article: .none))
                }
                // Separate article ال.
                if rest >= minimumStemLength + 2, at(q) == Self.alef, at(q + 1) == Self.lam {
                    body(CliticAnalysis(proclitics: c, procliticLength: q, article: .separate))
                }
                // Fused ل + ال → لل.
                if prep == 3, rest >= minimumStemLength + 1, at(q) == Self.lam {
                    body(CliticAnalysis(proclitics: c, procliticLength: q, article: .fused))
                }
            }
        }
    }
}
