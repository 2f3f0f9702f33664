import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

@Suite("Importing feedback")
struct FeedbackImportTests {
    static func write(_ rows: [String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("heard-import-\(UUID().uuidString).csv")
        try (rows.joined(separator: "\r\n") + "\r\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let mapping = ImportMapping(
        columns: [
            "text": "Comment", "service": "Service", "date": "Date", "rating": "FFT", "consent": "Publish",
            "legacy_recommend": "Recommend",
        ],
        fixedServiceID: nil)

    @Test(
        "a dry run reports every refused row and stores nothing; the real run imports the rest",
        arguments: TestDatabase.all)
    func dryRunThenImport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "31/10/2026,Emergency department,\"Kind staff, quick service\",Very good,yes,",
                "2026-10-30,Emergency department,\"Waited hours.\nNobody said why.\",Poor,no,Unlikely",
                "bad,Emergency department,Fine,Good,yes,",
                "2026-10-29,No Such Service,Great care,Good,yes,",
                "2026-10-28,Emergency department,Would recommend,Extremely likely,yes,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let importer = FeedbackImporter(database: app.db)
            let dry = try await importer.run(file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: true)
            #expect(dry.rowsRead == 5)
            #expect(dry.accepted == 2)
            #expect(dry.rejected == 3)
            #expect(dry.rejections.map(\.line) == [5, 6, 7], "lines count the quoted newline in row 2")
            #expect(dry.rejections.map(\.field) == ["date", "service", "rating"])
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)

            let real = try await importer.run(file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false)
            #expect(real.accepted == 2)
            let items = try await FeedbackItem.query(on: app.db).sort(\.$receivedAt).all()
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0.channel == .imported && $0.status == .awaitingModeration })
            #expect(items[0].story == "Waited hours.\nNobody said why.")
            #expect(items[0].legacyRecommend == "Unlikely")
            #expect(items[0].fft == .poor)
            #expect(DateInput.format(items[1].receivedAt) == "2026-10-31")

            // Analysis is a background job; running it analyses every imported row.
            #expect(try await Job.query(on: app.db).filter(\.$kind == AnalyseImportJob.kind).count() == 1)
            try await AnalyseImportJob.analyseSlice(
                batchID: real.batchID!, engine: app.app.listeningEngine, siteURL: "", on: app.db)
            #expect(try await FeedbackItem.query(on: app.db).filter(\.$analysedAt == nil).count() == 0)
            let batch = try #require(try await ImportBatch.find(real.batchID, on: app.db))
            #expect(batch.rowsImported == 2)
            #expect(batch.rowsRejected == 3)
            #expect(batch.status == "imported")
        }
    }

    @Test(
        "an FFT answer with no comment is kept and counted, never offered to moderators; one with nothing is refused",
        arguments: TestDatabase.all)
    func ratingOnlyRows(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "2026-10-30,Emergency department,,Very poor,yes,",
                "2026-10-30,Emergency department,,Good,,",
                "2026-10-30,Emergency department,,Good,,",
                "2026-10-30,Emergency department,Kind staff,Good,yes,",
                "2026-10-30,Emergency department,,,yes,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let importer = FeedbackImporter(database: app.db)
            let dry = try await importer.run(file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: true)
            #expect(dry.accepted == 4 && dry.ratingOnly == 3 && dry.rejected == 1)
            #expect(
                dry.ratingOnlySentence
                    == " 3 rows have an FFT answer and no comment: they are kept and counted as answers only, with nothing to moderate or analyse."
            )
            #expect(
                dry.rejections.map(\.description) == [
                    "line 6, text: The text is empty, and there is no FFT answer either."
                ])

            // As the upload page and `heard import` do, the file's fingerprint goes with it.
            let fingerprint = try FeedbackImporter.fingerprint(of: file)
            let real = try await importer.run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false, fingerprint: fingerprint)
            #expect(real.accepted == 4 && real.ratingOnly == 3)
            let items = try await FeedbackItem.query(on: app.db).all()
            let ratingOnly = items.filter { $0.fullText.isEmpty }
            #expect(ratingOnly.count == 3, "the two identical \"Good\" rows are two responses")
            #expect(ratingOnly.allSatisfy { $0.status == .approvedPrivate && !$0.consentToPublish })
            #expect(ratingOnly.map(\.fft).filter { $0 == .good }.count == 2)
            let worded = try #require(items.first { !$0.fullText.isEmpty })
            #expect(worded.status == .awaitingModeration && worded.consentToPublish)

            // Analysis finds no comment: no themes, no sentiment, nothing to answer.
            try await AnalyseImportJob.analyseSlice(
                batchID: real.batchID!, engine: app.app.listeningEngine, siteURL: "", on: app.db)
            for item in try await FeedbackItem.query(on: app.db).all() where item.fullText.isEmpty {
                #expect(item.analysedAt != nil && item.sentiment == nil && item.themes.isEmpty)
                #expect(!item.needsAnswer && !item.isUrgent)
            }

            // The same file imported again: every row is already in Heard, answers alone too.
            let again = try await importer.run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false, fingerprint: fingerprint)
            #expect(again.alreadyImported == 4 && again.accepted == 0)
            #expect(again.ratingOnly == 0 && again.ratingOnlySentence.isEmpty, "none of them kept this time")
            let dryAgain = try await importer.run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: true, fingerprint: fingerprint)
            #expect(dryAgain.alreadyImported == 4 && dryAgain.ratingOnly == 0)
            #expect(try await FeedbackItem.query(on: app.db).count() == 4)

            let moderator = try await app.signedInBrowser(.moderator)
            let queue = try await moderator.get("/staff/moderation").body
            #expect(queue.contains(worded.reference))
            for item in ratingOnly { #expect(!queue.contains(item.reference), "nothing to moderate") }
            let veryPoor = try #require(ratingOnly.first { $0.fft == .veryPoor })
            let page = try await moderator.get("/staff/feedback/\(veryPoor.id!.uuidString.lowercased())")
            #expect(page.status == .ok)
            #expect(page.body.contains("No comment: the person gave an FFT answer only (Very poor)."))
            // Nothing to give a theme or a feeling to.
            #expect(!page.body.contains("Correct the themes or sentiment"))
            let pagePath = "/staff/feedback/\(veryPoor.id!.uuidString.lowercased())"
            let corrected = try await moderator.post(
                pagePath + "/analysis", form: ["themes": "Parking", "sentiment": "5"], tokenFrom: pagePath)
            #expect(corrected.status == .unprocessableEntity)
            #expect(corrected.body.contains("This answer has no words, so there are no themes or feeling to correct."))
            let unchanged = try #require(try await FeedbackItem.find(veryPoor.id, on: app.db))
            #expect(unchanged.themes.isEmpty && unchanged.sentiment == nil && unchanged.analysisCorrectedAt == nil)
            let list = try await moderator.get("/staff/feedback").body
            #expect(list.contains("No comment (FFT answer: Good)"))
        }
    }

    @Test(
        "a file of FFT answers only, with no comment column, is imported as answers with no words",
        arguments: TestDatabase.all)
    func answersOnlyFile(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = try Self.write([
                "Date,Service,FFT", "2026-10-30,Emergency department,Very good", "2026-10-30,Emergency department,5",
                "2026-10-31,Emergency department,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let answersOnly = ImportMapping(
                columns: ["service": "Service", "date": "Date", "rating": "FFT"], fixedServiceID: nil)
            let report = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "fft.csv", mapping: answersOnly, dryRun: false)
            #expect(report.accepted == 2 && report.ratingOnly == 2 && report.rejected == 1)
            #expect(
                report.rejections.map(\.description) == [
                    "line 4, text: The text is empty, and there is no FFT answer either."
                ])
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(Set(items.compactMap(\.fft)) == [.veryGood, .veryPoor])
            #expect(items.allSatisfy { $0.fullText.isEmpty && $0.status == .approvedPrivate })

            // Neither a text nor an answer column: nothing to import, said before any row is read.
            let nothing = ImportMapping(columns: ["service": "Service", "date": "Date"], fixedServiceID: nil)
            await #expect(throws: ImportProblem.self) {
                try await FeedbackImporter(database: app.db).run(
                    file: file, fileName: "fft.csv", mapping: nothing, dryRun: true)
            }
        }
    }

    @Test(
        "a service name two services share is refused on its line, naming their ids; an id picks one",
        arguments: TestDatabase.all)
    func sharedServiceName(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            let (calderdale, _) = try await Fixtures.service(on: app.db)
            let leeds = Place(name: "Leeds", slug: "leeds")
            try await leeds.create(on: app.db)
            let twin = Service(
                name: "Emergency Department", summary: "", organisationID: calderdale.$organisation.id,
                placeID: leeds.id!)
            try await twin.create(on: app.db)
            let file = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "2026-10-30,emergency department,Kind staff,Good,yes,",
                "2026-10-30,\(twin.id!.uuidString),Quick service,Good,yes,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let report = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false)
            #expect(report.accepted == 1)
            #expect(report.rejections.map(\.line) == [2])
            #expect(report.rejections.map(\.field) == ["service"])
            let message = try #require(report.rejections.first?.message)
            #expect(message.hasPrefix("2 services are called 'emergency department'. Write the service's id instead"))
            #expect(message.contains(twin.id!.uuidString) && message.contains(calderdale.id!.uuidString))
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(items.map(\.$service.id) == [twin.id!], "the row naming an id went to that service")
        }
    }

    @Test("an imported comment that suggests risk alerts moderators by e-mail, with a link to the alerts page")
    func urgentImportedRowAlerts() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            try await app.createUser(.moderator)
            let file = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "2026-10-28,Emergency department,\"My neighbour is being hit by her son and is scared to go home.\",Poor,no,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let batch = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false)
            try await AnalyseImportJob.analyseSlice(
                batchID: batch.batchID!, engine: app.app.listeningEngine, siteURL: "https://heard.example.org",
                on: app.db)
            let notice = try #require(try await Notice.query(on: app.db).filter(\.$kind == "urgent_alert").first())
            #expect(notice.toAddress == "moderator@test.heard.example")
            #expect(notice.body.contains("https://heard.example.org/staff/alerts"), "\(notice.body)")
            #expect(!notice.body.contains("hit by her son"))
        }
    }

    @Test(
        "the import summary of urgent rows links the alerts page and says when no one could be e-mailed",
        arguments: TestDatabase.all)
    func urgentReport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "2026-10-28,Emergency department,\"My neighbour is being hit by her son and is scared to go home.\",Poor,no,",
                "2026-10-28,Emergency department,Kind staff,Good,no,",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let batch = try #require(
                try await FeedbackImporter(database: app.db).run(
                    file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false
                ).batchID)
            #expect(
                try await ImportUrgentReport.sentence(batchID: batch, siteURL: "", on: app.db)
                    == "No row was flagged urgent.", "nothing is urgent before it is analysed")
            try await AnalyseImportJob.analyseSlice(
                batchID: batch, engine: app.app.listeningEngine, siteURL: "", on: app.db)
            let alone = try await ImportUrgentReport.sentence(
                batchID: batch, siteURL: "https://heard.example.org", on: app.db)
            #expect(
                alone
                    == "1 row was flagged urgent (a possible risk to someone's safety): see Urgent alerts, https://heard.example.org/staff/alerts. No moderator or complaints handler has an active account, so no one was e-mailed: add one with heard user create."
            )
            // With a complaints handler to tell, a second import says who will hear of it.
            try await app.createUser(.complaintsHandler)
            let second = try Self.write([
                "Date,Service,Comment,FFT,Publish,Recommend",
                "2026-10-29,Emergency department,\"He said he wants to kill himself and nobody listened.\",Poor,no,",
            ])
            defer { try? FileManager.default.removeItem(at: second) }
            let secondBatch = try #require(
                try await FeedbackImporter(database: app.db).run(
                    file: second, fileName: "fft2.csv", mapping: Self.mapping, dryRun: false
                ).batchID)
            try await AnalyseImportJob.analyseSlice(
                batchID: secondBatch, engine: app.app.listeningEngine, siteURL: "", on: app.db)
            #expect(try await Notice.query(on: app.db).filter(\.$kind == "urgent_alert").count() == 1)
            let told = try await ImportUrgentReport.sentence(batchID: secondBatch, siteURL: "", on: app.db)
            #expect(
                told
                    == "1 row was flagged urgent (a possible risk to someone's safety): see Urgent alerts on the staff dashboard. The one active moderator or complaints handler will get an e-mail about each, sent by a running `heard serve`."
            )
        }
    }

    @Test(
        "a row with fewer or more fields than the header is refused with its line, in a dry run and a real run",
        arguments: TestDatabase.all)
    func wrongFieldCount(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let mapping = ImportMapping(columns: ["text": "Comment", "service": "Service"], fixedServiceID: nil)
            let file = try Self.write([
                "Comment,Service", "row one", "row two,Emergency department", "row three,Emergency department,extra",
                "\"row, four\",Emergency department",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let importer = FeedbackImporter(database: app.db)
            for dryRun in [true, false] {
                let report = try await importer.run(file: file, fileName: "f.csv", mapping: mapping, dryRun: dryRun)
                #expect(report.rowsRead == 4)
                #expect(report.accepted == 2)
                #expect(report.rejected == 2)
                #expect(
                    report.rejections.map(\.description) == [
                        "line 2: expected 2 fields, found 1: a value with a comma in it needs double quotes around it",
                        "line 4: expected 2 fields, found 3: a value with a comma in it needs double quotes around it",
                    ])
            }
            #expect(
                try await FeedbackItem.query(on: app.db).sort(\.$story).all().map(\.story) == ["row two", "row, four"])
            let batches = try await ImportBatch.query(on: app.db).all()
            #expect(batches.map(\.status) == ["imported"])
            #expect(batches.first?.rowsRejected == 2)
        }
    }

    @Test("an unreadable file stops the import with its line, and the batch is marked failed, not left importing")
    func failedBatch() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            let mapping = ImportMapping(columns: ["text": "Comment", "service": "Service"], fixedServiceID: nil)
            let file = try Self.write([
                "Comment,Service", "fine,Emergency department", "\"never closed,Emergency department",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                _ = try await FeedbackImporter(database: app.db).run(
                    file: file, fileName: "f.csv", mapping: mapping, dryRun: false)
                Issue.record("expected an error")
            } catch let problem as ImportProblem {
                #expect(problem.description.contains("line 3"), "\(problem.description)")
            }
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            #expect(batch.status == "failed")
            #expect(batch.rejections?.contains("line 3") == true)
        }
    }

    @Test(
        "a file whose dates only read month first is refused before anything is stored, unless the order is set; a file mixing both orders is refused",
        arguments: TestDatabase.all)
    func dateOrder(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let monthFirst = try Self.write([
                "Date,Service,Comment", "10/03/2021,Emergency department,Kind staff",
                "10/17/2021,Emergency department,Long wait",
            ])
            defer { try? FileManager.default.removeItem(at: monthFirst) }
            var mapping = ImportMapping(
                columns: ["text": "Comment", "service": "Service", "date": "Date"], fixedServiceID: nil)
            let importer = FeedbackImporter(database: app.db)
            do {
                _ = try await importer.run(file: monthFirst, fileName: "us.csv", mapping: mapping, dryRun: false)
                Issue.record("expected the file to be refused")
            } catch let problem as ImportProblem {
                #expect(
                    problem.description
                        == "The dates in us.csv are written month first (line 3: '10/17/2021'). Read day first, a date such as 10/03/2021 would be stored as the wrong day. Set the date order to month first (on the command line, --date-order month-first) and import it again."
                )
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "nothing stored")

            mapping.dateOrder = .monthFirst
            let report = try await importer.run(file: monthFirst, fileName: "us.csv", mapping: mapping, dryRun: false)
            #expect(report.accepted == 2)
            let kind = try #require(try await FeedbackItem.query(on: app.db).filter(\.$story == "Kind staff").first())
            #expect(DateInput.format(kind.receivedAt) == "2021-10-03", "3 October, not 10 March")

            let mixed = try Self.write([
                "Date,Service,Comment", "10/17/2021,Emergency department,One", "17/10/2021,Emergency department,Two",
            ])
            defer { try? FileManager.default.removeItem(at: mixed) }
            do {
                _ = try await importer.run(file: mixed, fileName: "mixed.csv", mapping: mapping, dryRun: true)
                Issue.record("expected the file to be refused")
            } catch let problem as ImportProblem {
                #expect(
                    problem.description.hasPrefix(
                        "The dates in mixed.csv are written in two orders: line 2 has '10/17/2021' (month first) and line 3 has '17/10/2021' (day first)."
                    ))
            }
        }
    }

    @Test("two columns with the name chosen are refused, naming both; a repeated name not chosen is fine")
    func repeatedColumnNames() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            let mapping = ImportMapping(columns: ["text": "Comment", "service": "Service"], fixedServiceID: nil)
            let twice = try Self.write([
                "Comment,Service,Notes,Comment", "Kind staff,Emergency department,x,Staff note: follow up",
            ])
            defer { try? FileManager.default.removeItem(at: twice) }
            do {
                _ = try await FeedbackImporter(database: app.db).run(
                    file: twice, fileName: "twice.csv", mapping: mapping, dryRun: true)
                Issue.record("expected an error")
            } catch let problem as ImportProblem {
                #expect(
                    problem.description
                        == "Columns 1 and 4 are both called 'Comment' (chosen for text). Rename one of them in the file and upload it again."
                )
            }
            let notesTwice = try Self.write([
                "Comment,Service,Notes,Notes", "Kind staff,Emergency department,x,y",
            ])
            defer { try? FileManager.default.removeItem(at: notesTwice) }
            let result = try await FeedbackImporter(database: app.db).run(
                file: notesTwice, fileName: "notes.csv", mapping: mapping, dryRun: true)
            #expect(result.accepted == 1)
        }
    }

    @Test("dates after today and unknown consent answers are refused; Y and N are consent; bad UTF-8 is counted")
    func datesConsentAndEncoding() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            let mapping = ImportMapping(
                columns: ["text": "Comment", "service": "Service", "date": "Date", "consent": "Publish"],
                fixedServiceID: nil)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("heard-import-\(UUID()).csv")
            var bytes = Array(
                """
                Date,Service,Comment,Publish
                2026-12-05,Emergency department,Kind staff – thank you,Y
                2026-12-06,Emergency department,From tomorrow,yes
                0001-01-01,Emergency department,Year one,no
                2026-12-01,Emergency department,Not sure,maybe
                2026-12-01,Emergency department,Said no,N
                2026-12-01,Emergency department,Caf
                """.utf8)
            bytes += [0xE9] + Array(" latin-1,no\n".utf8)
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            let report = try await FeedbackImporter(database: app.db).run(
                file: url, fileName: "f.csv", mapping: mapping, dryRun: false,
                today: SimpleDate(year: 2026, month: 12, day: 5))
            #expect(report.accepted == 3)
            #expect(report.invalidUTF8Rows == 1)
            #expect(report.rejections.map(\.line) == [3, 4, 5])
            #expect(report.rejections.map(\.field) == ["date", "date", "consent_to_publish"])
            #expect(report.rejections[0].description.contains("in the future"))
            #expect(
                report.rejections[2].description.hasPrefix(#"line 5, consent_to_publish: "maybe" is not yes or no"#))
            let items = try await FeedbackItem.query(on: app.db).sort(\.$story).all()
            // A UTF-8 file (the dash) with one damaged byte: that byte is replaced, not the file re-read.
            #expect(items.map(\.story) == ["Caf\u{FFFD} latin-1", "Kind staff – thank you", "Said no"])
            #expect(items.map(\.consentToPublish) == [false, true, false])
        }
    }

    @Test(
        "an interrupted import resumes after the last committed row without duplicates, its totals and refusals covering the whole file"
    )
    func resumes() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            // Two bad dates: line 100, before the interruption, and line 801, after it.
            let rows = (1...1200).map {
                "\([99, 800].contains($0) ? "2026-02-31" : "2026-10-01"),Emergency department,Comment number \($0),Good,yes,"
            }
            let file = try Self.write(["Date,Service,Comment,FFT,Publish,Recommend"] + rows)
            defer { try? FileManager.default.removeItem(at: file) }
            // Simulate a run that committed the first 500 rows (499 stored, line 100 refused) and then died.
            let batch = ImportBatch(fileName: "big.csv", createdByID: nil)
            batch.lastLine = 501
            batch.rowsImported = 499
            batch.rowsRejected = 1
            try await batch.create(on: app.db)
            let service = try #require(try await Service.query(on: app.db).first())
            let first500 = (1...500).filter { $0 != 99 }.map { n in
                FeedbackImporter.item(
                    FeedbackSubmission.Valid(
                        story: "Comment number \(n)", whatWasGood: "", couldBeBetter: "", fftRating: .good,
                        consentToPublish: true,
                        contactName: nil, contactEmail: nil, contactPhone: nil, wantsReply: false),
                    date: nil, legacy: nil, service: service, batchID: batch.id!)
            }
            try await first500.create(on: app.db)
            var listed: [Int] = []
            let report = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "big.csv", mapping: Self.mapping, dryRun: false, resume: batch,
                refused: { listed.append($0.line) })
            #expect(report.rowsRead == 1200)
            #expect(report.accepted == 1198 && report.rejected == 2, "the totals add up to the file")
            #expect(listed == [100, 801], "the refusals of the interrupted run are listed again")
            let stories = try await FeedbackItem.query(on: app.db).all().map(\.story)
            #expect(stories.count == 1198)
            #expect(Set(stories).count == 1198)
            let saved = try #require(try await ImportBatch.find(batch.id, on: app.db))
            #expect(saved.rowsImported == 1198 && saved.rowsRejected == 2)
            #expect(saved.rejections?.hasPrefix("line 100") == true)
        }
    }

    @Test(
        "a corrected file imported again stores only the rows it did not have; identical rows count one by one",
        arguments: TestDatabase.all)
    func correctedFileAgain(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let header = "Date,Service,Comment,FFT,Publish,Recommend"
            let good = [
                "2026-10-01,Emergency department,The nurse was kind,Good,yes,",
                "2026-10-01,Emergency department,Excellent,Very good,yes,",
                "2026-10-01,Emergency department,Excellent,Very good,yes,",
            ]
            let first = try Self.write([header] + good + ["2026-02-31,Emergency department,Long wait,Poor,yes,"])
            defer { try? FileManager.default.removeItem(at: first) }
            let importer = FeedbackImporter(database: app.db)
            let one = try await importer.run(file: first, fileName: "a.csv", mapping: Self.mapping, dryRun: false)
            #expect(one.accepted == 3)
            #expect(one.rejected == 1)

            // The refused date corrected, and a third "Excellent" from someone else the same day.
            let fixed = try Self.write(
                [header] + good + [
                    "2026-02-28,Emergency department,Long wait,Poor,yes,",
                    "2026-10-01,Emergency department,Excellent,Very good,yes,",
                ])
            defer { try? FileManager.default.removeItem(at: fixed) }
            let check = try await importer.run(file: fixed, fileName: "b.csv", mapping: Self.mapping, dryRun: true)
            #expect(check.accepted == 2)
            #expect(check.alreadyImported == 3)
            let two = try await importer.run(file: fixed, fileName: "b.csv", mapping: Self.mapping, dryRun: false)
            #expect(two.accepted == 2)
            #expect(two.alreadyImported == 3)
            let stories = try await FeedbackItem.query(on: app.db).all().map(\.story)
            #expect(stories.sorted() == ["Excellent", "Excellent", "Excellent", "Long wait", "The nurse was kind"])
            let batch = try #require(try await ImportBatch.find(two.batchID, on: app.db))
            #expect(batch.rowsImported == 2)

            // Imported again on purpose, every row is stored again; a dry run says so first.
            let rehearsal = try await importer.run(
                file: fixed, fileName: "b.csv", mapping: Self.mapping, dryRun: true, importAgain: true)
            #expect(rehearsal.accepted == 5 && rehearsal.alreadyImported == 0)
            #expect(try await FeedbackItem.query(on: app.db).count() == 5)
            let again = try await importer.run(
                file: fixed, fileName: "b.csv", mapping: Self.mapping, dryRun: false, importAgain: true)
            #expect(again.accepted == 5)
            #expect(again.alreadyImported == 0)
            #expect(try await FeedbackItem.query(on: app.db).count() == 10)
        }
    }

    @Test("a file saved by Excel as Windows-1252 keeps its accents and pound signs")
    func windows1252() async throws {
        try await TestApp.run(on: .sqlite) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("cp1252-\(UUID()).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            // "Café charged £5 – naïve" in Windows-1252: é E9, £ A3, en dash 96, ï EF.
            var bytes = Array("Date,Service,Comment,FFT,Publish,Recommend\r\n2026-10-01,Emergency department,".utf8)
            for part: [UInt8] in [
                Array("Caf".utf8), [0xE9], Array(" charged ".utf8), [0xA3], Array("5 ".utf8), [0x96],
                Array(" na".utf8), [0xEF], Array("ve,Good,yes,\r\n".utf8),
            ] {
                bytes += part
            }
            try Data(bytes).write(to: file)
            let report = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "excel.csv", mapping: Self.mapping, dryRun: false)
            #expect(report.readAsWindows1252)
            #expect(report.invalidUTF8Rows == 0)
            let story = try #require(try await FeedbackItem.query(on: app.db).first()).story
            #expect(story == "Café charged £5 – naïve")
        }
    }

    @Test("a missing column is named, with the columns the file has")
    func missingColumn() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let file = try Self.write(["When,Where,What", "2026-01-01,X,Y"])
            defer { try? FileManager.default.removeItem(at: file) }
            do {
                _ = try await FeedbackImporter(database: app.db).run(
                    file: file, fileName: "x.csv", mapping: Self.mapping, dryRun: true)
                Issue.record("expected an error")
            } catch let problem as ImportProblem {
                #expect(problem.description.contains("'Comment'"))
                #expect(problem.description.contains("When, Where, What"))
            }
        }
    }

    @Test("the export writes every item with its status and analysis")
    func export() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            _ = try await app.browser().postJSON(
                "/api/v1/feedback",
                json: #"{"text": "=HYPERLINK(\"x\") staff were kind", "service_id": "\#(service.id!.uuidString)"}"#)
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: url) }
            #expect(try await FeedbackExport.write(to: url, on: app.db) == 1)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.hasPrefix("id,reference,received_at"))
            #expect(text.contains("awaiting_moderation"))
            #expect(text.contains("Emergency department"))
        }
    }
}
