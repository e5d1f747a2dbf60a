// swift-tools-version: 6.1
// yujing (预警): the economic-operation early-warning daemon of a prefecture-level city.
import PackageDescription

let package = Package(
  name: "yujing",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "yujing", targets: ["yujing"]),
    .library(name: "YujingCore", targets: ["YujingCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // The data path: model, configuration, feeds, store, rules, escalation, notices, dispatch.
    .target(
      name: "YujingCore",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
        "YujingResources",
      ]
    ),
    // The files shipped beside the binary: thresholds/ (top level) and the default configuration,
    // templates and sample. Rooted at the package so that thresholds/ stays where operators look.
    .target(
      name: "YujingResources",
      path: ".",
      exclude: [
        "Sources/YujingCore", "Sources/YujingServer", "Sources/yujing", "Tests", "Benchmarks", "Scripts", "systemd",
        "docs", "Fuzz",
      ],
      sources: ["Sources/YujingResources/ResourceBundle.swift"],
      resources: [
        .copy("thresholds"),
        .copy("Sources/YujingResources/default"),
        .copy("Sources/YujingResources/sample"),
        .copy("Sources/YujingResources/templates"),
      ]
    ),
    // The web UI and JSON API: the only code that imports the HTTP server.
    .target(
      name: "YujingServer",
      dependencies: [
        "YujingCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ]
    ),
    // The command line and the daemon's composition.
    .executableTarget(
      name: "yujing",
      dependencies: [
        "YujingCore",
        "YujingServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The benchmarks (Benchmarks/README.md), each against a baseline in the same run.
    .executableTarget(
      name: "yujing-benchmarks",
      dependencies: ["YujingCore", .product(name: "GRDB", package: "GRDB.swift")],
      path: "Benchmarks/yujing-benchmarks"
    ),
    // The floor of the idle-daemon benchmark: GRDB + Hummingbird + URLSession and nothing of yujing.
    .executableTarget(
      name: "yujing-bare-server",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
      ],
      path: "Benchmarks/bare-server"
    ),
    .testTarget(
      name: "YujingCoreTests",
      dependencies: [
        "YujingCore",
        "YujingServer",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      resources: [.copy("Fixtures")]
    ),
    // The web UI and API in process: the daemon's router on a real SQLite store and a test clock.
    .testTarget(
      name: "YujingServerTests",
      dependencies: [
        "YujingCore",
        "YujingServer",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
  ]
)
