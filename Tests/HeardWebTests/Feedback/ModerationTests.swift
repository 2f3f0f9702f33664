import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Moderation")
struct ModerationTests {
    /// Two moderators signed in with their own accounts.
    static func twoModerators(_ app: TestApp) async throws -> (TestBrowser, TestBrowser) {
        let first = try await app.signedInBrowser(.moderator)
        let (email, password) = try await app.createUser(.moderator, email: "second.moderator@test.heard.example")
        let second = app.browser()
        _ = try await second.signIn(email: email, password: password)
        return (first, second)
    }

    @Test(
        "feedback that arrived weeks ago warns before escalating that the complaint's acknowledgement is already late")
    func lateClockWarning() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let old = try await ScaleQueryTests.item(
                "HRD-OLDCLOCK", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 30, on: app.db)
            let oldPage = try await moderator.get(SiteURLPaths.moderate(old.id!))
            #expect(oldPage.body.contains("will already be late: acknowledge it at once"))
            let fresh = try await ScaleQueryTests.item(
                "HRD-NEWCLOCK", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 0, on: app.db)
            #expect(!(try await moderator.get(SiteURLPaths.moderate(fresh.id!)).body.contains("will already be late")))
        }
    }

    @Test("the text offered for publication labels what was good and what could be better", arguments: TestDatabase.all)
    func labelledSuggestion(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let sent = try await app.browser().post(
                "/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "Seen quickly in the morning.",
                    "what_was_good": "Nurse Sarah on 07700 900123 was lovely", "could_be_better": "Nothing",
                    "consent_to_publish": "yes",
                ])
            #expect(sent.status == .seeOther)
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            let moderator = try await app.signedInBrowser(.moderator)
            let path = SiteURLPaths.moderate(item.id!)
            let page = try await moderator.get(path)
            let suggested =
                "Seen quickly in the morning.\n\nWhat was good: Nurse [name] on [phone] was lovely\n\nWhat could be better: Nothing"
            #expect(page.body.contains(suggested), "\(page.body)")
            let approved = try await moderator.post(
                path, form: ["decision": "approve", "published_text": suggested, "reason": ""], tokenFrom: path)
            #expect(approved.status == .seeOther)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.approve").first())
            #expect(!audit.summary.contains("edited"), "the suggestion as offered is not an edit")
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.publishedText == suggested)
        }
    }

    @Test(
        "a reason to reject or escalate may not repeat personal data, as the audit log keeps it",
        arguments: TestDatabase.all)
    func reasonWithoutPersonalData(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let item = try await ScaleQueryTests.item(
                "HRD-REASON01", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let path = SiteURLPaths.moderate(item.id!)
            for decision in ["reject", "escalate"] {
                let refused = try await moderator.post(
                    path,
                    form: [
                        "decision": decision, "reason": "Spam test, phone 07700 900115", "published_text": "x",
                        "contact_phone": "07700 900123",
                    ], tokenFrom: path)
                #expect(refused.status == .unprocessableEntity, "\(decision)")
                #expect(refused.body.contains("Describe the reason without repeating the personal data"))
                #expect(refused.body.contains("Spam test, phone 07700 900115"), "what was typed is kept")
            }
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.status == .awaitingModeration)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.reject").count() == 0)
            let rejected = try await moderator.post(
                path,
                form: ["decision": "reject", "reason": "Spam: an advert for a phone shop", "published_text": "x"],
                tokenFrom: path)
            #expect(rejected.status == .seeOther)
        }
    }

    @Test(
        "a story the person agreed to publish can be kept private with a reason: read and counted, never published or 'not kept'",
        arguments: TestDatabase.all)
    func keepPrivate(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let moderator = try await app.signedInBrowser(.moderator)
            let item = try await ScaleQueryTests.item(
                "HRD-KEPTPRVT", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let path = SiteURLPaths.moderate(item.id!)
            let page = try await moderator.get(path)
            #expect(page.body.contains("Keep private (read and counted, not published)"))
            #expect(page.body.contains("Reason (needed to keep private, reject or escalate)"))

            let noReason = try await moderator.post(
                path, form: ["decision": "keep_private", "reason": "", "published_text": "x"], tokenFrom: path)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Enter the reason."))
            let reason = "A safeguarding concern: passed to the safeguarding team, not for publication"
            let kept = try await moderator.post(
                path, form: ["decision": "keep_private", "reason": reason, "published_text": "x"], tokenFrom: path)
            #expect(kept.status == .seeOther)
            let stored = try #require(try await FeedbackItem.find(item.id, on: app.db))
            #expect(stored.status == .approvedPrivate && stored.consentToPublish && stored.moderationNote == reason)
            #expect(stored.publishedText == nil && stored.publishedAt == nil)
            #expect(try await app.browser().get("/stories/HRD-KEPTPRVT").status == .notFound)
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.keep_private").first())
            #expect(audit.summary.contains("HRD-KEPTPRVT"))
            // The person is told it was read and kept, not that it was not kept; never the moderator's reason.
            let check = PublicAnswerOnlyTests.text(try await app.browser().get("/feedback/check?reference=keptprvt"))
            #expect(check.contains("decided not to publish it, although you said we could"), "\(check)")
            #expect(!check.contains("did not keep it") && !check.contains("safeguarding team"))

            // Without consent, approving already keeps it private: no second button.
            let noConsent = try await ScaleQueryTests.item(
                "HRD-NQTKEPT2", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            noConsent.consentToPublish = false
            try await noConsent.save(on: app.db)
            let other = try await moderator.get(SiteURLPaths.moderate(noConsent.id!))
            #expect(!other.body.contains("Keep private (read and counted"))
            #expect(other.body.contains("Approve (not published: no consent)"))
        }
    }

    @Test(
        "two moderators deciding the same item at once: one decision is kept, the other is refused with 409 and saves nothing",
        arguments: TestDatabase.all)
    func concurrentDecisions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (first, second) = try await Self.twoModerators(app)
            for round in 0..<3 {
                let item = try await ScaleQueryTests.item(
                    "HRD-RACE000\(round)", service: service, place: place, themes: [], status: .awaitingModeration,
                    receivedDaysAgo: 1, on: app.db)
                let path = SiteURLPaths.moderate(item.id!)
                let tokens = (try await first.get(path).csrfToken ?? "", try await second.get(path).csrfToken ?? "")
                async let escalated = first.post(
                    path,
                    form: [
                        "decision": "escalate", "reason": "Describes harm: a complaint", "published_text": "x",
                        "contact_phone": "07700 900123", "_csrf": tokens.0,
                    ])
                async let rejected = second.post(
                    path,
                    form: [
                        "decision": "reject", "reason": "Not about our services", "published_text": "x",
                        "_csrf": tokens.1,
                    ])
                let (escalate, reject) = try await (escalated, rejected)
                #expect(
                    Set([escalate.status, reject.status]) == [.seeOther, .conflict],
                    "round \(round): one decision wins, the other is refused")
                let loser = escalate.status == .conflict ? escalate : reject
                #expect(loser.body.contains("already been moderated by Moderator Tester"))
                #expect(loser.body.contains("Your decision was not saved"))

                let stored = try #require(try await FeedbackItem.find(item.id, on: app.db))
                let complaints = try await Complaint.query(on: app.db).filter(\.$feedback.$id == item.id!).count()
                let events = try await AuditEvent.query(on: app.db).filter(\.$objectID == item.id!.uuidString).all()
                if escalate.status == .seeOther {
                    #expect(stored.status == .escalated)
                    #expect(stored.moderationNote == "Describes harm: a complaint")
                    #expect(complaints == 1)
                    #expect(events.map(\.action) == ["feedback.escalate"])
                } else {
                    #expect(stored.status == .rejected)
                    #expect(stored.moderationNote == "Not about our services")
                    #expect(complaints == 0, "a rejected item has no complaint running")
                    #expect(events.map(\.action) == ["feedback.reject"])
                }
            }
        }
    }

    @Test(
        "a decision sent after another moderator's is refused with 409, naming who decided", arguments: TestDatabase.all
    )
    func lateDecision(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let (first, second) = try await Self.twoModerators(app)
            let item = try await ScaleQueryTests.item(
                "HRD-LATE0001", service: service, place: place, themes: [], status: .awaitingModeration,
                receivedDaysAgo: 1, on: app.db)
            let path = SiteURLPaths.moderate(item.id!)
            let staleToken = try #require(try await second.get(path).csrfToken)
            let approved = try await first.post(
                path, form: ["decision": "approve", "published_text": "Story HRD-LATE0001"])
            #expect(approved.status == .seeOther)
            let late = try await second.post(
                path, form: ["decision": "escalate", "reason": "A complaint", "_csrf": staleToken])
            #expect(late.status == .conflict)
            #expect(late.body.contains("HRD-LATE0001 has already been moderated by Moderator Tester (published)"))
            #expect(late.body.contains("href=\"#field-decision\""))
            #expect(late.body.contains("id=\"field-decision\""))
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.status == .published)
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }
}

