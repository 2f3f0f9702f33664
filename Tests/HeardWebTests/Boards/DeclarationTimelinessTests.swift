import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Interests declared within 28 days of beginning or ending, and interests that ended recently, at a meeting.
@Suite("Boards: declaring changes within 28 days")
struct DeclarationTimelinessTests {
    static let today = SimpleDate(year: 2026, month: 11, day: 20)

    @Test(
        "an interest declared, or its end recorded, more than 28 days late is flagged on the register and in the digest",
        arguments: TestDatabase.all)
    func lateDeclarationsFlagged(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await BoardFixtures.qualityCommitteeWithGP(
                appointedOn: "2026-01-05", secretary: secretary, on: app.db)
            let declare = seated.memberPath + "/declarations"
            // Bad start dates are refused, field by field, what was typed kept.
            let future = try await secretary.post(
                declare,
                form: [
                    "kind": "financial", "details": "Shares in Leeds Care Ltd", "declared_on": "2026-11-20",
                    "held_from": "2026-11-21",
                ], tokenFrom: seated.memberPath)
            #expect(future.status == .unprocessableEntity)
            #expect(future.body.contains("The day it began cannot be in the future"))
            #expect(future.body.contains("2026-11-21"))
            let afterEnd = try await secretary.post(
                declare,
                form: [
                    "kind": "financial", "details": "Shares in Leeds Care Ltd", "declared_on": "2026-11-20",
                    "held_from": "2026-10-02", "ended_on": "2026-10-01",
                ], tokenFrom: seated.memberPath)
            #expect(afterEnd.status == .unprocessableEntity)
            #expect(afterEnd.body.contains("It cannot begin after it ended (1 October 2026)"))
            let nilReturn = try await secretary.post(
                declare, form: ["kind": "none", "declared_on": "2026-11-20", "held_from": "2026-10-02"],
                tokenFrom: seated.memberPath)
            #expect(nilReturn.status == .unprocessableEntity)
            #expect(nilReturn.body.contains("A nil return has no start date"))
            let notADate = try await secretary.post(
                declare,
                form: [
                    "kind": "financial", "details": "Shares", "declared_on": "2026-11-20", "held_from": "2026-02-30",
                ], tokenFrom: seated.memberPath)
            #expect(notADate.status == .unprocessableEntity)
            #expect(notADate.body.contains("\"2026-02-30\" is not a real date"))
            #expect(try await InterestDeclaration.query(on: app.db).count() == 0)

            // In time: began 1 February, declared 20 February. Late: began 1 September, declared 20 November.
            for (details, heldFrom, declared) in [
                ("Trustee, Leeds Hospitals Charity", "2026-02-01", "2026-02-20"),
                ("Shares in Leeds Care Ltd", "2026-09-01", "2026-11-20"),
            ] {
                let recorded = try await secretary.post(
                    declare,
                    form: ["kind": "financial", "details": details, "declared_on": declared, "held_from": heldFrom],
                    tokenFrom: seated.memberPath)
                #expect(recorded.status == .seeOther)
            }
            let stored = try #require(
                try await InterestDeclaration.query(on: app.db).filter(\.$details == "Shares in Leeds Care Ltd").first()
            )
            #expect(stored.heldFrom == "2026-09-01")
            var page = try await secretary.get(seated.memberPath).body
            #expect(page.contains("Declared late (80 days after it began)"))
            #expect(page.contains("1 September 2026"), "the register shows when it began")
            #expect(!page.contains("End recorded late"))

