import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// The consultation pack, a board member's details and an idea's answer, each opened in two places: the save
/// from the older form is refused with what was typed kept, never a silent overwrite of a colleague's change.
@Suite("Stale staff forms: the consultation pack, board member details and idea answers")
struct StaleStaffFormTests {
    static let today = SimpleDate(year: 2026, month: 12, day: 5)

    @Test(
        "a reasons change from an older pack form does not undo a background change",
        arguments: TestDatabase.all)
    func consultationPack(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let first = try await app.signedInBrowser(.engagementOfficer)
            let second = try await app.signedInBrowser(.administrator)
            let initiative = try await ConsultationRulesTests.initiative(.optionsDeveloped, on: app.db)
            let path = "/staff/initiatives/\(initiative.id!.uuidString.lowercased())/consultation"
            let setUpVersion = try ConcurrentEditTests.version(try await second.get(path))
            #expect(try await first.post(path, form: ConsultationRulesTests.pack, tokenFrom: path).status == .seeOther)
            let consultation = try #require(try await Consultation.query(on: app.db).first())
            // A set-up form opened before the pack existed does not overwrite the pack set up meanwhile.
            let setUpTwice = try await second.post(
                path,
                form: ConsultationRulesTests.pack.merging([
                    "title": "Rehabilitation at home", EditVersion.fieldName: setUpVersion,
                ]) { $1 }, tokenFrom: path)
            #expect(setUpTwice.status == .conflict)
            #expect(setUpTwice.body.contains("value=\"Rehabilitation at home\""), "what they typed is kept")
            #expect(try await Consultation.query(on: app.db).all().map(\.title) == ["Stroke rehabilitation at home"])

            let firstVersion = try ConcurrentEditTests.version(try await first.get(path))
            let secondVersion = try ConcurrentEditTests.version(try await second.get(path))
            #expect(firstVersion == secondVersion)
            let newBackground = "Rehabilitation happens on the ward now, for six weeks on average."
            let saved = try await first.post(
                path,
                form: ConsultationRulesTests.pack.merging([
                    "background": newBackground, EditVersion.fieldName: firstVersion,
                ]) { $1 }, tokenFrom: path)
            #expect(saved.status == .seeOther)

            // Refused for another reason first: the corrected form must still be seen as opened before the change.
            let secondForm = ConsultationRulesTests.pack.merging([
                "reasons": "People recover better at home, and sooner.", EditVersion.fieldName: secondVersion,
            ]) { $1 }
            let untitled = try await second.post(
                path, form: secondForm.merging(["title": " "]) { $1 }, tokenFrom: path)
            #expect(untitled.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(untitled) == secondVersion)

            let stale = try await second.post(path, form: secondForm, tokenFrom: path)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("changed this consultation pack on"), "\(stale.body)")
            #expect(stale.body.contains("so your changes were not saved"))
            #expect(stale.body.contains("People recover better at home, and sooner."), "what they typed is kept")
            #expect(stale.body.contains("There is a problem"), "said in the error summary")
            let kept = try #require(try await Consultation.find(consultation.id, on: app.db))
            #expect(kept.background == newBackground)
            #expect(kept.reasons == "People recover better at home.")
            let audits = try await AuditEvent.query(on: app.db).filter(\.$action == "consultation.updated").count()
            #expect(audits == 1, "only the first save was recorded")

