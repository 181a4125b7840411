import Corpus
import Foundation
import Yams

/// A stage's options: its YAML mapping, with typed accessors whose errors name the
/// configuration file, the key and the reason, and paths resolved against the
/// configuration file's folder. Every key must be read: `finish()` rejects the rest
/// as unknown options.
public final class StageOptions {
    public let file: String
    /// The key path of this mapping (`stages[1]`).
    public let keyPath: String
    let mapping: Node.Mapping
    let baseDirectory: String
    private var read: Set<String> = ["kind"]

    init(file: String, keyPath: String, mapping: Node.Mapping, baseDirectory: String) {
        self.file = file
        self.keyPath = keyPath
        self.mapping = mapping
        self.baseDirectory = baseDirectory
    }

    /// An error about `key` of this stage.
    public func error(_ key: String, _ reason: String, node: Node? = nil) -> ConfigurationError {
        ConfigurationError(file: file, key: key.isEmpty ? keyPath : "\(keyPath).\(key)", line: (node ?? self.node(key)).flatMap { $0.mark?.line }, reason)
    }

    func node(_ key: String) -> Node? { mapping[Node(key)] }

    /// The raw node under `key`, marked as read.
    public func value(_ key: String) -> Node? {
        read.insert(key)
        return node(key)
    }

    public func string(_ key: String) throws -> String? {
        guard let n = value(key) else { return nil }
        guard let s = n.scalar?.string else { throw error(key, "expected a string") }
        return s
    }

    public func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let n = value(key) else { return fallback }
        guard let s = n.scalar?.string else { throw error(key, "expected true or false") }
        switch s.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found \"\(s)\"")
        }
    }

    public func int(_ key: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let n = value(key) else { return fallback }
        guard let s = n.scalar?.string, let v = Int(s) else { throw error(key, "expected an integer") }
        guard range.contains(v) else { throw error(key, "\(v) is outside \(range.lowerBound)...\(range.upperBound)") }
        return v
    }

    /// A list of strings: a single string or a sequence of them.
    public func strings(_ key: String) throws -> [String] {
        guard let n = value(key) else { return [] }
        return try Self.strings(n) { self.error(key, $0, node: n) }
    }

    static func strings(_ n: Node, error: (String) -> ConfigurationError) throws -> [String] {
        if let s = n.scalar?.string { return [s] }
        guard let seq = n.sequence else { throw error("expected a string or a list of strings") }
        return try seq.map {
            guard let s = $0.scalar?.string else { throw error("expected a string or a list of strings") }
            return s
        }
    }

    /// A path relative to the configuration file, checked to exist.
    public func resolve(_ path: String, key: String) throws -> String {
        let full = path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
        let standardized = (full as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: standardized) else {
            throw error(key, "no such file or folder: \(path) (looked for \(standardized))")
        }
        return standardized
    }

    /// Paths (a string or a list) under `key`, resolved and checked.
    public func paths(_ key: String) throws -> [String] {
        try strings(key).map { try resolve($0, key: key) }
    }

    /// A mapping `TYPE: path` or `TYPE: [paths]` under `key`, resolved, in file order.
    public func typedPaths(_ key: String) throws -> [(type: String, paths: [String])] {
        guard let n = value(key) else { return [] }
        guard let m = n.mapping else { throw error(key, "expected a mapping from entity type to list paths", node: n) }
        var out: [(String, [String])] = []
        for (k, v) in m {
            guard let type = k.scalar?.string, !type.isEmpty else { throw error(key, "expected entity type names as keys", node: k) }
            let sub = "\(key).\(type)"
            let raw = try Self.strings(v) { self.error(sub, $0, node: v) }
            guard !raw.isEmpty else { throw error(sub, "names no list", node: v) }
            out.append((type, try raw.map { try resolve($0, key: sub) }))
        }
        return out
    }

    /// Rejects keys no accessor read.
    public func finish(known: [String]) throws {
        for (k, _) in mapping {
            guard let name = k.scalar?.string else { throw error("", "option names must be strings", node: k) }
            if !read.contains(name) {
                throw error(name, "unknown option (this stage takes: \(known.joined(separator: ", ")))", node: k)
            }
        }
    }
}
