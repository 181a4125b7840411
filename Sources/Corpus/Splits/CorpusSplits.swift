import Yams

/// The partition of a corpus into train, dev and test documents, read from
/// `corpus/splits.yaml`:
///
/// ```yaml
/// train: [politics-levant-01, ...]
/// dev: [...]
/// test: [...]
/// ```
///
/// Invariant: a document id appears in at most one split.
public struct CorpusSplits: Sendable, Hashable {
    public enum Split: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
        case train, dev, test
        public static func < (a: Split, b: Split) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Document ids per split, in file order.
    public private(set) var documents: [Split: [String]]
    /// The split of each document.
    public private(set) var splitOf: [String: Split]

    public init(_ documents: [Split: [String]]) {
        self.documents = documents
        var splitOf: [String: Split] = [:]
        for split in Split.allCases { for id in documents[split] ?? [] { splitOf[id] = split } }
        self.splitOf = splitOf
    }

    public func ids(in split: Split) -> [String] { documents[split] ?? [] }

    /// Reads a splits file; throws the first problem.
    public static func read(path: String) throws -> CorpusSplits {
        var first: InputError?
        let splits = read(path: path) { if first == nil { first = $0 } }
        if let first { throw first }
        return splits
    }

    /// Reads a splits file, reporting every problem (unknown split, an id listed
    /// twice, malformed YAML) with its line, and keeping what is sound.
    public static func read(path: String, report: (InputError) -> Void) -> CorpusSplits {
        let text: String
        do { text = try TextFile.read(path) } catch let error as InputError {
            report(error)
            return CorpusSplits([:])
        } catch {
            report(InputError(file: path, "\(error)"))
            return CorpusSplits([:])
        }
        return parse(text, file: path, report: report)
    }

    public static func parse(_ text: String, file: String, report: (InputError) -> Void) -> CorpusSplits {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            report(InputError(file: file, "malformed YAML: \(error)"))
            return CorpusSplits([:])
        } catch {
            report(InputError(file: file, "malformed YAML: \(error)"))
            return CorpusSplits([:])
        }
        guard let mapping = root?.mapping else {
            report(InputError(file: file, "expected a mapping with keys train, dev, test"))
            return CorpusSplits([:])
        }
        var documents: [Split: [String]] = [:]
        var firstSeen: [String: (Split, Int)] = [:]
        for (key, value) in mapping {
            let line = (key.mark?.line ?? 0)
            guard let name = key.string, let split = Split(rawValue: name) else {
                report(InputError(file: file, line: line, "unknown split \"\(key.string ?? "?")\" (expected train, dev or test)"))
                continue
            }
            guard let sequence = value.sequence else {
                if value.null == nil {
                    report(InputError(file: file, line: line, "split \(name) must be a list of document names"))
                }
                continue
            }
            for item in sequence {
                let itemLine = item.mark?.line ?? line
                guard let id = item.string, !id.isEmpty else {
                    report(InputError(file: file, line: itemLine, "expected a document name"))
                    continue
                }
                if let (other, otherLine) = firstSeen[id] {
                    report(InputError(file: file, line: itemLine, "\(id) is already in \(other) (line \(otherLine))"))
                    continue
                }
                firstSeen[id] = (split, itemLine)
                documents[split, default: []].append(id)
            }
        }
        return CorpusSplits(documents)
    }

    /// YAML text for these splits, ids sorted within each split.
    public func render(header: String? = nil) -> String {
        var out = header.map { $0.split(separator: "\n").map { "# \($0)\n" }.joined() } ?? ""
        for split in Split.allCases {
            out += "\(split.rawValue):\n"
            for id in ids(in: split).sorted() { out += "  - \(id)\n" }
        }
        return out
    }
}
