/// A rectangle of cells, zero-based and inclusive, as libxlsxwriter counts.
///
/// Invariant: `firstRow <= lastRow`, `firstColumn <= lastColumn`, all >= 0.
public struct XLSXCellRange: Hashable, Sendable, CustomStringConvertible {
    public var firstRow: Int
    public var firstColumn: Int
    public var lastRow: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        precondition(firstRow >= 0 && firstColumn >= 0 && firstRow <= lastRow && firstColumn <= lastColumn,
                     "invalid cell range (\(firstRow), \(firstColumn))–(\(lastRow), \(lastColumn))")
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// One column from `firstRow` to `lastRow`.
    public init(column: Int, rows: ClosedRange<Int>) {
        self.init(firstRow: rows.lowerBound, firstColumn: column, lastRow: rows.upperBound, lastColumn: column)
    }

    /// One row from `firstColumn` to `lastColumn`.
    public init(row: Int, columns: ClosedRange<Int>) {
        self.init(firstRow: row, firstColumn: columns.lowerBound, lastRow: row, lastColumn: columns.upperBound)
    }

    public var rowCount: Int { lastRow - firstRow + 1 }
    public var columnCount: Int { lastColumn - firstColumn + 1 }

    /// "B2:D9" (or "B2" for one cell).
    public var description: String {
        let first = Self.reference(row: firstRow, column: firstColumn)
        return rowCount == 1 && columnCount == 1 ? first : first + ":" + Self.reference(row: lastRow, column: lastColumn)
    }

    /// A1-style reference of a zero-based cell: (0, 0) → "A1", (9, 27) → "AB10".
    public static func reference(row: Int, column: Int) -> String {
        columnName(column) + String(row + 1)
    }

    /// Column letters of a zero-based column: 0 → "A", 25 → "Z", 26 → "AA".
    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters: [Character] = []
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + remainder))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }
}

/// A range of cells on a named worksheet: where a chart's data lives.
public struct XLSXSheetRange: Hashable, Sendable {
    public var sheet: String
    public var range: XLSXCellRange

    public init(sheet: String, range: XLSXCellRange) {
        self.sheet = sheet
        self.range = range
    }
}
