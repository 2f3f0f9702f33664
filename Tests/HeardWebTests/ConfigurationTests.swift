import HeardWeb
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test("database URLs are recognised")
    func parsesTargets() throws {
        #expect(
            try DatabaseTarget.parse("postgres://u:p@db.example:5432/heard")
                == .postgres(url: "postgres://u:p@db.example:5432/heard"))
        #expect(try DatabaseTarget.parse("postgresql://u@h/db").isPostgres)
        #expect(
            try DatabaseTarget.parse("sqlite:///var/lib/heard.sqlite") == .sqliteFile(path: "/var/lib/heard.sqlite"))
        #expect(try DatabaseTarget.parse("data/heard.sqlite") == .sqliteFile(path: "data/heard.sqlite"))
    }

    @Test("a bad DATABASE_URL is explained without printing the password")
    func rejectsBadURL() {
        #expect(throws: ConfigurationError.self) { try DatabaseTarget.parse("mysql://root:secret@localhost/heard") }
        do {
            _ = try DatabaseTarget.parse("mysql://root:secret@localhost/heard")
        } catch {
            #expect(error.description.contains("DATABASE_URL"))
            #expect(!error.description.contains("secret"))
        }
        #expect(throws: ConfigurationError.self) { try DatabaseTarget.parse("postgres://") }
    }

    @Test("environment variables are read and checked")
    func environment() throws {
        var config = AppConfiguration()
        try config.apply(environment: [
            "HEARD_PORT": "9000", "HEARD_PUBLIC_URL": "https://heard.example.nhs.uk", "LOG_LEVEL": "debug",
        ])
        #expect(config.port == 9000)
        #expect(config.usesSecureCookies)
        #expect(throws: ConfigurationError.self) { try config.apply(environment: ["HEARD_PORT": "eighty"]) }
        #expect(throws: ConfigurationError.self) { try config.apply(environment: ["LOG_LEVEL": "loud"]) }
        #expect(throws: ConfigurationError.self) { try config.apply(environment: ["HEARD_WORKER": "maybe"]) }
    }
}
