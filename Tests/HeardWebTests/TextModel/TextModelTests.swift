import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Logging
import Testing

@testable import HeardWeb

/// An organisation's own text model: named by HEARD_MODEL, described on its page, and used to re-analyse
/// stored feedback without touching moderators' corrections.
@Suite("Your own text model")
struct TextModelTests {
    /// A small model with two themes of its own and sentiment, trained by Heard's trainer.
    static func trainModel(sentiment: Bool = true) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heard-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var lines = ["feedback,Car parking,Hospital food,sentiment"]
        let parking = [
            "could not find a parking space anywhere", "the car park was full and I missed my appointment",
            "parking charges are far too high", "no disabled parking near the entrance",
            "drove round the car park for an hour", "parking machine did not take cards",
            "car park barrier was broken", "parking permit for carers please",
        ]
        let food = [
            "the hospital food was cold", "lovely hot meals on the ward", "no vegetarian food at supper",
            "the sandwiches were stale", "meals came late every day", "tea and toast were a comfort",
            "food was tasty and warm", "menu had nothing gluten free",
        ]
        for (index, text) in parking.enumerated() { lines.append("\(text),1,0,\(index % 2 == 0 ? 5 : 4)") }
        for (index, text) in food.enumerated() { lines.append("\(text),0,1,\(index % 2 == 0 ? 2 : 4)") }
        let csv = folder.appendingPathComponent("train.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        let (comments, _) = try LabelledComments.load(
            from: csv, textColumn: "feedback", layout: .themeColumns(first: "Car parking", last: "Hospital food"),
            sentimentColumn: sentiment ? "sentiment" : nil)
        let options = TrainingOptions(
            folds: 2, minimumExamples: 3, wordVectorWeight: 0, modelName: "Calder estates",
            dataSource: "Calder ICB comment cards")
        let model = folder.appendingPathComponent(sentiment ? "calder.heardmodel" : "no-sentiment.heardmodel")
        try Trainer(options: options).train(comments).model.write(to: model)
        return model
    }

    @Test(
        "the page describes the model and stored themes it lacks; re-analysis replaces them, keeps corrections",
        arguments: TestDatabase.all)
    func reanalyse(_ database: TestDatabase) async throws {
        let modelFile = try Self.trainModel()
        defer { try? FileManager.default.removeItem(at: modelFile.deletingLastPathComponent()) }
        try await TestApp.run(on: database, configure: { $0.modelPath = modelFile.path }) { app in
            #expect(app.app.listeningEngine.themeNames == ["Car parking", "Hospital food"])
            let (service, place) = try await Fixtures.service(on: app.db)
            // Three items analysed by an earlier model, one of them corrected by a moderator.
            var earlier: [FeedbackItem] = []
            for (index, story) in [
                "The car park was full again", "Cold food on the ward", "Waited hours for the car park barrier",
            ].enumerated() {
                let item = try await ScaleQueryTests.item(
                    "HRD-OLDMDL2\(index)", service: service, place: place, themes: ["Timeliness of care"],
                    receivedDaysAgo: 3, on: app.db)
                item.story = story
                try await item.save(on: app.db)
                earlier.append(item)
            }
            let corrected = earlier[2]
            corrected.analysisCorrectedAt = Date()
            try await corrected.save(on: app.db)

            // New feedback is read with the organisation's model at once.
            let person = app.browser()
            let sent = try await person.post(
                "/feedback/new?service=\(service.id!.uuidString)",
                form: [
                    "service_id": service.id!.uuidString, "story": "The parking charges are far too high.",
                    "fft_rating": "4", "consent_to_publish": "yes",
                ])
            #expect(sent.status == .seeOther)
            let fresh = try #require(
                try await FeedbackItem.query(on: app.db).filter(\.$channel == .online).sort(\.$createdAt, .descending)
                    .all().first { $0.story.hasPrefix("The parking") })
            #expect(fresh.themeList == ["Car parking"])

            let admin = try await app.signedInBrowser(.administrator)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let settings = try await admin.get("/staff/settings")
            #expect(settings.body.contains("Calder estates (2 themes, from HEARD_MODEL)"))
            #expect(settings.body.contains("href=\"/staff/settings/text-model\""))
            var page = try await officer.get("/staff/settings/text-model")
            #expect(page.status == .ok)
            #expect(page.body.contains(modelFile.path + " (set with --model or HEARD_MODEL)"))
            #expect(page.body.contains("Calder ICB comment cards"))
            #expect(page.body.contains("Car parking") && page.body.contains("Hospital food"))
            #expect(page.body.contains("Stored feedback carries 1 theme that this model does not have"))
            #expect(page.body.contains("<th scope=\"row\">Timeliness of care</th><td>3</td>"))
            #expect(page.body.contains("Only administrators can re-analyse stored feedback."))
            #expect(
                try await officer.post(
                    "/staff/settings/text-model/reanalyse", form: [:], tokenFrom: "/staff/settings/text-model"
                ).status == .forbidden)
            let moderator = try await app.signedInBrowser(.moderator)
            #expect(try await moderator.get("/staff/settings/text-model").status == .forbidden)

            page = try await admin.get("/staff/settings/text-model")
            #expect(page.body.contains("4 feedback items have been analysed. 1 was corrected by a moderator"))
            #expect(page.body.contains("Works out the themes, sentiment and relational care of the 3 items"))
            let started = try await admin.post(
                "/staff/settings/text-model/reanalyse", form: [:], tokenFrom: "/staff/settings/text-model")
            #expect(started.status == .seeOther)
            page = try await admin.get("/staff/settings/text-model")
            #expect(page.body.contains("Re-analysis started."))
            #expect(page.body.contains("Re-analysis under way: 0 of 3 items done"))
            #expect(
                !page.body.contains("value=\"Re-analyse stored feedback\"")
                    && !page.body.contains(">Re-analyse stored feedback</button>"))
            _ = try await admin.post(
                "/staff/settings/text-model/reanalyse", form: [:], tokenFrom: "/staff/settings/text-model")
            #expect(try await admin.get("/staff/settings/text-model").body.contains("already under way"))
            #expect(try await Job.query(on: app.db).filter(\.$kind == ReanalyseFeedbackJob.kind).count() == 1)
            let jobs = try await admin.get("/staff/jobs").body
            #expect(jobs.contains("<a href=\"/staff/settings/text-model\">Re-analysing stored feedback</a>"))

            // The worker goes through the items two at a time.
            let queue = JobQueue(database: app.db, workerID: "test")
            let handlers = [
                ReanalyseFeedbackJob.kind: ReanalyseFeedbackJob.handler(
                    engine: app.app.listeningEngine, sliceSize: 2)
            ]
            var runs = 0
            while let job = try await queue.claim() {
                await JobWorker.run(job, queue: queue, handlers: handlers, logger: Logger(label: "test"))
                runs += 1
            }
            #expect(runs == 3, "two slices of two items at most, then one that finds nothing left")
            #expect(try await Job.query(on: app.db).filter(\.$status != .done).count() == 0)

            for item in earlier.prefix(2) + [fresh] {
                let stored = try #require(try await FeedbackItem.find(item.id, on: app.db))
                let rows = try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == item.id!).all()
                #expect(Set(rows.map(\.theme)) == Set(stored.themeList), "the counts read the same themes")
                #expect(Set(stored.themeList).isSubset(of: ["Car parking", "Hospital food"]))
            }
            #expect(try await FeedbackItem.find(earlier[0].id, on: app.db)?.themeList == ["Car parking"])
            #expect(try await FeedbackItem.find(earlier[1].id, on: app.db)?.themeList == ["Hospital food"])
            let kept = try #require(try await FeedbackItem.find(corrected.id, on: app.db))
            #expect(kept.themeList == ["Timeliness of care"] && kept.sentiment == 4, "a correction is kept")

            page = try await admin.get("/staff/settings/text-model")
            #expect(page.body.contains("Last re-analysis finished"))
            #expect(page.body.contains("Re-analysed 3 feedback items with the text model Calder estates"))
            #expect(page.body.contains("themes changed on 2"))
            #expect(page.body.contains("moderators' corrections on 1 item were kept"))
            #expect(page.body.contains("<th scope=\"row\">Timeliness of care</th><td>1</td>"), "only the correction")
            // The corrected item's old theme is shown on its correction form, ticked, so correcting it again keeps
            // it unless it is unticked.
            let itemPath = "/staff/feedback/\(corrected.id!.uuidString.lowercased())"
            let itemPage = try await moderator.get(itemPath).body
            #expect(itemPage.contains("Timeliness of care (from an earlier model)"))
            #expect(itemPage.contains("value=\"Timeliness of care\" checked"))
            let kept2 = try await moderator.post(
                itemPath + "/analysis", form: ["themes[]": "Timeliness of care", "sentiment": "3"], tokenFrom: itemPath)
            #expect(kept2.status == .seeOther)
            #expect(try await FeedbackItem.find(corrected.id, on: app.db)?.themeList == ["Timeliness of care"])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$objectType == "text_model").all()
            #expect(Set(audit.map(\.action)) == ["text_model.reanalysis_started", "text_model.reanalysis_finished"])
        }
    }

    @Test("two administrators starting a re-analysis at the same moment start one", arguments: TestDatabase.all)
    func startedOnce(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let model = try #require(app.app.listeningEngine.model)
            let starts = try await withThrowingTaskGroup(of: Bool.self) { group in
                // Two, one per pooled connection: more would wait for a connection behind SQLite's write lock.
                for index in 0..<2 {
                    group.addTask {
                        try await ReanalyseFeedbackJob.start(
                            model: model, actor: .system("admin \(index)"), on: app.db) != nil
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(starts == 1)
            #expect(try await Job.query(on: app.db).filter(\.$kind == ReanalyseFeedbackJob.kind).count() == 1)
        }
    }

    @Test("a re-analysis started for one model is refused by an instance with another", arguments: TestDatabase.all)
    func otherModelRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let payload = ReanalyseFeedbackJob.Payload(
                model: "Calder estates (2026-01-01T00:00:00Z)", after: nil, total: 1, correctedKept: 0,
                startedBy: "admin@example.org")
            let job = try await JobQueue(database: app.db, workerID: "test").enqueue(
                kind: ReanalyseFeedbackJob.kind, payload: payload.encoded)
            let handler = ReanalyseFeedbackJob.handler(engine: app.app.listeningEngine)
            await #expect {
                try await handler(job, app.db, Logger(label: "test"))
            } throws: { error in
                String(describing: error).contains("Set the same HEARD_MODEL on every instance")
            }
        }
    }

    @Test("HEARD_MODEL naming a missing file, or a model without sentiment, stops the app with the reason")
    func badModelSetting() throws {
        var config = AppConfiguration()
        try config.apply(environment: ["HEARD_MODEL": "/no/such/model.heardmodel"])
        #expect(config.modelPath == "/no/such/model.heardmodel")
        #expect {
            try ListeningEngine.load(config, logger: Logger(label: "test"))
        } throws: { error in
            let text = String(describing: error)
            return text.hasPrefix("--model or HEARD_MODEL: ") && text.contains("/no/such/model.heardmodel")
        }
        let noSentiment = try Self.trainModel(sentiment: false)
        defer { try? FileManager.default.removeItem(at: noSentiment.deletingLastPathComponent()) }
        config.modelPath = noSentiment.path
        #expect {
            try ListeningEngine.load(config, logger: Logger(label: "test"))
        } throws: { error in
            String(describing: error).contains("does not predict sentiment")
                && String(describing: error).contains("--sentiment-column")
        }
    }
}
