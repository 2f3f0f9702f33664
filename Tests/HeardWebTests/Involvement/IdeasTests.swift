import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Ideas from involved people: answered, credited, followed")
struct IdeasTests {
    @Test(
        "a panel member puts forward ideas; staff answer them; the person sees the answer and is credited",
        arguments: TestDatabase.all)
    func ideaJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let author = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())

            // Bad input: every field named, what was typed kept, nothing saved.
            let refused = try await member.post(
                "/me/ideas", form: ["title": " ", "details": "Too short", "credit_name": ""], tokenFrom: "/me")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Give your idea a short title"))
            #expect(refused.body.contains("at least 20 characters"))
            #expect(refused.body.contains("Enter the name you would like to be credited with"))
            #expect(refused.body.contains("Too short"))
            #expect(try await Idea.query(on: app.db).count() == 0)
            let huge = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Longer visiting hours", "details": String(repeating: "Visiting!!", count: 900),
                    "credit_name": String(repeating: "F", count: 101),
                ], tokenFrom: "/me")
            #expect(huge.status == .unprocessableEntity)
            #expect(huge.body.contains("Keep the details to 3,000 characters or fewer: it is 9,000 now."))
            #expect(huge.body.contains("Keep the name to 100 characters or fewer: it is 101 now."))
            #expect(try await Idea.query(on: app.db).count() == 0)

            let first = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Late-night pharmacy after urgent care",
                    "details": "Nowhere is open to get medicines after urgent care at night.",
                    "credit_name": "Farah Begum", "credit_publicly": "yes",
                ], tokenFrom: "/me")
            #expect(first.status == .seeOther)
            let second = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Free parking for carers",
                    "details": "Carers visiting every day pay too much to park at the hospital.",
                    "credit_name": "Farah B.",
                ], tokenFrom: "/me")
            #expect(second.status == .seeOther)
            // The same idea sent again (a double tap, the back button) is not a second idea.
            let again = try await member.post(
                "/me/ideas",
                form: [
                    "title": "free parking for carers",
                    "details": "Carers visiting every day pay too much to park at the hospital.",
                    "credit_name": "Farah B.",
                ], tokenFrom: "/me")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.contains("You have already put forward this idea, \"Free parking for carers\""))
            #expect(try await Idea.query(on: app.db).count() == 2)
            var mine = try await member.get("/me")
            #expect(mine.body.contains("Late-night pharmacy after urgent care"))
            #expect(mine.body.contains("Waiting for a response"))
            #expect(try await member.get("/staff/ideas").status == .forbidden)
            #expect(try await officer.get("/staff").body.contains("<strong>2</strong> ideas waiting for a response"))

            // Staff: the list, then answers the rules refuse.
            let list = try await officer.get("/staff/ideas?status=submitted")
            #expect(list.status == .ok)
            #expect(list.body.contains("Free parking for carers"))
            let pharmacy = try #require(
                try await Idea.query(on: app.db).filter(\.$title == "Late-night pharmacy after urgent care").first())
            let parking = try #require(
                try await Idea.query(on: app.db).filter(\.$title == "Free parking for carers").first())
            let pharmacyPath = "/staff/ideas/\(pharmacy.id!.uuidString.lowercased())"
            let noInitiative = try await officer.post(
                pharmacyPath, form: ["status": "taken_forward", "response": ""], tokenFrom: pharmacyPath)
            #expect(noInitiative.status == .unprocessableEntity)
            #expect(noInitiative.body.contains("Write the response the person will read"))
            #expect(noInitiative.body.contains("Choose the initiative the idea became"))
            #expect(try await Idea.find(pharmacy.id, on: app.db)?.status == .submitted)

            let initiative = Initiative(
                title: "Community pharmacy late opening", what: "Two pharmacies open until 10pm", why: "Urgent care",
                affectsServices: true, substantialVariation: false, decisionBody: "Leeds Place Committee",
                targetDate: nil)
            try await initiative.create(on: app.db)
            // A change already decided cannot take an idea forward: the person would be credited on a decision
            // their idea played no part in.
            let decided = Initiative(
                title: "Patient transport eligibility", what: "New rules", why: "Fairness", affectsServices: true,
                substantialVariation: false, decisionBody: "ICB board", targetDate: nil, stage: .review)
            try await decided.create(on: app.db)
            #expect(!(try await officer.get(pharmacyPath).body.contains(decided.id!.uuidString)))
            let tooLate = try await officer.post(
                pharmacyPath,
                form: [
                    "status": "taken_forward", "initiative_id": decided.id!.uuidString,
                    "response": "We are including this in the new transport rules.",
                ], tokenFrom: pharmacyPath)
            #expect(tooLate.status == .unprocessableEntity)
            #expect(tooLate.body.contains("Patient transport eligibility is already decided"))
            #expect(try await Idea.find(pharmacy.id, on: app.db)?.status == .submitted)
            let answered = try await officer.post(
                pharmacyPath,
                form: [
                    "status": "taken_forward", "initiative_id": initiative.id!.uuidString,
                    "response":
                        "We are looking at keeping two pharmacies open late; you will be invited to the events.",
                ], tokenFrom: pharmacyPath)
            #expect(answered.status == .seeOther)
            let parkingPath = "/staff/ideas/\(parking.id!.uuidString.lowercased())"
            let curt = try await officer.post(
                parkingPath, form: ["status": "not_taken_forward", "response": "No."], tokenFrom: parkingPath)
            #expect(curt.status == .unprocessableEntity)
            #expect(curt.body.contains("Say why the idea is not being taken forward"))
            let declined = try await officer.post(
                parkingPath,
                form: [
                    "status": "not_taken_forward",
                    "response":
                        "Carers can already get a free weekly permit from the ward; we have asked wards to say so.",
                ], tokenFrom: parkingPath)
            #expect(declined.status == .seeOther)
            #expect(try await officer.get("/staff").body.contains("<strong>0</strong> ideas waiting for a response"))

            // The person reads the answers, by e-mail too, and follows the initiative.
            mine = try await member.get("/me")
            #expect(mine.body.contains("Taken forward"))
            #expect(mine.body.contains("free weekly permit"))
            #expect(mine.body.contains("/initiatives/\(initiative.id!.uuidString.lowercased())"))
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "idea_answer").all()
            #expect(notices.count == 2)
            #expect(notices.allSatisfy { $0.toAddress == author.email })
            #expect(notices.contains { $0.body.contains("Community pharmacy late opening") })
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "idea.answered").count() == 2)

            // Credit: by name on the initiative (staff and public) and the public ideas page, as they chose.
            let staffInitiative = try await officer.get("/staff/initiatives/\(initiative.id!.uuidString.lowercased())")
            #expect(staffInitiative.body.contains("Started from an idea by Farah Begum"))
            let visitor = app.browser()
            let publicInitiative = try await visitor.get("/initiatives/\(initiative.id!.uuidString.lowercased())")
            #expect(publicInitiative.body.contains("This started from an idea put forward by Farah Begum"))
            let published = try await visitor.get("/ideas")
            #expect(published.status == .ok)
            #expect(published.body.contains("Idea from Farah Begum"))
            #expect(!published.body.contains("Free parking"), "only ideas taken forward are public")

            // Someone who asked not to be named publicly is credited as a member of the public.
            let anonymous = Idea(
                authorID: author.id!, title: "Hearing loops at GP reception",
                details: "Many receptions have no hearing loop that works.", creditName: "Farah B.",
                creditPublicly: false)
            anonymous.status = .takenForward
            anonymous.$initiative.id = initiative.id
            anonymous.respondedAt = Date()
            try await anonymous.create(on: app.db)
            let both = try await visitor.get("/initiatives/\(initiative.id!.uuidString.lowercased())")
            #expect(both.body.contains("put forward by Farah Begum, a member of the public"))
            #expect(!(try await visitor.get("/ideas").body.contains("Farah B.")))

            // Long lists are paginated, with the filter kept from page to page.
            for number in 1...55 {
                try await Idea(
                    authorID: author.id!, title: "Idea number \(number)", details: "Details of idea \(number) here.",
                    creditName: "F", creditPublicly: true
                ).create(on: app.db)
            }
            let firstPage = try await officer.get("/staff/ideas?status=submitted")
            #expect(firstPage.body.contains("Page 1 of 2"))
            #expect(firstPage.body.contains("/staff/ideas?status=submitted&amp;page=2"))
            let secondPage = try await officer.get("/staff/ideas?status=submitted&page=2")
            #expect(secondPage.body.components(separatedBy: ">Idea number ").count - 1 == 5, "50 on the first page")
            // A status that names nothing matches nothing and says so, rather than listing every idea.
            let unknown = try await officer.get("/staff/ideas?status=pending")
            #expect(unknown.status == .ok)
            #expect(
                unknown.body.contains("There is no status \"pending\", so nothing matches: choose one from the list."))
            #expect(unknown.body.contains("No ideas match.") && !unknown.body.contains(">Idea number "))
            #expect(!unknown.body.contains("aria-current=\"page\">All<"), "\"All\" is not what is shown")
        }
    }

    @Test(
        "showing the person's name on public pages is opt-in: unticked at first, kept as chosen on a refusal",
        arguments: TestDatabase.all)
    func publicCreditIsOptIn(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let member = try await app.signedInBrowser(.involvedPerson)
            let fresh = try await member.get("/me")
            let box = try #require(fresh.inputTag(id: "field-credit_publicly"))
            #expect(!box.contains("checked"), "unticked by default (data protection by default)")

            let refused = try await member.post(
                "/me/ideas",
                form: ["title": "", "details": "Too short", "credit_name": "Farah", "credit_publicly": "yes"],
                tokenFrom: "/me")
            #expect(refused.status == .unprocessableEntity)
            #expect(
                try #require(refused.inputTag(id: "field-credit_publicly")).contains("checked"),
                "a choice made is kept")

            // Sent as the form starts: the name stays off public pages.
            let sent = try await member.post(
                "/me/ideas",
                form: [
                    "title": "Free parking for carers",
                    "details": "Carers visiting every day pay too much to park at the hospital.",
                    "credit_name": "Farah Begum",
                ], tokenFrom: "/me")
            #expect(sent.status == .seeOther)
            let idea = try #require(try await Idea.query(on: app.db).first())
            #expect(!idea.creditPublicly)
            #expect(idea.publicCredit == "a member of the public")
        }
    }
}
