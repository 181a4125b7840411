import Foundation

/// Paths in the Mizan repository that holds this benchmark package (its parent
/// folder): the bundled configurations, lists and rules the benchmarks load.
public enum MizanRepository {
    /// The repository root, found from this source file's path (Benchmarks/BenchmarkSupport/…).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `configs/NAME.yaml`.
    public static func configuration(_ name: String) -> String { "\(root)/configs/\(name).yaml" }
}
