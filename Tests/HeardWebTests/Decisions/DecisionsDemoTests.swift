import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing
import Vapor

@Suite("Decisions: demo content and every page")
struct DecisionsDemoTests {
    @Test(
        "the demo has an initiative at every stage, a refused approval in the audit log and a place going quiet",
        arguments: TestDatabase.all)
    func demoContent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let stages = Set(try await Initiative.query(on: app.db).all().map(\.stage))
            #expect(stages == Set(InitiativeStage.allCases))
            let refused = try await AuditEvent.query(on: app.db).filter(\.$action == "decision.approval_refused").all()
            #expect(
                refused.contains {
                    $0.summary.lowercased().contains("stroke") && $0.summary.contains("G4") && $0.summary.contains("G1")
                })
            #expect(try await Decision.query(on: app.db).filter(\.$status == "approved").count() == 3)
            #expect(try await PopulationFigure.query(on: app.db).count() > 100)

            let admin = try await app.signedInBrowser(.administrator)
            let cadence = try await admin.get("/staff/activities")
            #expect(cadence.status == .ok)
            let wakefieldRow = try #require(cadence.body.range(of: "<th scope=\"row\">Wakefield</th>"))
            #expect(cadence.body[wakefieldRow.upperBound...].prefix(400).contains("Going quiet"))

            // The eye clinic's consultation has closed: the paper lists what the engine found in the responses
            // beside the recorded themes, so a theme nobody recorded is visible before approval (G4).
            let eye = try #require(
                try await Initiative.query(on: app.db).all().first { $0.title.lowercased().contains("eye clinic") })
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let eyePaper = try await secretary.get("/staff/initiatives/\(eye.id!.uuidString.lowercased())/decision")
            #expect(eyePaper.status == .ok)
            #expect(eyePaper.body.contains("What the listening engine found in the responses"))
            #expect(eyePaper.body.contains(" responses</li>") || eyePaper.body.contains(" response</li>"))

            // Decided changes are part of "You said, we did": everywhere, and on the page of the place they cover.
            let visitor = app.browser()
            let everywhere = try await visitor.get("/you-said-we-did")
            #expect(everywhere.body.contains("Decisions made after listening"))
            #expect(everywhere.body.contains("Decision: Midwife-led birth centre"))
            let leeds = try await visitor.get("/you-said-we-did/places/leeds")
            #expect(leeds.body.contains("Decision: Midwife-led birth centre"))
            #expect(!leeds.body.contains("Decision: Mental health crisis café"), "that change is in Bradford")
            let decisions = try await visitor.get("/decisions")
            #expect(decisions.body.components(separatedBy: "href=\"/decisions/").count - 1 == 3)
        }
    }

    @Test("every decisions page of the demo opens, for staff and for the public")
    func everyPageOpens() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let admin = try await app.signedInBrowser(.administrator)
            let visitor = app.browser()
            var staffPaths = ["/staff/initiatives", "/staff/initiatives/new", "/staff/activities", "/staff/decisions"]
            var publicPaths = ["/consultations", "/api/v1/decisions"]
            for initiative in try await Initiative.query(on: app.db).all() {
                let id = initiative.id!.uuidString.lowercased()
                staffPaths += [
                    "/staff/initiatives/\(id)", "/staff/initiatives/\(id)/eia", "/staff/initiatives/\(id)/decision",
                    "/staff/initiatives/\(id)/edit", "/staff/initiatives/\(id)/consultation",
                ]
                publicPaths.append("/initiatives/\(id)")
                if try await EqualityAssessment.query(on: app.db).filter(\.$initiative.$id == initiative.id!).count()
                    > 0
                {
                    publicPaths.append("/initiatives/\(id)/equality-impact-assessment")
                }
            }
            for consultation in try await Consultation.query(on: app.db).all() {
                let id = consultation.id!.uuidString.lowercased()
                staffPaths += ["/staff/consultations/\(id)", "/staff/consultations/\(id)/paper"]
                publicPaths.append("/consultations/\(id)")
                if consultation.analysisPublishedAt != nil {
                    publicPaths += ["/consultations/\(id)/outcome", "/consultations/\(id)/outcome.csv"]
                }
            }
            for activity in try await InvolvementActivity.query(on: app.db).all() {
                staffPaths.append("/staff/activities/\(activity.id!.uuidString.lowercased())")
                staffPaths.append("/staff/activities/\(activity.id!.uuidString.lowercased())/edit")
            }
            for decision in try await Decision.query(on: app.db).filter(\.$status == "approved").all() {
                publicPaths.append("/decisions/\(decision.id!.uuidString.lowercased())")
            }
            for path in staffPaths {
                let page = try await admin.get(path)
                // Once a consultation has opened, its set-up page leads to the consultation instead.
                let expected: Set<HTTPResponseStatus> = path.hasSuffix("/consultation") ? [.ok, .seeOther] : [.ok]
                #expect(expected.contains(page.status), "\(path)")
                #expect(!page.body.contains("style="), "\(path)")
            }
            for path in publicPaths {
                #expect(try await visitor.get(path).status == .ok, "\(path)")
            }
            // A proposed decision has no public record yet.
            let proposed = try #require(try await Decision.query(on: app.db).filter(\.$status == "proposed").first())
            #expect(try await visitor.get("/decisions/\(proposed.id!.uuidString.lowercased())").status == .notFound)
        }
    }

    @Test("bad input is refused with a clear message and nothing accepted is lost")
    func badInput() async throws {
        try await TestApp.run(on: .sqlite, configure: { $0.seedDemoData = true }) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            // A consultation on an initiative that is already decided.
            let decided = try #require(
                try await Initiative.query(on: app.db).filter(\.$stage == .implementation).first())
            let existing = try await Consultation.query(on: app.db).filter(\.$initiative.$id == decided.id!).count()
            #expect(existing == 1)
            let idea = try #require(try await Initiative.query(on: app.db).filter(\.$stage == .idea).first())
            idea.stage = .decision
            try await idea.save(on: app.db)
            let path = "/staff/initiatives/\(idea.id!.uuidString.lowercased())/consultation"
            let page = try await officer.post(
                path,
                form: ["title": "Late", "opens_on": "2027-01-01", "closes_on": "2027-04-01", "formats[]": "online"])
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("already decided"))
            #expect(try await Consultation.query(on: app.db).filter(\.$initiative.$id == idea.id!).count() == 0)

            // A survey with no questions cannot be answered.
            let open = try #require(
                try await Consultation.query(on: app.db).all().first { $0.title == "Stroke rehabilitation at home" })
            try await SurveyQuestion.query(on: app.db).filter(\.$consultation.$id == open.id!).delete()
            let publicPath = "/consultations/\(open.id!.uuidString.lowercased())"
            let before = try await SurveyResponse.query(on: app.db).filter(\.$consultation.$id == open.id!).count()
            let empty = try await app.browser().post(
                publicPath + "/respond", form: ["submission_key": "k1"], tokenFrom: "/sign-in")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("no questions"))
            #expect(
                try await SurveyResponse.query(on: app.db).filter(\.$consultation.$id == open.id!).count() == before)

            // A decision that needs a consultation but has none is refused, naming the duty to involve.
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let planned = try #require(
                try await Initiative.query(on: app.db).filter(\.$stage == .involvementPlanned).first())
            let decision = Decision(
                initiativeID: planned.id!, title: "Too early", meeting: "Board",
                meetingOn: SimpleDate(year: 2027, month: 1, day: 1),
                membersPresent: "Chair", declarations: "", outcome: "Yes", quorate: true)
            try await decision.create(on: app.db)
            let refused = try await secretary.post(
                "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve", form: [:],
                tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Duty to involve"))
            let api = try await app.browser().postJSON(
                "/api/v1/decisions/\(decision.id!.uuidString)/approve", json: "{}")
            #expect(api.status == .unauthorized)
            #expect(api.body.contains("\"field\""))
        }
    }
}

