import CXLSXWriter

/// A chart drawn from cells: a clustered column chart (F1 per type per
/// competitor) or a line chart (a trend over runs).
///
/// Each series takes its values from a range of one row or one column, on
/// any sheet of the workbook; categories (the x-axis labels) likewise.
public struct XLSXChart: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case clusteredColumn
        /// Lines with a marker on every point, so a single run still shows.
        case line
    }

    public struct Series: Hashable, Sendable {
        public var name: String
        public var values: XLSXSheetRange

        public init(name: String, values: XLSXSheetRange) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String?
    /// The x-axis labels, shared by every series.
    public var categories: XLSXSheetRange?
    public var series: [Series]
    public var xAxisTitle: String?
    public var yAxisTitle: String?
    /// Number format of the value axis, such as "0%".
    public var yAxisNumberFormat: String?
    public var yAxisMinimum: Double?
    public var yAxisMaximum: Double?
    /// Size in pixels.
    public var width: Int
    public var height: Int

    public init(kind: Kind, title: String? = nil, categories: XLSXSheetRange? = nil, series: [Series] = [],
                xAxisTitle: String? = nil, yAxisTitle: String? = nil, yAxisNumberFormat: String? = nil,
                yAxisMinimum: Double? = nil, yAxisMaximum: Double? = nil, width: Int = 720, height: Int = 400) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.xAxisTitle = xAxisTitle
        self.yAxisTitle = yAxisTitle
        self.yAxisNumberFormat = yAxisNumberFormat
        self.yAxisMinimum = yAxisMinimum
        self.yAxisMaximum = yAxisMaximum
        self.width = width
        self.height = height
    }
}

extension XLSXWorksheet {
    /// Draws `chart` with its top-left corner at the given cell.
    ///
    /// - Throws: `XLSXError` when the chart has no series, a range is not one
    ///   row or one column, or it names a sheet the workbook does not have.
    public func insert(_ chart: XLSXChart, row: Int, column: Int) throws {
        workbook.checkOpen()
        try checkCell(row: row, column: column)
        guard !chart.series.isEmpty else {
            throw XLSXError(path: workbook.path, "\(name): a chart needs at least one series")
        }
        for range in chart.series.map(\.values) + (chart.categories.map { [$0] } ?? []) {
            guard workbook.sheetNames.contains(range.sheet) else {
                throw XLSXError(path: workbook.path, "\(name): chart data on a sheet that does not exist: \"\(range.sheet)\"")
            }
            guard range.range.rowCount == 1 || range.range.columnCount == 1 else {
                throw XLSXError(path: workbook.path, "\(name): chart data \(range.sheet)!\(range.range) is not one row or one column")
            }
        }
        let type = chart.kind == .clusteredColumn ? LXW_CHART_COLUMN : LXW_CHART_LINE
        guard let handle = workbook_add_chart(workbook.handle, UInt8(type.rawValue)) else {
            throw XLSXError(path: workbook.path, "\(name): libxlsxwriter could not create a chart")
        }
        for s in chart.series {
            guard let series = chart_add_series(handle, nil, nil) else {
                throw XLSXError(path: workbook.path, "\(name): libxlsxwriter could not add a chart series")
            }
            if let categories = chart.categories { Self.set(categories, on: series, categories: true) }
            Self.set(s.values, on: series, categories: false)
            chart_series_set_name(series, XLSXValue.sanitized(s.name))
            if chart.kind == .line {
                chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
            }
        }
        if let title = chart.title { chart_title_set_name(handle, XLSXValue.sanitized(title)) }
        let xAxis = handle.pointee.x_axis, yAxis = handle.pointee.y_axis
        if let title = chart.xAxisTitle { chart_axis_set_name(xAxis, XLSXValue.sanitized(title)) }
        if let title = chart.yAxisTitle { chart_axis_set_name(yAxis, XLSXValue.sanitized(title)) }
        if let format = chart.yAxisNumberFormat { chart_axis_set_num_format(yAxis, format) }
        if let minimum = chart.yAxisMinimum, minimum.isFinite { chart_axis_set_min(yAxis, minimum) }
        if let maximum = chart.yAxisMaximum, maximum.isFinite { chart_axis_set_max(yAxis, maximum) }
        chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))

        var options = lxw_chart_options()
        options.x_scale = Double(Swift.max(1, chart.width)) / 480  // libxlsxwriter's default 480 × 288
        options.y_scale = Double(Swift.max(1, chart.height)) / 288
        let status = worksheet_insert_chart_opt(self.handle, lxw_row_t(row), lxw_col_t(column), handle, &options)
        try check(status, "\(name)!\(XLSXCellRange.reference(row: row, column: column)) (chart)")
    }

    private static func set(_ data: XLSXSheetRange, on series: UnsafeMutablePointer<lxw_chart_series>, categories: Bool) {
        let r = data.range
        let set = categories ? chart_series_set_categories : chart_series_set_values
        set(series, data.sheet, lxw_row_t(r.firstRow), lxw_col_t(r.firstColumn), lxw_row_t(r.lastRow), lxw_col_t(r.lastColumn))
    }
}