            // Saved again from the refused form, knowing of the other change, it is kept.
            let again = try await second.post(
                path,
                form: secondForm.merging([
                    "background": newBackground, EditVersion.fieldName: try ConcurrentEditTests.version(stale),
                ]) { $1 }, tokenFrom: path)
            #expect(again.status == .seeOther)
            let both = try #require(try await Consultation.find(consultation.id, on: app.db))
            #expect(both.background == newBackground && both.reasons == "People recover better at home, and sooner.")
        }
    }

    @Test(
        "an appointment date from an older form does not revert the secretary's role change",
        arguments: TestDatabase.all)
    func boardMember(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            app.app.decisionClock = .fixed(Self.today)
            let secretary = try await app.signedInBrowser(.boardSecretary)
            let admin = try await app.signedInBrowser(.administrator)
            let seated = try await BoardFixtures.qualityCommitteeWithGP(
                appointedOn: "2026-10-01", secretary: secretary, on: app.db)
            let path = seated.memberPath
            let secretaryVersion = try ConcurrentEditTests.version(try await secretary.get(path))
            let adminVersion = try ConcurrentEditTests.version(try await admin.get(path))
            #expect(secretaryVersion == adminVersion)
            let details = ["name": "Dr Amir Khan", "role": "GP member", "votes": "yes", "appointed_on": "2026-10-01"]
            let roleChanged = try await secretary.post(
                path, form: details.merging(["role": "Chair", EditVersion.fieldName: secretaryVersion]) { $1 },
                tokenFrom: path)
            #expect(roleChanged.status == .seeOther)

            let adminForm = details.merging(["appointed_on": "2026-09-01", EditVersion.fieldName: adminVersion]) {
                $1
            }
            let future = try await admin.post(
                path, form: adminForm.merging(["appointed_on": "2027-01-01"]) { $1 }, tokenFrom: path)
            #expect(future.status == .unprocessableEntity)
            #expect(try ConcurrentEditTests.version(future) == adminVersion, "a refused form keeps its version")

            let stale = try await admin.post(path, form: adminForm, tokenFrom: path)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("Board secretary Tester changed this board member on"), "\(stale.body)")
            #expect(stale.body.contains("so your changes were not saved"))
            #expect(stale.body.contains("value=\"2026-09-01\""), "the date they typed is kept")
            #expect(stale.body.contains("Chair"), "the page shows the member as they are now")
            let kept = try #require(try await BoardMember.find(seated.member.id, on: app.db))
            #expect(kept.role == "Chair" && kept.appointedOn == "2026-10-01")

            let again = try await admin.post(
                path,
                form: adminForm.merging([
                    "role": "Chair", EditVersion.fieldName: try ConcurrentEditTests.version(stale),
                ]) { $1 }, tokenFrom: path)
            #expect(again.status == .seeOther)
            let both = try #require(try await BoardMember.find(seated.member.id, on: app.db))
            #expect(both.role == "Chair" && both.appointedOn == "2026-09-01")
        }
    }

    @Test(
        "an answer from a tab opened before the idea was answered is refused, and the person gets one e-mail",
        arguments: TestDatabase.all)
    func ideaAnswer(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let admin = try await app.signedInBrowser(.administrator)
            let (email, _) = try await app.createUser(.involvedPerson)
            let author = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            func idea(_ title: String) async throws -> (Idea, String) {
                let idea = Idea(
                    authorID: author.id!, title: title,
                    details: "Carers visiting every day pay too much to park at the hospital.",
                    creditName: "Farah B.", creditPublicly: false)
                try await idea.create(on: app.db)
                return (idea, "/staff/ideas/\(idea.id!.uuidString.lowercased())")
            }
            func notices(_ idea: Idea) async throws -> [Notice] {
                try await Notice.query(on: app.db).filter(\.$kind == "idea_answer").all()
                    .filter { $0.subject == "Your idea: \(idea.title)" }
            }
            let declined = [
                "status": "not_taken_forward",
                "response": "Carers can already get a free weekly permit from the ward; we have asked wards to say so.",
            ]
            let considering = [
                "status": "considering",
                "response": "We are asking the hospital trust what free parking for carers would cost.",
            ]

            let (parking, path) = try await idea("Free parking for carers")
            let staleVersion = try ConcurrentEditTests.version(try await admin.get(path))
            let answered = try await officer.post(
                path,
                form: declined.merging([
                    EditVersion.fieldName: try ConcurrentEditTests.version(try await officer.get(path))
                ]) { $1 }, tokenFrom: path)
            #expect(answered.status == .seeOther)

            let stale = try await admin.post(
                path, form: considering.merging([EditVersion.fieldName: staleVersion]) { $1 }, tokenFrom: path)
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("Engagement officer Tester answered this idea on"), "\(stale.body)")
            #expect(stale.body.contains("after you opened it: Not taken forward."))
            #expect(stale.body.contains("free weekly permit from the ward"), "it says what the answer was")
            #expect(stale.body.contains("so yours was not saved or sent"))
            #expect(stale.body.contains("what free parking for carers would cost"), "what they typed is kept")
            let kept = try #require(try await Idea.find(parking.id, on: app.db))
            #expect(kept.status == .notTakenForward && kept.response == declined["response"])
            #expect(try await notices(parking).count == 1, "the person is e-mailed once")

            // Sent again knowing of the first answer, it replaces it, with its own e-mail.
            let again = try await admin.post(
                path,
                form: considering.merging([EditVersion.fieldName: try ConcurrentEditTests.version(stale)]) { $1 },
                tokenFrom: path)
            #expect(again.status == .seeOther)
            #expect(try await Idea.find(parking.id, on: app.db)?.status == .considering)
            #expect(try await notices(parking).count == 2)

            // Two answers sent at the same moment from forms opened together: one is saved and e-mailed.
            let (pharmacy, pharmacyPath) = try await idea("Late-night pharmacy after urgent care")
            let officerForm = try await officer.get(pharmacyPath)
            let adminForm = try await admin.get(pharmacyPath)
            let officerFields = declined.merging([
                EditVersion.fieldName: try ConcurrentEditTests.version(officerForm),
                "_csrf": try #require(officerForm.csrfToken),
            ]) { $1 }
            let adminFields = considering.merging([
                EditVersion.fieldName: try ConcurrentEditTests.version(adminForm),
                "_csrf": try #require(adminForm.csrfToken),
            ]) { $1 }
            async let fromOfficer = officer.post(pharmacyPath, form: officerFields)
            async let fromAdmin = admin.post(pharmacyPath, form: adminFields)
            let statuses = [try await fromOfficer.status, try await fromAdmin.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            let sent = try await notices(pharmacy)
            #expect(sent.count == 1)
            let stored = try #require(try await Idea.find(pharmacy.id, on: app.db))
            #expect(sent.first?.body.contains(stored.response) == true, "the e-mail says what is stored")
        }
    }
}
