import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Publishing a consultation's analysis e-mails everyone who left contact details: the e-mail promises only what
/// the report holds, the confirmation says whether the e-mails can go yet, and the officer who published can read
/// them in the outbox.
@Suite("Consultation outcome e-mails")
struct OutcomeNoticeTests {
    /// The demo's eye clinic consultation: closed, two themes recorded, neither answered yet.
    static func eyeClinic(_ app: TestApp) async throws -> (Consultation, String) {
        let consultation = try #require(
            try await Consultation.query(on: app.db).filter(\.$title == "Moving the eye clinic").first())
        return (consultation, "/staff/consultations/\(consultation.id!.uuidString.lowercased())")
    }

    @Test(
        "with themes still unanswered and no mail relay, the e-mail says so and the officer is told they wait in the outbox",
        arguments: TestDatabase.all)
    func unansweredThemesNoRelay(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let (consultation, path) = try await Self.eyeClinic(app)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let published = try await officer.post(
                path + "/publish", form: ["outcome_summary": "Most people liked the parking at Ripon Road."],
                tokenFrom: path)
            #expect(published.status == .seeOther)
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "consultation_outcome").all()
            #expect(notices.count == 5)
            let body = try #require(notices.first?.body)
            #expect(!body.contains("including what we are doing about each thing"), "\(body)")
            #expect(body.contains("what people told us, and what we are doing about each thing so far"))
            #expect(body.contains("We have not yet decided what to do about the things people raised."))
            #expect(body.contains("/consultations/\(consultation.id!.uuidString.lowercased())/outcome"))

            let page = try await officer.get(path)
            #expect(
                page.body.contains(
                    "The outcome e-mails to 5 people who left contact details are queued in the outbox: no mail relay is set up yet, so they will be sent when e-mail is set up."
                ))
            #expect(!page.body.contains("will be sent the outcome"))
            // The officer who published can read what was written, from the consultation's page.
            #expect(page.body.contains("href=\"/staff/notices?kind=consultation_outcome\""))
            let outbox = try await officer.get("/staff/notices?kind=consultation_outcome")
            #expect(outbox.status == .ok)
            #expect(outbox.body.contains(notices[0].toAddress))
            #expect(outbox.body.contains("No mail relay is set"))
        }
    }

    @Test(
        "once every theme has a response the e-mail says so, and with a mail relay the e-mails will be sent",
        arguments: TestDatabase.all)
    func answeredThemesWithRelay(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: {
                $0.seedDemoData = true
                $0.smtp = SMTPSettings(host: "127.0.0.1", port: 2525)
            }
        ) { app in
            let (consultation, path) = try await Self.eyeClinic(app)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let themes = try await ConsultationTheme.query(on: app.db).filter(\.$consultation.$id == consultation.id!)
                .all()
            #expect(themes.count == 2)
            // One answered: the e-mail would still have to say one is undecided.
            #expect(
                OutcomeWording.body(themes: themes, answering: 1).contains(
                    "We have not yet decided what to do about 1 of the 2 things people raised."))
            for theme in themes {
                #expect(
                    try await officer.post(
                        path + "/themes/\(theme.id!.uuidString.lowercased())",
                        form: ["response_kind": "accepted", "response_reason": "We will run a shuttle bus."],
                        tokenFrom: path
                    ).status == .seeOther)
            }
            #expect(
                try await officer.post(
                    path + "/publish", form: ["outcome_summary": "Most people liked the parking at Ripon Road."],
                    tokenFrom: path
                ).status == .seeOther)
            let notice = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "consultation_outcome").first())
            #expect(notice.body.contains("including what we are doing about each thing people raised"))
            #expect(!notice.body.contains("not yet decided"))
            let page = try await officer.get(path)
            #expect(
                page.body.contains("Analysis published. 5 people who left contact details will be sent the outcome."))
        }
    }
}

/// The e-mail's wording for a set of themes of which only some are answered, without publishing.
enum OutcomeWording {
    static func body(themes: [ConsultationTheme], answering count: Int) -> String {
        let copies = themes.enumerated().map { index, theme in
            let copy = ConsultationTheme()
            copy.name = theme.name
            copy.responseKind = index < count ? .accepted : nil
            return copy
        }
        return ConsultationsController.outcomeNoticeBody(
            title: "Moving the eye clinic", summary: "Parking.", link: "https://example.org/outcome", themes: copies)
    }
}
