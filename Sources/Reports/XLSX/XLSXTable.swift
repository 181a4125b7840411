import Foundation

/// A header row and data rows, written in one call with the usual dressing:
/// bold header, column widths, number formats per column, the best value of
/// a column marked, colour scales, frozen header and autofilter.
public struct XLSXTable: Hashable, Sendable {
    /// Which end of a column is good.
    public enum Direction: Hashable, Sendable {
        case higherIsBetter, lowerIsBetter
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        /// Style of the column's data cells (`.percent`, `.rightToLeftText`…).
        public var style: XLSXStyle
        /// Width in Excel units; nil to fit the contents (between 6 and 60).
        public var width: Double?
        /// Marks the best finite number of the column (every one, on ties)
        /// with `XLSXStyle.best`.
        public var best: Direction?
        /// Adds a red–yellow–green colour scale over the column's data.
        public var colorScale: Direction?

        public init(_ title: String, style: XLSXStyle = .general, width: Double? = nil,
                    best: Direction? = nil, colorScale: Direction? = nil) {
            self.title = title
            self.style = style
            self.width = width
            self.best = best
            self.colorScale = colorScale
        }
    }

    public var columns: [Column]
    /// Data rows; a row may be shorter than `columns` (the rest stays empty).
    public var rows: [[XLSXValue]]
    /// Freeze the panes below the header row. With several tables on a sheet,
    /// the last one written with this set decides.
    public var freezeHeader: Bool
    /// Filter buttons on the header. Excel allows one autofilter per sheet:
    /// set this only on one table of a sheet (a second one throws).
    public var autofilter: Bool

    public init(columns: [Column], rows: [[XLSXValue]] = [], freezeHeader: Bool = true, autofilter: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.freezeHeader = freezeHeader
        self.autofilter = autofilter
    }
}

/// Where a table landed, for charts and formulas that refer to it.
public struct XLSXTablePlacement: Hashable, Sendable {
    public var sheet: String
    public var headerRow: Int
    public var firstColumn: Int
    public var rowCount: Int
    public var columnCount: Int

    /// The data cells of column `index` of the table (nil when there are no rows).
    public func column(_ index: Int) -> XLSXSheetRange? {
        guard rowCount > 0, (0..<columnCount).contains(index) else { return nil }
        return XLSXSheetRange(sheet: sheet, range: XLSXCellRange(
            column: firstColumn + index, rows: (headerRow + 1)...(headerRow + rowCount)))
    }

    /// The data cells of row `index` of the table, between columns `columns`
    /// of the table.
    public func row(_ index: Int, columns: ClosedRange<Int>) -> XLSXSheetRange? {
        guard (0..<rowCount).contains(index), columns.lowerBound >= 0, columns.upperBound < columnCount else { return nil }
        return XLSXSheetRange(sheet: sheet, range: XLSXCellRange(
            row: headerRow + 1 + index,
            columns: (firstColumn + columns.lowerBound)...(firstColumn + columns.upperBound)))
    }

    /// Header and data together.
    public var range: XLSXCellRange {
        XLSXCellRange(firstRow: headerRow, firstColumn: firstColumn,
                      lastRow: headerRow + rowCount, lastColumn: firstColumn + columnCount - 1)
    }
}

extension XLSXWorksheet {
    /// Writes `table` with its header at (`row`, `column`).
    ///
    /// - Precondition: the table has at least one column and no row is longer
    ///   than its columns.
    /// - Throws: `XLSXError` for cells outside the sheet or a second autofilter.
    /// - Complexity: O(cells).
    @discardableResult
    public func write(_ table: XLSXTable, row: Int = 0, column: Int = 0) throws -> XLSXTablePlacement {
        precondition(!table.columns.isEmpty, "a table needs at least one column")
        precondition(table.rows.allSatisfy { $0.count <= table.columns.count },
                     "a table row is longer than the table's \(table.columns.count) columns")
        let placement = XLSXTablePlacement(sheet: name, headerRow: row, firstColumn: column,
                                           rowCount: table.rows.count, columnCount: table.columns.count)
        for (c, spec) in table.columns.enumerated() {
            try write(.text(spec.title), row: row, column: column + c, style: .header)
        }
        let bests = table.columns.enumerated().map { c, spec in
            spec.best.flatMap { direction in Self.bestValue(in: table.rows, column: c, direction) }
        }
        for (r, values) in table.rows.enumerated() {
            for (c, spec) in table.columns.enumerated() {
                let value = c < values.count ? values[c] : .blank
                var style = spec.style
                if let best = bests[c], value.finiteNumber == best { style = style.merging(.best) }
                try write(value, row: row + 1 + r, column: column + c, style: style)
            }
        }
        for (c, spec) in table.columns.enumerated() {
            let width = spec.width ?? Self.fittedWidth(title: spec.title, style: spec.style,
                                                       values: table.rows.lazy.map { c < $0.count ? $0[c] : .blank })
            try setColumnWidth(width, columns: (column + c)...(column + c))
            if let direction = spec.colorScale, let data = placement.column(c) {
                try addColorScale(data.range, higherIsBetter: direction == .higherIsBetter)
            }
        }
        if table.freezeHeader { freezePanes(rows: row + 1) }
        if table.autofilter { try setAutofilter(placement.range) }
        return placement
    }

    static func bestValue(in rows: [[XLSXValue]], column: Int, _ direction: XLSXTable.Direction) -> Double? {
        let numbers = rows.compactMap { column < $0.count ? $0[column].finiteNumber : nil }
        return direction == .higherIsBetter ? numbers.max() : numbers.min()
    }

    /// A width that shows the longest cell: its display width in characters,
    /// numbers as their format shows them, plus room for the filter button.
    static func fittedWidth<S: Sequence<XLSXValue>>(title: String, style: XLSXStyle, values: S) -> Double {
        var widest = Double(DisplayWidth.of(title)) * 1.1 + 3  // bold header and its filter button
        for value in values {
            let width: Int
            switch value {
            case .text(let text):
                width = text.utf8.contains(0x0A)
                    ? text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                        .map { DisplayWidth.of(String(String.UnicodeScalarView($0))) }.max() ?? 0
                    : DisplayWidth.of(text)
            case .number(let x) where x.isFinite:
                width = displayedLength(x, format: style.numberFormat)
            case .boolean: width = 5
            case .number, .blank: width = 0
            }
            widest = Swift.max(widest, Double(width) + 1)
        }
        return Swift.min(60, Swift.max(6, widest.rounded(.up)))
    }

    /// Roughly how many characters `format` shows for `x`.
    static func displayedLength(_ x: Double, format: String?) -> Int {
        guard let format else {
            // General shows up to 11 characters.
            let text = x == x.rounded() && abs(x) < 1e11 ? String(Int(x)) : String(x)
            return Swift.min(11, text.count)
        }
        let percent = format.contains("%")
        let value = percent ? x * 100 : x
        let decimals = format.split(separator: ".").dropFirst().first.map { $0.filter { $0 == "0" }.count } ?? 0
        let digits = String(format: "%.\(decimals)f", value)
        let grouping = format.contains(",") ? Swift.max(0, (String(Int(abs(value))).count - 1) / 3) : 0
        return digits.count + grouping + (percent ? 1 : 0)
    }
}
