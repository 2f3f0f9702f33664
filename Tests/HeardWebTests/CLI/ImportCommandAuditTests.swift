import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Testing

@testable import HeardWeb

@Suite("heard import: audit, response IDs and answers alike; heard analyse: encodings", .serialized)
struct ImportCommandAuditTests {
    @Test(
        "an import from the command line is in the audit log, maps a response ID with --id-column, and says what the upload page says",
        arguments: TestDatabase.all)
    func auditedWithResponseIDs(_ database: TestDatabase) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await TestApp.runForCommandLine(on: database) { app, target in
            _ = try await Fixtures.service(on: app.db)
            try workspace.write(
                "sms.csv",
                "ID,Date,Service,FFT\nS1,2026-10-30,Emergency department,Very good\nS2,2026-10-30,Emergency department,Very good\nS1,2026-10-30,Emergency department,Poor\n,2026-10-30,Emergency department,Good\n"
            )
            let run = try workspace.run(
                "import", "feedback", "sms.csv", "--rating-column", "FFT", "--service-column", "Service",
                "--date-column", "Date", "--id-column", "ID", "--database", target)
            #expect(run.status == 1, "the repeated ID is a refused row: \(run.errors)")
            #expect(
                run.errors.contains(
                    "refused line 4, column \"ID\": The response ID 'S1' is already on line 2 of this file: one response is imported once"
                ), "\(run.errors)")
            let items = try await FeedbackItem.query(on: app.db).all()
            #expect(Set(items.compactMap(\.importResponseID)) == ["S1", "S2"])
            let events = try await AuditEvent.query(on: app.db).filter(\.$action == "import.run").all()
            #expect(events.count == 1)
            #expect(events.first?.actorLabel == "command line")
            #expect(events.first?.summary == "Imported 3 rows from sms.csv; refused 1")
            #expect(events.first?.objectType == "import")

            // Paper answers, no IDs, the same answer that day as the SMS row without one: imported, said in the upload
            // page's words, audited.
            try workspace.write("paper.csv", "Date,Service,FFT\n2026-10-30,Emergency department,Good\n")
            let dry = try workspace.run(
                "import", "feedback", "paper.csv", "--rating-column", "FFT", "--service-column", "Service",
                "--date-column", "Date", "--dry-run", "--database", target)
            #expect(dry.status == 0, "\(dry.errors)")
            var report = ImportReport()
            report.lookalikes = 1
            report.lookalikeLines = [2]
            #expect(dry.output.contains(report.lookalikeSentence(dryRun: true)), "\(dry.output)")
            let paper = try workspace.run(
                "import", "feedback", "paper.csv", "--rating-column", "FFT", "--service-column", "Service",
                "--date-column", "Date", "--database", target)
            #expect(paper.status == 0, "\(paper.errors)")
            #expect(paper.output.contains(report.lookalikeSentence(dryRun: false)), "\(paper.output)")
            #expect(try await FeedbackItem.query(on: app.db).count() == 4)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "import.run").count() == 2)
        }
    }

    @Test("heard analyse reads a Windows-1252 file as heard import does, and writes UTF-8 with a byte-order mark")
    func analyseWindows1252() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // "Café" and "£5 – “awful”" as Excel's "CSV (Comma delimited)" saves them.
        var bytes = Array("ward,comment\r\nCaf".utf8) + [0xE9] + Array(",".utf8)
        bytes += [0xA3] + Array("5 ".utf8) + [0x96, 0x20, 0x93] + Array("awful".utf8) + [0x94] + Array("\r\n".utf8)
        try Data(bytes).write(to: workspace.folder.appendingPathComponent("excel.csv"))
        let run = try workspace.run(
            "analyse", "--input", "excel.csv", "--text-column", "comment", "--output", "out.csv")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("read as Windows-1252"), "\(run.errors)")
        let written = try Data(contentsOf: workspace.folder.appendingPathComponent("out.csv"))
        #expect(Array(written.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: written.dropFirst(3), as: UTF8.self)
        #expect(!text.contains("\u{FFFD}"))
        #expect(text.hasPrefix("ward,comment,themes,"))
        #expect(text.contains("Café,£5 – “awful”,"), "\(text)")
    }
}
