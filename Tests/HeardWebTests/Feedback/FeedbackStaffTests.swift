import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Staff feedback work")
struct FeedbackStaffTests {
    @Test(
        "urgent feedback raises a dashboard alert and e-mails moderators and complaints handlers",
        arguments: TestDatabase.all)
    func urgentAlert(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            try await app.createUser(.complaintsHandler)
            let response = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"text": "My neighbour is being hit by her son and she is scared to go home. I think she is in danger.", "service_id": "\#(service.id!.uuidString)"}"#
            )
            #expect(response.status == .created)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.isUrgent)
            let alert = try #require(try await UrgentAlert.query(on: app.db).first())
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "urgent_alert").all()
            #expect(
                Set(notices.map(\.toAddress)) == [
                    "moderator@test.heard.example", "complaints_handler@test.heard.example",
                ])
            #expect(
                notices.allSatisfy { !$0.body.contains("hit by her son") },
                "the e-mail names the reference, not the words")
            let publicURL = HeardApplication.configuration(of: app.app).publicURL
            #expect(
                notices.allSatisfy { $0.body.contains("open Urgent alerts, \(publicURL)/staff/alerts") },
                "the e-mail links to the alerts page: \(notices.map(\.body))")
            let dashboard = try await moderator.get("/staff")
            #expect(dashboard.body.contains(item.reference))
            // The item's own page says it is urgent, and that nobody has it yet.
            let itemPath = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let before = try await moderator.get(itemPath).body
            #expect(
                before.contains("flagged for immediate attention")
                    && before.contains("Nobody has taken it in hand yet."))
            let acknowledge = "/staff/alerts/\(alert.id!.uuidString.lowercased())/acknowledge"
            let handled = try await moderator.post(acknowledge, form: [:], tokenFrom: "/staff")
            #expect(handled.status == .seeOther)
            #expect(try await UrgentAlert.find(alert.id, on: app.db)?.acknowledgedAt != nil)
            // Another handler sees who has it, and pressing again does not take it from them.
            let handler = app.browser()
            _ = try await handler.signIn(
                email: "complaints_handler@test.heard.example", password: "correct horse battery staple")
            #expect(try await handler.post(acknowledge, form: [:], tokenFrom: itemPath).status == .seeOther)
            let after = try await handler.get(itemPath).body
            #expect(after.contains("Taken in hand by Moderator Tester"))
            #expect(!after.contains("Nobody has taken it in hand yet."))
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "alert.acknowledged").all()
            #expect(audit.map(\.summary) == ["Took the urgent alert on \(item.reference) in hand"])
        }
    }

    @Test("staff enter feedback received on paper, with the channel recorded and audited")
    func staffEntry() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let chooser = try await officer.get("/staff/feedback/new?q=emergency")
            #expect(chooser.body.contains("/staff/feedback/new/form?service=\(service.id!.uuidString)"))
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let missingChannel = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Paper form: lovely staff",
                    "consent_to_publish": "no",
                ],
                tokenFrom: formPath)
            #expect(missingChannel.status == .unprocessableEntity)
            #expect(
                missingChannel.body.contains("value=\"Paper form: lovely staff\"")
                    || missingChannel.body.contains(">Paper form: lovely staff<"))
            let saved = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Paper form: lovely staff",
                    "consent_to_publish": "no",
                    "channel": "paper",
                ],
                tokenFrom: formPath)
            #expect(saved.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.channel == .paper)
            #expect(item.enteredByID != nil)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.entered").count() == 1)
        }
    }

    @Test(
        "the dashboard shows volumes, themes and places from the database, with CSV downloads",
        arguments: TestDatabase.all)
    func dashboard(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.get("/staff")
            #expect(page.status == .ok)
            #expect(page.body.contains("<svg"))
            #expect(page.body.contains("Feedback received per week"))
            // Each bar is closed: an unclosed <rect> in an HTML page swallows every later bar and label.
            let bars = page.body.components(separatedBy: "<rect").count - 1
            #expect(bars > 1 && page.body.components(separatedBy: "</rect>").count - 1 == bars)
            #expect(page.body.contains("Closing the loop"))
            // The demo's FFT answers go back a year; the chart's twelve weeks start on a Monday 11 weeks back.
            let today = app.app.decisionClock.today()
            let firstMonday = DashboardPeriod.monday(of: today).adding(days: -7 * (FeedbackDashboard.weekCount - 1))
            let received = try await FeedbackItem.query(on: app.db)
                .filter(\.$receivedAt >= DecisionClock.startOfUKDay(firstMonday)).count()
            let volumes = try await officer.get("/staff/dashboard/volumes.csv")
            #expect(volumes.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let total = volumes.body.split(separator: "\r\n").dropFirst().compactMap {
                Int($0.split(separator: ",").last ?? "")
            }
            .reduce(0, +)
            #expect(total == received, "the weeks add up to what was received since the first Monday")
            #expect(total > 100)
            let places = try await officer.get("/staff/dashboard/places.csv")
            for place in DemoData.places { #expect(places.body.contains(place)) }
            #expect(try await officer.get("/staff/dashboard/nothing.csv").status == .notFound)
        }
    }

    @Test(
        "a public reply with personal data is refused, quoting the words to take out, with nothing saved",
        arguments: TestDatabase.all)
    func replyWithPersonalData(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-REPLYPII", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let body = "Sorry. Nurse Jane has been told; ring 0113 496 0000 or message @ward_team."
            let refused = try await handler.post(path + "/reply", form: ["body": body], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains(
                    "Public replies must not contain personal data: remove the name \"Jane\", the phone number "
                        + "\"0113 496 0000\" and the social media handle or link \"@ward_team\"."),
                "\(refused.body)")
            #expect(refused.body.contains(body.replacingOccurrences(of: "'", with: "&#39;")))
            #expect(try await FeedbackReply.query(on: app.db).filter(\.$feedback.$id == item.id!).count() == 0)
        }
    }

    @Test(
        "a reply sent twice, one after the other or by two people at once, is published and e-mailed once",
        arguments: TestDatabase.all)
    func replyOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-REPLYONE", service: service, place: place, themes: [], receivedDaysAgo: 2, on: app.db)
            item.wantsReply = true
            item.contactEmail = "sam.person@example.org"
            try await item.save(on: app.db)
            let first = try await app.signedInBrowser(.complaintsHandler)
            let (email, password) = try await app.createUser(.complaintsHandler, email: "second@test.heard.example")
            let second = app.browser()
            _ = try await second.signIn(email: email, password: password)
            let path = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            func replies() async throws -> Int {
                try await FeedbackReply.query(on: app.db).filter(\.$feedback.$id == item.id!).count()
            }

            // The same form sent again (a double press, or the browser resending it).
            let token = try #require(try await first.get(path).csrfToken)
            let body = "We are sorry about the wait. We have shared this with the ward."
            for _ in 0..<2 {
                let sent = try await first.post(path + "/reply", form: ["body": body, "_csrf": token])
                #expect(sent.status == .seeOther)
            }
            #expect(try await replies() == 1)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reply").count() == 1)
            #expect(try await first.get("/staff/replies").body.contains("already published"))

            // Two handlers answering with the same words at the same moment: one waits for the other.
            let tokens = (try await first.get(path).csrfToken ?? "", try await second.get(path).csrfToken ?? "")
            let again = "Thank you. The ward manager will call you this week."
            async let one = first.post(path + "/reply", form: ["body": again, "_csrf": tokens.0])
            async let two = second.post(path + "/reply", form: ["body": again, "_csrf": tokens.1])
            #expect(try await [one, two].map(\.status) == [.seeOther, .seeOther])
            #expect(try await replies() == 2)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reply").count() == 2)
        }
    }

    @Test(
        "private feedback whose author asked for no e-mail reply is not offered a reply, and one sent anyway is refused",
        arguments: TestDatabase.all)
    func replyThatReachesNoOne(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-PRIVATE1", service: service, place: place, themes: [], status: .approvedPrivate,
                receivedDaysAgo: 2, on: app.db)
            item.wantsReply = false
            item.contactEmail = nil
            try await item.save(on: app.db)
            let handler = try await app.signedInBrowser(.complaintsHandler)
            let path = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let page = try await handler.get(path)
            #expect(page.body.contains("so a reply would reach no one"))
            #expect(!page.body.contains("Reply (sent by e-mail only)"))
            let refused = try await handler.post(path + "/reply", form: ["body": "Thank you."], tokenFrom: path)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("href=\"#field-body\""))
            #expect(refused.body.contains("id=\"field-body\""), "the summary's link has somewhere to go")
            #expect(try await FeedbackReply.query(on: app.db).count() == 0)
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.firstReplyAt == nil, "the loop is not closed")

            // Asked for a reply and left an address: the form is there, and the reply is e-mailed.
            item.wantsReply = true
            item.contactEmail = "sam.person@example.org"
            try await item.save(on: app.db)
            #expect(try await handler.get(path).body.contains("Send reply"))
            let sent = try await handler.post(path + "/reply", form: ["body": "Thank you."], tokenFrom: path)
            #expect(sent.status == .seeOther)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reply").count() == 1)
            // Private feedback: the reply is e-mailed, not published, and the notice says so.
            let notice = try await handler.get("/staff/replies").body
            #expect(notice.contains("Reply sent by e-mail for HRD-PRIVATE1. It is not published."))
            #expect(!notice.contains("Reply published"))
        }
    }

    @Test("an action can be raised from a theme in a place, linking that place's published stories")
    func themeInPlaceAction() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = FeedbackItem()
            item.id = UUID()
            item.reference = "HRD-TESTTEST"
            item.$service.id = service.id!
            item.$place.id = place.id!
            item.$organisation.id = service.$organisation.id
            item.channel = .online
            item.story = "Nobody told us how long"
            item.whatWasGood = ""
            item.couldBeBetter = ""
            item.consentToPublish = true
            item.wantsReply = false
            item.status = .published
            item.publishedText = item.story
            item.publishedAt = Date()
            item.receivedAt = Date()
            item.themes = "Timeliness of care"
            item.relational = ""
            item.isUrgent = false
            item.urgentReasons = ""
            item.piiKinds = ""
            item.redactedText = item.story
            item.needsAnswer = true
            try await item.create(on: app.db)
            try await FeedbackTheme(feedbackID: item.id!, theme: "Timeliness of care").create(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let form = try await officer.get("/staff/actions/new?theme=Timeliness%20of%20care&place=calderdale")
            #expect(form.body.contains("People in Calderdale told us about timeliness of care."))
            #expect(form.body.contains("value=\"\(item.id!.uuidString)\""))
            // The public and staff theme filters find it through the join, and only it.
            #expect(
                try await app.browser().get("/stories?theme=Timeliness%20of%20care").body.contains(
                    "Nobody told us how long"))
            #expect(!(try await app.browser().get("/stories?theme=Parking").body.contains("Nobody told us how long")))
            #expect(try await officer.get("/staff/feedback?theme=Timeliness%20of%20care").body.contains(item.reference))
        }
    }

    @Test("an empty new action lists its errors in the order of the form's fields", arguments: TestDatabase.all)
    func newActionErrorsInFormOrder(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let refused = try await officer.post("/staff/actions/new", form: [:], tokenFrom: "/staff/actions/new")
            #expect(refused.status == .unprocessableEntity)
            let summary = String(refused.body[try #require(refused.body.range(of: "error-summary")).lowerBound...])
            let links = [
                "#field-you_said", "#field-title", "#field-organisation_id", "#field-owner_id", "#field-due_on",
            ]
            let positions = try links.map { try #require(summary.range(of: "href=\"\($0)\""), "\($0)").lowerBound }
            #expect(positions == positions.sorted(), "summary order follows the form")
        }
    }

    @Test(
        "an action raised from feedback whose themes tie suggests the same words every time",
        arguments: TestDatabase.all)
    func suggestedYouSaidIsStable(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let item = try await ScaleQueryTests.item(
                "HRD-TIED", service: service, place: place, themes: ["Parking", "Access to services"],
                receivedDaysAgo: 1, on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            for _ in 0..<5 {
                let form = try await officer.get("/staff/actions/new?feedback=\(item.id!.uuidString)").body
                #expect(form.contains("Someone told us about Emergency department: access to services."))
            }
            // Neither is a theme of the model, so none is chosen for the action.
            let untouched = try await officer.get("/staff/actions/new?feedback=\(item.id!.uuidString)").body
            #expect(!untouched.contains("selected>Parking") && !untouched.contains("selected>Access to services"))
            // A story tagged with the model's own theme: the action is about it unless the officer changes it.
            let timely = try await ScaleQueryTests.item(
                "HRD-TIMELY", service: service, place: place, themes: ["Timeliness of care", "Not assigned"],
                receivedDaysAgo: 1, on: app.db)
            let form = try await officer.get("/staff/actions/new?feedback=\(timely.id!.uuidString)").body
            #expect(form.contains("<option value=\"Timeliness of care\" selected>"))
        }
    }

    @Test(
        "a paper FFT card with only the answer ticked is entered by staff, or sent through the form or the API, and kept to count",
        arguments: TestDatabase.all)
    func answerOnly(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let formPath = "/staff/feedback/new/form?service=\(service.id!.uuidString)"
            let card = ["service_id": service.id!.uuidString, "fft_rating": "2", "channel": "paper"]
            var complaint = card
            complaint["is_complaint"] = "yes"
            complaint["contact_email"] = "someone@example.com"
            let refused = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)", form: complaint, tokenFrom: formPath)
            #expect(refused.status == .unprocessableEntity)
            #expect(
                refused.body.contains("A complaint needs the complainant&#39;s words")
                    || refused.body.contains("A complaint needs the complainant's words"))
            // A card with nothing on it: staff are told what to enter, in staff terms.
            let blank = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)",
                form: ["service_id": service.id!.uuidString, "channel": "paper"], tokenFrom: formPath)
            #expect(blank.status == .unprocessableEntity)
            #expect(
                blank.body.contains("Enter what the person wrote, or, for a card with no words, tick their FFT answer.")
            )
            var withConsent = card
            withConsent["consent_to_publish"] = "yes"
            let saved = try await officer.post(
                "/staff/feedback/new?service=\(service.id!.uuidString)", form: withConsent, tokenFrom: formPath)
            #expect(saved.status == .seeOther)
            let told = try await officer.get(try #require(saved.location)).body
            #expect(
                told.contains(
                    "It is an FFT answer with no words, so it is kept to be counted, with nothing to moderate or publish."
                ))
            #expect(!told.contains("It is waiting for moderation."))
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(item.fullText.isEmpty && item.fft == .good && item.channel == .paper)
            #expect(item.status == .approvedPrivate && !item.consentToPublish, "nothing to moderate or publish")
            #expect(item.sentiment == nil && item.themes.isEmpty)

            // The public form takes an answer alone the same way (PublicAnswerOnlyTests has the rest).
            let publicForm = "/feedback/new?service=\(service.id!.uuidString)"
            let publicSent = try await app.browser().post(
                "/feedback/new?service=\(service.id!.uuidString)",
                form: ["service_id": service.id!.uuidString, "fft_rating": "1", "consent_to_publish": "no"],
                tokenFrom: publicForm)
            #expect(publicSent.status == .seeOther)
            let online = try #require(try await FeedbackItem.query(on: app.db).filter(\.$channel == .online).first())
            #expect(online.fft == .veryGood && online.status == .approvedPrivate && online.saysNothing)

            // The API takes an 'fft_rating' alone; consent to publish changes nothing, as there is nothing to show.
            let created = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"fft_rating": "very good", "consent_to_publish": true, "service_id": "\#(service.id!.uuidString)"}"#
            )
            #expect(created.status == .created)
            #expect(created.body.contains("\"status\":\"approved_private\""))
            // An empty answer is no answer: refused like no words at all.
            for empty in ["\"\"", "\"  \""] {
                let refused = try await app.browser().postJSON(
                    "/api/v1/feedback",
                    json: #"{"fft_rating": \#(empty), "service_id": "\#(service.id!.uuidString)"}"#)
                #expect(refused.status == .unprocessableEntity, "\(empty)")
                #expect(refused.body.contains("for an FFT answer with no comment, an 'fft_rating' alone"), "\(empty)")
            }
            let viaAPI = try #require(try await FeedbackItem.query(on: app.db).filter(\.$channel == .api).first())
            #expect(viaAPI.fft == .veryGood && !viaAPI.consentToPublish && viaAPI.status == .approvedPrivate)
        }
    }
}
