import Fluent
import Foundation
import HeardStorage
import HeardWeb
import Testing

/// The command line never stores a file twice by accident, never overwrites an export, and never writes a
/// spreadsheet formula from what the public typed.
@Suite("Command line: imports and exports that protect the data")
struct ImportExportSafetyTests {
    @Test("importing the same file again is refused unless --import-again; a folder is named as one")
    func sameFileTwice() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            try workspace.write("fft.csv", "Comment,Service\nGreat nurses,Emergency department\n")
            let importFeedback = ["import", "feedback", "--text-column", "Comment", "--service-column", "Service"]
            let first = try HeardRun.run(importFeedback + ["fft.csv", "--database", database], in: workspace.folder)
            #expect(first.status == 0, "\(first.errors)")
            // The same bytes under another name are the same file.
            try workspace.write("fft-copy.csv", "Comment,Service\nGreat nurses,Emergency department\n")
            let again = try HeardRun.run(
                importFeedback + ["fft-copy.csv", "--database", database], in: workspace.folder)
            #expect(again.status != 0)
            #expect(again.endedCleanly)
            #expect(again.errors.contains("This file was imported on"), "\(again.errors)")
            #expect(again.errors.contains("(fft.csv, 1 rows"))
            #expect(again.errors.contains("add --import-again"))
            let dry = try HeardRun.run(
                importFeedback + ["fft-copy.csv", "--dry-run", "--database", database], in: workspace.folder)
            #expect(dry.status == 0, "a dry run only checks, so it is not refused")
            let forced = try HeardRun.run(
                importFeedback + ["fft-copy.csv", "--import-again", "--database", database], in: workspace.folder)
            #expect(forced.status == 0, "\(forced.errors)")
            #expect(forced.output.contains("Imported 1 row"))

