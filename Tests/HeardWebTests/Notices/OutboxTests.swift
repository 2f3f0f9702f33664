import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

/// The administrator's view of the e-mail outbox: counts, filters, why one failed, and sending again.
@Suite("E-mail outbox")
struct OutboxTests {
    @Test(
        "counts and filters the e-mails; failed ones show why and can be sent again, audited",
        arguments: TestDatabase.all)
    func outbox(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await app.signedInBrowser(.moderator).get("/staff/notices").status == .forbidden)
            var made: [Notice] = []
            for (index, status) in [Notice.Status.sent, .sent, .queued, .failed, .failed].enumerated() {
                let notice = Notice(
                    to: "person\(index)@example.org", subject: "Subject \(index)", body: "Body \(index)",
                    kind: index == 4 ? "invitation" : "reply")
                notice.status = status
                notice.attempts = status == .failed ? 5 : 1
                notice.lastError = status == .failed ? "connection refused by relay" : nil
                try await notice.create(on: app.db)
                made.append(notice)
            }
            var page = try await admin.get("/staff/notices")
            #expect(page.status == .ok)
            #expect(page.body.contains("E-mail outbox"))
            #expect(page.body.contains("No mail relay is set"))
            #expect(page.body.contains("<a href=\"/staff/notices?status=failed\">2</a>"))
            #expect(page.body.contains("<a href=\"/staff/notices?status=sent\">2</a>"))
            #expect(page.body.contains("Failed after 5 tries: connection refused by relay"))
            page = try await admin.get("/staff/notices?status=failed&kind=invitation")
            #expect(page.body.contains("person4@example.org") && !page.body.contains("person3@example.org"))
            page = try await admin.get("/staff/notices?to=PERSON1")
            #expect(page.body.contains("person1@example.org") && !page.body.contains("person2@example.org"))

