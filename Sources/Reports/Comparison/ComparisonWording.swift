import Foundation
import Harness
import Scoring

/// Phrases and numbers shared by the text report and the spreadsheet, so the
/// two say the same thing in the same words.
public enum ComparisonWording {
    /// "hybrid beats rules by +8.1 F1 (p < 0.001)", "rules trails hybrid by −8.1 F1 (p < 0.001)"
    /// or "no significant difference between rules and hybrid (+0.4 F1, p = 0.620)".
    public static func verdict(_ name: String, _ paired: PairedResult, alpha: Double) -> String {
        let delta = NumberText.signedPoints(paired.deltaF1)
        let p = pText(paired.pValue)
        guard paired.significant else {
            return "no significant difference between \(name) and \(paired.baseline) (\(delta) F1, \(p))"
        }
        return paired.deltaF1 > 0
            ? "\(name) beats \(paired.baseline) by \(delta) F1 (\(p))"
            : "\(name) trails \(paired.baseline) by \(delta) F1 (\(p))"
    }

    /// "p < 0.001" or "p = 0.042".
    public static func pText(_ p: Double) -> String {
        let text = NumberText.pValue(p)
        return text.hasPrefix("<") ? "p \(text)" : "p = \(text)"
    }

    /// "77.4 [75.1, 79.6]": a fraction in points with its interval.
    public static func withInterval(_ value: Double, _ interval: Interval) -> String {
        "\(NumberText.percent(value)) [\(NumberText.percent(interval.lower)), \(NumberText.percent(interval.upper))]"
    }

    /// Milliseconds with three significant digits: "0.412", "12.3", "1,234".
    public static func milliseconds(_ seconds: Double) -> String {
        let ms = seconds * 1000
        guard ms.isFinite else { return "n/a" }
        if ms >= 1000 { return NumberText.grouped(Int(ms.rounded())) }
        if ms >= 100 { return NumberText.fixed(ms, decimals: 0) }
        if ms >= 10 { return NumberText.fixed(ms, decimals: 1) }
        if ms >= 1 { return NumberText.fixed(ms, decimals: 2) }
        return NumberText.fixed(ms, decimals: 3)
    }

    /// A rate as a grouped integer: "123,456".
    public static func rate(_ perSecond: Double) -> String {
        perSecond.isFinite ? NumberText.grouped(Int(perSecond.rounded())) : "n/a"
    }

    /// Bytes in MiB with one decimal.
    public static func mebibytes(_ bytes: Int?) -> String {
        bytes.map { NumberText.fixed(Double($0) / 1_048_576, decimals: 1) } ?? "n/a"
    }

    public static func categoryLabel(_ category: EntityError.Category) -> String {
        switch category {
        case .wrongBoundary: return "right type, wrong boundary"
        case .wrongType: return "wrong type, right boundary"
        case .wrongBoth: return "wrong type and boundary"
        case .missed: return "missed"
        case .spurious: return "spurious"
        }
    }

    public static func kindLabel(_ kind: EntityError.Kind) -> String {
        kind == .falseNegative ? "FN" : "FP"
    }

    /// The scheme's short name in tables.
    public static func schemeTitle(_ scheme: ComparisonScheme) -> String {
        scheme == .conll ? "CoNLL" : scheme.rawValue
    }

    /// UTC date and time to the minute: "2025-11-30 14:25 UTC".
    public static func date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// The most frequent errors of a competitor: (kind, category, type, surface) with counts, most frequent first.
    public static func topErrors(_ competitor: CompetitorResults, limit: Int) -> [(error: ListedError, count: Int)] {
        struct Key: Hashable { var kind: EntityError.Kind; var category: EntityError.Category; var type: String; var text: String }
        var counts: [Key: (first: Int, count: Int)] = [:]
        for (i, e) in competitor.errors.enumerated() {
            let key = Key(kind: e.kind, category: e.category, type: e.type, text: e.text)
            if let existing = counts[key] { counts[key] = (existing.first, existing.count + 1) } else { counts[key] = (i, 1) }
        }
        return counts.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.first < $1.first }
            .prefix(limit).map { (competitor.errors[$0.first], $0.count) }
    }
}