            var utf16 = Data([0xFF, 0xFE])
            utf16.append("Comment,Service\nGreat,Emergency department\n".data(using: .utf16LittleEndian)!)
            try utf16.write(to: workspace.folder.appendingPathComponent("unicode.csv"))
            let unicode = try HeardRun.run(
                importFeedback + ["unicode.csv", "--database", database], in: workspace.folder)
            #expect(unicode.status != 0 && unicode.endedCleanly)
            #expect(unicode.errors.contains("unicode.csv is saved as UTF-16"), "\(unicode.errors)")
            let folder = try HeardRun.run(importFeedback + [".", "--database", database], in: workspace.folder)
            #expect(folder.status != 0 && folder.endedCleanly)
            #expect(folder.errors.contains(". is a folder, not a CSV file."), "\(folder.errors)")
        }
    }

    @Test("--refused-rows lists every refused row, past the 50 the terminal shows")
    func everyRefusedRow() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            let rows = (1...60).map { "bad date \($0),Emergency department,31/02/2024" }
            try workspace.write("many.csv", (["Comment,Service,Date"] + rows).joined(separator: "\n") + "\n")
            let run = try HeardRun.run(
                [
                    "import", "feedback", "many.csv", "--text-column", "Comment", "--service-column", "Service",
                    "--date-column", "Date", "--dry-run", "--refused-rows", "refused.csv", "--database", database,
                ], in: workspace.folder)
            #expect(run.status == 1 && run.endedCleanly, "\(run.errors)")
            #expect(run.errors.contains("Every refused row is listed in refused.csv."))
            let listed = try String(contentsOf: workspace.folder.appendingPathComponent("refused.csv"), encoding: .utf8)
                .split(separator: "\r\n")
            #expect(listed.count == 61, "a header and all 60 rows")
            #expect(listed.first == "line,column,reason")
            #expect(listed.last?.hasPrefix("61,Date,") == true, "the file's own name for the column")
        }
    }

    @Test("exports refuse an existing file or a folder unless --overwrite, and defuse formulas the public typed")
    func exports() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            try workspace.write(
                "f.csv",
                "Comment,Service\n\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\") staff were great\",Emergency department\n"
            )
            let imported = try HeardRun.run(
                [
                    "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service",
                    "--database", database,
                ], in: workspace.folder)
            #expect(imported.status == 0, "\(imported.errors)")
            let export = try HeardRun.run(
                ["export", "feedback", "--output", "out.csv", "--database", database], in: workspace.folder)
            #expect(export.status == 0, "\(export.errors)")
            let written = try String(contentsOf: workspace.folder.appendingPathComponent("out.csv"), encoding: .utf8)
            #expect(written.contains("\"'=HYPERLINK(\"\"http://evil.example\"\""), "\(written)")
            #expect(!written.contains(",\"=HYPERLINK"))

            let again = try HeardRun.run(
                ["export", "feedback", "--output", "out.csv", "--database", database], in: workspace.folder)
            #expect(again.status != 0 && again.endedCleanly)
            #expect(again.errors.contains("out.csv exists already. Choose another name, or add --overwrite"))
            #expect(
                try String(contentsOf: workspace.folder.appendingPathComponent("out.csv"), encoding: .utf8) == written,
                "the earlier export is untouched")
            let replaced = try HeardRun.run(
                ["export", "feedback", "--output", "out.csv", "--overwrite", "--database", database],
                in: workspace.folder)
            #expect(replaced.status == 0, "\(replaced.errors)")
            let folder = try HeardRun.run(
                ["export", "complaints", "--output", ".", "--database", database], in: workspace.folder)
            #expect(folder.status != 0 && folder.errors.contains(". is a folder: give a file name in it"))
        }
    }

    @Test("--refused-rows never replaces the input, the database, or an existing file without --overwrite")
    func refusedRowsNeverReplaceData() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            let input = "Comment,Service\nGreat,Nowhere\n"
            try workspace.write("f.csv", input)
            try FileManager.default.createSymbolicLink(atPath: workspace.path("link.csv"), withDestinationPath: "f.csv")
            let databaseLink = workspace.path("db-link")
            try FileManager.default.createSymbolicLink(atPath: databaseLink, withDestinationPath: database)
            let importFeedback = [
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service", "--dry-run",
                "--overwrite", "--database", database, "--refused-rows",
            ]
            for (path, message) in [
                ("./f.csv", "--refused-rows ./f.csv is the input file"), ("link.csv", "is the input file"),
                (database, "is an SQLite database"), (databaseLink, "is an SQLite database"),
            ] {
                let run = try HeardRun.run(importFeedback + [path], in: workspace.folder)
                #expect(run.status != 0 && run.endedCleanly, "\(path)")
                #expect(run.errors.contains(message), "\(path): \(run.errors)")
                #expect(!run.output.contains("Dry run"), "refused before reading a row")
            }
            #expect(try workspace.read("f.csv") == input)
            #expect(try OutputFileSafetyTests.isSQLite(database), "the database is untouched")

            try workspace.write("refused.csv", "an earlier list\n")
            let existing = try HeardRun.run(
                Array(importFeedback.filter { $0 != "--overwrite" }) + ["refused.csv"], in: workspace.folder)
            #expect(existing.status != 0 && existing.endedCleanly)
            #expect(
                existing.errors.contains("refused.csv exists already. Choose another name, or add --overwrite"),
                "\(existing.errors)")
            #expect(try workspace.read("refused.csv") == "an earlier list\n")
            let replaced = try HeardRun.run(importFeedback + ["refused.csv"], in: workspace.folder)
            #expect(replaced.status == 1, "one row refused: \(replaced.errors)")
            #expect(try workspace.read("refused.csv").hasPrefix("line,column,reason\r\n2,Service,"))
        }
    }

    @Test("no export replaces the database, even with --overwrite or through a link")
    func exportsNeverReplaceTheDatabase() async throws {
        try await CommandLineTests.withDatabase { database, workspace in
            let databaseLink = workspace.path("db-link.csv")
            try FileManager.default.createSymbolicLink(atPath: databaseLink, withDestinationPath: database)
            for kind in ["feedback", "complaints", "corrections"] {
                for output in [database, databaseLink] {
                    let run = try HeardRun.run(
                        ["export", kind, "--output", output, "--overwrite", "--database", database],
                        in: workspace.folder)
                    #expect(run.status != 0 && run.endedCleanly, "\(kind) \(output)")
                    #expect(run.errors.contains("--output \(output) is an SQLite database"), "\(run.errors)")
                }
            }
            #expect(try OutputFileSafetyTests.isSQLite(database))
            // A database file not yet written to has no SQLite header, but is still the one in use.
            try workspace.write("new.sqlite", "")
            let empty = try HeardRun.run(
                ["export", "feedback", "--output", "new.sqlite", "--overwrite", "--database", "new.sqlite"],
                in: workspace.folder)
            #expect(empty.status != 0 && empty.endedCleanly)
            #expect(empty.errors.contains("--output new.sqlite is the database Heard is using"), "\(empty.errors)")
            #expect(try workspace.read("new.sqlite").isEmpty)
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: databaseLink)
            #expect(link == database, "the link is kept")
        }
    }
}