            let one = "/staff/notices/\(made[3].id!.uuidString.lowercased())/retry"
            #expect(try await admin.post(one, form: [:], tokenFrom: "/staff/notices").status == .seeOther)
            let retried = try #require(try await Notice.find(made[3].id, on: app.db))
            #expect(retried.status == .queued && retried.attempts == 0)
            let sentOne = "/staff/notices/\(made[0].id!.uuidString.lowercased())/retry"
            _ = try await admin.post(sentOne, form: [:], tokenFrom: "/staff/notices")
            #expect(try await Notice.find(made[0].id, on: app.db)?.status == .sent, "a sent e-mail is left alone")
            #expect(
                try await admin.post("/staff/notices/retry-failed", form: [:], tokenFrom: "/staff/notices").status
                    == .seeOther)
            #expect(try await Notice.query(on: app.db).filter(\.$status == .failed).count() == 0)
            #expect(try await Notice.query(on: app.db).filter(\.$status == .queued).count() == 3)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "notice.requeued").all()
            #expect(audit.count == 2)
            #expect(audit.contains { $0.summary == "Sent again: 1 failed e-mail" })
            #expect(
                try await officer.post("/staff/notices/retry-failed", form: [:], tokenFrom: "/staff").status
                    == .forbidden)
        }
    }

    @Test(
        "filters by the UK days the e-mails were written; a date that does not exist is named",
        arguments: TestDatabase.all)
    func writtenBetween(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            // 23:30 UTC on 1 June is 00:30 on 2 June in UK summer time.
            let written: [(String, String)] = [
                ("early@example.org", "2026-05-31T12:00:00Z"), ("midnight@example.org", "2026-06-01T23:30:00Z"),
                ("later@example.org", "2026-06-10T09:00:00Z"),
            ]
            for (address, time) in written {
                let notice = Notice(to: address, subject: "Subject", body: "Body", kind: "reply")
                try await notice.create(on: app.db)
                notice.createdAt = ISO8601DateFormatter().date(from: time)
                #expect(notice.createdAt != nil, "\(time) is a timestamp")
                try await notice.update(on: app.db)
            }
            var page = try await admin.get("/staff/notices?from=2026-06-02&until=2026-06-09")
            #expect(page.status == .ok)
            #expect(page.body.contains("midnight@example.org"), "00:30 UK time on 2 June is on 2 June")
            #expect(!page.body.contains("early@example.org") && !page.body.contains("later@example.org"))
            #expect(page.body.contains("2 Jun 2026, 00:30"))
            page = try await admin.get("/staff/notices?from=2026-06-01")
            #expect(page.body.contains("later@example.org") && !page.body.contains("early@example.org"))

            page = try await admin.get("/staff/notices?from=2026-06-31")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("\"2026-06-31\" is not a real date: enter it like 2026-03-31."))
            page = try await admin.get("/staff/notices?from=2026-06-10&until=2026-06-01")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("The end of the period cannot be before its start (10 June 2026)."))

            // A status or kind that names nothing is named, and lists nothing.
            page = try await admin.get("/staff/notices?status=waiting")
            #expect(page.status == .ok)
            #expect(page.body.contains("There is no status \"waiting\", so nothing matches: choose one from the list."))
            #expect(!page.body.contains("later@example.org"))
            page = try await admin.get("/staff/notices?kind=newsletter")
            #expect(page.body.contains("There is no kind of e-mail \"newsletter\", so nothing matches"))
            #expect(!page.body.contains("later@example.org"))
            // A valid status still filters, and stays chosen in the form.
            page = try await admin.get("/staff/notices?status=queued&from=2026-06-02")
            #expect(page.body.contains("midnight@example.org") && !page.body.contains("early@example.org"))
            #expect(page.body.contains("<option value=\"queued\" selected>"))
            #expect(try await admin.get("/staff/notices?kind=reply&status=queued").status == .ok)
        }
    }

    @Test(
        "an engagement officer reads the e-mails sent to the public, but not staff e-mails, and cannot send any again",
        arguments: TestDatabase.all)
    func officerReadsPublicEmails(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let written: [(String, String, Notice.Status)] = [
                ("respondent@example.org", "consultation_outcome", .queued),
                ("replied@example.org", "reply", .failed), ("receipt@example.org", "feedback_receipt", .sent),
                ("staff@example.org", "password_reset", .failed), ("handler@example.org", "complaint_received", .sent),
                ("complainant@example.org", "complaint_receipt", .queued),
            ]
            for (address, kind, status) in written {
                let notice = Notice(to: address, subject: "About \(kind)", body: "Body for \(address)", kind: kind)
                notice.status = status
                notice.lastError = status == .failed ? "connection refused by relay" : nil
                try await notice.create(on: app.db)
            }
            var page = try await officer.get("/staff/notices")
            #expect(page.status == .ok)
            for address in ["respondent@example.org", "replied@example.org", "receipt@example.org"] {
                #expect(page.body.contains(address), "\(address)")
            }
            for address in ["staff@example.org", "handler@example.org", "complainant@example.org"] {
                #expect(!page.body.contains(address), "\(address) is not the officer's to read")
            }
            // The counts are of what they may read; a failed one says why, but sending again is the administrator's.
            #expect(page.body.contains("<a href=\"/staff/notices?status=failed\">1</a>"))
            #expect(page.body.contains("Failed after 0 tries: connection refused by relay"))
            #expect(!page.body.contains("Send again") && !page.body.contains("Send every failed e-mail again"))
            #expect(page.body.contains("Ask an administrator to send a failed one again."))
            #expect(!page.body.contains("<option value=\"password_reset\""))
            page = try await officer.get("/staff/notices?kind=consultation_outcome")
            #expect(page.body.contains("respondent@example.org") && !page.body.contains("replied@example.org"))
            page = try await officer.get("/staff/notices?kind=password_reset")
            #expect(page.body.contains("There is no kind of e-mail \"password_reset\", so nothing matches"))
            #expect(!page.body.contains("staff@example.org"))
            let failed = try #require(try await Notice.query(on: app.db).filter(\.$kind == "reply").first())
            #expect(
                try await officer.post(
                    "/staff/notices/\(failed.id!.uuidString.lowercased())/retry", form: [:], tokenFrom: "/staff/notices"
                ).status == .forbidden)
            #expect(try await Notice.find(failed.id, on: app.db)?.status == .failed)
            // The administrator still sees every e-mail.
            let admin = try await app.signedInBrowser(.administrator)
            page = try await admin.get("/staff/notices")
            #expect(page.body.contains("staff@example.org") && page.body.contains("complainant@example.org"))
        }
    }
}
