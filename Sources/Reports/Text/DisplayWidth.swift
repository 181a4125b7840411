/// How many terminal columns text takes, approximately and predictably.
///
/// Counts Unicode scalars, except those that take no column of their own:
/// combining marks (general categories Mn and Me: Arabic harakat such as
/// fatha U+064E and shadda U+0651, the superscript alef) and format characters
/// (Cf: bidirectional marks, zero-width joiners, tatweel is *not* one of them
/// and counts). Arabic letters count one each: terminals draw contextual forms
/// in one cell. East Asian wide characters are counted as one (they do not
/// occur in Mizan's data).
public enum DisplayWidth {
    /// The width of `text`.
    /// - Complexity: O(n) in Unicode scalars.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var width = 0
        for scalar in text.unicodeScalars where takesColumn(scalar) { width += 1 }
        return width
    }

    /// False for scalars drawn on top of, or between, their neighbours.
    @inlinable
    public static func takesColumn(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v >= 0x20 && v != 0x7F }
        // Arabic letters, the bulk of Mizan's text, without a property lookup.
        if (0x0621...0x063A).contains(v) || (0x0641...0x064A).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return false
        default: return true
        }
    }

    /// The longest prefix of `text` at most `width` columns wide, zero-width
    /// scalars after the last counted one kept with it (so a letter keeps its
    /// harakat).
    public static func prefix<S: StringProtocol>(_ text: S, width: Int) -> String {
        var used = 0
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if takesColumn(scalar) {
                if used == width { break }
                used += 1
            }
            result.append(scalar)
        }
        return String(result)
    }
}
