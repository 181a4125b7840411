import CXLSXWriter

/// One sheet of an `XLSXWorkbook`. Rows and columns are zero-based.
///
/// Obtained from `XLSXWorkbook.addWorksheet(_:)`; valid only inside the
/// workbook's `write` closure.
public final class XLSXWorksheet {
    public let name: String
    unowned let workbook: XLSXWorkbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    private var hasAutofilter = false

    /// Excel's sheet size.
    public static let maximumRows = Int(LXW_ROW_MAX)
    public static let maximumColumns = Int(LXW_COL_MAX)

    init(workbook: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Writes one cell. Non-finite numbers become blanks (see `XLSXValue`),
    /// text is sanitized and cut to Excel's limit, and text is always text:
    /// "=SUM(A1)" is written as those characters, never as a formula.
    ///
    /// - Throws: `XLSXError` naming the sheet and cell when it is outside
    ///   Excel's 1,048,576 rows × 16,384 columns.
    public func write(_ value: XLSXValue, row: Int, column: Int, style: XLSXStyle? = nil) throws {
        workbook.checkOpen()
        try checkCell(row: row, column: column)
        let r = lxw_row_t(row), c = lxw_col_t(column)
        let format = workbook.format(style)
        let status: lxw_error
        switch value {
        case .number(let x) where x.isFinite:
            status = worksheet_write_number(handle, r, c, x, format)
        case .number, .blank:
            // A blank without a format is not stored at all, which is what
            // an empty cell should be.
            status = worksheet_write_blank(handle, r, c, format)
        case .text(let text):
            status = worksheet_write_string(handle, r, c, XLSXValue.sanitized(text), format)
        case .boolean(let flag):
            status = worksheet_write_boolean(handle, r, c, flag ? 1 : 0, format)
        }
        try check(status, "\(name)!\(XLSXCellRange.reference(row: row, column: column))")
    }

    /// Writes `values` along a row starting at `column`, all in `style`.
    public func writeRow(_ values: [XLSXValue], row: Int, column: Int = 0, style: XLSXStyle? = nil) throws {
        for (offset, value) in values.enumerated() {
            try write(value, row: row, column: column + offset, style: style)
        }
    }

    /// Sets the width of `columns`, in Excel's units (about one digit of the
    /// default font), with an optional default style for their empty cells.
    public func setColumnWidth(_ width: Double, columns: ClosedRange<Int>, style: XLSXStyle? = nil) throws {
        workbook.checkOpen()
        try checkCell(row: 0, column: columns.lowerBound)
        try checkCell(row: 0, column: columns.upperBound)
        let status = worksheet_set_column(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound),
                                          Swift.max(0, width), workbook.format(style))
        try check(status, "\(name) columns \(XLSXCellRange.columnName(columns.lowerBound))–\(XLSXCellRange.columnName(columns.upperBound))")
    }

    /// Keeps the first `rows` rows and `columns` columns in view while
    /// scrolling (`freezePanes(rows: 1)` freezes a header row).
    public func freezePanes(rows: Int, columns: Int = 0) {
        workbook.checkOpen()
        worksheet_freeze_panes(handle, lxw_row_t(Swift.max(0, rows)), lxw_col_t(Swift.max(0, columns)))
    }

    /// Adds filter buttons to the first row of `range`, filtering the rows
    /// below. Excel allows one autofilter per sheet.
    /// - Throws: `XLSXError` on a second autofilter on this sheet.
    public func setAutofilter(_ range: XLSXCellRange) throws {
        workbook.checkOpen()
        guard !hasAutofilter else {
            throw XLSXError(path: workbook.path, "sheet \(name) already has an autofilter; Excel allows one per sheet")
        }
        try checkRange(range)
        let status = worksheet_autofilter(handle, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
                                          lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn))
        try check(status, "\(name)!\(range)")
        hasAutofilter = true
    }

    /// Colours `range` on a red–yellow–green scale (minimum, 50th percentile,
    /// maximum; Excel's default colours), green at the high end unless
    /// `higherIsBetter` is false. Blank cells stay uncoloured.
    public func addColorScale(_ range: XLSXCellRange, higherIsBetter: Bool = true) throws {
        workbook.checkOpen()
        try checkRange(range)
        var rule = lxw_conditional_format()
        rule.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        rule.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_MINIMUM.rawValue)
        rule.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_PERCENTILE.rawValue)
        rule.mid_value = 50
        rule.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_MAXIMUM.rawValue)
        rule.min_color = (higherIsBetter ? XLSXColor.scaleLow : .scaleHigh).rgb
        rule.mid_color = XLSXColor.scaleMiddle.rgb
        rule.max_color = (higherIsBetter ? XLSXColor.scaleHigh : .scaleLow).rgb
        let status = worksheet_conditional_format_range(
            handle, lxw_row_t(range.firstRow), lxw_col_t(range.firstColumn),
            lxw_row_t(range.lastRow), lxw_col_t(range.lastColumn), &rule)
        try check(status, "\(name)!\(range)")
    }

    /// Shows the sheet right to left, column A at the right: for sheets that
    /// are mostly Arabic.
    public func setRightToLeft() {
        workbook.checkOpen()
        worksheet_right_to_left(handle)
    }

    func checkCell(row: Int, column: Int) throws {
        guard (0..<Self.maximumRows).contains(row), (0..<Self.maximumColumns).contains(column) else {
            throw XLSXError(path: workbook.path,
                            "\(name): cell (row \(row), column \(column)) is outside Excel's \(Self.maximumRows) rows × \(Self.maximumColumns) columns")
        }
    }

    func checkRange(_ range: XLSXCellRange) throws {
        try checkCell(row: range.firstRow, column: range.firstColumn)
        try checkCell(row: range.lastRow, column: range.lastColumn)
    }

    /// Throws for a libxlsxwriter error; `location` is only built then.
    func check(_ status: lxw_error, _ location: @autoclosure () -> String) throws {
        guard status == LXW_NO_ERROR else {
            throw XLSXError(path: workbook.path, "\(location()): \(XLSXError.libraryMessage(status))")
        }
    }
}
