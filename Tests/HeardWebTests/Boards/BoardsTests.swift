import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Boards, members and the register of interests")
struct BoardsTests {
    @Test(
        "a secretary keeps a board's members and register; the public sees it; a conflict blocks approval",
        arguments: TestDatabase.all)
    func boardJourney(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let clock = TestClock(SimpleDate(year: 2026, month: 11, day: 20))
            app.app.decisionClock = DecisionClock { clock.today }
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            #expect(try await officer.get("/staff/boards").status == .forbidden)

            // A board: a clear refusal for an empty form, nothing saved.
            let empty = try await secretary.post("/staff/boards", form: ["name": " ", "purpose": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("Enter the board&#39;s name") || empty.body.contains("Enter the board's name"))
            #expect(empty.body.contains("what the board decides"))
            #expect(try await Board.query(on: app.db).count() == 0)
            let created = try await secretary.post(
                "/staff/boards",
                form: ["name": "Leeds Place Committee", "purpose": "Decides how NHS money for Leeds is spent."])
            #expect(created.status == .seeOther)
            let board = try #require(try await Board.query(on: app.db).first())
            let duplicate = try await secretary.post(
                "/staff/boards", form: ["name": "leeds place committee", "purpose": "Again"])
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.body.contains("There is already a board called"))
            #expect(duplicate.body.contains("Again"), "what was typed is kept")

            // Members: bad input refused field by field, what was typed kept.
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            let badMember = try await secretary.post(
                boardPath + "/members",
                form: ["name": "Dr Amir Khan", "role": "", "appointed_on": "2026-13-01"], tokenFrom: boardPath)
            #expect(badMember.status == .unprocessableEntity)
            #expect(badMember.body.contains("Enter their role"))
            #expect(badMember.body.contains("Say whether they vote"))
            #expect(badMember.body.contains("\"2026-13-01\" is not a real date"))
            #expect(badMember.body.contains("Dr Amir Khan"))
            let future = try await secretary.post(
                boardPath + "/members",
                form: ["name": "Dr Amir Khan", "role": "GP member", "votes": "yes", "appointed_on": "2026-12-01"],
                tokenFrom: boardPath)
            #expect(future.body.contains("cannot be in the future"))
            #expect(try await BoardMember.query(on: app.db).count() == 0)
            let members: [(String, String, String, String)] = [
                ("Dr Amir Khan", "GP member", "yes", ""), ("Sarah Whitaker", "Director of nursing", "yes", ""),
                ("David Okafor", "Lay member", "yes", ""), ("Tom Brennan", "Director of finance", "yes", ""),
                ("Joanne Shaw", "Chief executive", "yes", ""),
                ("Margaret Ellis", "Patient and carer representative", "no", "yes"),
            ]
            for (name, role, votes, lived) in members {
                let added = try await secretary.post(
                    boardPath + "/members",
                    form: [
                        "name": name, "role": role, "votes": votes, "lived_experience": lived,
                        "appointed_on": "2026-10-01",
                    ], tokenFrom: boardPath)
                #expect(added.status == .seeOther, "\(name)")
            }
            let again = try await secretary.post(
                boardPath + "/members",
                form: ["name": "dr amir khan", "role": "GP", "votes": "yes", "appointed_on": "2026-10-01"],
                tokenFrom: boardPath)
            #expect(again.body.contains("is already a member"))
            var page = try await secretary.get(boardPath)
            #expect(page.body.contains("Only 1 of 6 members has lived experience: fewer than one in five."))
            #expect(page.body.contains("Overdue: nothing declared since appointment"), "28 days after 1 October")
            var dashboard = try await secretary.get("/staff")
            #expect(dashboard.body.contains("<strong>6</strong> members with declarations overdue"))
            #expect(dashboard.body.contains("<strong>1 of 1</strong> boards with a membership notice"))
            #expect(!(try await officer.get("/staff").body.contains("declarations overdue")), "not their work")
            let overduePublic = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(overduePublic.body.contains("Overdue: nothing declared since appointment"), "visible to the public")
            #expect(overduePublic.body.contains("Nothing declared in the last year."))

            // Declarations: an interest needs details; a nil return needs none.
            let khan = try #require(try await BoardMember.query(on: app.db).filter(\.$name == "Dr Amir Khan").first())
            let khanPath = boardPath + "/members/\(khan.id!.uuidString.lowercased())"
            let noDetails = try await secretary.post(
                khanPath + "/declarations", form: ["kind": "financial", "declared_on": "2026-10-05"],
                tokenFrom: khanPath)
            #expect(noDetails.status == .unprocessableEntity)
            #expect(noDetails.body.contains("Describe the interest"))
            let noKind = try await secretary.post(
                khanPath + "/declarations", form: ["details": "x", "declared_on": "2026-11-21"], tokenFrom: khanPath)
            #expect(noKind.body.contains("Choose the kind of interest"))
            #expect(noKind.body.contains("cannot be in the future"))
            let yearsBefore = try await secretary.post(
                khanPath + "/declarations",
                form: ["kind": "financial", "details": "GP partner", "declared_on": "2019-10-05"], tokenFrom: khanPath)
            #expect(yearsBefore.status == .unprocessableEntity)
            let phone = try await secretary.post(
                khanPath + "/declarations",
                form: [
                    "kind": "financial", "details": "Wife works at Acme, 07700 900123", "declared_on": "2026-10-05",
                ], tokenFrom: khanPath)
            #expect(phone.status == .unprocessableEntity)
            #expect(phone.body.contains("This is published, so it must not contain personal data"))
            #expect(yearsBefore.body.contains("was appointed on 1 October 2026: a declaration dated more than 28 days"))
            let contradictory = try await secretary.post(
                khanPath + "/declarations",
                form: ["kind": "none", "details": "Shares in Leeds Pharmacy Ltd", "declared_on": "2026-10-05"],
                tokenFrom: khanPath)
            #expect(contradictory.status == .unprocessableEntity, "what was written is never silently dropped")
            #expect(contradictory.body.contains("A nil return says there is nothing to declare"))
            #expect(contradictory.body.contains("Shares in Leeds Pharmacy Ltd"))
            #expect(try await InterestDeclaration.query(on: app.db).count() == 0)
            let declared = try await secretary.post(
                khanPath + "/declarations",
                form: [
                    "kind": "financial", "details": "GP partner, Chapeltown Surgery", "declared_on": "2026-10-05",
                ], tokenFrom: khanPath)
            #expect(declared.status == .seeOther)
            for name in ["Sarah Whitaker", "David Okafor", "Tom Brennan", "Joanne Shaw", "Margaret Ellis"] {
                let member = try #require(try await BoardMember.query(on: app.db).filter(\.$name == name).first())
                let path = boardPath + "/members/\(member.id!.uuidString.lowercased())"
                let nilReturn = try await secretary.post(
                    path + "/declarations", form: ["kind": "none", "declared_on": "2026-10-05"], tokenFrom: path)
                #expect(nilReturn.status == .seeOther)
            }
            page = try await secretary.get(boardPath)
            #expect(!page.body.contains("Overdue"))
            #expect(page.body.contains("next due by 5 October 2027"))
            dashboard = try await secretary.get("/staff")
            #expect(dashboard.body.contains("<strong>0</strong> members with declarations overdue"))
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "board.interest_declared").count() == 6)

            // The public register: members, composition and interests, no sign-in.
            let visitor = app.browser()
            #expect(try await visitor.get("/").body.contains("/boards"))
            let index = try await visitor.get("/boards")
            #expect(index.status == .ok)
            #expect(index.body.contains("Leeds Place Committee"))
            let register = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(register.status == .ok)
            #expect(register.body.contains("GP partner, Chapeltown Surgery"))
            #expect(register.body.contains("Margaret Ellis"))
            #expect(register.body.contains("No interests to declare"))
            let api = try await visitor.get("/api/v1/boards")
            #expect(api.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as! [String: Any]
            let boards = try #require(json["boards"] as? [[String: Any]])
            #expect(boards.count == 1)
            let composition = try #require(boards[0]["composition"] as? [String: Any])
            #expect(composition["lived_experience"] as? Int == 1)
            #expect(
                composition["notice"] as? String == "Only 1 of 6 members has lived experience: fewer than one in five.")
            let listed = try #require(boards[0]["members"] as? [[String: Any]])
            let khanJSON = try #require(listed.first { $0["name"] as? String == "Dr Amir Khan" })
            #expect(khanJSON["declarations"] as? String == "up_to_date")
            let interests = try #require(khanJSON["interests"] as? [[String: Any]])
            #expect(interests.first?["kind"] as? String == "financial")
            #expect(interests.first?["details"] as? String == "GP partner, Chapeltown Surgery")
            #expect(interests.first?["ended_on"] is NSNull, "null, not missing, as the OpenAPI document says")

            // A decision with Dr Khan present cannot be approved until his interest and the chair's action are minuted.
            let decision = try await Self.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 20),
                membersPresent: "Chair; Dr Khan; Sarah Whitaker; Margaret Ellis", on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Dr Amir Khan (Leeds Place Committee) has declared financial: GP partner"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
            #expect(
                try await secretary.get("/staff/decisions").body.contains("Chapeltown Surgery"),
                "the decisions list says what stands in the way")
            // A misspelt name is never checked against the register, so the paper says it is not recognised.
            let paperPath = "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision"
            #expect(!(try await secretary.get(paperPath).body.contains("Not on any board")))
            decision.membersPresent = "Chair; Dr Khan; Sarah Whitaker; Margaret Ellis; Dr Amir Kahn"
            try await decision.save(on: app.db)
            let flagged = try await secretary.get(paperPath).body
            #expect(flagged.contains("Not on any board") && flagged.contains("member list: Dr Amir Kahn."))
            decision.membersPresent = "Chair; Dr Khan; Sarah Whitaker; Margaret Ellis"
            decision.declarations =
                "Dr Khan: GP partner, Chapeltown Surgery. The chair decided he would leave for the item."
            try await decision.save(on: app.db)
            let approved = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(approved.status == .seeOther)
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == true)
            let approver = try #require(try await User.query(on: app.db).filter(\.$role == .boardSecretary).first())
            #expect(
                try await Decision.find(decision.id, on: app.db)?.approvedBy == approver.displayName,
                "the record names the person, not their e-mail address")
            let record = try await visitor.get("/decisions/\(decision.id!.uuidString.lowercased())")
            #expect(record.status == .ok)
            #expect(
                record.body.contains("href=\"/boards/\(board.id!.uuidString.lowercased())\""),
                "the public record links to the register of the board that met")
            let boardPage = try await visitor.get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(
                boardPage.body.contains("href=\"/decisions/\(decision.id!.uuidString.lowercased())\""),
                "the board's page lists the decisions it took")

            // Leaving: the register is kept; a year on, the annual declarations fall due.
            let leave = try await secretary.post(
                khanPath + "/leave", form: ["left_on": "2026-09-01"], tokenFrom: khanPath)
            #expect(leave.status == .unprocessableEntity)
            #expect(leave.body.contains("before they were appointed"))
            #expect(
                try await secretary.post(khanPath + "/leave", form: ["left_on": "2026-11-20"], tokenFrom: khanPath)
                    .status == .seeOther)
            page = try await secretary.get(boardPath)
            #expect(page.body.contains("Former members"))
            #expect(try await InterestDeclaration.query(on: app.db).filter(\.$member.$id == khan.id!).count() == 1)
            // The public register keeps him, and what he declared, for six months after he left.
            let publicBoard = "/boards/\(board.id!.uuidString.lowercased())"
            var publicRegister = try await visitor.get(publicBoard).body
            #expect(publicRegister.contains("Members who left in the last six months"))
            #expect(publicRegister.contains("Dr Amir Khan (left on 20 November 2026)"))
            #expect(publicRegister.contains("GP partner"))
            let closed = try await secretary.post(
                khanPath + "/declarations", form: ["kind": "none", "declared_on": "2026-11-20"], tokenFrom: khanPath)
            #expect(closed.body.contains("the register is closed"))
            clock.advance(days: 330)  // 16 October 2027
            publicRegister = try await visitor.get(publicBoard).body
            #expect(
                !publicRegister.contains("Dr Amir Khan"), "off the public register more than six months after leaving")
            page = try await secretary.get(boardPath)
            #expect(page.body.contains("Overdue: last declared 5 October 2026"))
            #expect(try await secretary.get("/staff/boards").body.contains("tag-urgent"))
        }
    }

    @Test(
        "a member with a Heard account sees the membership on their own page and declares there",
        arguments: TestDatabase.all)
    func selfDeclaration(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let member = try await app.signedInBrowser(.involvedPerson)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let person = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let boardPath = "/staff/boards/\(board.id!.uuidString.lowercased())"
            #expect(try await secretary.get(boardPath).body.contains(person.email), "accounts are offered")
            let bogus = try await secretary.post(
                boardPath + "/members",
                form: [
                    "name": "Farah Begum", "role": "Panel member", "votes": "yes", "lived_experience": "yes",
                    "appointed_on": "2026-11-01", "account_id": UUID().uuidString,
                ], tokenFrom: boardPath)
            #expect(bogus.status == .unprocessableEntity)
            #expect(bogus.body.contains("Choose an account from the list"))
            let added = try await secretary.post(
                boardPath + "/members",
                form: [
                    "name": "Farah Begum", "role": "Panel member", "votes": "yes", "lived_experience": "yes",
                    "appointed_on": "2026-11-01", "account_id": person.id!.uuidString,
                ], tokenFrom: boardPath)
            #expect(added.status == .seeOther)
            let twice = try await secretary.post(
                boardPath + "/members",
                form: [
                    "name": "F Begum", "role": "Panel member", "votes": "yes", "appointed_on": "2026-11-01",
                    "account_id": person.id!.uuidString,
                ], tokenFrom: boardPath)
            #expect(twice.body.contains("already belongs to a member of this board"))
            let record = try #require(try await BoardMember.query(on: app.db).first())
            #expect(record.$account.id == person.id)

            var mine = try await member.get("/me")
            #expect(mine.body.contains("Boards and panels you sit on"))
            #expect(mine.body.contains("You have not declared anything yet."))
            #expect(mine.body.contains("Patient and Carer Panel"))
            #expect(mine.body.contains("Due on appointment, by 29 November 2026"))
            let id = record.id!.uuidString.lowercased()
            let path = "/me/declarations/\(id)"
            let noKind = try await member.post(path, form: ["details-\(id)": "Trustee"], tokenFrom: "/me")
            #expect(noKind.status == .unprocessableEntity)
            #expect(noKind.body.contains("Choose the kind of interest"))
            #expect(noKind.body.contains("Trustee"), "what was typed is kept")
            #expect(noKind.body.contains("href=\"#field-kind-\(id)\""))
            // A member can record an interest that ended recently, as on the secretary's form.
            #expect(mine.body.contains("name=\"ended_on-\(id)\""))
            let declared = try await member.post(
                path,
                form: [
                    "kind-\(id)": "personal", "details-\(id)": "Volunteer, Leeds sickle cell support group",
                    "ended_on-\(id)": "2026-10-31",
                ],
                tokenFrom: "/me")
            #expect(declared.status == .seeOther)
            let entry = try #require(try await InterestDeclaration.query(on: app.db).first())
            #expect(entry.declaredOn == "2026-11-20", "dated the day it was made")
            #expect(entry.recordedByID == person.id)
            #expect(entry.endedOn == "2026-10-31")
            mine = try await member.get("/me")
            #expect(mine.body.contains("Declared 20 November 2026; next due by 20 November 2027"))
            // Her own page lists what she declared, not only when, so she can see it and when it ended.
            #expect(mine.body.contains("What you have declared"))
            #expect(mine.body.contains("Volunteer, Leeds sickle cell support group"))
            #expect(mine.body.contains("Ended 31 October 2026"))
            let publicPage = try await app.browser().get("/boards/\(board.id!.uuidString.lowercased())")
            #expect(publicPage.body.contains("Volunteer, Leeds sickle cell support group"))
            #expect(
                try await officer.post(path, form: ["kind-\(id)": "none"], tokenFrom: "/me").status == .notFound,
                "nobody declares for someone else from their own page")
        }
    }

    @Test(
        "a member present at the meeting who has left since still has their interest checked at approval",
        arguments: TestDatabase.all)
    func conflictOfMemberWhoLeft(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Leeds Place Committee", purpose: "Decides how NHS money for Leeds is spent.")
            try await board.create(on: app.db)
            let khan = BoardMember(
                boardID: board.id!, name: "Dr Amir Khan", role: "GP member", votes: true, livedExperience: false,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            try await khan.create(on: app.db)
            try await InterestDeclaration(
                memberID: khan.id!, kind: .financial, details: "GP partner, Chapeltown Surgery",
                declaredOn: SimpleDate(year: 2026, month: 1, day: 10), endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            let decision = try await Self.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Chair; Dr Khan", on: app.db)
            // He leaves the board after the meeting, before the approval.
            let memberPath =
                "/staff/boards/\(board.id!.uuidString.lowercased())/members/\(khan.id!.uuidString.lowercased())"
            let left = try await secretary.post(
                memberPath + "/leave", form: ["left_on": "2026-11-15"], tokenFrom: memberPath)
            #expect(left.status == .seeOther)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Dr Amir Khan (Leeds Place Committee) has declared financial: GP partner"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
        }
    }

    /// A decision of the Leeds Place Committee with everything but its declarations in order (no consultation
    /// needed, equality impact assessment signed off), so only the conflict check can refuse it.
    static func decisionReadyForApproval(
        meetingOn: SimpleDate, membersPresent: String, on db: any Database
    ) async throws -> Decision {
        let initiative = Initiative(
            title: "Extended GP hours in Chapeltown", what: "Evening appointments", why: "Demand",
            affectsServices: false, substantialVariation: false, decisionBody: "Leeds Place Committee",
            targetDate: nil, stage: .decision, livedExperienceMembers: 1)
        try await initiative.create(on: db)
        try await EqualityAssessment(
            initiativeID: initiative.id!, whoAffected: "Patients of two practices", entries: [:], status: .signedOff
        ).create(on: db)
        let decision = Decision(
            initiativeID: initiative.id!, title: "Extended hours", meeting: "Leeds Place Committee",
            meetingOn: meetingOn, membersPresent: membersPresent, declarations: "None declared.",
            outcome: "Fund evening appointments", quorate: true)
        try await decision.create(on: db)
        return decision
    }
}

