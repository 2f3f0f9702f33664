import Fluent
import Foundation
import HeardStorage
import Testing

/// `heard user create` and `set-password` hold passwords to the same policy as the pages.
@Suite("heard user", .serialized)
struct UserCommandTests {
    @Test("user create and set-password refuse weak passwords and say why")
    func weakPasswords() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            let common = try workspace.run(
                input: "password1234\n", "user", "create", "--email", "sam.okafor@example.nhs.uk", "--role",
                "moderator", "--database", database)
            #expect(common.status != 0)
            #expect(common.endedCleanly)
            #expect(common.errors.contains("among the most common passwords"), "\(common.errors)")
            let named = try workspace.run(
                input: "sam.okafor2024!\n", "user", "create", "--email", "sam.okafor@example.nhs.uk", "--role",
                "moderator", "--database", database)
            #expect(named.errors.contains("mostly your e-mail address"), "\(named.errors)")
            let longName = try workspace.run(
                input: "kettle orchard lantern\n", "user", "create", "--email", "sam.okafor@example.nhs.uk", "--role",
                "moderator", "--name", String(repeating: "S", count: 5_000), "--database", database)
            #expect(longName.status != 0)
            #expect(longName.errors.contains("Keep --name to 100 characters or fewer: it is 5,000 now."))
            let created = try workspace.run(
                input: "kettle orchard lantern\n", "user", "create", "--email", "sam.okafor@example.nhs.uk", "--role",
                "moderator", "--database", database)
            #expect(created.status == 0, "\(created.errors)")

            let repeated = try workspace.run(
                input: "aaaaaaaaaaaa\n", "user", "set-password", "--email", "sam.okafor@example.nhs.uk", "--database",
                database)
            #expect(repeated.status != 0)
            #expect(repeated.errors.contains("not one character or a short part repeated"), "\(repeated.errors)")
            let set = try workspace.run(
                input: "meadow pebble violin\n", "user", "set-password", "--email", "sam.okafor@example.nhs.uk",
                "--database", database)
            #expect(set.status == 0, "\(set.errors)")
        }
    }
}