@Suite("Decisions: population figures")
struct PopulationFiguresTests {
    @Test(
        "administrators load a place's figures from CSV; bad lines and unknown places are refused",
        arguments: TestDatabase.all)
    func load(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            try await Place(name: "Leeds", slug: "leeds").create(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let bad = try await admin.post(
                "/staff/population",
                form: [
                    "source": "Our survey",
                    "csv": "place,characteristic,category,percent\nAtlantis,sex,female,50\nLeeds,sex,male,lots",
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("Line 3"))
            #expect(try await PopulationFigure.query(on: app.db).count() == 0)
            let good = try await admin.post(
                "/staff/population",
                form: [
                    "source": "Leeds City Council estimates 2025",
                    "csv":
                        "place,characteristic,category,percent\nLeeds,sex,female,51.2\nLeeds,sex,male,48.8\nLeeds,disability,Disabled under the Equality Act,18",
                ])
            #expect(good.status == .seeOther)
            let figures = try await PopulationFigure.query(on: app.db).all()
            #expect(figures.count == 4)  // the "Not disabled" complement is added
            #expect(figures.contains { $0.category == "Not disabled" && abs($0.percent - 82) < 0.001 })
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "population.loaded").count() == 1)
        }
    }
}

@Suite("Decisions: question glossary")
struct GlossaryTests {
    @Test("a local glossary term is flagged by the checker on the consultation checklist", arguments: TestDatabase.all)
    func localTerm(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database, configure: { $0.seedDemoData = true }) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(
                try await officer.post("/staff/glossary", form: ["term": "hub", "plain_words": "health centre"]).status
                    == .seeOther)
            let duplicate = try await officer.post("/staff/glossary", form: ["term": "Hub", "plain_words": "x"])
            #expect(duplicate.status == .unprocessableEntity)
            let forthcoming = try #require(
                try await Consultation.query(on: app.db).all().first { $0.title == "Stroke rehabilitation at home" })
            try await SurveyResponse.query(on: app.db).filter(\.$consultation.$id == forthcoming.id!).delete()
            let path = "/staff/consultations/\(forthcoming.id!.uuidString.lowercased())"
            #expect(
                try await officer.post(
                    path + "/questions",
                    form: ["text": "Would you use the new hub?", "kind": "free_text", "choices": ""],
                    tokenFrom: path
                ).status == .seeOther)
            let page = try await officer.get(path)
            #expect(
                page.body.contains("Say &quot;health centre&quot; instead")
                    || page.body.contains("Say \"health centre\" instead"))
            let entry = try #require(try await GlossaryTerm.query(on: app.db).first())
            #expect(
                try await officer.post(
                    "/staff/glossary/\(entry.id!.uuidString.lowercased())/delete", form: [:],
                    tokenFrom: "/staff/glossary"
                ).status == .seeOther)
            #expect(try await GlossaryTerm.query(on: app.db).count() == 0)
        }
    }
}