extension BoardsTests {
    @Test("the decision paper lists every reason it cannot be approved yet, not one at a time")
    func everyReasonOnThePaper() async throws {
        try await TestApp.run(on: .sqlite) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let decision = try await Self.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 27), membersPresent: "Chair", on: app.db)
            decision.declarations = ""
            decision.quorate = nil
            try await decision.update(on: app.db)
            let paper = try await secretary.get(
                "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision")
            #expect(paper.body.contains("Not ready, for 3 reasons:"), "\(paper.body)")
            #expect(paper.body.contains("The meeting is on 27 November 2026."))
            #expect(paper.body.contains("Record whether the meeting stayed quorate"))
        }
    }
}

extension BoardsTests {
    @Test(
        "a decision whose members present include none of the board's voting members cannot be approved",
        arguments: TestDatabase.all)
    func noVotingMemberPresent(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(SimpleDate(year: 2026, month: 11, day: 20))
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = Board(name: "Leeds Place Committee", purpose: "Decides how NHS money for Leeds is spent.")
            try await board.create(on: app.db)
            let khan = BoardMember(
                boardID: board.id!, name: "Dr Amir Khan", role: "GP member", votes: true, livedExperience: false,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            try await khan.create(on: app.db)
            try await InterestDeclaration(
                memberID: khan.id!, kind: .none, details: "", declaredOn: SimpleDate(year: 2026, month: 1, day: 10),
                endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            try await BoardMember(
                boardID: board.id!, name: "Gwen Lister", role: "Observer", votes: false, livedExperience: true,
                appointedOn: SimpleDate(year: 2026, month: 1, day: 5)
            ).create(on: app.db)
            let decision = try await Self.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Mickey Mouse; Gwen Lister",
                on: app.db)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("None of the members present is a voting member of Leeds Place Committee"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
            decision.membersPresent = "Mickey Mouse; Dr Khan"
            try await decision.update(on: app.db)
            #expect(try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions").status == .seeOther)
        }
    }
}
