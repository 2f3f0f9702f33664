import Fluent
import Foundation
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("Import and settings pages")
struct ImportPageTests {
    @Test(
        "a file with a header row but no rows of feedback is refused at upload, before any column mapping",
        arguments: TestDatabase.all)
    func headerOnlyFileRefused(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            for content in ["Date,Ward,Comment,FFT\r\n", "Date,Ward,Comment,FFT", "Date,Ward,Comment,FFT\n,,,\n\n"] {
                let refused = try await officer.upload(
                    "/staff/imports", fileField: "file", fileName: "fft.csv", content: content,
                    tokenFrom: "/staff/imports")
                #expect(refused.status == .unprocessableEntity, "\(content)")
                #expect(refused.body.contains("The file has a header row but no rows of feedback."))
                #expect(refused.body.contains("There is a problem"))
            }
            #expect(try await ImportBatch.query(on: app.db).count() == 0)
            // One row is enough to go on to the mapping.
            let one = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft.csv",
                content: "Date,Ward,Comment,FFT\r\n,,Kind,\r\n",
                tokenFrom: "/staff/imports")
            #expect(one.status == .seeOther)
        }
    }

    @Test(
        "the rating column is never guessed as the text; one column chosen for two fields is refused",
        arguments: TestDatabase.all)
    func oneColumnOneField(_ database: TestDatabase) async throws {
        #expect(
            ImportPages.guesses(["Date", "Service", "FFT Answer", "Comment"]) == [
                .date: "Date", .service: "Service", .rating: "FFT Answer", .text: "Comment",
            ])
        // A bare "Answer" is the FFT answer; a name that says it is words is the text.
        #expect(ImportPages.guesses(["Answer", "Comment"]) == [.text: "Comment", .rating: "Answer"])
        #expect(
            ImportPages.guesses(["Answer", "What was good"]) == [.rating: "Answer", .whatWasGood: "What was good"])
        #expect(
            ImportPages.guesses(["Patient experience comment", "FFT score"]) == [
                .text: "Patient experience comment", .rating: "FFT score",
            ])
        #expect(
            ImportPages.guesses(["Comments about your rating", "Rating"]) == [
                .text: "Comments about your rating", .rating: "Rating",
            ])
        #expect(
            ImportPages.guesses(["Service user feedback", "Ward"]) == [
                .text: "Service user feedback", .service: "Ward",
            ])
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv = "Date,Service,FFT Answer,Comment\r\n2026-10-01,Emergency department,Very good,\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft.csv", content: csv, tokenFrom: "/staff/imports")
            let batchPath = try #require(uploaded.location)
            let mapping = try await officer.get(batchPath).body
            #expect(mapping.contains("<option value=\"Comment\" selected>"))
            #expect(mapping.contains("<option value=\"FFT Answer\" selected>"))
            let twice = try await officer.post(
                batchPath,
                form: [
                    "column_text": "FFT Answer", "column_rating": "FFT Answer", "column_service": "Service",
                    "fixed_service": "", "step": "check",
                ])
            #expect(twice.status == .unprocessableEntity)
            #expect(
                twice.body.contains(
                    "is chosen for both what the person said and the FFT answer. Choose a different column for one of them."
                ))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
        }
    }

    @Test("upload, map the columns, check, import", arguments: TestDatabase.all)
    func uploadMapCheckImport(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv =
                "Date,Ward,Comment,FFT\r\n2026-10-01,Emergency department,\"Kind, calm staff\",Very good\r\n2026-10-02,Emergency department,,\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft.csv", content: csv, tokenFrom: "/staff/imports")
            #expect(uploaded.status == .seeOther)
            let batchPath = try #require(uploaded.location)
            let mapping = try await officer.get(batchPath)
            #expect(mapping.body.contains("Which column is which?"))
            #expect(mapping.body.contains("<option value=\"Comment\" selected>"), "the text column is guessed")
            let form = [
                "column_text": "Comment", "column_service": "Ward", "column_date": "Date", "column_rating": "FFT",
                "fixed_service": "",
            ]
            var check = form
            check["step"] = "check"
            let checked = try await officer.post(batchPath, form: check)
            #expect(checked.status == .ok)
            #expect(checked.body.contains("1 would be imported, 1 would be refused"))
            #expect(checked.body.contains("The text is empty, and there is no FFT answer either."))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            var run = form
            run["step"] = "import"
            // A mapping that cannot run leaves the batch ready to try again.
            var wrong = run
            wrong["column_text"] = "Notes"
            #expect(try await officer.post(batchPath, form: wrong).status == .unprocessableEntity)
            // Import clicked twice at once (here by two officers): the file is loaded once.
            let (email, password) = try await app.createUser(.engagementOfficer, email: "colleague@test.heard.example")
            let colleague = app.browser()
            #expect(try await colleague.signIn(email: email, password: password).status == .seeOther)
            async let first = officer.post(batchPath, form: run)
            async let second = colleague.post(batchPath, form: run)
            let statuses = try await [first.status, second.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 1, "\(statuses)")
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
            #expect(try await ImportBatch.query(on: app.db).first()?.rowsImported == 1)

            // The same file again: warned; checked and imported, its rows already in Heard are skipped, as the
            // check says; stored a second time only when the officer ticks the box.
            let again = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft copy.csv", content: csv, tokenFrom: "/staff/imports"
            )
            let againPath = try #require(again.location)
            let warned = try await officer.get(againPath).body
            #expect(warned.contains("This file was already imported") && warned.contains("(fft.csv, 1 row)"))
            #expect(warned.contains("Rows already in Heard are skipped"))
            let recheck = try await officer.post(againPath, form: check)
            #expect(recheck.body.contains("0 would be imported, 1 would be refused, 1 is already in Heard"))
            let skipped = try await officer.post(againPath, form: run)
            #expect(skipped.status == .seeOther)
            #expect(
                try await officer.get(try #require(skipped.location)).body.contains(
                    "Imported 0 rows. 1 row was already in Heard from an earlier import, so it was not stored twice."))
            #expect(try await FeedbackItem.query(on: app.db).count() == 1)
            let third = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft copy 2.csv", content: csv,
                tokenFrom: "/staff/imports")
            let thirdPath = try #require(third.location)
            var confirmed = run
            confirmed["import_again"] = "yes"
            #expect(try await officer.post(thirdPath, form: confirmed).status == .seeOther)
            #expect(try await FeedbackItem.query(on: app.db).count() == 2)
            #expect(
                try await AuditEvent.query(on: app.db).filter(\.$action == "import.run").count() == 3,
                "one per import that ran")
        }
    }

    @Test(
        "the pre-2020 column: the old answers and codes are stored in one spelling; anything else is refused by line",
        arguments: TestDatabase.all)
    func legacyRecommendColumn(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let csv =
                [
                    "Date,Ward,Comment,Recommend",
                    "2019-10-01,Emergency department,Kind staff,EXTREMELY  likely",
                    "2019-10-02,Emergency department,Slow,2",
                    "2019-10-03,Emergency department,Fine,Don’t know",
                    "2019-10-04,Emergency department,Quiet night,",
                    "2019-10-05,Emergency department,Lovely,Very good",
                    "2019-10-06,Emergency department,Hmm,Maybe",
                ].joined(separator: "\r\n") + "\r\n"
            let uploaded = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "fft-2019.csv", content: csv,
                tokenFrom: "/staff/imports")
            let batchPath = try #require(uploaded.location)
            #expect(
                try await officer.get(batchPath).body.contains("<option value=\"Recommend\" selected>"),
                "the legacy column is guessed")
            var form = [
                "column_text": "Comment", "column_service": "Ward", "column_date": "Date",
                "column_legacy_recommend": "Recommend", "fixed_service": "", "step": "check",
            ]
            let checked = try await officer.post(batchPath, form: form)
            #expect(checked.status == .ok)
            #expect(checked.body.contains("6 rows read: 4 would be imported, 2 would be refused"), "\(checked.body)")
            #expect(
                checked.body.contains(
                    "Map this column as the FFT answer, not as the pre-2020 \"likely to recommend\" answer."))
            #expect(checked.body.contains("extremely likely, likely, neither likely nor unlikely"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 0, "a check stores nothing")

            form["step"] = "import"
            #expect(try await officer.post(batchPath, form: form).status == .seeOther)
            let stored = try await FeedbackItem.query(on: app.db).sort(\.$receivedAt).all()
            #expect(stored.map(\.legacyRecommend) == ["Extremely likely", "Likely", "Don't know", nil])
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            #expect(batch.rowsRejected == 2)
            let rejections = try #require(batch.rejections)
            // Stored in the file's own column names, as the check listed them.
            #expect(
                rejections.contains("line 6, column \"Recommend\": 'Very good' answers the current FFT"),
                "\(rejections)")
            #expect(rejections.contains("line 7, column \"Recommend\": 'Maybe' is not a pre-2020"), "\(rejections)")
        }
    }

    @Test("a file that cannot be imported is refused saying what to do; a Windows-1252 file is read as such")
    func refusesNonCSV() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let page = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "notes.txt", content: "hello",
                tokenFrom: "/staff/imports")
            #expect(page.status == .unprocessableEntity)
            #expect(page.body.contains("The file must be a CSV file"))

            let semicolons = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "excel.csv",
                content: "Comment;Service;Date\r\nKind staff;Emergency department;2026-10-01\r\n",
                tokenFrom: "/staff/imports")
            #expect(semicolons.status == .unprocessableEntity)
            #expect(semicolons.body.contains("The columns are separated by semicolons"))

            let tooLarge = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "huge.csv",
                content: "Comment\r\n" + String(repeating: "x", count: 21 * 1024 * 1024), tokenFrom: "/staff/imports")
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.body.contains("The file is larger than 20 MB"))

            let empty = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "export.csv", content: "", tokenFrom: "/staff/imports")
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.body.contains("export.csv is empty: choose the CSV file with the feedback in it."))

            // A quote never closed would stop any import of it: refused at upload, with its line.
            let unclosed = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "quotes.csv",
                content: "Comment,Service\r\nKind staff,Emergency department\r\n\"Waited,Emergency department\r\n",
                tokenFrom: "/staff/imports")
            #expect(unclosed.status == .unprocessableEntity)
            #expect(unclosed.body.contains("quotes.csv cannot be read: line 3: a quoted field is never closed"))
            #expect(try await ImportBatch.query(on: app.db).count() == 0)

            // "Café – £5" as Excel saves it (Windows-1252): read as such, not as "Caf�", and said so.
            let windows: [UInt8] = Array("Comment\r\nCaf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0xA3] + Array("5\r\n".utf8)
            let legacy = try await officer.upload(
                "/staff/imports", fileField: "file", fileName: "legacy.csv", bytes: windows, tokenFrom: "/staff/imports"
            )
            #expect(legacy.status == .seeOther)
            let batch = try #require(try await ImportBatch.query(on: app.db).first())
            #expect(batch.upload == "Comment\r\nCafé – £5\r\n")
            let mapping = try await officer.get(try #require(legacy.location))
            #expect(mapping.body.contains("it was read as Windows-1252"))
        }
    }

    @Test("administrators create and revoke API tokens; the token works until revoked")
    func tokens() async throws {
        try await TestApp.run(on: .sqlite) { app in
            let (service, _) = try await Fixtures.service(on: app.db)
            let admin = try await app.signedInBrowser(.administrator)
            let (email, _) = try await app.createUser(.complaintsHandler)
            let handler = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
            // A refused form keeps what was typed.
            let unnamed = try await admin.post(
                "/staff/settings/tokens", form: ["user_id": "", "name": "my survey tool"], tokenFrom: "/staff/settings")
            #expect(unnamed.status == .unprocessableEntity)
            #expect(unnamed.body.contains("Choose whose token this is."))
            #expect(unnamed.body.contains("value=\"my survey tool\""))
            let created = try await admin.post(
                "/staff/settings/tokens", form: ["user_id": handler.id!.uuidString, "name": "survey tool"],
                tokenFrom: "/staff/settings")
            #expect(created.status == .ok)
            let token = try #require(
                created.body.components(separatedBy: "<code class=\"token\">").dropFirst().first?.components(
                    separatedBy: "<"
                ).first)
            #expect(token.hasPrefix("heard_"))
            let posted = try await app.browser().postJSON(
                "/api/v1/feedback", json: #"{"text": "Fine", "service_id": "\#(service.id!.uuidString)"}"#)
            let id = try #require(posted.headers.first(name: .location))
            #expect(try await app.browser().get(id, headers: [("Authorization", "Bearer \(token)")]).status == .ok)
            let record = try #require(try await APIToken.query(on: app.db).first())
            #expect(
                try await admin.post(
                    "/staff/settings/tokens/\(record.id!.uuidString.lowercased())/revoke", form: [:],
                    tokenFrom: "/staff/settings"
                ).status == .seeOther)
            #expect(
                try await app.browser().get(id, headers: [("Authorization", "Bearer \(token)")]).status == .unauthorized
            )
        }
    }
}
