// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Heard",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "heard", targets: ["HeardCLI"]),
        .library(name: "HeardText", targets: ["HeardText"]),
        .library(name: "HeardDomain", targets: ["HeardDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
    ],
    targets: [
        // Rules of the domain: pure Swift, no I/O, no framework.
        .target(name: "HeardDomain"),
        // The listening engine: pure Swift, no server dependency.
        .target(name: "HeardText", resources: [.copy("Resources")]),
        // Fluent models, numbered migrations, SQL aggregates; same on SQLite and PostgreSQL.
        .target(
            name: "HeardStorage",
            dependencies: [
                "HeardDomain",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ]
        ),
        // Vapor routes, typed HTML views (our own escaping builder), JSON API, jobs, configuration.
        .target(
            name: "HeardWeb",
            dependencies: [
                "HeardDomain", "HeardText", "HeardStorage",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Public"), .copy("API/openapi.json")]
        ),
        // The thin `heard` executable that wires everything together.
        .executableTarget(
            name: "HeardCLI",
            dependencies: [
                "HeardWeb", "HeardText", "HeardStorage", "HeardDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HeardDomainTests", dependencies: ["HeardDomain"]),
        .testTarget(name: "HeardTextTests", dependencies: ["HeardText"]),
        .testTarget(
            name: "HeardWebTests",
            dependencies: [
                "HeardWeb", "HeardStorage", "HeardDomain", "HeardText",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            ]
        ),
    ]
)
