import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("an empty database is migrated on start and every table is usable", arguments: TestDatabase.all)
    func migratesFromEmpty(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { (app: TestApp) async throws in
            #expect(try await Organisation.query(on: app.db).count() == 0)
            #expect(try await Place.query(on: app.db).count() == 0)
            #expect(try await Service.query(on: app.db).count() == 0)
            #expect(try await User.query(on: app.db).count() == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == 0)
            #expect(try await Job.query(on: app.db).count() == 0)
            #expect(try await SignInAttempt.query(on: app.db).count() == 0)
        }
    }

    @Test("the database itself refuses to change or delete audit events", arguments: TestDatabase.all)
    func auditEventsAreAppendOnly(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { (app: TestApp) async throws in
            try await AuditLog.record(
                on: app.db, actor: .system("test"), action: "test.done", objectType: "test", objectID: nil,
                summary: "original")
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET summary = 'rewritten'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_events").run()
            }
            let events = try await AuditEvent.query(on: app.db).all()
            #expect(events.map(\.summary) == ["original"])
        }
    }

    @Test("SQLite runs in WAL mode so readers do not block the writer")
    func sqliteUsesWAL() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let row = try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode").first()
            #expect(try row?.decode(column: "journal_mode", as: String.self) == "wal")
        }
    }
}

extension MigrationTests {
    @Test(
        "equality answers stored with an exact time before M0124 are cut to the day, on both databases",
        arguments: TestDatabase.all)
    func equalityTimesCutToTheDay(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let exact = Date(timeIntervalSince1970: 1_796_517_104.8)
            let row = EqualityResponse(
                contextType: "consultation", contextID: UUID(), placeID: nil, answers: #"{"sex":"male"}"#)
            row.submittedAt = exact
            try await row.create(on: app.db)
            #expect(try await EqualityResponse.find(row.id, on: app.db)?.submittedAt != EqualityResponse.day(of: exact))
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0124_EqualityResponseDays" }
                    as? any AsyncMigration)
            try await migration.prepare(on: app.db)
            let cut = try #require(try await EqualityResponse.find(row.id, on: app.db)?.submittedAt)
            #expect(cut == EqualityResponse.day(of: exact))
            #expect(cut.timeIntervalSince1970 == 1_796_515_200)
        }
    }
}

extension MigrationTests {
    @Test(
        "M0128 makes an invitation's account optional for guests, keeping every invitation, and reverts, on both databases",
        arguments: TestDatabase.all)
    func guestInvitations(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (_, place) = try await Fixtures.service(on: app.db)
            _ = try await app.createUser(.involvedPerson)
            let person = try #require(try await User.query(on: app.db).first())
            let activity = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Workshop",
                heldOn: SimpleDate(year: 2026, month: 12, day: 15), venue: "Library", attendees: 0)
            try await activity.create(on: app.db)
            let account = Invitation(activityID: activity.id!, userID: person.id!)
            account.status = .accepted
            account.accessNeeds = "A hearing loop"
            try await account.create(on: app.db)
            func guest(_ email: String, hash: String) -> Invitation {
                Invitation(
                    activityID: activity.id!, guestName: "Maya", guestEmail: email, guestContact: "",
                    replyTokenHash: hash)
            }
            try await guest("maya@example.org", hash: "h1").create(on: app.db)
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0128_GuestInvitations" }
                    as? any AsyncMigration)

            // Later migrations of invitations come off first and go back after, as a real revert would.
            let later = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0157_InvitationAttendance" }
                    as? any AsyncMigration)
            try await later.revert(on: app.db)
            try await migration.revert(on: app.db)
            let sql = app.db as! any SQLDatabase
            let kept = try await sql.raw("SELECT user_id, status, access_needs FROM invitations").all()
            #expect(kept.count == 1, "the guest's invitation goes; the account's stays")
            #expect(try kept.first?.decode(column: "access_needs", as: String.self) == "A hearing loop")
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "INSERT INTO invitations (id, activity_id, status, access_needs) VALUES (\(bind: UUID()), \(bind: activity.id!), 'invited', '')"
                ).run()
            }

            try await migration.prepare(on: app.db)
            // SQLite's rebuild copies the columns M0128 knows; the attended column comes back with M0157.
            if (try? await sql.raw("SELECT attended FROM invitations LIMIT 1").all()) == nil {
                try await later.prepare(on: app.db)
            }
            let again = try #require(try await Invitation.find(account.id, on: app.db))
            #expect(again.$user.id == person.id)
            #expect(again.status == .accepted)
            #expect(again.accessNeeds == "A hearing loop")
            try await guest("maya@example.org", hash: "h2").create(on: app.db)
            await #expect(throws: (any Error).self, "one address is invited once to an activity") {
                try await guest("maya@example.org", hash: "h3").create(on: app.db)
            }
            await #expect(throws: (any Error).self, "a token finds one invitation") {
                try await guest("other@example.org", hash: "h2").create(on: app.db)
            }
            await #expect(throws: (any Error).self, "an account is invited once to an activity") {
                try await Invitation(activityID: activity.id!, userID: person.id!).create(on: app.db)
            }
            try await guest("other@example.org", hash: "h4").create(on: app.db)
            #expect(try await Invitation.query(on: app.db).count() == 3)
        }
    }
}

