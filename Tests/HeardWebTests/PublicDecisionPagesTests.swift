import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing
import Vapor

@testable import HeardWeb

extension PublicPagesTests {
    static func initiative(_ title: String, in app: TestApp) async throws -> Initiative {
        try #require(try await Initiative.query(on: app.db).filter(\.$title == title).first(), "no \(title)")
    }

    @Test(
        "a consultation lists its events still to come and says how to get a paper or easy read copy",
        arguments: TestDatabase.all)
    func consultationWaysToRespond(_ database: TestDatabase) async throws {
        try await TestApp.run(
            on: database,
            configure: {
                $0.seedDemoData = true
                $0.contact = SiteContact(name: "NHS Calder ICB", email: "engagement@calder.example")
            }
        ) { app in
            let stroke = try await Self.initiative("Stroke rehabilitation at home", in: app)
            let consultation = try #require(
                try await Consultation.query(on: app.db).filter(\.$initiative.$id == stroke.id!).first())
            let path = "/consultations/\(consultation.id!.uuidString.lowercased())"
            let before = try await app.browser().get(path).body
            #expect(before.contains("no events are booked at the moment"))

            let place = try #require(try await Place.query(on: app.db).first())
            let today = DecisionClock.system.today()
            try await InvolvementActivity(
                initiativeID: stroke.id, placeID: place.id!, kind: .publicEvent,
                title: "Drop-in about stroke care at home", heldOn: today.adding(days: 10),
                venue: "Dewsbury town hall", stepFree: true, hearingLoop: true, attendees: 0
            ).save(on: app.db)
            try await InvolvementActivity(
                initiativeID: stroke.id, placeID: place.id!, kind: .stall, title: "Last week's stall",
                heldOn: today.adding(days: -7), venue: "Market", attendees: 30
            ).save(on: app.db)

            let page = try await app.browser().get(path).body
            #expect(page.contains("Ways to respond"))
            #expect(page.contains("Events coming up"))
            #expect(page.contains(today.adding(days: 10).ukText + ": Drop-in about stroke care at home"))
            #expect(page.contains("Dewsbury town hall"))
            #expect(page.contains("Access: step-free, hearing loop."))
            #expect(!page.contains("Last week&#39;s stall") && !page.contains("Last week's stall"))
            #expect(page.contains("a paper copy by e-mailing <a href=\"mailto:engagement@calder.example"))
            #expect(page.contains("an easy read copy by e-mailing"))
            #expect(page.contains("href=\"#respond\""))
            #expect(page.contains("ask NHS Calder ICB for a paper copy"), "a proper name stays as given")
        }
    }

    @Test("the default contact reads as part of a sentence")
    func contactInSentence() {
        #expect(SiteContact.default.nameInSentence == "the engagement team")
        #expect(SiteContact(name: "NHS Calder ICB", email: "a@b.example").nameInSentence == "NHS Calder ICB")
    }

    @Test("the involvement trail is in date order around the consultation's opening", arguments: TestDatabase.all)
    func trailInDateOrder(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(EventsToRespondTests.today)
            let (consultation, place) = try await EventsToRespondTests.openConsultation(on: app.db)
            for (title, days) in [
                ("Later drop-in", -3), ("Workshop before it opened", -20), ("Opening-day stall", -10),
            ] {
                try await EventsToRespondTests.event(
                    title, days: days, attendees: 12, consultation: consultation, place: place, on: app.db)
            }
            let page = try await app.browser().get(
                "/initiatives/\(consultation.$initiative.id.uuidString.lowercased())")
            #expect(page.status == .ok)
            let trail = try #require(page.body.range(of: "Involvement trail")).upperBound
            let order = [
                "Workshop before it opened", ": consultation opened", "Opening-day stall", "Later drop-in",
            ].map { page.body.range(of: $0, range: trail..<page.body.endIndex)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil }, "every step is on the trail")
            let found = order.compactMap { $0 }
            #expect(found == found.sorted(), "in date order")

            // What people were told: what changed, and what could not change and why.
            for (name, kind, reason) in [
                ("Travel and access", ThemeResponseKind.proposalChanged, "A shuttle bus will run from the station."),
                ("Opening hours", .notAccepted, "We cannot staff evenings safely yet."),
                ("Parking", nil, ""),
            ] {
                try await ConsultationTheme(
                    consultationID: consultation.id!, name: name, summary: "s", mentions: 9, sentiment: 3, quote: "q",
                    responseKind: kind, responseReason: reason
                ).create(on: app.db)
            }
            let answered = try await app.browser().get(
                "/initiatives/\(consultation.$initiative.id.uuidString.lowercased())"
            ).body
            #expect(answered.contains("What changed:"))
            #expect(answered.contains("<li>Travel and access: A shuttle bus will run from the station.</li>"))
            #expect(answered.contains("What we could not change, and why:"))
            #expect(answered.contains("<li>Opening hours: We cannot staff evenings safely yet.</li>"))
            #expect(!answered.contains("Parking:"), "a theme not yet answered is not listed")
        }
    }

    @Test(
        "initiative pages tell what is to come in the future tense and count in good English",
        arguments: TestDatabase.all)
    func initiativeWording(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let visitor = app.browser()
            let today = DecisionClock.system.today()

            let planned = try await Self.initiative("Self-referral to talking therapies online", in: app)
            let plannedPage = try await visitor.get("/initiatives/\(planned.id!.uuidString.lowercased())").body
            #expect(plannedPage.contains("Coming up"))
            #expect(plannedPage.contains(today.adding(days: 21).ukText + ": Design workshop"))
            #expect(plannedPage.contains("The first is booked for " + today.adding(days: 21).ukText))
            #expect(!plannedPage.contains("Nothing to show yet."))
            #expect(plannedPage.contains("To be decided by"))
            #expect(!plannedPage.contains("Not named"))

            let overnight = try await Self.initiative("Overnight hours at the urgent treatment centre", in: app)
            let overnightPage = try await visitor.get("/initiatives/\(overnight.id!.uuidString.lowercased())").body
            #expect(overnightPage.contains(today.adding(days: 14).ukText + ": consultation opens"))
            #expect(!overnightPage.contains("consultation opened"))
            #expect(overnightPage.contains("That is 12 weeks before the consultation opens"))

            let single = try #require(
                try await Initiative.query(on: app.db).filter(\.$livedExperienceMembers == 1).first())
            let singlePage = try await visitor.get("/initiatives/\(single.id!.uuidString.lowercased())").body
            #expect(singlePage.contains("1 person with lived experience is on the working group."))

            for initiative in try await Initiative.query(on: app.db).all() {
                let page = try await visitor.get("/initiatives/\(initiative.id!.uuidString.lowercased())").body
                #expect(!page.contains(" 1 people") && !page.contains(" 1 responses") && !page.contains(" 1 weeks"))
                let decided =
                    try await Decision.query(on: app.db).filter(\.$initiative.$id == initiative.id!)
                    .filter(\.$status == "approved").count() > 0
                #expect(page.contains(decided ? "Decided by" : "To be decided by"), "\(initiative.title)")
            }
        }
    }

    @Test(
        "how early people were involved counts UK days: an idea recorded at 00:30 BST was recorded that day",
        arguments: TestDatabase.all)
    func daysAfterTheIdeaInUKDays(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2027, month: 6, day: 20))
            let (_, place) = try await Fixtures.service(on: app.db)
            let initiative = Initiative(
                title: "Late-night idea", what: "Longer opening.", why: "People asked.", affectsServices: false,
                substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
            try await initiative.create(on: app.db)
            // 00:30 BST on 10 June 2027 is 23:30 UTC on 9 June.
            initiative.createdAt = DecisionClock.startOfUKDay(SimpleDate(year: 2027, month: 6, day: 10))
                .addingTimeInterval(30 * 60)
            try await initiative.save(on: app.db)
            try await InvolvementActivity(
                initiativeID: initiative.id, placeID: place.id!, kind: .publicEvent, title: "a drop-in",
                heldOn: SimpleDate(year: 2027, month: 6, day: 10), venue: "Library", attendees: 12
            ).save(on: app.db)
            let page = try await app.browser().get("/initiatives/\(initiative.id!.uuidString.lowercased())").body
            #expect(
                page.contains(
                    "People were first involved on 10 June 2027, at a drop-in, 0 days after the idea was recorded."))
        }
    }

    @Test("counts agree with their nouns")
    func counts() {
        #expect(Wording.count(1, "action") == "1 action")
        #expect(Wording.count(3, "action") == "3 actions")
        #expect(Wording.count(1, "person", "people") == "1 person")
        #expect(Wording.count(0, "person", "people") == "0 people")
        #expect(Wording.count(20_000, "person", "people") == "20,000 people")
        #expect(Wording.withArticle("administrator") == "an administrator")
        #expect(Wording.withArticle("moderator") == "a moderator")
    }
}

