import Foundation

/// Numbers as report text, with one rule everywhere: a value that is not
/// finite (a 0/0 that slipped through) prints as "n/a", never "nan".
public enum NumberText {
    /// `value` with `decimals` digits after the point ("77.40").
    public static func fixed(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "n/a" }
        let text = String(format: "%.\(Swift.max(0, decimals))f", value)
        // "-0.0" reads as a negative change; show it as zero.
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }

    /// A fraction as a percentage without the sign: 0.7743 → "77.4".
    public static func percent(_ fraction: Double, decimals: Int = 1) -> String {
        fixed(fraction * 100, decimals: decimals)
    }

    /// A difference of fractions in percentage points with its sign:
    /// 0.081 → "+8.1", −0.02 → "−2.0" (a true minus sign); 0 → "0.0".
    public static func signedPoints(_ difference: Double, decimals: Int = 1) -> String {
        let text = fixed(difference * 100, decimals: decimals)
        guard difference.isFinite, text != fixed(0, decimals: decimals) else { return text }
        return difference > 0 ? "+" + text : "−" + text.dropFirst()
    }

    /// A p-value as reports print it: "< 0.001" below 0.001, else three
    /// decimals ("0.042", "1.000").
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "n/a" }
        return p < 0.001 ? "< 0.001" : fixed(p, decimals: 3)
    }

    /// An integer with thousands separators: 1234567 → "1,234,567".
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
