import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The dashboard's link to what people who answered poor or very poor wrote opens a list of exactly the answers
/// its figure counts: every status but rejected.
@Suite("The poor-answers link")
struct PoorAnswersLinkTests {
    /// Sends feedback through the API; returns its id.
    static func send(_ app: TestApp, serviceID: String, rating: String, text: String?) async throws -> UUID {
        let words = text.map { #""text": "\#($0)", "# } ?? ""
        let created = try await app.browser().postJSON(
            "/api/v1/feedback",
            json:
                #"{\#(words)"fft_rating": "\#(rating)", "consent_to_publish": true, "contact_email": "someone@example.com", "service_id": "\#(serviceID)"}"#
        )
        #expect(created.status == .created, "\(created.body)")
        struct Created: Decodable { var id: UUID }
        return try JSONDecoder().decode(Created.self, from: Data(created.body.utf8)).id
    }

    /// The poor or very poor answers the places download counts, summed over its rows.
    static func figure(_ csv: String) throws -> Int {
        let rows = csv.replacingOccurrences(of: "\u{FEFF}", with: "").split(separator: "\r\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let column = try #require(rows.first?.firstIndex(of: "fft_poor_or_very_poor"))
        return rows.dropFirst().compactMap { Int($0[column]) }.reduce(0, +)
    }

    @Test(
        "the list behind the link holds exactly the poor answers the figure counts, of every status but rejected",
        arguments: TestDatabase.all)
    func listMatchesFigure(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString
            let moderator = try await app.signedInBrowser(.moderator)
            func decide(_ item: UUID, _ form: [String: String]) async throws {
                let path = SiteURLPaths.moderate(item)
                let decided = try await moderator.post(path, form: form, tokenFrom: path)
                #expect(decided.status == .seeOther, "\(form): \(decided.body)")
            }
            let waiting = try await Self.send(app, serviceID: id, rating: "poor", text: "Waited four hours")
            let published = try await Self.send(app, serviceID: id, rating: "very poor", text: "Nobody came")
            try await decide(published, ["decision": "approve", "published_text": "Nobody came", "reason": ""])
            let withdrawn = try await Self.send(app, serviceID: id, rating: "poor", text: "Cold food")
            try await decide(withdrawn, ["decision": "approve", "published_text": "Cold food", "reason": ""])
            let withdrawPath = SiteURLPaths.moderate(withdrawn) + "/withdraw"
            let withdrew = try await moderator.post(
                withdrawPath, form: ["withdrawal_reason": "Consent withdrawn by phone"],
                tokenFrom: SiteURLPaths.moderate(withdrawn))
            #expect(withdrew.status == .seeOther)
            let escalated = try await Self.send(app, serviceID: id, rating: "very poor", text: "Rude to my mother")
            try await decide(
                escalated,
                [
                    "decision": "escalate", "reason": "A complaint about attitude", "published_text": "x",
                    "contact_email": "someone@example.com",
                ])
            let rejected = try await Self.send(app, serviceID: id, rating: "very poor", text: "Buy cheap phones")
            try await decide(rejected, ["decision": "reject", "reason": "Spam: an advert", "published_text": "x"])
            // An answer with no words: counted, and not among what people wrote.
            let wordless = try await Self.send(app, serviceID: id, rating: "very poor", text: nil)
            _ = try await Self.send(app, serviceID: id, rating: "very good", text: "Lovely staff")

            let items = try await FeedbackItem.query(on: app.db).all()
            let statuses = Dictionary(uniqueKeysWithValues: items.map { ($0.id!, $0.status) })
            #expect(statuses[waiting] == .awaitingModeration && statuses[published] == .published)
            #expect(statuses[withdrawn] == .withdrawn && statuses[escalated] == .escalated)
            #expect(statuses[rejected] == .rejected && statuses[wordless] == .approvedPrivate)

            let officer = try await app.signedInBrowser(.engagementOfficer)
            let figure = try Self.figure(try await officer.get("/staff/dashboard/places.csv").body)
            #expect(figure == 5, "every poor answer but the rejected one")
            let firstDay = FeedbackDashboard.figuresFirstDay(today: app.app.decisionClock.today()).iso
            let link = "/staff/feedback?from=\(firstDay)&answer=poor-or-very-poor&words=with&status=not-rejected"
            #expect(try await officer.get("/staff").body.contains(DashboardFilterTests.escaped(link)))
            let list = try await officer.get(link).body
            #expect(list.contains("<p>\(figure - 1) items</p>"), "the figure's answers with words")
            #expect(list.contains("Statuses shown: every status but rejected."))
            #expect(list.contains("<option value=\"not-rejected\" selected>"))
            let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id!, $0.reference) })
            for shown in [waiting, published, withdrawn, escalated] {
                #expect(list.contains(byID[shown]!), "\(statuses[shown]!)")
            }
            #expect(!list.contains(byID[rejected]!) && !list.contains(byID[wordless]!))
            // Without the words filter, the list is the figure itself.
            let everyAnswer = try await officer.get(link.replacingOccurrences(of: "&words=with", with: "")).body
            #expect(everyAnswer.contains("<p>\(figure) items</p>"))

            // Each status alone, and any status, say what they show.
            let rejectedOnly = try await officer.get("/staff/feedback?status=rejected").body
            #expect(rejectedOnly.contains("<p>1 item</p>") && rejectedOnly.contains("Statuses shown: Rejected only."))
            let all = try await officer.get("/staff/feedback").body
            #expect(all.contains("<p>7 items</p>") && all.contains("Statuses shown: every status."))
            let unknown = try await officer.get("/staff/feedback?status=hidden").body
            #expect(unknown.contains("<p>0 items</p>") && !unknown.contains("Statuses shown"))
        }
    }
}