@Suite("Published stories: withdraw and edit")
struct PublishedStoryTests {
    /// A published story whose published text let a phone number through, with a public reply.
    static func publishedStory(_ app: TestApp, reference: String = "HRD-PUBLISH1") async throws -> FeedbackItem {
        let (service, place) = try await Fixtures.service(on: app.db)
        let item = try await ScaleQueryTests.item(
            reference, service: service, place: place, themes: ["Parking"], receivedDaysAgo: 3, on: app.db)
        item.publishedText = "The midwife was lovely. Ring me on 07700 900123 if you want to know more."
        try await item.save(on: app.db)
        try await FeedbackReply(
            feedbackID: item.id!, body: "Thank you, we have passed this on to the ward.", authorID: nil,
            authorRole: .complaintsHandler, signature: "Complaints handler, Riverside Test Trust"
        ).create(on: app.db)
        return item
    }

    @Test(
        "a withdrawn story leaves the stories pages, the API, the open data and the page cache, with its replies",
        arguments: TestDatabase.all)
    func withdraw(_ database: TestDatabase) async throws {
        // The public page cache on, as in production: withdrawing must empty it.
        try await TestApp.run(on: database, configure: { $0.publicPageCacheSeconds = 60 }) { app in
            let item = try await Self.publishedStory(app)
            let reference = item.reference
            let visitor = app.browser()
            let story = "/stories/\(reference)"
            let reply = "Thank you, we have passed this on to the ward."
            // Seen (and cached) before.
            #expect(try await visitor.get("/stories").body.contains(reference))
            #expect(try await visitor.get(story).body.contains(reply))
            #expect(try await visitor.get("/api/v1/stories").body.contains(reference))
            #expect(try await visitor.get("/open-data/stories.csv").body.contains(reference))
            #expect(try await visitor.get("/open-data/replies.csv").body.contains(reply))

            let moderator = try await app.signedInBrowser(.moderator)
            let path = SiteURLPaths.moderate(item.id!)
            let feedbackPage = try await moderator.get(SiteURLPaths.feedback(item.id!)).body
            #expect(feedbackPage.contains("href=\"\(path)\">Edit the published text or withdraw it"))
            let page = try await moderator.get(path).body
            #expect(page.contains("Withdraw from publication") && page.contains("Edit the published text"))

            // A reason is needed, and it must not repeat the personal data.
            let noReason = try await moderator.post(
                path + "/withdraw", form: ["withdrawal_reason": " "], tokenFrom: path)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Enter the reason"))
            let leaky = try await moderator.post(
                path + "/withdraw", form: ["withdrawal_reason": "It shows 07700 900123"], tokenFrom: path)
            #expect(leaky.status == .unprocessableEntity)
            #expect(leaky.body.contains("without repeating the personal data"))
            #expect(leaky.body.contains(">It shows 07700 900123</textarea>"), "what was typed is kept")
            #expect(try await visitor.get(story).status == .ok)

            // Someone without moderation cannot.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let refused = try await officer.post(
                path + "/withdraw", form: ["withdrawal_reason": "Consent withdrawn"], tokenFrom: "/staff")
            #expect(refused.status == .forbidden)

            let withdrawn = try await moderator.post(
                path + "/withdraw", form: ["withdrawal_reason": "The person withdrew consent by phone"], tokenFrom: path
            )
            #expect(withdrawn.status == .seeOther)
            #expect(withdrawn.location == path)
            let after = try await moderator.get(path).body
            #expect(after.contains("is withdrawn from publication"))
            #expect(after.contains("Withdrawn from publication</strong> by Moderator Tester"))
            #expect(after.contains("Reason: The person withdrew consent by phone"))
            #expect(!after.contains("action=\"\(path)/withdraw\""), "nothing left to withdraw")

            let stored = try #require(try await FeedbackItem.find(item.id, on: app.db))
            #expect(stored.status == .withdrawn)
            #expect(stored.publishedText == nil, "the text that was public is not kept")
            #expect(stored.story == item.story, "the person's own words stay for staff")
            #expect(stored.withdrawnByID != nil && stored.withdrawnAt != nil)

            let gone = try await visitor.get(story)
            #expect(gone.status == .gone)
            #expect(gone.body.contains("This story has been withdrawn"))
            #expect(!gone.body.contains("midwife") && !gone.body.contains(reply))
            #expect(!(try await visitor.get("/stories").body.contains(reference)))
            #expect(!(try await visitor.get("/stories?theme=Parking").body.contains(reference)))
            #expect(!(try await visitor.get("/api/v1/stories").body.contains(reference)))
            #expect(!(try await visitor.get("/open-data/stories.csv").body.contains(reference)))
            #expect(!(try await visitor.get("/open-data/replies.csv").body.contains(reply)))
            #expect(!(try await moderator.get("/staff/replies").body.contains(reference)))
            #expect(
                try await moderator.get(SiteURLPaths.feedback(item.id!)).body.contains("Withdrawn from publication"))

            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.withdrawn").all()
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.summary == "Withdrawn from publication: \(reference)")
            #expect(event.changes.contains("The person withdrew consent by phone"))
            #expect(!event.summary.contains("07700") && !event.changes.contains("07700"))

            // Once withdrawn, it cannot be withdrawn or edited again.
            let again = try await moderator.post(
                path + "/withdraw", form: ["withdrawal_reason": "Twice"], tokenFrom: path)
            #expect(again.status == .conflict)
            #expect(again.body.contains("is not published: it was withdrawn from publication by Moderator Tester"))
            let edit = try await moderator.post(
                path + "/published-text", form: ["published_text": "New", "edit_reason": "Late"], tokenFrom: path)
            #expect(edit.status == .conflict)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.withdrawn").count() == 1)
        }
    }

    @Test(
        "editing the published text runs the personal-data check again and keeps the old text out of the audit log",
        arguments: TestDatabase.all)
    func edit(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let item = try await Self.publishedStory(app)
            let moderator = try await app.signedInBrowser(.moderator)
            let path = SiteURLPaths.moderate(item.id!)
            #expect(try await moderator.get(path).body.contains("Ring me on 07700 900123"))

            let stillLeaky = try await moderator.post(
                path + "/published-text",
                form: [
                    "published_text": "The midwife was lovely. Ring 07700 900123.",
                    "edit_reason": "A phone number slipped through",
                ], tokenFrom: path)
            #expect(stillLeaky.status == .unprocessableEntity)
            #expect(stillLeaky.body.contains("still contains personal data"))
            #expect(stillLeaky.body.contains("the phone number \"07700 900123\" (write [phone])"))
            #expect(stillLeaky.body.contains(">The midwife was lovely. Ring 07700 900123.</textarea>"))
            #expect(stillLeaky.body.contains(">A phone number slipped through</textarea>"))

            let noReason = try await moderator.post(
                path + "/published-text", form: ["published_text": "The midwife was lovely.", "edit_reason": ""],
                tokenFrom: path)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Enter the reason"))

            // The reason may not repeat what the edit takes out, even what the redactor would not call personal.
            let repeating = try await moderator.post(
                path + "/published-text",
                form: [
                    "published_text": "The midwife was lovely. [phone]",
                    "edit_reason": "Took out the sentence starting Ring, which had a number",
                ], tokenFrom: path)
            #expect(repeating.status == .unprocessableEntity)
            #expect(
                PublicAnswerOnlyTests.text(repeating).contains("the words \"Ring\", which the edit removes"),
                "\(repeating.body)")

            let saved = try await moderator.post(
                path + "/published-text",
                form: [
                    "published_text": "The midwife was lovely. [phone]",
                    "edit_reason": "A phone number slipped through",
                ],
                tokenFrom: path)
            #expect(saved.status == .seeOther)
            let story = try await app.browser().get("/stories/\(item.reference)")
            #expect(story.status == .ok)
            #expect(story.body.contains("The midwife was lovely. [phone]"))
            #expect(!story.body.contains("07700"))
            #expect(try await FeedbackItem.find(item.id, on: app.db)?.status == .published)

            let event = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.published_text_edited").first())
            #expect(event.summary == "Published text edited: \(item.reference)")
            #expect(event.changes.contains("A phone number slipped through"))
            #expect(!event.summary.contains("07700") && !event.changes.contains("07700"))
        }
    }

    @Test(
        "two moderators withdrawing the same story at once: one is saved, the other gets 409",
        arguments: TestDatabase.all)
    func concurrentWithdrawals(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let item = try await Self.publishedStory(app)
            let (first, second) = try await ModerationTests.twoModerators(app)
            let path = SiteURLPaths.moderate(item.id!)
            let tokens = (try await first.get(path).csrfToken ?? "", try await second.get(path).csrfToken ?? "")
            async let one = first.post(
                path + "/withdraw", form: ["withdrawal_reason": "Consent withdrawn", "_csrf": tokens.0])
            async let two = second.post(
                path + "/withdraw", form: ["withdrawal_reason": "Personal data", "_csrf": tokens.1])
            let statuses = try await [one, two].map(\.status)
            #expect(Set(statuses) == [.seeOther, .conflict])
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "feedback.withdrawn").count() == 1)
        }
    }
}

/// Staff paths the tests build, spelt as the app spells them.
enum SiteURLPaths {
    static func moderate(_ id: UUID) -> String { "/staff/moderation/\(id.uuidString.lowercased())" }
    static func feedback(_ id: UUID) -> String { "/staff/feedback/\(id.uuidString.lowercased())" }
}
