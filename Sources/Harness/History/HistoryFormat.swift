import Foundation

/// Number formatting shared by the history views, the diff and the gate:
/// locale-independent, ASCII, so that output is the same on every machine.
enum HistoryFormat {
    /// A fraction in [0, 1] as points with one decimal: 0.7834 → "78.3".
    static func points(_ fraction: Double?) -> String {
        guard let fraction else { return "-" }
        return fixed(fraction * 100, 1)
    }

    /// A signed difference in points: "+1.2", "-45.1", "0.0".
    static func signedPoints(_ points: Double) -> String {
        let text = fixed(points, 1)
        if text == "0.0" || text == "-0.0" { return "0.0" }
        return points > 0 ? "+" + text : text
    }

    /// A signed fraction as a percentage: -0.5 → "-50.0%".
    static func signedPercent(_ fraction: Double) -> String {
        let text = fixed(fraction * 100, 1)
        if text == "0.0" || text == "-0.0" { return "0.0%" }
        return (fraction > 0 ? "+" : "") + text + "%"
    }

    static func percent(_ fraction: Double) -> String { fixed(fraction * 100, 1) + "%" }

    /// "p < 0.001" or "p = 0.042".
    static func p(_ value: Double) -> String {
        value < 0.001 ? "p < 0.001" : "p = " + fixed(value, 3)
    }

    /// An integer with thousands separators: 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A rate rounded to a whole number with separators.
    static func rate(_ value: Double) -> String { grouped(Int(value.rounded())) }

    /// Seconds as "850 us", "1.23 ms" or "2.50 s".
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "-" }
        if seconds < 0.001 { return fixed(seconds * 1_000_000, 0) + " us" }
        if seconds < 1 { return fixed(seconds * 1000, 2) + " ms" }
        return fixed(seconds, 2) + " s"
    }

    /// Bytes in MiB with one decimal.
    static func memory(_ bytes: Int64?) -> String {
        guard let bytes else { return "-" }
        return fixed(Double(bytes) / 1_048_576, 1) + " MiB"
    }

    /// UTC time as "2025-11-30 14:25:01".
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// A number with up to four decimals and no trailing zeros: 0.05 → "0.05", 2 → "2".
    static func plain(_ value: Double) -> String {
        var text = fixed(value, 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// Short hash for display.
    static func hash(_ text: String) -> String { String(text.prefix(12)) }

    /// Lays out rows as left-aligned columns separated by two spaces (the last
    /// column is not padded). Widths count Unicode scalars, which is right for
    /// the ASCII names and numbers shown here.
    static func table(_ rows: [[String]], indent: String = "") -> String {
        let widths = rows.reduce(into: [Int]()) { widths, row in
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], cell.unicodeScalars.count)
            }
        }
        return rows.map { row in
            indent + row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.unicodeScalars.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
