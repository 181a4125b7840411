/// A problem with an input file, located precisely enough for a person to fix it.
///
/// `description` reads `FILE:LINE: message` (or `FILE: offset N: message`), the
/// form compilers use, so editors and terminals can jump to it.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line number, when the problem is on a line.
    public var line: Int?
    /// Unicode scalar offset into the file's text, when the problem is at an offset.
    public var offset: Int?
    public var message: String

    public init(file: String, line: Int? = nil, offset: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.offset = offset
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        if let offset { return "\(file): offset \(offset): \(message)" }
        return "\(file): \(message)"
    }
}

/// Several input problems found in one pass (validation reports them all at once).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
