import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing
import Vapor

/// The whole loop over real HTTP: a person shares an experience, a moderator publishes the redacted
/// copy, a handler replies, an action is raised, updated and done, the person's notice reaches a real
/// SMTP server, and the public pages and figures show it.
@Suite("Feedback loop, end to end")
struct FeedbackLoopEndToEndTests {
    @Test(
        "share, moderate, reply, act, tell the person, show it", .enabled(if: SMTPTestServer.isAvailable),
        arguments: TestDatabase.all)
    func wholeLoop(_ database: TestDatabase) async throws {
        let smtp = try SMTPTestServer()
        defer { smtp.stop() }
        try await TestApp.run(
            on: database,
            configure: smtp.sendsMail
        ) { app in
            let (service, place) = try await Fixtures.service(on: app.db)

            // 1. A member of the public shares an experience.
            let person = app.browser()
            let form = try await person.get("/feedback/new?service=\(service.id!.uuidString)")
            #expect(form.status == .ok)
            #expect(form.body.contains(FFTRating.question))
            let sent = try await person.post(
                "/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString,
                    "story":
                        "Dr Patel explained everything but I waited four hours in the corridor. Ring me on 07700 900982.",
                    "could_be_better": "Tell people how long the wait will be.",
                    "fft_rating": "4", "consent_to_publish": "yes", "contact_email": "sam.person@example.org",
                    "wants_reply": "yes", "equality[age_band]": "65-74", "equality[carer]": "yes",
                ])
            #expect(sent.status == .seeOther)
            let thanks = try await person.get(try #require(sent.location))
            #expect(thanks.body.contains("Thank you for your feedback"))
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(thanks.body.contains(item.reference))
            #expect(item.status == .awaitingModeration)
            #expect(item.piiList.contains("phone"))
            #expect(item.redactedText.contains("[phone]"))
            #expect(!item.redactedText.contains("07700"))
            #expect(try await EqualityResponse.query(on: app.db).count() == 1)

            // Not public yet.
            #expect(!(try await person.get("/stories").body.contains("corridor")))

            // 2. A moderator approves an edited redaction.
            let moderator = try await app.signedInBrowser(.moderator)
            let queue = try await moderator.get("/staff/moderation")
            #expect(queue.body.contains(item.reference))
            let moderatePath = "/staff/moderation/\(item.id!.uuidString.lowercased())"
            let page = try await moderator.get(moderatePath)
            #expect(page.body.contains("Ring me on [phone]"))
            let published =
                "Dr [name] explained everything but I waited four hours in the corridor. Ring me on [phone]."
            let leaky = try await moderator.post(
                moderatePath, form: ["decision": "approve", "published_text": "Call 07700 900982", "reason": ""])
            #expect(leaky.status == .unprocessableEntity, "personal data left in the text is refused")
            let padded = try await moderator.post(
                moderatePath,
                form: [
                    "decision": "approve", "published_text": published + String(repeating: " More.", count: 2_000),
                    "reason": "",
                ])
            #expect(padded.status == .unprocessableEntity, "no more than a person may submit")
            #expect(padded.body.contains("Keep the text to publish to 10,000 characters or fewer: it is 12,0"))
            let approved = try await moderator.post(
                moderatePath, form: ["decision": "approve", "published_text": published, "reason": ""])
            #expect(approved.status == .seeOther)

            let stories = try await person.get("/stories")
            #expect(stories.body.contains("waited four hours in the corridor"))
            #expect(!stories.body.contains("07700"))
            #expect(!stories.body.contains("sam.person@example.org"))
            #expect(!stories.body.contains("Patel"))

            // 3. A complaints handler replies from the queue.
            let handler = try await app.signedInBrowser(.complaintsHandler)
            #expect(try await handler.get("/staff/replies").body.contains(item.reference))
            let feedbackPath = "/staff/feedback/\(item.id!.uuidString.lowercased())"
            let reply = try await handler.post(
                feedbackPath + "/reply",
                form: ["body": "We are sorry you waited so long. We are looking at how we tell people about waits."],
                tokenFrom: feedbackPath)
            #expect(reply.status == .seeOther)
            let withReply = try await person.get("/stories")
            #expect(withReply.body.contains("We are sorry you waited so long"))
            #expect(withReply.body.contains("Complaints handler, Riverside Test Trust"))
            #expect(!(try await handler.get("/staff/replies").body.contains("href=\"\(feedbackPath)\"")))

            // 4. An engagement officer raises an action from the story, updates it, and marks it done.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let officerID = try #require(
                try await User.query(on: app.db).filter(\.$role == .engagementOfficer).first()?.id)
            let newAction = try await officer.get("/staff/actions/new?feedback=\(item.id!.uuidString)")
            #expect(newAction.body.contains(item.reference))
            let created = try await officer.post(
                "/staff/actions/new",
                form: [
                    "feedback[]": item.id!.uuidString,
                    "you_said": "People said nobody told them how long the wait would be.",
                    "title": "Show waiting times on a screen in the emergency department",
                    "organisation_id": service.$organisation.id.uuidString, "place_id": place.id!.uuidString,
                    "service_id": service.id!.uuidString, "owner_id": officerID.uuidString, "due_on": "2027-03-31",
                ], tokenFrom: "/staff/actions/new?feedback=\(item.id!.uuidString)")
            #expect(created.status == .seeOther)
            let actionPath = try #require(created.location)
            let emptyDone = try await officer.post(
                actionPath + "/update", form: ["status": "done", "note": ""], tokenFrom: actionPath)
            #expect(emptyDone.status == .unprocessableEntity, "done needs a note saying what was done")
            #expect(
                try await officer.post(
                    actionPath + "/update", form: ["status": "in_progress", "note": "Screen ordered."],
                    tokenFrom: actionPath
                ).status == .seeOther)
            #expect(
                try await officer.post(
                    actionPath + "/update",
                    form: [
                        "status": "done", "note": "A screen now shows the expected wait, updated every 15 minutes.",
                    ],
                    tokenFrom: actionPath
                ).status == .seeOther)

            // 5. The person is told, through a real SMTP server.
            let mail = try await smtp.waitForMessage(containing: [
                "sam.person@example.org", "Show waiting times on a screen",
            ])
            let message = try #require(mail, "the we-did notice reached the SMTP server")
            #expect(message.contains("A screen now shows the expected wait"))
            #expect(message.contains(item.reference))
            let replyMail = try await smtp.waitForMessage(containing: [
                "sam.person@example.org", "We are sorry you waited so long",
            ])
            #expect(replyMail != nil, "the reply was e-mailed because the person asked for one")
            // The server has the mail a moment before the outbox row is marked sent. Three e-mails: the receipt
            // when they shared it (they asked for a reply), the reply, and what was done.
            var sentCount = 0
            for _ in 0..<50 {
                sentCount = try await Notice.query(on: app.db).filter(\.$status == .sent).count()
                if sentCount == 3 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(sentCount == 3)
            let receipt = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "feedback_receipt").first())
            #expect(receipt.toAddress == "sam.person@example.org" && receipt.body.contains(item.reference))
            // Each e-mail links to the page it speaks of, on the site's public address.
            let publicURL = HeardApplication.configuration(of: app.app).publicURL
            let weDid = try #require(try await Notice.query(on: app.db).filter(\.$kind == "we_did").first())
            #expect(weDid.body.contains("page: \(publicURL)/you-said-we-did"), "\(weDid.body)")
            #expect(weDid.body.contains("What people told us: "))
            let replyNotice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "reply").first())
            #expect(replyNotice.body.contains("\(publicURL)/stories/\(item.reference)"), "\(replyNotice.body)")

            // 6. The public page and the figures show the loop closed.
            let ysywd = try await person.get("/you-said-we-did/places/\(place.slug)")
            #expect(ysywd.status == .ok)
            #expect(ysywd.body.contains("Show waiting times on a screen in the emergency department"))
            #expect(ysywd.body.contains("A screen now shows the expected wait"))
            let loop = try await person.get("/api/v1/loop-closure?place=\(place.slug)")
            let figures = try JSONDecoder().decode(LoopFigures.self, from: Data(loop.body.utf8))
            #expect(figures.needingAnswer == 1)
            #expect(figures.replyRate == 1)
            #expect(figures.actionRate == 1)
            #expect(figures.actionsClosed == 1)
            let days = try #require(figures.medianDaysToWeDid)
            #expect(figures.medianDaysToReply != nil)
            #expect((days * 10).rounded() == days * 10, "days to a tenth, not 4.000000000005519")

            // Every step is in the audit log.
            let actions = try await AuditEvent.query(on: app.db).all().map(\.action)
            for expected in ["feedback.approve", "feedback.replied", "action.created", "action.updated"] {
                #expect(actions.contains(expected), "\(expected) audited")
            }
        }
    }

    struct LoopFigures: Decodable {
        var needingAnswer: Int
        var replyRate: Double?
        var actionRate: Double?
        var actionsClosed: Int
        var medianDaysToReply: Double?
        var medianDaysToWeDid: Double?

        enum CodingKeys: String, CodingKey {
            case needingAnswer = "needing_answer"
            case replyRate = "reply_rate"
            case actionRate = "action_rate"
            case actionsClosed = "actions_closed"
            case medianDaysToReply = "median_days_to_reply"
            case medianDaysToWeDid = "median_days_to_we_did"
        }
    }
}

