import ArabicText
import Corpus
import Foundation

/// Per-token rule classes of one rule set over one document: the "trigger hits"
/// (title, organization head, month, ...) that rules match and that a learned model
/// can use as features. `classNames[k]` names bit `k`.
public struct ClassLayer: Sendable {
    public let classNames: [String]
    /// The classes of each token (built-ins, list classes, derived classes).
    public let classes: [BitSet128]
    /// The classes that have a multi-word entry starting at each token.
    public let phraseStarts: [BitSet128]
}

/// One rule: a named pattern whose captures are entities of `type`.
public struct Rule: Sendable {
    public let name: String
    public let type: EntityType
    public let line: Int
    let pattern: TokenPattern
}

/// Trigger lists and token patterns, read from a rules file.
///
/// ```
/// # A class is a list file (one entry a line, several words allowed), with
/// # `clitics` when a token may carry proclitics (بمدينة, والرئيس):
/// class TITLE = lists/person-titles.txt clitics
/// # or a boolean expression over classes defined before it:
/// class NAMEWORD := WORD & !COMMON & !TITLE
/// # A rule: name, type, pattern with the entity in [ ]:
/// rule person-after-title PER: TITLE (TITLE | NATIONALITY)* [NAMEWORD{1,3}]
/// ```
/// Built-in classes: `ANY`, `WORD` (Arabic or Latin), `ARABIC`, `LATIN`, `NUMBER`,
/// `YEAR` (a four-digit number 1000–2199), `DAY` (a number 1–31), `PUNCT`, `DEFINITE`
/// (begins with the article, after any proclitics), `PROCLITIC` (the word is unknown
/// whole but a clitic reading of it is a known word: `ومحمد`, `بدمشق`), `CONJUNCTION`
/// (it can be read as و or ف + a stem: `وسحاب`), `QUOTE` (a quotation mark or guillemet), `PREP_DEFINITE` (a preposition
/// glued to the article: `بالريف`, `للصحافة`, which starts a new phrase). Paths are relative to the rules
/// file. Rules earlier in the file win over later ones on overlaps (`rank`).
///
/// Immutable once loaded. Classifying is O(tokens × derived classes); matching tries
/// only the rules whose first class a token has.
public struct RuleSet: Sendable {
    public let path: String
    public let classNames: [String]
    public let rules: [Rule]
    let wordClasses: [BitSet128]
    let wordPhraseStarts: [BitSet128]
    let phrases: PhraseTrie
    let cliticClasses: BitSet128
    let derived: [(id: Int, expression: CompiledClassExpression)]
    let anyFirst: BitSet128
    let hasUnanchoredRule: Bool
    /// Per rule: the classes its first token must have (when `anchored`).
    let firstClasses: [BitSet128]
    let anchored: [Bool]

    public static let builtInClasses = ["ANY", "WORD", "ARABIC", "LATIN", "NUMBER", "YEAR", "DAY", "PUNCT", "DEFINITE", "PROCLITIC", "CONJUNCTION", "QUOTE", "PREP_DEFINITE"]

    /// The id of class `name`, or `nil`.
    public func classID(_ name: String) -> Int? { classNames.firstIndex(of: name) }

    // MARK: Loading

