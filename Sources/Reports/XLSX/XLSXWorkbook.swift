import CXLSXWriter
import Foundation

/// A spreadsheet being written: a safe wrapper over a libxlsxwriter workbook.
///
/// Create one only through `write(to:properties:_:)`, which hands it to a
/// closure and writes the file when the closure returns:
///
/// ```swift
/// try XLSXWorkbook.write(to: "reports/comparison.xlsx",
///                        properties: XLSXDocumentProperties(title: "Mizan comparison")) { book in
///     let summary = try book.addWorksheet("Summary")
///     try summary.write(XLSXTable(columns: [...], rows: [...]))
/// }
/// ```
///
/// Writing is atomic. The workbook goes to a new temporary file beside the
/// target (`.NAME.RANDOM.tmp`), which is flushed to disk and renamed over the
/// target only once libxlsxwriter has written it completely. If the closure
/// throws or libxlsxwriter fails, the temporary file is removed and any
/// existing file at the target is left as it was.
///
/// The workbook, its worksheets and their formats belong to libxlsxwriter and
/// are freed when writing ends; using a worksheet after that is a programming
/// error and stops the program. Not thread-safe: use from one thread.
public final class XLSXWorkbook {
    /// The file being written (the final path).
    public let path: String
    /// Names of the sheets added so far, in order.
    public private(set) var sheetNames: [String] = []

    let handle: UnsafeMutablePointer<lxw_workbook>
    private(set) var isOpen = true
    private var formats: [XLSXStyle: UnsafeMutablePointer<lxw_format>] = [:]

    private init(path: String, handle: UnsafeMutablePointer<lxw_workbook>) {
        self.path = path
        self.handle = handle
    }

    /// Builds a workbook with `build` and writes it atomically to `path`
    /// (creating missing parent folders).
    ///
    /// - Throws: `XLSXError` naming `path` when the folder or file cannot be
    ///   written or a cell cannot be written; whatever `build` throws, after
    ///   discarding the unfinished workbook.
    public static func write(
        to path: String, properties: XLSXDocumentProperties = XLSXDocumentProperties(),
        _ build: (XLSXWorkbook) throws -> Void
    ) throws {
        let target = URL(fileURLWithPath: path)
        let temporary = try reserveTemporaryFile(beside: target, reportedAs: path)
        guard let handle = workbook_new(temporary.path) else {
            remove(temporary.path)
            throw XLSXError(path: path, "libxlsxwriter could not create a workbook (out of memory)")
        }
        let book = XLSXWorkbook(path: path, handle: handle)
        do {
            try book.setProperties(properties)
            try build(book)
        } catch {
            book.isOpen = false
            lxw_workbook_free(handle)
            remove(temporary.path)
            throw error
        }
        if book.sheetNames.isEmpty { _ = try? book.addWorksheet("Sheet1") }  // Excel needs one sheet
        book.isOpen = false
        // workbook_close frees the workbook whatever it returns.
        let status = workbook_close(handle)
        guard status == LXW_NO_ERROR else {
            remove(temporary.path)
            throw XLSXError(path: path, "could not write the spreadsheet (\(XLSXError.libraryMessage(status)))")
        }
        try moveIntoPlace(temporary, target, reportedAs: path)
    }

    /// Adds a worksheet named `name`.
    ///
    /// - Throws: `XLSXError` when the name breaks Excel's rules (at most 31
    ///   characters, none of `[]:*?/\`, no edge apostrophe, unique ignoring
    ///   case; see `XLSXSheetName.sanitized` to make a valid one).
    public func addWorksheet(_ name: String) throws -> XLSXWorksheet {
        checkOpen()
        if let problem = XLSXSheetName.problem(with: name, existing: sheetNames) {
            throw XLSXError(path: path, problem)
        }
        let status = workbook_validate_sheet_name(handle, name)
        guard status == LXW_NO_ERROR, let sheet = workbook_add_worksheet(handle, name) else {
            throw XLSXError(path: path, "cannot add sheet \"\(name)\" (\(XLSXError.libraryMessage(status)))")
        }
        sheetNames.append(name)
        return XLSXWorksheet(workbook: self, handle: sheet, name: name)
    }

    func checkOpen() {
        precondition(isOpen, "a workbook or worksheet was used after XLSXWorkbook.write finished with it")
    }

    /// The libxlsxwriter format for `style`, made once per distinct style;
    /// nil (the default format) for the general style.
    func format(_ style: XLSXStyle?) -> UnsafeMutablePointer<lxw_format>? {
        guard let style, style != .general else { return nil }
        if let existing = formats[style] { return existing }
        guard let format = workbook_add_format(handle) else { return nil }
        if let numberFormat = style.numberFormat { format_set_num_format(format, numberFormat) }
        if style.bold { format_set_bold(format) }
        if style.italic { format_set_italic(format) }
        if style.wrap { format_set_text_wrap(format) }
        if style.rightToLeft {
            format_set_reading_order(format, 2)  // 2: right-to-left
            format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        }
        switch style.alignment {
        case .left?: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if style.topAligned { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
        if let color = style.fontColor { format_set_font_color(format, color.rgb) }
        if let fill = style.fill {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, fill.rgb)
        }
        if style.bottomBorder { format_set_bottom(format, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[style] = format
        return format
    }

    private func setProperties(_ properties: XLSXDocumentProperties) throws {
        // libxlsxwriter copies every string it is given.
        var owned: [UnsafeMutablePointer<CChar>] = []
        defer { owned.forEach { free($0) } }
        func c(_ text: String?) -> UnsafeMutablePointer<CChar>? {
            guard let text, let copy = strdup(XLSXValue.sanitized(text)) else { return nil }
            owned.append(copy)
            return copy
        }
        var doc = lxw_doc_properties()
        doc.title = c(properties.title)
        doc.subject = c(properties.subject)
        doc.author = c(properties.author)
        doc.company = c(properties.company)
        doc.category = c(properties.category)
        doc.keywords = c(properties.keywords)
        doc.comments = c(properties.comments)
        doc.created = time_t(properties.createdSeconds)
        let status = workbook_set_properties(handle, &doc)
        guard status == LXW_NO_ERROR else {
            throw XLSXError(path: path, "cannot set document properties (\(XLSXError.libraryMessage(status)))")
        }
    }

    /// Creates the parent folder and a new, empty, uniquely named file beside
    /// `target`, so that the directory's writability is known before any work
    /// and concurrent writers never share a temporary file. The file gets the
    /// usual permissions (0666 less the umask), which the report keeps.
    private static func reserveTemporaryFile(beside target: URL, reportedAs path: String) throws -> URL {
        let directory = target.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw XLSXError(path: path, "cannot create folder \(directory.path) (\(systemReason(error)))")
        }
        var attempts = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let temporary = directory.appendingPathComponent(".\(target.lastPathComponent).\(suffix).tmp")
            let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o666)
            if fd >= 0 {
                close(fd)
                return temporary
            }
            let code = errno
            attempts += 1
            if code != EEXIST || attempts > 100 {
                throw XLSXError(path: path, "cannot create a file in \(directory.path) (\(String(cString: strerror(code))))")
            }
        }
    }

    private static func moveIntoPlace(_ temporary: URL, _ target: URL, reportedAs path: String) throws {
        // Flush the data before the rename makes it visible, so a crash cannot
        // leave a renamed but empty report.
        let fd = open(temporary.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            remove(temporary.path)
            throw XLSXError(path: path, "cannot replace the file (\(String(cString: strerror(code))))")
        }
    }

    private static func systemReason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
