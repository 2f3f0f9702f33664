import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// `heard token list` says when a token's account is switched off, as the settings page does.
@Suite("heard token list", .serialized)
struct TokenListTests {
    @Test("a token of a switched-off account is listed as such, not as active")
    func switchedOffAccount() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var database = ""
        try await TestApp.run(
            on: .sqlite,
            configure: { config in
                if case .sqliteFile(let file) = config.database { database = file }
            }
        ) { app in
            for (email, isActive) in [("on@example.nhs.uk", true), ("off@example.nhs.uk", false)] {
                try await app.createUser(.complaintsHandler, email: email, isActive: isActive)
                let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
                _ = try await APITokens.create(for: user, name: "tool of \(email)", actor: .system("test"), on: app.db)
            }
            let listed = try workspace.run("token", "list", "--database", database)
            #expect(listed.status == 0, "\(listed.errors)")
            let lines = listed.output.split(separator: "\n")
            let off = try #require(lines.first { $0.contains("off@example.nhs.uk") })
            let on = try #require(lines.first { $0.contains("on@example.nhs.uk") })
            #expect(off.hasSuffix("account switched off"), "\(off)")
            #expect(on.hasSuffix("active"), "\(on)")
        }
    }
}
