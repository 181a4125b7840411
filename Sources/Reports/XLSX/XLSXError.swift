import CXLSXWriter

/// A spreadsheet that could not be written, naming the file (and the sheet
/// and cell when the problem is one cell) and what went wrong.
public struct XLSXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The report being written (the final path, not the temporary one).
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// libxlsxwriter's own text for an error code, such as "Worksheet name
    /// exceeds Excel's limit of 31 characters.".
    static func libraryMessage(_ error: lxw_error) -> String {
        guard let text = lxw_strerror(error) else { return "libxlsxwriter error \(error.rawValue)" }
        return String(cString: text)
    }
}
