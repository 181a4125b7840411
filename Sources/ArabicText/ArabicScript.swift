/// Facts about Arabic script that every stage shares.
public enum ArabicScript {
    /// True for letters of the Arabic block proper (U+0621...U+064A, U+0671...U+06D3).
    @inlinable
    public static func isArabicLetter(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (0x0621...0x064A).contains(v) || (0x0671...0x06D3).contains(v)
    }
}
