import Foundation

/// Orthographic normalization of Arabic text for matching.
///
/// Normalization is for comparing words only: Mizan never returns offsets into a
/// normalized string. Every step is switchable through `Options`, so that a
/// configuration can, for example, keep teh marbuta distinct from heh.
///
/// Complexity: O(n) in the scalars normalized; no allocation beyond the output.
public struct ArabicNormalizer: Sendable, Hashable {
    /// The steps applied, each independent of the others.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// أ إ آ ٱ (and the wavy-hamza alefs) → ا
        public static let alefVariants = Options(rawValue: 1 << 0)
        /// ى → ي
        public static let alefMaqsura = Options(rawValue: 1 << 1)
        /// ة → ه
        public static let tehMarbuta = Options(rawValue: 1 << 2)
        /// Harakat, tanween, shadda, sukun, superscript alef and Quranic marks removed.
        public static let diacritics = Options(rawValue: 1 << 3)
        /// ـ (tatweel, kashida) removed.
        public static let tatweel = Options(rawValue: 1 << 4)
        /// Arabic-Indic (٠-٩) and Persian (۰-۹) digits → ASCII 0-9.
        public static let digits = Options(rawValue: 1 << 5)
        /// Presentation forms (U+FB50–FDFF, U+FE70–FEFF) → base letters (NFKC), ligatures expanded.
        public static let presentationForms = Options(rawValue: 1 << 6)
        /// Zero-width and bidirectional marks (ZWSP, ZWNJ, ZWJ, LRM, RLM, ALM, embeddings, isolates, BOM, soft hyphen) removed.
        public static let invisibles = Options(rawValue: 1 << 7)

        public static let all: Options = [.alefVariants, .alefMaqsura, .tehMarbuta, .diacritics, .tatweel, .digits, .presentationForms, .invisibles]

        /// The configuration names of the steps, in a stable order.
        public static let named: [(name: String, option: Options)] = [
            ("alef", .alefVariants), ("alef-maqsura", .alefMaqsura), ("teh-marbuta", .tehMarbuta),
            ("diacritics", .diacritics), ("tatweel", .tatweel), ("digits", .digits),
            ("presentation-forms", .presentationForms), ("invisibles", .invisibles),
        ]
    }

    public let options: Options
    /// The result for each scalar of the Arabic block U+0600–U+06FF under `options`:
    /// the replacement scalar's value, or 0 when the scalar is dropped.
    @usableFromInline let arabicBlock: [UInt32]

    public init(options: Options = .all) {
        self.options = options
        var table = [UInt32](repeating: 0, count: 256)
        var one: [Unicode.Scalar] = []
        for v in 0x0600...0x06FF {
            one.removeAll(keepingCapacity: true)
            let scalar = Unicode.Scalar(UInt32(v))!
            Self.map(scalar, options: options, to: &one)
            precondition(one.count <= 1)
            table[v - 0x0600] = one.first?.value ?? 0
        }
        arabicBlock = table
    }

    public static func == (a: ArabicNormalizer, b: ArabicNormalizer) -> Bool { a.options == b.options }
    public func hash(into hasher: inout Hasher) { hasher.combine(options) }

    /// The normalized string. O(n).
    public func normalize<S: StringProtocol>(_ text: S) -> String {
        var out = String.UnicodeScalarView()
        var buffer: [Unicode.Scalar] = []
        buffer.reserveCapacity(4)
        for scalar in text.unicodeScalars {
            buffer.removeAll(keepingCapacity: true)
            append(scalar, to: &buffer)
            out.append(contentsOf: buffer)
        }
        return String(out)
    }

    /// Appends the normalized form of one scalar (zero, one or several scalars) to `out`.
    @inlinable
    public func append(_ scalar: Unicode.Scalar, to out: inout [Unicode.Scalar]) {
        let v = scalar.value
        // Fast path: ASCII and most of Latin never change.
        if v < 0x00AD { out.append(scalar); return }
        if v >= 0x0600 && v <= 0x06FF {
            let m = arabicBlock[Int(v &- 0x0600)]
            if m != 0 { out.append(Unicode.Scalar(m).unsafelyUnwrapped) }
            return
        }
        Self.map(scalar, options: options, to: &out)
    }

    @usableFromInline
    static func map(_ scalar: Unicode.Scalar, options: Options, to out: inout [Unicode.Scalar]) {
        let v = scalar.value
        switch v {
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673:
            out.append(options.contains(.alefVariants) ? "\u{0627}" : scalar)
        case 0x0649:
            out.append(options.contains(.alefMaqsura) ? "\u{064A}" : scalar)
        case 0x0629:
            out.append(options.contains(.tehMarbuta) ? "\u{0647}" : scalar)
        case 0x0640:
            if !options.contains(.tatweel) { out.append(scalar) }
        case 0x0660...0x0669:
            out.append(options.contains(.digits) ? Unicode.Scalar(v - 0x0660 + 0x30)! : scalar)
        case 0x06F0...0x06F9:
            out.append(options.contains(.digits) ? Unicode.Scalar(v - 0x06F0 + 0x30)! : scalar)
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            if !options.contains(.diacritics) { out.append(scalar) }
        case 0x00AD, 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
            if !options.contains(.invisibles) { out.append(scalar) }
        case 0xFB50...0xFDFF, 0xFE70...0xFEFE:
            guard options.contains(.presentationForms), let mapped = PresentationForms.table[Int(v - PresentationForms.base)] else {
                out.append(scalar); return
            }
            // The mapped letters are themselves normalized (لأ → لا with alef folding).
            for m in mapped { map(m, options: options, to: &out) }
        default:
            out.append(scalar)
        }
    }
}

/// The compatibility (NFKC) mapping of each Arabic presentation form, computed
/// once on first use from Foundation's Unicode tables.
enum PresentationForms {
    static let base: UInt32 = 0xFB50
    static let table: [[Unicode.Scalar]?] = {
        var table = [[Unicode.Scalar]?](repeating: nil, count: Int(0xFEFF - base))
        for v in base..<0xFEFF {
            guard (0xFB50...0xFDFF).contains(v) || (0xFE70...0xFEFE).contains(v), let s = Unicode.Scalar(v) else { continue }
            let mapped = String(s).precomposedStringWithCompatibilityMapping.unicodeScalars
                .filter { $0 != " " }  // isolated harakat map to SPACE + mark
            if mapped.count >= 1, !(mapped.count == 1 && mapped.first == s) {
                table[Int(v - base)] = Array(mapped)
            }
        }
        return table
    }()
}
