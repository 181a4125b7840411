import Corpus
import Foundation
import Yams

/// The content hash of a configuration: its file and every resource it
/// names (gazetteer lists, rule files, whole folders of lists), so that a
/// changed list or rule changes the hash even when the YAML did not change.
///
/// A scalar value of the YAML counts as a resource when, resolved against the
/// configuration's folder as `Configuration.load` resolves paths, it names an
/// existing file or folder. The `model` key is left out: a model is trained
/// from the configuration, it does not define it (see `ModelCache`).
/// Folders are hashed file by file in name order, hidden files skipped.
///
/// Complexity: O(bytes of the configuration and its resources).
public enum ConfigurationHash {
    public static func of(path: String) throws -> String {
        let text = try TextFile.read(path)
        var h = SHA256()
        h.updateField("mizan.configuration/1")
        h.updateField(text)
        let base = (path as NSString).deletingLastPathComponent
        var seen = Set<String>()
        if let root = try? Yams.compose(yaml: text) {
            for value in resourceValues(root) {
                let full = value.hasPrefix("/") ? value : ((base.isEmpty ? "." : base) as NSString).appendingPathComponent(value)
                let resolved = (full as NSString).standardizingPath
                guard seen.insert(resolved).inserted else { continue }
                hashResource(resolved, label: value, into: &h)
            }
        }
        return h.finalizeHex()
    }

    /// Scalars of the YAML in document order, skipping the values of `model` keys.
    static func resourceValues(_ node: Node) -> [String] {
        switch node {
        case .scalar(let s): return [s.string]
        case .sequence(let seq): return seq.flatMap(resourceValues)
        case .mapping(let m):
            var out: [String] = []
            for (k, v) in m where k.scalar?.string != "model" { out += resourceValues(v) }
            return out
        case .alias: return []
        }
    }

    static func hashResource(_ path: String, label: String, into h: inout SHA256) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return }
        if isFolder.boolValue {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            for name in names {
                hashResource((path as NSString).appendingPathComponent(name), label: label + "/" + name, into: &h)
            }
        } else if let data = FileManager.default.contents(atPath: path) {
            h.updateField(label)
            h.updateField(data.count)
            h.update(data)
        }
    }
}
