/// A colour as 0xRRGGBB.
public struct XLSXColor: Hashable, Sendable {
    public var rgb: UInt32

    public init(rgb: UInt32) {
        precondition(rgb <= 0xFF_FFFF, "colour 0x\(String(rgb, radix: 16)) is not 0xRRGGBB")
        self.rgb = rgb
    }

    /// Excel's "Good" green, "Bad" red and "Neutral" yellow fills and fonts,
    /// and its default colour-scale ends.
    public static let goodFill = XLSXColor(rgb: 0xC6EFCE)
    public static let goodFont = XLSXColor(rgb: 0x006100)
    public static let headerFill = XLSXColor(rgb: 0xD9E1F2)
    public static let scaleLow = XLSXColor(rgb: 0xF8696B)
    public static let scaleMiddle = XLSXColor(rgb: 0xFFEB84)
    public static let scaleHigh = XLSXColor(rgb: 0x63BE7B)
}

/// How a cell looks: a value type, combined with `merging(_:)`. The workbook
/// creates one libxlsxwriter format per distinct style, on first use.
public struct XLSXStyle: Hashable, Sendable {
    public enum HorizontalAlignment: Hashable, Sendable { case left, center, right }

    /// An Excel number format such as "0.0%" or "#,##0"; nil for General.
    public var numberFormat: String?
    public var bold: Bool
    public var italic: Bool
    public var wrap: Bool
    /// Right-to-left reading order, right-aligned: for Arabic text.
    public var rightToLeft: Bool
    public var alignment: HorizontalAlignment?
    public var topAligned: Bool
    public var fontColor: XLSXColor?
    public var fill: XLSXColor?
    public var bottomBorder: Bool

    public init(numberFormat: String? = nil, bold: Bool = false, italic: Bool = false, wrap: Bool = false,
                rightToLeft: Bool = false, alignment: HorizontalAlignment? = nil, topAligned: Bool = false,
                fontColor: XLSXColor? = nil, fill: XLSXColor? = nil, bottomBorder: Bool = false) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.wrap = wrap
        self.rightToLeft = rightToLeft
        self.alignment = alignment
        self.topAligned = topAligned
        self.fontColor = fontColor
        self.fill = fill
        self.bottomBorder = bottomBorder
    }

    /// The default look.
    public static let general = XLSXStyle()
    /// Fractions shown as percentages with one decimal: 0.7743 → 77.4%.
    public static let percent = XLSXStyle(numberFormat: "0.0%")
    /// Integers with thousands separators.
    public static let integer = XLSXStyle(numberFormat: "#,##0")
    /// Bold, shaded, bottom-bordered, wrapped: a table's header row.
    public static let header = XLSXStyle(bold: true, wrap: true, topAligned: true, fill: .headerFill, bottomBorder: true)
    public static let bold = XLSXStyle(bold: true)
    /// Wrapped text, top-aligned so long cells read from their first line.
    public static let wrapped = XLSXStyle(wrap: true, topAligned: true)
    /// Arabic text: right-to-left reading order, right-aligned.
    public static let rightToLeftText = XLSXStyle(rightToLeft: true)
    /// The mark for a column's best value: bold on Excel's "Good" green.
    public static let best = XLSXStyle(bold: true, fontColor: .goodFont, fill: .goodFill)

    /// A number with `places` decimals and thousands separators ("#,##0.00").
    public static func decimal(_ places: Int) -> XLSXStyle {
        XLSXStyle(numberFormat: places > 0 ? "#,##0." + String(repeating: "0", count: places) : "#,##0")
    }

    /// This style with `other` on top: `other`'s set options win, flags add up.
    public func merging(_ other: XLSXStyle) -> XLSXStyle {
        XLSXStyle(numberFormat: other.numberFormat ?? numberFormat,
                  bold: bold || other.bold, italic: italic || other.italic, wrap: wrap || other.wrap,
                  rightToLeft: rightToLeft || other.rightToLeft, alignment: other.alignment ?? alignment,
                  topAligned: topAligned || other.topAligned, fontColor: other.fontColor ?? fontColor,
                  fill: other.fill ?? fill, bottomBorder: bottomBorder || other.bottomBorder)
    }
}