extension PublicPagesTests {
    @Test(
        "outcome pages stack the theme table on a phone, leave room for chart numbers and word groups as the form does",
        arguments: TestDatabase.all)
    func outcomePage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let published = try await Consultation.query(on: app.db).filter(\.$analysisPublishedAt != nil).all()
            #expect(!published.isEmpty)
            var sawRepresentation = false
            for consultation in published {
                let page = try await app.browser().get(
                    "/consultations/\(consultation.id!.uuidString.lowercased())/outcome"
                ).body
                guard page.contains("Each theme and our response") else { continue }
                #expect(page.contains("class=\"table table-stack\""))
                #expect(page.contains("data-label=\"What people said\""))
                #expect(page.contains("data-label=\"Our response\""))
                for code in [">0-14<", ">75+<", ">female<", ">male<", ">15-24<"] {
                    #expect(!page.contains(code), "\(code) on the outcome of \(consultation.title)")
                }
                if page.contains("Who we heard from compared") {
                    sawRepresentation = true
                    #expect(page.contains(">Under 15<") && page.contains(">75 or over<") && page.contains(">Female<"))
                }
            }
            #expect(sawRepresentation, "the demo's outcomes include a representation table")
            let css = try await app.browser().get("/css/heard.css").body
            #expect(css.contains(".table-stack td[data-label]::before"))
        }
    }

    @Test("the answers chart leaves room for the longest bar's number and draws text at 16px")
    func answersChart() throws {
        let svg = AnalysisViews.chartSVG([
            ("Strongly agree", 123_456), ("Agree", 7), ("A very long answer that goes on and on", 0),
        ])
        let width = AnalysisViews.chartWidth
        #expect(svg.contains("viewBox=\"0 0 \(width) "))
        var rest = Substring(svg)
        var numbers = 0
        while let range = rest.range(of: "<text x=\"") {
            rest = rest[range.upperBound...]
            let x = try #require(Int(rest.prefix { $0.isNumber }))
            let text = rest[try #require(rest.range(of: ">")).upperBound...].prefix { $0 != "<" }
            if text.allSatisfy(\.isNumber) {
                numbers += 1
                // Digits are at most 0.6 of the text size wide in Arial.
                #expect(Double(x) + Double(text.count) * 0.6 * Double(AnalysisViews.chartTextSize) <= Double(width))
            }
        }
        #expect(numbers == 3)
        #expect(svg.contains("class=\"chart-text\""))
        #expect(AnalysisViews.chartTextSize >= 16)
        #expect(svg.contains("A very long answer that goes on a…"))
    }
}