/// Small, named reference data for tests.
enum Fixtures {
    static func service(on db: any Database) async throws -> (Service, Place) {
        let organisation = Organisation(name: "Riverside Test Trust", kind: .trust)
        try await organisation.create(on: db)
        let place = Place(name: "Calderdale", slug: "calderdale")
        try await place.create(on: db)
        let service = Service(
            name: "Emergency department", summary: "", organisationID: organisation.id!, placeID: place.id!)
        try await service.create(on: db)
        return (service, place)
    }

    /// An action for `organisationID` (and a service and place, if given), due in 30 days, answering `answers`.
    /// Done or not possible gets `outcome` and a closing time now.
    @discardableResult
    static func action(
        _ title: String, youSaid: String, organisationID: UUID, serviceID: UUID? = nil, placeID: UUID? = nil,
        status: ActionStatus = .planned, outcome: String = "", answers feedback: [UUID] = [], on db: any Database
    ) async throws -> ActionItem {
        let action = ActionItem()
        action.title = title
        action.youSaid = youSaid
        action.$organisation.id = organisationID
        action.$service.id = serviceID
        action.$place.id = placeID
        action.dueOn = Date().addingTimeInterval(30 * 86400)
        action.status = status
        action.outcome = outcome
        action.closedAt = status.isClosed ? Date() : nil
        try await action.create(on: db)
        for id in feedback { try await ActionFeedbackLink(actionID: action.id!, feedbackID: id).create(on: db) }
        return action
    }
}
