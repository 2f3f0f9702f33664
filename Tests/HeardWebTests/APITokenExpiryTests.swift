import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// A token may be given a last day: it works through that UK day, then is refused saying when it stopped, and the
/// settings list says so.
@Suite("API tokens with a last day")
struct APITokenExpiryTests {
    @Test("a token works through its last day and is refused after it; a past last day is refused at once")
    func status() {
        let day = SimpleDate(year: 2027, month: 3, day: 31)
        #expect(APITokenStatus(isRevoked: false, accountIsActive: true, lastDay: day, today: day) == .active)
        #expect(
            APITokenStatus(isRevoked: false, accountIsActive: true, lastDay: day, today: day.adding(days: 1))
                == .expired)
        #expect(
            APITokenStatus(isRevoked: true, accountIsActive: true, lastDay: day, today: day.adding(days: 1))
                == .revoked, "revoked wins")
        #expect(
            APITokenStatus(isRevoked: false, accountIsActive: false, lastDay: day, today: day.adding(days: 1))
                == .expired, "switching the account on again would not bring it back")
    }

    static func createdToken(_ body: String) throws -> String {
        let start = try #require(body.range(of: "<code class=\"token\">"))
        let end = try #require(body[start.upperBound...].range(of: "</code>"))
        return String(body[start.upperBound..<end.lowerBound])
    }

    @Test(
        "an administrator sets the last day; after it the API says when the token stopped", arguments: TestDatabase.all)
    func lastDay(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let (email, _) = try await app.createUser(.complaintsHandler)
            let handler = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            let form = ["user_id": handler.id!.uuidString, "name": "Supplier upload"]

            var past = form
            past["last_day"] = "2020-01-01"
            let refused = try await admin.post("/staff/settings/tokens", form: past, tokenFrom: "/staff/settings")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("The last day must be today or later"))
            #expect(refused.body.contains("value=\"2020-01-01\""), "what was typed is kept")
            var impossible = form
            impossible["last_day"] = "31/02/2099"
            let notADate = try await admin.post(
                "/staff/settings/tokens", form: impossible, tokenFrom: "/staff/settings")
            #expect(notADate.status == .unprocessableEntity)
            #expect(notADate.body.contains("\"31/02/2099\" is not a real date"))
            var farAhead = form
            farAhead["last_day"] = "9999-12-31"
            let mistyped = try await admin.post("/staff/settings/tokens", form: farAhead, tokenFrom: "/staff/settings")
            #expect(mistyped.status == .unprocessableEntity)
            #expect(mistyped.body.contains("The last day must be within 5 years"))
            #expect(try await APIToken.query(on: app.db).count() == 0)

            let fourYears = app.app.decisionClock.today().adding(months: 48)
            var ukDate = form
            ukDate["last_day"] = "\(fourYears.day)/\(fourYears.month)/\(fourYears.year)"
            let created = try await admin.post("/staff/settings/tokens", form: ukDate, tokenFrom: "/staff/settings")
            #expect(created.status == .ok)
            let token = try Self.createdToken(created.body)
            let record = try #require(try await APIToken.query(on: app.db).first())
            #expect(record.lastDay == fourYears)
            let auth = [("Authorization", "Bearer \(token)")]
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .ok)
            let settings = try await admin.get("/staff/settings").body
            let row = try APITokenStatusTests.row(naming: "Supplier upload", in: settings)
            #expect(row.contains("The end of \(fourYears.ukText)") && row.contains("Active") && row.contains("Revoke"))
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "api_token.created").first())
            #expect(audit.summary.contains("working until the end of \(fourYears.ukText)"))

            // Its last day was yesterday: refused, saying when it stopped.
            let yesterday = app.app.decisionClock.today().adding(days: -1)
            record.lastDayStart = DecisionClock.startOfUKDay(yesterday)
            try await record.save(on: app.db)
            let expired = try await app.browser().get("/api/v1/complaints", headers: auth)
            #expect(expired.status == .unauthorized)
            #expect(
                expired.body.contains(
                    "This API token expired at the end of \(yesterday.ukText). Ask an administrator for a new one."))
            let expiredRow = try APITokenStatusTests.row(
                naming: "Supplier upload", in: try await admin.get("/staff/settings").body)
            #expect(expiredRow.contains("Expired") && !expiredRow.contains("Revoke"))

            // Its last day is today: it still works.
            record.lastDayStart = DecisionClock.startOfUKDay(app.app.decisionClock.today())
            try await record.save(on: app.db)
            #expect(try await app.browser().get("/api/v1/complaints", headers: auth).status == .ok)
        }
    }
}
