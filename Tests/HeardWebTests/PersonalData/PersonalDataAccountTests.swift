import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Someone with an involvement account asks for a copy of what Heard holds on them, then for it to be erased:
/// everything that hangs on the account is found, copied and erased or kept as the rules say.
@Suite("Requests about personal data: accounts")
struct PersonalDataAccountTests {
    @Test(
        "an account's invitations, ideas, memberships, declarations and claims are found, copied and erased or kept",
        arguments: TestDatabase.all)
    func accountRecords(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (_, place) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let (email, password) = try await app.createUser(.involvedPerson, email: "Farah.Begum@example.org")
            let farah = try #require(
                try await User.query(on: app.db).filter(\.$email == "farah.begum@example.org").first())
            farah.displayName = "Farah Begum"
            try await farah.update(on: app.db)
            // Signed in, so there is a last sign-in and a session the erasure must end.
            let herBrowser = app.browser()
            #expect(try await herBrowser.signIn(email: email, password: password).status == .seeOther)

            let workshop = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Stroke workshop",
                heldOn: SimpleDate(year: 2027, month: 3, day: 15), venue: "Library", attendees: 0)
            try await workshop.create(on: app.db)
            let panel = InvolvementActivity(
                initiativeID: nil, placeID: place.id!, kind: .workshop, title: "Panel meeting",
                heldOn: SimpleDate(year: 2026, month: 11, day: 2), venue: "Town hall", attendees: 8)
            try await panel.create(on: app.db)
            let needing = Invitation(activityID: workshop.id!, userID: farah.id!)
            needing.status = .accepted
            needing.accessNeeds = "A hearing loop; I use a wheelchair."
            try await needing.create(on: app.db)
            let came = Invitation(activityID: panel.id!, userID: farah.id!)
            came.status = .accepted
            try await came.create(on: app.db)
            let guest = Invitation(
                activityID: workshop.id!, guestName: "Farah B", guestEmail: "farah.begum@example.org",
                guestContact: "After 5pm", replyTokenHash: "hash-1")
            try await guest.create(on: app.db)
            let claim = ExpenseClaim(
                id: UUID(), invitationID: came.id!, userID: farah.id!, claim: ExpenseRules.Claim(lines: []))
            try await claim.create(on: app.db)

            let initiative = Initiative(
                title: "Evening clinics", what: "Clinics after work", why: "People work", affectsServices: true,
                substantialVariation: false, decisionBody: "Calderdale Place Committee", targetDate: nil)
            try await initiative.create(on: app.db)
            let waiting = Idea(
                authorID: farah.id!, title: "A carers' café", details: "Somewhere carers can meet, says Farah Begum.",
                creditName: "Farah Begum", creditPublicly: true)
            try await waiting.create(on: app.db)
            let taken = Idea(
                authorID: farah.id!, title: "Clinics in the evening", details: "Farah Begum works days.",
                creditName: "Farah, Leeds carers' group", creditPublicly: true)
            taken.status = .takenForward
            taken.$initiative.id = initiative.id
            try await taken.create(on: app.db)

            let board = Board(name: "Patient and Carer Panel", purpose: "Advises the place committee.")
            try await board.create(on: app.db)
            let member = BoardMember(
                boardID: board.id!, name: "Farah Begum", role: "Carer representative", votes: false,
                livedExperience: true, appointedOn: SimpleDate(year: 2026, month: 1, day: 5))
            member.$account.id = farah.id
            try await member.create(on: app.db)
            try await InterestDeclaration(
                memberID: member.id!, kind: .personal, details: "Volunteer at Leeds Carers",
                declaredOn: SimpleDate(year: 2026, month: 1, day: 5), endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            try await InterestDeclaration(
                memberID: member.id!, kind: .none, details: "",
                declaredOn: SimpleDate(year: 2026, month: 6, day: 1), endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            let sent = Notice(
                to: "farah.begum@example.org", subject: "Your idea", body: "Dear Farah", kind: "idea_answer")
            sent.status = .sent
            try await sent.create(on: app.db)

            var page = try await admin.get("/staff/personal-data?email=FARAH.BEGUM@example.org")
            let summary =
                "1 account, 1 board or panel membership, 2 declarations of interests, 2 ideas, 3 invitations, 1 expense claim and 1 e-mail"
            #expect(page.body.contains("Found: " + summary), "\(page.body)")
            #expect(page.body.contains("Kept. The register of interests is a public record"))
            #expect(page.body.contains("Answers kept. It was taken forward into an initiative"))
            #expect(page.body.contains("What they need to take part is erased."))
            #expect(page.body.contains("Switched off and its e-mail address erased. The name stays"))
            #expect(page.body.contains("/staff/personal-data/erase"), "there is something to erase")

            let copy = try await admin.get("/staff/personal-data/copy.json?email=farah.begum@example.org")
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(copy.body.utf8)) as? [String: Any])
            let accounts = try #require(document["accounts"] as? [[String: String]])
            #expect(accounts.count == 1)
            #expect(accounts.first?["name"] == "Farah Begum" && accounts.first?["email"] == "farah.begum@example.org")
            #expect(accounts.first?["role"] == Role.involvedPerson.title && accounts.first?["last_signed_in"] != "")
            let memberships = try #require(document["board_memberships"] as? [[String: String]])
            #expect(memberships.map { $0["board"] } == ["Patient and Carer Panel"])
            #expect(memberships.first?["lived_experience"] == "yes")
            let declarations = try #require(document["declarations_of_interests"] as? [[String: String]])
            #expect(declarations.compactMap { $0["details"] } == ["Volunteer at Leeds Carers", ""])
            let ideas = try #require(document["ideas"] as? [[String: String]])
            #expect(Set(ideas.compactMap { $0["title"] }) == ["A carers' café", "Clinics in the evening"])
            #expect(ideas.contains { $0["became"] == "Evening clinics" })
            let invitations = try #require(document["invitations"] as? [[String: String]])
            #expect(invitations.count == 3)
            #expect(invitations.contains { $0["what_you_need_to_take_part"] == "A hearing loop; I use a wheelchair." })
            #expect(invitations.filter { $0["with_your_account"] == "yes" }.count == 2)
            #expect((document["expense_claims"] as? [Any])?.count == 1)
            #expect((document["emails"] as? [Any])?.count == 1)
            // The summary counts exactly what the copy holds.
            let counted = [
                ("account", accounts.count), ("board or panel membership", memberships.count),
                ("declarations of interests", declarations.count), ("ideas", ideas.count),
                ("invitations", invitations.count), ("expense claim", 1), ("e-mail", 1),
            ]
            for (words, count) in counted { #expect(summary.contains("\(count) \(words)")) }
            #expect((document["feedback"] as? [Any])?.isEmpty == true)

            let erased = try await admin.post(
                "/staff/personal-data/erase",
                form: [
                    "email": "farah.begum@example.org",
                    "reason": "Asked by letter on 3 December 2026; identity checked.",
                    "confirm": "yes",
                ], tokenFrom: "/staff/personal-data?email=farah.begum@example.org")
            #expect(erased.status == .seeOther)
            let told = try await admin.get(try #require(erased.location)).body
            #expect(
                told.contains(
                    "Erased: 1 account (switched off, e-mail address erased), 1 idea, what they need to take part, from 1 invitation, 1 invitation and 1 e-mail."
                ), "\(told)")
            #expect(told.contains("The name on 1 account kept with its expense claims, which are finance records"))
            #expect(
                told.contains(
                    "1 board or panel membership and 2 declarations of interests kept, as the register of interests is a public record"
                ))
            #expect(told.contains("1 idea taken forward kept, with the name for the credit removed"))

            let account = try #require(try await User.find(farah.id, on: app.db))
            #expect(!account.isActive && account.passwordHash.isEmpty && account.lastSignInAt == nil)
            #expect(account.email.hasSuffix("@erased.invalid") && account.displayName == "Farah Begum")
            #expect(account.sessionEpoch == farah.sessionEpoch + 1)
            #expect(try await app.browser().signIn(email: email, password: password).status != .seeOther)
            #expect(try await Invitation.find(guest.id, on: app.db) == nil, "a guest's invitation goes whole")
            let keptNeeding = try #require(try await Invitation.find(needing.id, on: app.db))
            #expect(keptNeeding.accessNeeds == "" && keptNeeding.status == .accepted)
            let gone = try #require(try await Idea.find(waiting.id, on: app.db))
            #expect(gone.title == ErasureRules.erasedText && gone.details == "" && gone.creditName == "")
            let kept = try #require(try await Idea.find(taken.id, on: app.db))
            #expect(kept.creditName == "" && !kept.creditPublicly && kept.title == "Clinics in the evening")
            #expect(!kept.details.contains("Farah"), "\(kept.details)")
            #expect(try await BoardMember.find(member.id, on: app.db)?.name == "Farah Begum")
            #expect(try await InterestDeclaration.query(on: app.db).count() == 2)
            #expect(try await ExpenseClaim.find(claim.id, on: app.db) != nil)
            #expect(try await Notice.find(sent.id, on: app.db)?.toAddress == "[erased]")
            let audit = try #require(
                try await AuditEvent.query(on: app.db).filter(\.$action == "personal_data.erased").first())
            #expect(audit.summary.hasPrefix("Erased at the person's request: 1 accounts (switched off), 1 ideas, "))
            #expect(!audit.summary.lowercased().contains("farah.begum@"))

            // Searched again, nothing is left under the address.
            page = try await admin.get("/staff/personal-data?email=farah.begum@example.org")
            #expect(page.body.contains("Found: nothing"))
        }
    }

    @Test(
        "without expense claims the account's name goes too; a staff account is kept for the Users page",
        arguments: TestDatabase.all)
    func accountNames(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let admin = try await app.signedInBrowser(.administrator)
            try await app.createUser(.involvedPerson, email: "sam@example.org")
            try await app.createUser(.moderator, email: "mod@example.org")
            func erase(_ email: String) async throws -> String {
                let response = try await admin.post(
                    "/staff/personal-data/erase",
                    form: ["email": email, "reason": "Asked by phone on 3 December 2026.", "confirm": "yes"],
                    tokenFrom: "/staff/personal-data?email=\(email)")
                return try await admin.get(try #require(response.location)).body
            }
            #expect(
                try await erase("sam@example.org").contains(
                    "Erased: 1 account (switched off, name and e-mail address erased)."))
            let sam = try #require(try await User.query(on: app.db).filter(\.$role == .involvedPerson).first())
            #expect(sam.displayName == ErasureRules.erasedText && !sam.isActive)

            let staff = try await admin.get("/staff/personal-data?email=mod@example.org").body
            #expect(staff.contains("Found: 1 account"))
            #expect(staff.contains("Kept. It is a staff account: it is closed on the Users page"))
            #expect(staff.contains("There is nothing more to erase"))
            let moderator = try #require(try await User.query(on: app.db).filter(\.$role == .moderator).first())
            #expect(moderator.isActive && moderator.email == "mod@example.org")

            // A board member without an account is found by the address the declaration forms go to; kept.
            let board = Board(name: "Quality Committee", purpose: "Assures the quality of services.")
            try await board.create(on: app.db)
            let member = BoardMember(
                boardID: board.id!, name: "Pat Jones", role: "Lay member", votes: true, livedExperience: false,
                appointedOn: SimpleDate(year: 2026, month: 2, day: 1))
            member.email = "pat@example.org"
            try await member.create(on: app.db)
            try await InterestDeclaration(
                memberID: member.id!, kind: .financial, details: "Shares in a care home company",
                declaredOn: SimpleDate(year: 2026, month: 2, day: 1), endedOn: nil, recordedByID: nil
            ).create(on: app.db)
            let pat = try await admin.get("/staff/personal-data?email=Pat@example.org").body
            #expect(pat.contains("Found: 1 board or panel membership and 1 declaration of interests"))
            #expect(pat.contains("There is nothing more to erase"))
            let copy = try await admin.get("/staff/personal-data/copy.json?email=pat@example.org").body
            #expect(copy.contains("\"details\" : \"Shares in a care home company\""))
            #expect(copy.contains("\"email\" : \"pat@example.org\""))
        }
    }
}
