// swift-tools-version: 6.1
// Benchmarks live in their own package so that the main package and its CI do
// not build the benchmark framework. Run from this folder:
//   swift package benchmark                       (all targets)
//   swift package benchmark --target ScoringThroughput
//   swift package benchmark thresholds check      (against Thresholds/, with the tolerances in each benchmark)
import PackageDescription

let package = Package(
    name: "MizanBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "Mizan", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ScoringThroughput",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Corpus", package: "Mizan"),
                .product(name: "Scoring", package: "Mizan"),
            ],
            path: "ScoringThroughput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
