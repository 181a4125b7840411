// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Mizan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mizan", targets: ["mizan"]),
        .library(name: "ArabicText", targets: ["ArabicText"]),
        .library(name: "Corpus", targets: ["Corpus"]),
        .library(name: "Extraction", targets: ["Extraction"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Harness", targets: ["Harness"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // Leaves: every other module depends toward these two.
        .target(name: "ArabicText"),
        .target(name: "Corpus", dependencies: [.product(name: "Yams", package: "Yams")]),

        .target(
            name: "Scoring",
            dependencies: ["Corpus", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "Extraction",
            dependencies: ["ArabicText", "Corpus", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Harness",
            dependencies: [
                "ArabicText", "Corpus", "Extraction", "Scoring",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev", "zlib1g-dev"])]
        ),
        .target(name: "Reports", dependencies: ["Corpus", "Scoring", "Harness", "CXLSXWriter"]),
        .executableTarget(
            name: "mizan",
            dependencies: [
                "ArabicText", "Corpus", "Extraction", "Scoring", "Harness", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .testTarget(name: "ArabicTextTests", dependencies: ["ArabicText"]),
        .testTarget(name: "CorpusTests", dependencies: ["Corpus"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Corpus"]),
        .testTarget(
            name: "HarnessTests",
            dependencies: [
                "Harness", "Scoring", "Extraction", "Corpus",
                // History tests build an old-schema database by hand.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scoring", "Harness", "Corpus"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "ArabicText", "Corpus"]),
        // Runs the built `mizan` binary (the dependency makes `swift test` build it).
        .testTarget(name: "MizanCLITests", dependencies: ["mizan"]),
    ],
    swiftLanguageModes: [.v6]
)
