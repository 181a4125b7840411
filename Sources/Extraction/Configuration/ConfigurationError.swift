/// An invalid configuration: the file, the key (a path such as
/// `stages[1].lists.PER`), the line when known, and the reason.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var key: String
    public var line: Int?
    public var reason: String

    public init(file: String, key: String, line: Int? = nil, _ reason: String) {
        self.file = file
        self.key = key
        self.line = line
        self.reason = reason
    }

    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return key.isEmpty ? "\(location): \(reason)" : "\(location): \(key): \(reason)"
    }
}
