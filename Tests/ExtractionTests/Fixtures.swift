import Foundation
import Corpus
@testable import Extraction

/// The package root, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A scratch folder holding the given files (path relative to the folder → content).
func scratchFolder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mizan-tests-\(UUID().uuidString)").path
    for (name, content) in files {
        let path = (dir as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try content.write(toFile: path, atomically: true, encoding: .utf8)
    }
    return dir
}

/// Loads a configuration written inline, with its resources, from a scratch folder.
func extractor(config: String, files: [String: String] = [:]) throws -> Extractor {
    var all = files
    all["config.yaml"] = config
    let dir = try scratchFolder(all)
    return try Configuration.load(path: dir + "/config.yaml")
}

/// The configuration error that loading throws (fails the test when none).
func configurationError(_ config: String, files: [String: String] = [:]) -> ConfigurationError? {
    do {
        _ = try extractor(config: config, files: files)
        return nil
    } catch let e as ConfigurationError {
        return e
    } catch {
        return ConfigurationError(file: "?", key: "?", "unexpected \(error)")
    }
}

/// `surface:TYPE` for each entity, in document order.
func found(_ extractor: Extractor, _ text: String) -> [String] {
    extractor.extract(Document(id: "t", text: text)).map { "\($0.text):\($0.type)" }
}
