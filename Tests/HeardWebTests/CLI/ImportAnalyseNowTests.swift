import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("heard import --analyse-now", .serialized)
struct ImportAnalyseNowTests {
    static let rows = [
        "Comment,Service",
        "\"My neighbour is being hit by her son and is scared to go home.\",Emergency department",
        "\"The nurse was kind and explained everything.\",Emergency department",
        "\"He said he wants to kill himself and nobody listened.\",Emergency department",
    ]

    @Test(
        "says how many imported rows were flagged urgent and who was told, on the database it ran against",
        arguments: TestDatabase.all)
    func saysHowManyWereUrgent(_ database: TestDatabase) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await TestApp.runForCommandLine(on: database) { app, target in
            _ = try await Fixtures.service(on: app.db)
            try await app.createUser(.moderator)
            try await app.createUser(.complaintsHandler)
            try await app.createUser(.moderator, email: "gone@test.heard.example", isActive: false)
            try workspace.write("urgent.csv", Self.rows.joined(separator: "\n") + "\n")
            let run = try workspace.run(
                "import", "feedback", "urgent.csv", "--text-column", "Comment", "--service-column", "Service",
                "--analyse-now", "--database", target)
            #expect(run.status == 0, "\(run.errors)")
            let urgent = try await FeedbackItem.query(on: app.db).filter(\.$isUrgent == true).count()
            #expect(urgent == 2, "the two comments that speak of harm")
            #expect(try await UrgentAlert.query(on: app.db).count() == urgent)
            #expect(
                run.output.contains(
                    "Analysed 3 rows. \(urgent) rows were flagged urgent (a possible risk to someone's safety): see Urgent alerts"
                ), "\(run.output)")
            #expect(
                run.output.contains(
                    "The 2 active moderators and complaints handlers will get an e-mail about each, sent by a running `heard serve`."
                ), "\(run.output)")
            let notices = try await Notice.query(on: app.db).filter(\.$kind == "urgent_alert").count()
            #expect(notices == urgent * 2, "what the summary says is what was queued")

            // Rows with nothing urgent say so; without --analyse-now nothing is analysed, so nothing is said.
            try workspace.write("calm.csv", "Comment,Service\nLovely staff,Emergency department\n")
            let calm = try workspace.run(
                "import", "feedback", "calm.csv", "--text-column", "Comment", "--service-column", "Service",
                "--analyse-now", "--database", target)
            #expect(calm.status == 0, "\(calm.errors)")
            #expect(calm.output.contains("Analysed 1 row. No row was flagged urgent."), "\(calm.output)")
            try workspace.write("later.csv", Self.rows.joined(separator: "\n") + "\nAnother,Emergency department\n")
            let later = try workspace.run(
                "import", "feedback", "later.csv", "--text-column", "Comment", "--service-column", "Service",
                "--import-again", "--database", target)
            #expect(later.status == 0, "\(later.errors)")
            #expect(!later.output.contains("urgent"), "\(later.output)")
            #expect(later.output.contains("Analysis is queued as a background job"), "\(later.output)")
        }
    }
}
