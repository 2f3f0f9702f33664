import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

/// FFT answers with no comment from several files (one per ward, or SMS and paper apart): two people give the same
/// answer on the same day, so such rows are never dropped as "already in Heard" unless the very same file is
/// imported again, and a response ID column tells responses apart for good.
@Suite("Importing answer-only rows from several files")
struct ImportAnswerOnlyTwinsTests {
    static let mapping = ImportMapping(
        columns: ["service": "Service", "date": "Date", "rating": "FFT", "text": "Comment"], fixedServiceID: nil)

    static func withID(_ mapping: ImportMapping = Self.mapping) -> ImportMapping {
        var mapped = mapping
        mapped.columns["response_id"] = "Response ID"
        return mapped
    }

    @Test(
        "answer-only rows of a second file like rows already stored are imported and said, with their lines; the same file again skips them",
        arguments: TestDatabase.all)
    func secondFileKeepsItsAnswers(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let importer = FeedbackImporter(database: app.db)
            let sms = try FeedbackImportTests.write([
                "Date,Service,Comment,FFT", "2026-10-30,Emergency department,,Very good",
                "2026-10-30,Emergency department,,Very good", "2026-10-30,Emergency department,Kind staff,Good",
            ])
            let paper = try FeedbackImportTests.write([
                "Date,Service,Comment,FFT", "2026-10-30,Emergency department,,Very good",
                "2026-10-30,Emergency department,,Poor", "2026-10-30,Emergency department,,Very good",
                "2026-10-30,Emergency department,Kind staff,Good",
            ])
            defer { for file in [sms, paper] { try? FileManager.default.removeItem(at: file) } }
            let first = try await importer.run(
                file: sms, fileName: "sms.csv", mapping: Self.mapping, dryRun: false,
                fingerprint: try FeedbackImporter.fingerprint(of: sms))
            #expect(first.accepted == 3 && first.lookalikes == 0)

            let check = try await importer.run(
                file: paper, fileName: "paper.csv", mapping: Self.mapping, dryRun: true,
                fingerprint: try FeedbackImporter.fingerprint(of: paper))
            #expect(check.accepted == 3 && check.lookalikes == 2 && check.lookalikeLines == [2, 4])
            #expect(check.alreadyImported == 1, "the row with words is still skipped word for word")
            #expect(
                check.lookalikeSentence(dryRun: true).hasPrefix(
                    " 2 answer-only rows (lines 2, 4) look like rows already in Heard (same day, service and FFT answer, no comment). They would be imported, because two people often give the same answer on the same day."
                ))
            let second = try await importer.run(
                file: paper, fileName: "paper.csv", mapping: Self.mapping, dryRun: false,
                fingerprint: try FeedbackImporter.fingerprint(of: paper))
            #expect(second.accepted == 3 && second.lookalikes == 2 && second.alreadyImported == 1)
            #expect(second.ratingOnly == 3)
            #expect(
                second.lookalikeSentence(dryRun: false).contains(
                    "They were imported, because two people often give the same answer on the same day."))
            let veryGood = try await FeedbackItem.query(on: app.db).filter(\.$fftRating == FFTRating.veryGood.rawValue)
                .count()
            #expect(veryGood == 4, "two answers from each file")
            #expect(try await FeedbackItem.query(on: app.db).count() == 6)

            // The very same file again (its fingerprint): every row is skipped, answers too.
            let again = try await importer.run(
                file: paper, fileName: "paper copy.csv", mapping: Self.mapping, dryRun: false,
                fingerprint: try FeedbackImporter.fingerprint(of: paper))
            #expect(again.accepted == 0 && again.alreadyImported == 4 && again.lookalikes == 0)
            #expect(try await FeedbackItem.query(on: app.db).count() == 6)
        }
    }

    @Test(
        "with a response ID column, identical answers are kept, an ID already stored is skipped, and an ID twice in a file is refused on its second line",
        arguments: TestDatabase.all)
    func responseIDs(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let importer = FeedbackImporter(database: app.db)
            let ward = try FeedbackImportTests.write([
                "Response ID,Date,Service,Comment,FFT", "R-1,2026-10-30,Emergency department,,Very good",
                "R-2,2026-10-30,Emergency department,,Very good", "R-3,2026-10-30,Emergency department,Kind staff,Good",
            ])
            let overlap = try FeedbackImportTests.write([
                "Response ID,Date,Service,Comment,FFT", "R-2,2026-10-30,Emergency department,,Very good",
                "R-4,2026-10-30,Emergency department,,Very good", "R-5,2026-10-30,Emergency department,Kind staff,Good",
                " R-4 ,2026-10-30,Emergency department,,Poor", ",2026-10-30,Emergency department,,Poor",
            ])
            defer { for file in [ward, overlap] { try? FileManager.default.removeItem(at: file) } }
            let first = try await importer.run(file: ward, fileName: "ward.csv", mapping: Self.withID(), dryRun: false)
            #expect(first.accepted == 3)
            let stored = try await FeedbackItem.query(on: app.db).all()
            #expect(Set(stored.compactMap(\.importResponseID)) == ["R-1", "R-2", "R-3"])

            let check = try await importer.run(
                file: overlap, fileName: "overlap.csv", mapping: Self.withID(), dryRun: true)
            #expect(
                check.rejections.map(\.description) == [
                    "line 5, response_id: The response ID 'R-4' is already on line 3 of this file: one response is imported once, so this row is not. Check whether the file repeats the row."
                ])
            #expect(Self.withID().describe(check.rejections[0]).hasPrefix("line 5, column \"Response ID\": "))
            #expect(check.alreadyImported == 1 && check.alreadyImportedByID == 1 && check.accepted == 3)
            let second = try await importer.run(
                file: overlap, fileName: "overlap.csv", mapping: Self.withID(), dryRun: false)
            #expect(second.accepted == 3 && second.rejected == 1)
            #expect(second.alreadyImported == 1 && second.alreadyImportedByID == 1 && second.lookalikes == 0)
            #expect(
                second.alreadyImportedSentence(dryRun: false)
                    == " 1 row was already in Heard from an earlier import (the same response ID), so it was not stored twice."
            )
            let all = try await FeedbackItem.query(on: app.db).all()
            #expect(all.count == 6)
            #expect(all.filter { $0.fft == .veryGood }.count == 3, "R-1, R-2 and R-4: the same answer, three people")
            #expect(all.filter { $0.importResponseID == nil }.count == 1, "the row without an ID")
            #expect(all.filter { $0.story == "Kind staff" }.count == 2, "R-3 and R-5 say the same and are both kept")
        }
    }

    @Test(
        "a blank date in a mapped date column is refused by line and field; a time of day is kept, an impossible one refused",
        arguments: TestDatabase.all)
    func datesAndTimes(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            let file = try FeedbackImportTests.write([
                "Date,Service,Comment,FFT", ",Emergency department,Kind staff,Good",
                "30/09/2026 23:30,Emergency department,Late visit,Good", "31/08/2026 25:00,Emergency department,,Good",
                "2026-09-29,Emergency department,Quiet day,Good", "28/09/2026 12:60,Emergency department,,Poor",
            ])
            defer { try? FileManager.default.removeItem(at: file) }
            let report = try await FeedbackImporter(database: app.db).run(
                file: file, fileName: "fft.csv", mapping: Self.mapping, dryRun: false)
            #expect(report.accepted == 2 && report.rejected == 3)
            #expect(report.rejections.map(\.line) == [2, 4, 6])
            #expect(report.rejections.map(\.field) == ["date", "date", "date"])
            #expect(
                Self.mapping.describe(report.rejections[0])
                    == "line 2, column \"Date\": The date is empty: give the day the feedback was received, or the answer would be counted in the month it was imported."
            )
            #expect(report.rejections[1].message.hasPrefix("'31/08/2026 25:00' has a time of day that cannot be"))
            let late = try #require(try await FeedbackItem.query(on: app.db).filter(\.$story == "Late visit").first())
            // 23:30 in London on 30 September 2026 (summer time) is 22:30 UTC.
            #expect(late.receivedAt == Date(timeIntervalSince1970: 1_790_807_400))
            let quiet = try #require(try await FeedbackItem.query(on: app.db).filter(\.$story == "Quiet day").first())
            #expect(quiet.receivedAt == FeedbackImporter.noon((2026, 9, 29)), "a date alone is midday, as before")
        }
    }

    @Test(
        "the upload page maps a response ID column, and says what it did with lookalike answers",
        arguments: TestDatabase.all)
    func uploadPage(_ database: TestDatabase) async throws {
        try await TestApp.run(on: database) { app in
            _ = try await Fixtures.service(on: app.db)
            #expect(ImportPages.guesses(["Response ID", "Date", "FFT"])[.responseID] == "Response ID")
            let officer = try await app.signedInBrowser(.engagementOfficer)
            let form = [
                "column_service": "Service", "column_date": "Date", "column_rating": "FFT", "fixed_service": "",
            ]
            func upload(_ name: String, _ csv: String) async throws -> String {
                let uploaded = try await officer.upload(
                    "/staff/imports", fileField: "file", fileName: name, content: csv, tokenFrom: "/staff/imports")
                return try #require(uploaded.location)
            }
            // A row without its ID is told apart by what it says, as in a file without the column.
            let first = try await upload(
                "ward-a.csv",
                "Response ID,Date,Service,FFT\r\nA1,2026-10-30,Emergency department,Very good\r\n,2026-10-30,Emergency department,Poor\r\n"
            )
            #expect(
                try await officer.get(first).body.contains(
                    "own number in the export: two identical answers are then two responses"))
            var mapped = form
            mapped["column_response_id"] = "Response ID"
            mapped["step"] = "import"
            #expect(try await officer.post(first, form: mapped).status == .seeOther)
            #expect(try await FeedbackItem.query(on: app.db).all().compactMap(\.importResponseID) == ["A1"])

            // Ward B's file, without IDs, has the same answer on the same day as that row: checked, then imported,
            // and said.
            let second = try await upload(
                "ward-b.csv", "Date,Service,FFT\r\n2026-10-30,Emergency department,Poor\r\n")
            var check = form
            check["step"] = "check"
            let checked = try await officer.post(second, form: check).body
            #expect(
                checked.contains(
                    "1 answer-only row (line 2) looks like a row already in Heard (same day, service and FFT answer, no comment). It would be imported"
                ), "\(checked)")
            var run = form
            run["step"] = "import"
            let imported = try await officer.post(second, form: run)
            let page = try await officer.get(try #require(imported.location)).body
            #expect(page.contains("Imported 1 row. 1 answer-only row (line 2) looks like a row already in Heard"))
            #expect(try await FeedbackItem.query(on: app.db).count() == 3)
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "import.run").sort(\.$occurredAt)
                .all()
            #expect(
                audit.last?.summary
                    == "Imported 1 rows from ward-b.csv; refused 0; 1 answer-only rows like rows already in Heard imported"
            )
        }
    }
}