            // The trustee role ended on 1 October; the end is recorded on 20 November, 50 days on.
            let trustee = try #require(
                try await InterestDeclaration.query(on: app.db).filter(\.$details == "Trustee, Leeds Hospitals Charity")
                    .first())
            let field = "ended_on-" + trustee.id!.uuidString.lowercased()
            let ended = try await secretary.post(
                seated.memberPath + "/declarations/\(trustee.id!.uuidString.lowercased())/end",
                form: [field: "2026-10-01"], tokenFrom: seated.memberPath)
            #expect(ended.status == .seeOther)
            #expect(try await InterestDeclaration.find(trustee.id, on: app.db)?.endRecordedOn == "2026-11-20")
            page = try await secretary.get(seated.memberPath).body
            #expect(page.contains("End recorded late (50 days after it ended)"))
            #expect(
                try await secretary.get(seated.boardPath).body.contains(
                    "2 changes declared late in the last 12 months"))
            #expect(
                !(try await app.browser().get("/boards/\(seated.board.id!.uuidString.lowercased())").body.contains(
                    "declared late")), "the flag is for the secretary, not the public register")

            // Monday's list for secretaries names both.
            _ = try await Reminders.send(today: SimpleDate(year: 2026, month: 11, day: 23), siteURL: "", on: app.db)
            let digest = try #require(
                try await Notice.query(on: app.db).filter(\.$kind == "reminder_register").first())
            #expect(digest.subject.hasSuffix(", 2 declared late"), "\(digest.subject)")
            #expect(
                digest.body.contains(
                    "- Dr Amir Khan (Quality Committee): Shares in Leeds Care Ltd: declared late (80 days after it began)"
                ))
            #expect(
                digest.body.contains(
                    "- Dr Amir Khan (Quality Committee): Trustee, Leeds Hospitals Charity: end recorded late (50 days after it ended)"
                ))
            #expect(!digest.body.contains("Trustee, Leeds Hospitals Charity: declared late"), "declared in time")
            // A week on, nothing new is late and nobody is due: no list, so each lateness is listed once.
            _ = try await Reminders.send(today: SimpleDate(year: 2026, month: 11, day: 30), siteURL: "", on: app.db)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "reminder_register").count() == 1)
        }
    }

    @Test(
        "the secretary's dashboard counts changes declared late in the last 12 months, linking to the boards list",
        arguments: TestDatabase.all)
    func lateDeclarationsOnTheDashboard(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let seated = try await BoardFixtures.qualityCommitteeWithGP(
                appointedOn: "2024-06-03", secretary: secretary, on: app.db)
            var dashboard = try await secretary.get("/staff").body
            #expect(dashboard.contains("<strong>0</strong> changes to interests declared late in the last 12 months"))
            func declare(
                _ details: String, heldFrom: String, declaredOn: String, endRecordedOn: String? = nil
            )
                async throws
            {
                let declaration = InterestDeclaration(
                    memberID: seated.member.id!, kind: .financial, details: details,
                    declaredOn: SimpleDate(iso: declaredOn)!, endedOn: nil, recordedByID: nil,
                    heldFrom: SimpleDate(iso: heldFrom)!)
                if let endRecordedOn {
                    declaration.endedOn = "2025-10-01"
                    declaration.endRecordedOn = endRecordedOn
                }
                try await declaration.create(on: app.db)
            }
            // Late, 2 months ago: counted. Late, but 13 months ago: not. In time: not.
            try await declare("Shares in Leeds Care Ltd", heldFrom: "2026-07-01", declaredOn: "2026-09-20")
            try await declare("Director, Aire Clinics", heldFrom: "2025-06-01", declaredOn: "2025-10-20")
            try await declare("Trustee, Leeds Hospitals Charity", heldFrom: "2026-02-01", declaredOn: "2026-02-20")
            // Declared late long ago, its end recorded late this year: counted once, as one change late now.
            try await declare(
                "Adviser, Yorkshire Health Ltd", heldFrom: "2024-07-01", declaredOn: "2024-09-01",
                endRecordedOn: "2026-01-15")
            // A member who has left is not on the dashboard, as for overdue declarations.
            let former = BoardMember(
                boardID: seated.board.id!, name: "Jo Former", role: "Lay member", votes: true, livedExperience: false,
                appointedOn: SimpleDate(iso: "2024-06-03")!)
            former.leftOn = "2026-10-01"
            try await former.create(on: app.db)
            try await InterestDeclaration(
                memberID: former.id!, kind: .financial, details: "Shares", declaredOn: SimpleDate(iso: "2026-09-01")!,
                endedOn: nil, recordedByID: nil, heldFrom: SimpleDate(iso: "2026-06-01")!
            ).create(on: app.db)

            dashboard = try await secretary.get("/staff").body
            #expect(
                dashboard.contains(
                    "<a href=\"/staff/boards\"><strong>2</strong> changes to interests declared late in the last 12 months</a>"
                ), "\(dashboard)")
            let boards = try await secretary.get("/staff/boards").body
            #expect(boards.contains("Declared late in the last 12 months"))
            #expect(boards.contains("<strong class=\"tag tag-urgent\">2</strong>"), "\(boards)")
            let boardPage = try await secretary.get(seated.boardPath).body
            #expect(
                boardPage.contains("2 changes declared late in the last 12 months"),
                "the board page counts the same 12 months, not the one 13 months ago")
            // Once the end recorded on 15 January 2026 is a year old, it is no longer counted.
            app.app.decisionClock = .fixed(SimpleDate(year: 2027, month: 1, day: 15))
            dashboard = try await secretary.get("/staff").body
            #expect(dashboard.contains("<strong>1</strong> change to interests declared late in the last 12 months"))
        }
    }

    @Test(
        "an interest declared after the meeting but held on its day is caught by the conflict check",
        arguments: TestDatabase.all)
    func lateDeclaredInterestStillConflicts(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let board = try await BoardQuorumTests.committee(on: app.db)
            let khan = try #require(
                try await BoardMember.query(on: app.db).filter(\.$name == "Dr Amir Khan").first())
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)
            // Held from 1 September, ended 15 November, declared only on 18 November.
            let memberPath =
                "/staff/boards/\(board.id!.uuidString.lowercased())/members/\(khan.id!.uuidString.lowercased())"
            let declared = try await secretary.post(
                memberPath + "/declarations",
                form: [
                    "kind": "financial", "details": "Shares in Leeds Care Ltd", "declared_on": "2026-11-18",
                    "held_from": "2026-09-01", "ended_on": "2026-11-15",
                ], tokenFrom: memberPath)
            #expect(declared.status == .seeOther)
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            let refused = try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions")
            #expect(refused.status == .conflict)
            #expect(
                refused.body.contains(
                    "Dr Amir Khan (Leeds Place Committee) has declared financial: Shares in Leeds Care Ltd"))
            #expect(try await Decision.find(decision.id, on: app.db)?.isApproved == false)
        }
    }

    @Test(
        "interests of members present that ended in the 6 months before the meeting are shown, without refusing",
        arguments: TestDatabase.all)
    func recentlyEndedInterestsShown(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            _ = try await BoardQuorumTests.committee(on: app.db)
            let khan = try #require(
                try await BoardMember.query(on: app.db).filter(\.$name == "Dr Amir Khan").first())
            try await InterestDeclaration(
                memberID: khan.id!, kind: .financial, details: "GP partner, Chapeltown Surgery",
                declaredOn: SimpleDate(year: 2026, month: 2, day: 1), endedOn: SimpleDate(year: 2026, month: 8, day: 1),
                recordedByID: nil
            ).create(on: app.db)
            // Ended more than 6 months before the meeting: not shown.
            try await InterestDeclaration(
                memberID: khan.id!, kind: .personal, details: "Trustee, Leeds Hospitals Charity",
                declaredOn: SimpleDate(year: 2026, month: 1, day: 10),
                endedOn: SimpleDate(year: 2026, month: 4, day: 1), recordedByID: nil
            ).create(on: app.db)
            let decision = try await BoardsTests.decisionReadyForApproval(
                meetingOn: SimpleDate(year: 2026, month: 11, day: 10), membersPresent: "Dr Khan; Sarah Whitaker",
                on: app.db)
            let paper = try await secretary.get(
                "/staff/initiatives/\(decision.$initiative.id.uuidString.lowercased())/decision")
            #expect(paper.body.contains("Recently ended interests to consider: "))
            #expect(
                paper.body.contains(
                    "Dr Amir Khan (Leeds Place Committee): financial: GP partner, Chapeltown Surgery (ended 1 August 2026)"
                ))
            #expect(!paper.body.contains("Trustee, Leeds Hospitals Charity"))
            let approve = "/staff/decisions/\(decision.id!.uuidString.lowercased())/approve"
            #expect(
                try await secretary.post(approve, form: [:], tokenFrom: "/staff/decisions").status == .seeOther,
                "a warning, not a refusal")
        }
    }
}
