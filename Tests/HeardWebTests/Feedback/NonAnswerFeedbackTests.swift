import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// Feedback whose words say nothing ("N/A", "No comment", "Did not answer"): with an FFT answer it is kept like an
/// answer with no comment (the words kept for staff, nothing to moderate, analyse or publish); without one it is
/// refused as a blank one is. On every way in: import (web and `heard import`), staff entry, the public form and
/// the API.
@Suite("Non-answers")
struct NonAnswerFeedbackTests {
    /// What staff see of an item kept only for its answer: in no queue, with no themes, feeling or correction.
    static func expectKeptAsAnswerOnly(
        _ item: FeedbackItem, words: String, app: TestApp, moderator: TestBrowser,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        #expect(item.fullText == words, sourceLocation: sourceLocation)
        #expect(item.status == .approvedPrivate && !item.consentToPublish, sourceLocation: sourceLocation)
        #expect(item.themes.isEmpty && item.sentiment == nil && item.relational.isEmpty, sourceLocation: sourceLocation)
        #expect(!item.needsAnswer && !item.isUrgent, sourceLocation: sourceLocation)
        #expect(
            try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == item.id!).count() == 0,
            sourceLocation: sourceLocation)
        #expect(
            !(try await moderator.get("/staff/moderation").body.contains(item.reference)), "nothing to moderate",
            sourceLocation: sourceLocation)
        let path = "/staff/feedback/\(item.id!.uuidString.lowercased())"
        let page = try await moderator.get(path).body
        #expect(page.contains(words), "the words are kept for staff", sourceLocation: sourceLocation)
        #expect(
            page.contains("These words say nothing: the person gave an FFT answer only (\(item.fft!.title))."),
            sourceLocation: sourceLocation)
        #expect(!page.contains("Correct the themes or sentiment"), sourceLocation: sourceLocation)
        let corrected = try await moderator.post(
            path + "/analysis", form: ["themes": "Parking", "sentiment": "5"], tokenFrom: path)
        #expect(corrected.status == .unprocessableEntity, sourceLocation: sourceLocation)
        #expect(corrected.body.contains("words say nothing"), sourceLocation: sourceLocation)
    }

    @Test(
        "an import keeps a rating with \"N/A\" as an answer only and refuses \"N/A\" with no rating, saying so",
        arguments: TestDatabase.all)
    func webImport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            // The model alone would give "N/A" a theme, which the dashboard would count.
            #expect(!app.app.listeningEngine.analyse("N/A").themes.isEmpty)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let moderator = try await app.signedInBrowser(.moderator)
            let csv =
                [
                    "Date,Ward,Comment,FFT,Publish",
                    "2026-10-01,Emergency department,N/A,Poor,yes",
                    "2026-10-01,Emergency department,No comment,Very good,",
                    "2026-10-01,Emergency department,,Good,",
                    "2026-10-02,Emergency department,n/a,,yes",
                    "2026-10-02,Emergency department,Nothing,Very good,",
                    "2026-10-02,Emergency department,\"Kind, calm staff\",Very good,yes",
                ].joined(separator: "\r\n") + "\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft.csv", content: csv, tokenFrom: "/staff/imports")
            let batchPath = try #require(uploaded.location)
            let form = [
                "column_text": "Comment", "column_service": "Ward", "column_date": "Date", "column_rating": "FFT",
                "column_consent": "Publish", "fixed_service": "",
            ]
            var check = form
            check["step"] = "check"
            let checked = try await officer.post(batchPath, form: check, tokenFrom: batchPath)
            #expect(checked.status == .ok)
            let sentence =
                "3 rows have an FFT answer and no comment, or one that says nothing such as \"N/A\" (2 of them): they are kept and counted as answers only, with nothing to moderate or analyse. 1 row was refused because its words say nothing, such as \"N/A\", and it has no FFT answer either, as an empty row is."
            #expect(checked.body.contains("5 would be imported, 1 would be refused"), "\(checked.body)")
            #expect(checked.body.contains(sentence), "\(checked.body)")
            #expect(
                checked.body.contains("The text says nothing (\"n/a\"), and there is no FFT answer either."))
            var run = form
            run["step"] = "import"
            let imported = try await officer.post(batchPath, form: run, tokenFrom: batchPath)
            #expect(imported.status == .seeOther)
            let done = try await officer.get(try #require(imported.location)).body
            #expect(done.contains("Imported 5 rows. " + sentence), "\(done)")
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            try await AnalyseImportJob.analyseSlice(
                batchID: batch.id!, engine: app.app.listeningEngine, siteURL: "", on: app.db)

            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(items.count == 5)
            let notApplicable = try #require(items.first { $0.story == "N/A" })
            try await Self.expectKeptAsAnswerOnly(notApplicable, words: "N/A", app: app, moderator: moderator)
            let noComment = try #require(items.first { $0.story == "No comment" })
            try await Self.expectKeptAsAnswerOnly(noComment, words: "No comment", app: app, moderator: moderator)
            // "Nothing" is a real answer (see NonAnswers): read and moderated like any comment.
            let nothing = try #require(items.first { $0.story == "Nothing" })
            #expect(nothing.status == .awaitingModeration && nothing.sentiment != nil)
            let list = try await officer.get("/staff/feedback").body
            #expect(list.contains("Says nothing (FFT answer: Poor)"))
            // The list's "with a comment" has the words that say something; "N/A" is an FFT answer only.
            let withWords = try await officer.get("/staff/feedback?words=with").body
            #expect(withWords.contains("<p>2 items</p>"), "Nothing, and Kind, calm staff")
            #expect(!withWords.contains(notApplicable.reference) && withWords.contains(nothing.reference))
            let answersOnly = try await officer.get("/staff/feedback?words=without").body
            #expect(answersOnly.contains("<p>3 items</p>") && answersOnly.contains(notApplicable.reference))
            #expect(items.filter(\.saysNothing).count == 3, "kept with the item when it was stored")

            // The dashboard counts the answers, and no theme for the words that say nothing.
            let themes = try await officer.get("/staff/dashboard/themes.csv?period=12-months").body
            for theme in app.app.listeningEngine.analyse("N/A").themes
            where !items.contains(where: { $0.themeList.contains(theme) }) {
                #expect(!themes.contains(theme), "\(theme)")
            }
        }
    }

    @Test("heard import says what it kept and refused for words that say nothing", arguments: TestDatabase.all)
    func commandLineImport(_ database: TestDatabase) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await TestApp.runForCommandLine(on: database) { app, target in
            _ = try await Fixtures.service(on: app.db)
            try workspace.write(
                "fft.csv",
                "Comment,Service,FFT\nDid not answer,Emergency department,Very poor\nN/A,Emergency department,\n")
            let run = try workspace.run(
                "import", "feedback", "fft.csv", "--text-column", "Comment", "--service-column", "Service",
                "--rating-column", "FFT", "--database", target)
            #expect(run.status == 1, "one row refused: \(run.errors)")
            #expect(
                run.output.contains(
                    "1 row has an FFT answer and a comment that says nothing, such as \"N/A\": it is kept and counted as an answer only, with nothing to moderate or analyse. 1 row was refused because its words say nothing, such as \"N/A\", and it has no FFT answer either, as an empty row is."
                ), "\(run.output)")
            let item = try #require(try await FeedbackItem.query(on: app.db).first())
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
            #expect(item.story == "Did not answer" && item.fft == .veryPoor && item.status == .approvedPrivate)
        }
    }

    @Test(
        "staff entry, the public form and the API keep \"N/A\" with an FFT answer to count, and refuse it alone",
        arguments: TestDatabase.all)
    func formsAndAPI(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let id = service.id!.uuidString

            // Staff entry.
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let moderator = try await app.signedInBrowser(.moderator)
            let staffForm = "/staff/feedback/new/form?service=\(id)"
            let staffPost = "/staff/feedback/new?service=\(id)"
            let alone = try await officer.post(
                staffPost, form: ["service_id": id, "story": "N/A", "channel": "paper"], tokenFrom: staffForm)
            #expect(alone.status == .unprocessableEntity)
            #expect(
                alone.body.contains(
                    "\"N/A\" says nothing to count or read: enter what the person wrote, or, if that is all they wrote, tick their FFT answer."
                ))
            #expect(alone.body.contains("N/A</textarea>"), "what was typed is kept")
            let card = try await officer.post(
                staffPost, form: ["service_id": id, "story": "n/a", "fft_rating": "4", "channel": "paper"],
                tokenFrom: staffForm)
            #expect(card.status == .seeOther)
            let entered = try #require(try await FeedbackItem.query(on: app.db).filter(\.$channel == .paper).first())
            #expect(entered.fft == .poor)
            try await Self.expectKeptAsAnswerOnly(entered, words: "n/a", app: app, moderator: moderator)
            let flash = try await officer.get(try #require(card.location)).body
            #expect(flash.contains("It is an FFT answer whose words say nothing (\"n/a\")"))

            // The public form: "N/A" alone is refused; with an answer it is kept, never to be published.
            let publicForm = "/feedback/new?service=\(id)"
            let person = app.browser()
            let refused = try await person.post(
                publicForm, form: ["service_id": id, "story": "N/A", "consent_to_publish": "yes"],
                tokenFrom: publicForm)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.contains("Tell us about your experience: \"N/A\" on its own"))
            let sent = try await person.post(
                publicForm,
                form: [
                    "service_id": id, "story": "No comment", "fft_rating": "1", "consent_to_publish": "yes",
                ], tokenFrom: publicForm)
            #expect(sent.status == .seeOther)
            #expect(
                !(try #require(sent.location)).contains("publish=yes"), "the thank-you page says it is not published")
            let online = try #require(try await FeedbackItem.query(on: app.db).filter(\.$channel == .online).first())
            try await Self.expectKeptAsAnswerOnly(online, words: "No comment", app: app, moderator: moderator)
            #expect(try await FeedbackItem.query(on: app.db).count() == 2)

            // The API.
            let api = try await app.browser().postJSON(
                "/api/v1/feedback", json: #"{"text": "N/A", "service_id": "\#(id)"}"#)
            #expect(api.status == .unprocessableEntity)
            #expect(api.body.contains("say nothing. Send the person's words"), "\(api.body)")
            #expect(api.body.contains("\"field\":\"text\""), "\(api.body)")
            let created = try await app.browser().postJSON(
                "/api/v1/feedback",
                json:
                    #"{"could_be_better": "Did not answer", "fft_rating": "very poor", "consent_to_publish": true, "service_id": "\#(id)"}"#
            )
            #expect(created.status == .created)
            #expect(created.body.contains("\"status\":\"approved_private\""))
            let viaAPI = try #require(try await FeedbackItem.query(on: app.db).filter(\.$channel == .api).first())
            try await Self.expectKeptAsAnswerOnly(viaAPI, words: "Did not answer", app: app, moderator: moderator)
            #expect(try await FeedbackItem.query(on: app.db).count() == 3)
        }
    }

    @Test(
        "an \"N/A\" stored before stays in moderation when re-analysed, loses the theme the model gave it, and can be decided",
        arguments: TestDatabase.all)
    func storedBefore(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (service, place) = try await Fixtures.service(on: app.db)
            let old = try await ScaleQueryTests.item(
                "HRD-OLDNA001", service: service, place: place, themes: ["Labelling not possible"],
                status: .awaitingModeration, receivedDaysAgo: 3, on: app.db)
            (old.story, old.redactedText, old.sentiment, old.relational) = ("N/A", "N/A", nil, "")
            old.fftRating = 5
            try await old.save(on: app.db)
            let model = try #require(app.app.listeningEngine.model)
            var payload = ReanalyseFeedbackJob.Payload(
                model: ReanalyseFeedbackJob.fingerprint(model), total: 1, correctedKept: 0, startedBy: "test")
            _ = try await ReanalyseFeedbackJob.analyseSlice(
                &payload, engine: app.app.listeningEngine, sliceSize: 10, on: app.db)
            let reanalysed = try #require(try await FeedbackItem.find(old.id, on: app.db))
            #expect(reanalysed.status == .awaitingModeration, "a stored item's status is not changed behind anyone")
            #expect(reanalysed.themes.isEmpty && reanalysed.sentiment == nil && payload.themesChanged == 1)
            #expect(!old.saysNothing && reanalysed.saysNothing, "stored before the column; re-analysis sets it")
            #expect(try await FeedbackTheme.query(on: app.db).filter(\.$feedback.$id == old.id!).count() == 0)

            let moderator = try await app.signedInBrowser(.moderator)
            #expect(try await moderator.get("/staff/moderation").body.contains("HRD-OLDNA001"))
            let path = SiteURLPaths.moderate(old.id!)
            let page = try await moderator.get(path)
            #expect(page.status == .ok)
            #expect(page.body.contains("These words say nothing: the person gave an FFT answer only (Very poor)."))
            let approved = try await moderator.post(
                path, form: ["decision": "approve", "published_text": "N/A", "reason": ""],
                tokenFrom: path)
            #expect(approved.status == .seeOther)
            #expect(try await FeedbackItem.find(old.id, on: app.db)?.status != .awaitingModeration)
        }
    }
}