extension MigrationTests {
    @Test(
        "M0131 gives places and services a retired time, leaving every one already there in use, on both databases",
        arguments: TestDatabase.all)
    func retiredPlacesAndServices(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            service.retiredAt = Date()
            try await service.save(on: app.db)
            let migration = try #require(
                HeardMigrations.all.first { String(describing: type(of: $0)) == "M0131_RetiredPlacesAndServices" }
                    as? any AsyncMigration)
            let names = HeardMigrations.all.map { String(describing: type(of: $0)) }
            #expect(
                names.firstIndex(of: "M0131_RetiredPlacesAndServices")! > names.firstIndex(
                    of: "M0130_ThemeResponseDates")!,
                "registered after the one before")
            // As the tables stood before M0131 (Fluent's SQLite revert leaves the column, so it is dropped here).
            // One connection for all of it: SQLite's other pooled connections may still hold the old schema.
            try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("ALTER TABLE services DROP COLUMN retired_at").run()
                try await sql.raw("ALTER TABLE places DROP COLUMN retired_at").run()
                try await migration.prepare(on: db)
                let rows = try await sql.raw("SELECT name, retired_at FROM services").all()
                #expect(rows.count == 1)
                #expect(try rows.first?.decode(column: "name", as: String.self) == "Emergency department")
                #expect(try rows.first?.decodeNil(column: "retired_at") == true, "in use until someone retires it")
            }
            let kept = try #require(try await Service.find(service.id, on: app.db))
            #expect(kept.retiredAt == nil)
            #expect(try await Place.find(place.id, on: app.db)?.retiredAt == nil)
            let when = Date(timeIntervalSince1970: 1_796_517_104)
            kept.retiredAt = when
            try await kept.save(on: app.db)
            let stored = try #require(try await Service.find(service.id, on: app.db)?.retiredAt)
            #expect(abs(stored.timeIntervalSince(when)) < 1)
        }
    }

    @Test(
        "M0133 gives notices a next-try time, leaving every queued one due at once, on both databases",
        arguments: TestDatabase.all)
    func noticeRetryTimes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let queued = Notice(to: "person@example.org", subject: "We did", body: "Body", kind: "we_did")
            try await queued.create(on: app.db)
            let names = HeardMigrations.all.map { String(describing: type(of: $0)) }
            let index = try #require(names.firstIndex(of: "M0133_NoticeRetryTimes"))
            #expect(index > names.firstIndex(of: "M0131_RetiredPlacesAndServices")!, "registered after those before it")
            let migration = try #require(HeardMigrations.all[index] as? any AsyncMigration)
            try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("ALTER TABLE notices DROP COLUMN next_attempt_at").run()
                try await migration.prepare(on: db)
                let rows = try await sql.raw("SELECT subject, next_attempt_at FROM notices").all()
                #expect(rows.count == 1)
                #expect(try rows.first?.decodeNil(column: "next_attempt_at") == true, "due at once")
            }
            let stored = try #require(try await Notice.find(queued.id, on: app.db))
            #expect(stored.nextAttemptAt == nil && stored.status == .queued)
        }
    }
}