extension PublicPagesTests {
    @Test(
        "a decision's public record says when the consultation ran, when its analysis was published and when it was approved",
        arguments: TestDatabase.all)
    func recordShowsTheOrder(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let approved = try await Decision.query(on: app.db).filter(\.$status == "approved").all()
            let secretary = try await app.signedInBrowser(.boardSecretary)
            var checked = 0
            for decision in approved {
                guard
                    let consultation = try await Consultation.query(on: app.db)
                        .filter(\.$initiative.$id == decision.$initiative.id).first(),
                    let published = consultation.analysisPublishedAt, let approvedAt = decision.approvedAt
                else { continue }
                let page = try await app.browser().get("/decisions/\(decision.id!.uuidString.lowercased())").body
                let lastDay = consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)) ?? consultation.closes
                #expect(page.contains("<dt>Consultation</dt>"))
                #expect(
                    page.contains(": open from \(consultation.opens.ukText) to \(lastDay.ukText)"),
                    "\(decision.title)")
                #expect(
                    page.contains(
                        "<dt>What people said, published</dt><dd>\(DecisionClock.ukDay(of: published).ukText)</dd>"))
                #expect(page.contains("<dt>Approved</dt><dd>\(DecisionClock.ukDay(of: approvedAt).ukText)</dd>"))
                // The staff paper, once approved, shows the same record.
                let paper = try await secretary.get(
                    "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
                ).body
                #expect(paper.contains(": open from \(consultation.opens.ukText) to \(lastDay.ukText)"))
                #expect(paper.contains("<dt>Members present</dt>") && paper.contains(decision.outcome))
                checked += 1
            }
            #expect(checked > 0, "the demo has an approved decision after a consultation")
        }
    }
}

extension PublicPagesTests {
    @Test(
        "the outcome report names each question answered in people's own words, with how many answered it",
        arguments: TestDatabase.all)
    func ownWordsQuestions(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            var checked = 0
            for consultation in try await Consultation.query(on: app.db).filter(\.$analysisPublishedAt != nil).all() {
                let questions = try await SurveyQuestion.query(on: app.db)
                    .filter(\.$consultation.$id == consultation.id!).all().filter { $0.kind == .freeText }
                guard !questions.isEmpty else { continue }
                // Three people answer the first such question in words.
                for response in try await SurveyResponse.query(on: app.db)
                    .filter(\.$consultation.$id == consultation.id!).limit(3).all()
                {
                    var answers = response.answerMap
                    answers[questions[0].id!.uuidString] = "Somewhere I can reach by bus."
                    response.answers = SurveyResponse.encode(answers)
                    try await response.save(on: app.db)
                }
                let responses = try await SurveyResponse.query(on: app.db)
                    .filter(\.$consultation.$id == consultation.id!).all()
                let path = "/consultations/\(consultation.id!.uuidString.lowercased())/outcome"
                let page = try await app.browser().get(path).body
                let csv = try await app.browser().get(path + ".csv").body
                for question in questions {
                    let answered = responses.filter {
                        !($0.answerMap[question.id!.uuidString] ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                    }.count
                    let people = answered == 1 ? "1 person" : "\(answered) people"
                    #expect(page.contains("<h3>\(question.text)</h3>"), "\(question.text)")
                    #expect(
                        page.contains(
                            answered == 0 ? "Nobody answered this question." : "\(people) answered in their own words."),
                        "\(question.text)")
                    #expect(csv.contains("question,\(question.text),answered in their own words,\(answered),,,\r\n"))
                    checked += answered
                }
                // Groups are named in the file as on the page, not by census code.
                #expect(!csv.contains("representation,Age,0-14"))
            }
            #expect(checked >= 3, "the demo has a published consultation with a question asked for words")
        }
    }
}
