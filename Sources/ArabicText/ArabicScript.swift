/// Facts about Arabic script that every stage shares.
public enum ArabicScript {
    /// True for letters of the Arabic block proper (U+0621...U+064A, U+0671...U+06D3).
    @inlinable
    public static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x0621...0x064A).contains(v) || (0x0671...0x06D3).contains(v)
    }

    /// True for scalars that belong inside an Arabic word: letters of the Arabic,
    /// Arabic Supplement and Extended-A blocks, presentation forms, harakat and
    /// Quranic marks, tatweel, and the zero-width (non-)joiners.
    @inlinable
    public static func isArabicWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x0610...0x061A, 0x0620...0x065F, 0x066E...0x06D3, 0x06D5...0x06ED, 0x06EE...0x06EF, 0x06FA...0x06FF,
             0x0670, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFD3D, 0xFD50...0xFDFB, 0xFE70...0xFEFC,
             0x200C, 0x200D:
            return true
        default:
            return false
        }
    }

    /// The value of an ASCII, Arabic-Indic or Persian digit; `nil` for anything else.
    @inlinable
    public static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        switch v {
        case 0x30...0x39: return Int(v - 0x30)
        case 0x0660...0x0669: return Int(v - 0x0660)
        case 0x06F0...0x06F9: return Int(v - 0x06F0)
        default: return nil
        }
    }

    /// Zero-width and bidirectional control marks that separate nothing visible:
    /// the tokenizer treats them as space so that tokens never start or end with one.
    @inlinable
    public static func isInvisibleMark(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x00AD, 0x061C, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
            return true
        default:
            return false
        }
    }
}