    /// Reads and compiles a rules file, adding its words to `builder`'s vocabulary.
    /// Throws `InputError` naming the rules file (or a list file) and line.
    static func load(path: String, builder: ExtractorBuilder) throws -> RuleSet {
        let text = try TextFile.read(path)
        let directory = (path as NSString).deletingLastPathComponent
        var names = builtInClasses
        var wordClasses: [WordID: BitSet128] = [:]
        var phraseStarts: [WordID: BitSet128] = [:]
        var phrases = PhraseTrie()
        var cliticClasses = BitSet128()
        var derived: [(Int, CompiledClassExpression)] = []
        var rules: [Rule] = []
        var literalClasses: [String: Int] = [:]
        var multiWordClasses = Set<Int>()

        func newClass(_ name: String, line: Int) throws -> Int {
            guard !names.contains(name) else { throw InputError(file: path, line: line, "class \(name) is defined twice") }
            guard names.count < BitSet128.capacity else {
                throw InputError(file: path, line: line, "too many classes (at most \(BitSet128.capacity), built-ins and literals included)")
            }
            names.append(name)
            return names.count - 1
        }
        func addEntry(_ forms: [[Unicode.Scalar]], to id: Int) {
            let words = forms.map { builder.intern($0) }
            if words.count == 1 {
                wordClasses[words[0], default: BitSet128()].insert(id)
            } else {
                phrases.insert(words, label: id)
                phraseStarts[words[0], default: BitSet128()].insert(id)
                multiWordClasses.insert(id)
            }
        }
        func lookup(_ name: String, line: Int) throws -> Int {
            guard let id = names.firstIndex(of: name) else {
                throw InputError(file: path, line: line, "unknown class \(name) (classes must be defined before use)")
            }
            return id
        }

        var lineNumber = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let ln = lineNumber
            if line.hasPrefix("class ") {
                let body = line.dropFirst(6)
                if let r = body.range(of: ":=") {
                    let name = body[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                    try checkName(name, file: path, line: ln)
                    let source = String(body[r.upperBound...])
                    let expression: ClassExpression
                    do {
                        expression = try ClassExpression.parse(source) { try lookup($0, line: ln) }
                    } catch let e as InputError { throw e } catch {
                        throw InputError(file: path, line: ln, "class \(name): \(error)")
                    }
                    derived.append((try newClass(name, line: ln), CompiledClassExpression(expression)))
                } else if let r = body.range(of: "=") {
                    let name = body[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
                    try checkName(name, file: path, line: ln)
                    var fields = body[r.upperBound...].split(separator: " ").map(String.init)
                    guard !fields.isEmpty else { throw InputError(file: path, line: ln, "class \(name) names no list file") }
                    let file = fields.removeFirst()
                    var clitics = false
                    for option in fields {
                        guard option == "clitics" else {
                            throw InputError(file: path, line: ln, "unknown class option \"\(option)\" (known: clitics)")
                        }
                        clitics = true
                    }
                    let id = try newClass(name, line: ln)
                    if clitics { cliticClasses.insert(id) }
                    let listPath = file.hasPrefix("/") ? file : (directory as NSString).appendingPathComponent(file)
                    let entries: [ListFile.Entry]
                    do { entries = try ListFile.entries(at: listPath) } catch let e as InputError {
                        throw InputError(file: path, line: ln, "class \(name): \(e)")
                    }
                    for entry in entries {
                        let forms = builder.normalizedTokens(of: entry.text)
                        if !forms.isEmpty { addEntry(forms, to: id) }
                    }
                } else {
                    throw InputError(file: path, line: ln, "expected `class NAME = FILE [clitics]` or `class NAME := EXPRESSION`")
                }
            } else if line.hasPrefix("rule ") {
                let body = line.dropFirst(5)
                guard let colon = body.firstIndex(of: ":") else {
                    throw InputError(file: path, line: ln, "expected `rule NAME TYPE: PATTERN`")
                }
                let head = body[..<colon].split(separator: " ")
                guard head.count == 2 else { throw InputError(file: path, line: ln, "expected `rule NAME TYPE: PATTERN`") }
                let source = String(body[body.index(after: colon)...])
                let pattern: TokenPattern
                do {
                    pattern = try TokenPattern.compile(source, resolve: { atom in
                        let e = try ClassExpression.parse(atom) { try lookup($0, line: ln) }
                        if case .member(let id) = e, multiWordClasses.contains(id) { return .phrase(id) }
                        return .test(e)
                    }, literal: { word in
                        let forms = builder.normalizedTokens(of: word)
                        guard !forms.isEmpty else { throw PatternError("empty literal") }
                        let key = forms.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
                        let id: Int
                        if let existing = literalClasses[key] { id = existing } else {
                            id = try newClass("\"\(key)\"", line: ln)
                            literalClasses[key] = id
                            addEntry(forms, to: id)
                        }
                        return forms.count > 1 ? .phrase(id) : .test(.member(id))
                    })
                } catch let e as InputError { throw e } catch {
                    throw InputError(file: path, line: ln, "rule \(head[0]): \(error)")
                }
                rules.append(Rule(name: String(head[0]), type: EntityType(String(head[1])), line: ln, pattern: pattern))
            } else {
                throw InputError(file: path, line: ln, "expected a `class` or `rule` line")
            }
        }
        guard !rules.isEmpty || !derived.isEmpty || names.count > builtInClasses.count else {
            throw InputError(file: path, "the rules file defines no class and no rule")
        }
        let size = builder.vocabularyCount
        var dense = [BitSet128](repeating: BitSet128(), count: size)
        for (w, m) in wordClasses { dense[Int(w)] = m }
        var denseStarts = [BitSet128](repeating: BitSet128(), count: size)
        for (w, m) in phraseStarts { denseStarts[Int(w)] = m }
        var anyFirst = BitSet128()
        var unanchored = false
        for rule in rules {
            if let f = rule.pattern.firstClasses { anyFirst.formUnion(f) } else { unanchored = true }
        }
        return RuleSet(path: path, classNames: names, rules: rules, wordClasses: dense, wordPhraseStarts: denseStarts,
                       phrases: phrases, cliticClasses: cliticClasses, derived: derived, anyFirst: anyFirst,
                       hasUnanchoredRule: unanchored, firstClasses: rules.map { $0.pattern.firstClasses ?? BitSet128() },
                       anchored: rules.map { $0.pattern.firstClasses != nil })
    }

    static func checkName(_ name: String, file: String, line: Int) throws {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !builtInClasses.contains(name) else {
            throw InputError(file: file, line: line, "bad class name \"\(name)\" (letters, digits, _ and -; not a built-in)")
        }
    }

    // MARK: Classifying

    static func isQuote(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\u{00AB}", "\u{00BB}", "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{2039}", "\u{203A}": return true
        default: return false
        }
    }

