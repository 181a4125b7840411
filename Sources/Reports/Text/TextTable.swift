/// A plain-text table for terminals and `report.txt`: aligned columns,
/// numbers right-aligned, narrowed to fit a width (100 columns by default).
///
/// Headers align like their column. Widths are measured with `DisplayWidth`,
/// so Arabic with harakat lines up. Text is not wrapped in bidi isolates:
/// how a terminal orders an Arabic cell next to its neighbours is the
/// terminal's bidi algorithm (or lack of one).
/// When the table is wider than allowed, text columns (left-aligned ones) are
/// narrowed, widest first, down to a floor of 8 columns or their natural width,
/// and their cells cut with "…"; numeric columns are never cut, so a table with
/// too many numeric columns stays wider than asked.
///
/// ```swift
/// var table = TextTable(["Configuration", "P", "R", "F1"])
/// table.append(["rules", "81.2", "74.0", "77.4"])
/// print(table.render())
/// ```
public struct TextTable: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable {
        case left, right
        /// Right when every non-empty cell of the column reads as a number
        /// (starts with a digit, or a sign or `<`/`>` and a digit), else left.
        case automatic
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, alignment: Alignment = .automatic) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// Printed above the table when set.
    public var title: String?
    public var columns: [Column]
    public private(set) var rows: [[String]]
    /// Spaces between columns.
    public var gap = 2

    public init(columns: [Column], rows: [[String]] = [], title: String? = nil) {
        self.columns = columns
        self.rows = []
        self.title = title
        for row in rows { append(row) }
    }

    /// A table whose columns all align automatically.
    public init(_ titles: [String], rows: [[String]] = [], title: String? = nil) {
        self.init(columns: titles.map { Column($0) }, rows: rows, title: title)
    }

    /// Adds a row; missing trailing cells are blank.
    /// - Precondition: `row.count <= columns.count`.
    public mutating func append(_ row: [String]) {
        precondition(row.count <= columns.count,
                     "a row of \(row.count) cells in a table of \(columns.count) columns")
        rows.append(row.map(Self.singleLine) + Array(repeating: "", count: columns.count - row.count))
    }

    /// The table as lines joined by "\n", with a trailing newline, no trailing
    /// spaces on any line.
    /// - Complexity: O(cells × cell length), plus O(excess × columns) to narrow.
    public func render(maxWidth: Int = 100) -> String {
        let headers = columns.map { Self.singleLine($0.title) }
        let rightAligned = columns.indices.map { isRightAligned($0) }
        var widths = columns.indices.map { c in
            rows.reduce(DisplayWidth.of(headers[c])) { Swift.max($0, DisplayWidth.of($1[c])) }
        }
        narrow(&widths, rightAligned: rightAligned, maxWidth: maxWidth)

        var lines: [String] = []
        if let title { lines.append(Self.singleLine(title)) }
        lines.append(line(headers, widths: widths, rightAligned: rightAligned))
        lines.append(widths.map { String(repeating: "-", count: $0) }
            .joined(separator: String(repeating: " ", count: gap)))
        for row in rows { lines.append(line(row, widths: widths, rightAligned: rightAligned)) }
        return lines.map(Self.droppingTrailingSpaces).joined(separator: "\n") + "\n"
    }

    func isRightAligned(_ column: Int) -> Bool {
        switch columns[column].alignment {
        case .left: return false
        case .right: return true
        case .automatic:
            var sawNumber = false
            for row in rows {
                let cell = row[column].trimmingSpaces
                if Self.placeholders.contains(cell) { continue }
                guard Self.readsAsNumber(cell) else { return false }
                sawNumber = true
            }
            return sawNumber
        }
    }

    func narrow(_ widths: inout [Int], rightAligned: [Bool], maxWidth: Int) {
        let separators = gap * Swift.max(0, widths.count - 1)
        var excess = widths.reduce(separators, +) - maxWidth
        let floors = widths.indices.map { rightAligned[$0] ? widths[$0] : Swift.min(widths[$0], Self.narrowestText) }
        while excess > 0 {
            guard let widest = widths.indices.filter({ widths[$0] > floors[$0] })
                .max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) }) else { return }
            widths[widest] -= 1
            excess -= 1
        }
    }

    func line(_ cells: [String], widths: [Int], rightAligned: [Bool]) -> String {
        var parts: [String] = []
        for (c, cell) in cells.enumerated() {
            var text = cell
            var width = DisplayWidth.of(text)
            if width > widths[c] {
                text = DisplayWidth.prefix(text, width: widths[c] - 1) + "…"
                width = widths[c]
            }
            let padding = String(repeating: " ", count: widths[c] - width)
            parts.append(rightAligned[c] ? padding + text : text + padding)
        }
        return parts.joined(separator: String(repeating: " ", count: gap))
    }

    static let narrowestText = 8
    static let placeholders: Set<String> = ["", "-", "–", "—", "n/a", "N/A", "NA"]

    static func readsAsNumber(_ cell: String) -> Bool {
        var scalars = Substring(cell).unicodeScalars[...]
        while let first = scalars.first, "+-−±<>≤≥≈~ ".unicodeScalars.contains(first) {
            scalars = scalars.dropFirst()
        }
        if scalars.first == "." { scalars = scalars.dropFirst() }
        guard let first = scalars.first else { return false }
        return ("0"..."9").contains(first)
    }

    /// Tabs, newlines and other control characters (general category Cc:
    /// U+0000–U+001F, U+007F–U+009F) become spaces: a cell is one line.
    static func singleLine(_ text: String) -> String {
        func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars { scalars.append(isControl(s) ? " " : s) }
        return String(scalars)
    }

    static func droppingTrailingSpaces(_ line: String) -> String {
        let bytes = line.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == 0x20 { end = bytes.index(before: end) }
        return end == bytes.endIndex ? line : String(line[..<end])
    }
}

extension String {
    var trimmingSpaces: String {
        let trailing = TextTable.droppingTrailingSpaces(self)
        guard let first = trailing.utf8.firstIndex(where: { $0 != 0x20 }) else { return "" }
        return String(trailing[first...])
    }
}
