import Corpus
import Foundation

/// Word lists: one entry a line (an entry may be several words), UTF-8.
///
/// Blank lines, lines starting with `#`, and lines made only of punctuation
/// (section rulers such as `====` in ANERGazet) are skipped. Surrounding spaces are
/// trimmed. A path may name a file or a folder; a folder contributes every `.txt`
/// file and every file without an extension inside it (recursively, sorted by
/// path), so that both `gazetteers/LOC/` and ANERGazet's `AlignedLocGazetteer/data`
/// layout load as they are.
public enum ListFile {
    public struct Entry: Sendable, Hashable {
        public var text: String
        public var file: String
        public var line: Int
    }

    /// The files a path stands for. Throws `InputError` when the path does not exist
    /// or a folder holds no list file.
    public static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw InputError(file: path, "cannot list folder")
        }
        var found: [String] = []
        for case let relative as String in enumerator {
            let name = relative.split(separator: "/").last.map(String.init) ?? relative
            if name.hasPrefix(".") { continue }
            let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
            var dir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue else { continue }
            if name.hasSuffix(".txt") || !name.contains(".") { found.append(full) }
        }
        guard !found.isEmpty else { throw InputError(file: path, "folder holds no list file (.txt or no extension)") }
        return found.sorted()
    }

    /// The entries of every file at `path`.
    public static func entries(at path: String) throws -> [Entry] {
        var out: [Entry] = []
        for file in try files(at: path) {
            let text = try TextFile.read(file)
            var line = 0
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                line += 1
                let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                if trimmed.unicodeScalars.allSatisfy({ $0.properties.generalCategory.isPunctuationOrSymbol }) { continue }
                out.append(Entry(text: trimmed, file: file, line: line))
            }
        }
        return out
    }
}

extension Unicode.GeneralCategory {
    var isPunctuationOrSymbol: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
