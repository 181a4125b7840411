// swift-tools-version: 6.1
// Mizan's benchmarks live in their own package so that the main package and its
// CI do not build the benchmark framework. One executable target per concern,
// each in Benchmarks/<Name>/<Name>.swift, on seeded input generated in the
// benchmark; BenchmarkSupport holds the generators and the gate (metrics and
// tolerances) they share. Run from this folder (README.md says more):
//   swift package benchmark                                   all targets
//   swift package benchmark --target ScoringThroughput        one target
//   scripts/check                                             thresholds check, read the verdict
//   swift package --allow-writing-to-package-directory benchmark thresholds update --path Thresholds
import PackageDescription

/// A benchmark executable: the framework, the support library, the Mizan modules it measures.
func benchmark(_ name: String, _ modules: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            .product(name: "Benchmark", package: "benchmark"),
            "BenchmarkSupport",
        ] + modules.map { .product(name: $0, package: "Mizan") },
        path: name,
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "MizanBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Mizan", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Corpus", package: "Mizan"),
            ],
            path: "BenchmarkSupport"
        ),
        benchmark("TextProcessing", ["ArabicText", "Corpus", "Extraction"]),
        benchmark("GazetteerMatching", ["Corpus", "Extraction"]),
        benchmark("RuleMatching", ["Corpus", "Extraction"]),
        benchmark("ExtractionThroughput", ["Corpus", "Extraction"]),
        benchmark("LabellerThroughput", ["Corpus", "Extraction"]),
        benchmark("ScoringThroughput", ["Corpus", "Scoring"]),
        benchmark("ScoreStatistics", ["Scoring"]),
        benchmark("SpreadsheetWriting", ["Reports"]),
        benchmark("ComparisonHarness", ["Corpus", "Harness", "Reports"]),
    ],
    swiftLanguageModes: [.v6]
)