    /// Every token's classes in `document`.
    public func classify(_ document: AnalyzedDocument) -> ClassLayer {
        let n = document.tokenCount
        var classes = [BitSet128](repeating: BitSet128(), count: n)
        var starts = [BitSet128](repeating: BitSet128(), count: n)
        let size = wordClasses.count
        for t in 0..<n {
            var m = BitSet128(0)  // ANY
            var s = BitSet128()
            switch document.kinds[t] {
            case .arabic: m.insert(1); m.insert(2)
            case .latin: m.insert(1); m.insert(3)
            case .number:
                m.insert(4)
                if document.shapes[t].form == .year { m.insert(5) }
                let form = document.normalizedForm(t)
                if form.count <= 2 {
                    var v = 0
                    for s in form { v = s.value >= 0x30 && s.value <= 0x39 ? v * 10 + Int(s.value - 0x30) : -100 }
                    if (1...31).contains(v) { m.insert(6) }
                }
            case .punctuation:
                m.insert(7)
                if Self.isQuote(document.scalars[document.tokens[t].start]) { m.insert(11) }
            }
            let w = Int(document.wordIDs[t])
            if w >= 0, w < size { m.formUnion(wordClasses[w]); s.formUnion(wordPhraseStarts[w]) }
            for i in document.readingBounds[t]..<document.readingBounds[t + 1] {
                let reading = document.readings[i]
                if reading.analysis.article != .none { m.insert(8) }
                let r = Int(reading.lookupID)
                if !reading.analysis.proclitics.isDisjoint(with: [.wa, .fa]) { m.insert(10) }
                // A clitic reading counts only when it leaves at least three letters:
                // باب is not ب + آب (August), بين is not ب + ين.
                let longEnough = document.normalizedBounds[t + 1] - document.normalizedBounds[t] - reading.analysis.procliticLength >= 3
                if reading.analysis.procliticLength > 0, r >= 0, w < 0, longEnough { m.insert(9) }
                if reading.analysis.article != .none, !reading.analysis.proclitics.isDisjoint(with: [.bi, .ka, .li]) { m.insert(12) }
                if reading.analysis.procliticLength > 0, r >= 0, r < size, longEnough {
                    m.formUnion(wordClasses[r].intersection(cliticClasses))
                    s.formUnion(wordPhraseStarts[r].intersection(cliticClasses))
                }
            }
            for (id, e) in derived where e.evaluate(m) { m.insert(id) }
            classes[t] = m
            starts[t] = s
        }
        return ClassLayer(classNames: classNames, classes: classes, phraseStarts: starts)
    }
}
