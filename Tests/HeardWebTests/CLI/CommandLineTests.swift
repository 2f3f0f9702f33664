import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb
import Testing

/// Runs the built `heard` executable, as a person at a terminal would, and keeps what it printed.
struct HeardRun {
    var status: Int32
    var output: String
    var errors: String

    /// The executable `swift build` put next to the test bundle (`.build/<platform>/debug/heard`).
    static var executable: URL? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("heard"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("heard"),
            root.appendingPathComponent(".build/debug/heard"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `heard arguments…` in `folder`, without the caller's DATABASE_URL; `input`, if any, is piped in.
    static func run(_ arguments: [String], in folder: URL, input: String? = nil) throws -> HeardRun {
        try Running(arguments, in: folder, input: input).finish()
    }

    /// A `heard` still running, for a test that signals it (`kill(pid, SIGINT)`) before it ends.
    struct Running {
        let pid: pid_t
        private let outputURL: URL
        private let errorsURL: URL
        private let inputURL: URL

        init(_ arguments: [String], in folder: URL, input: String? = nil) throws {
            let executable = try #require(
                HeardRun.executable, "build the heard executable first: swift build --build-tests")
            var environment = ProcessInfo.processInfo.environment
            environment["DATABASE_URL"] = nil
            outputURL = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
            errorsURL = folder.appendingPathComponent("stderr-\(UUID().uuidString)")
            inputURL = folder.appendingPathComponent("stdin-\(UUID().uuidString)")
            try Data((input ?? "").utf8).write(to: inputURL)
            pid = try ChildProcess.start(
                executable.path, arguments, in: folder.path, environment: environment,
                standardInput: inputURL.path, standardOutput: outputURL.path, standardError: errorsURL.path)
        }

        /// Waits for it to end and returns what it printed.
        func finish() throws -> HeardRun {
            let status = ChildProcess.wait(pid)
            defer {
                for url in [outputURL, errorsURL, inputURL] { try? FileManager.default.removeItem(at: url) }
            }
            return HeardRun(
                status: status, output: try String(contentsOf: outputURL, encoding: .utf8),
                errors: try String(contentsOf: errorsURL, encoding: .utf8))
        }
    }

    /// Neither a trap nor a Foundation error dump reached the person.
    var endedCleanly: Bool { !errors.contains("Fatal error") && !errors.contains("NSCocoaErrorDomain") }
}

/// A folder of its own for one test, with files written into it.
struct Workspace {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("heard-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path)
    }

    func run(_ arguments: String...) throws -> HeardRun { try HeardRun.run(arguments, in: folder) }

    func run(input: String, _ arguments: String...) throws -> HeardRun {
        try HeardRun.run(arguments, in: folder, input: input)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("The heard command", .serialized)
struct CommandLineTests {
    /// Runs `body` with a migrated SQLite file that has one service, "Emergency department".
    static func withDatabase(_ body: (String, Workspace) async throws -> Void) async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var path = ""
        try await TestApp.run(
            on: .sqlite,
            configure: { config in
                if case .sqliteFile(let file) = config.database { path = file }
            }
        ) { app in
            _ = try await Fixtures.service(on: app.db)
            try await body(path, workspace)
        }
    }

    @Test(
        "import: a row with too few or too many fields is refused with its line; the command exits 1 after the summary")
    func importRefusesShortAndLongRows() async throws {
        try await Self.withDatabase { database, workspace in
            try workspace.write(
                "f.csv",
                "Comment,Service\nrow one\nrow two,Emergency department\nrow three,Emergency department,extra\n")
            let dry = try workspace.run(
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service", "--dry-run",
                "--database", database)
            #expect(dry.status == 1, "\(dry.errors)")
            #expect(dry.endedCleanly)
            #expect(dry.errors.contains("refused line 2: expected 2 fields, found 1"))
            #expect(dry.errors.contains("refused line 4: expected 2 fields, found 3"))
            // A refused value is named by the file's own column, not Heard's field.
            try workspace.write("p.csv", "Comment,Service,Publish?\nKind staff,Emergency department,maybe\n")
            let consent = try workspace.run(
                "import", "feedback", "p.csv", "--text-column", "Comment", "--service-column", "Service",
                "--consent-column", "Publish?", "--dry-run", "--database", database)
            #expect(consent.errors.contains("refused line 2, column \"Publish?\": "), "\(consent.errors)")
            #expect(dry.output.contains("Dry run: 3 rows read, 1 would be imported, 2 would be refused"))

            let real = try workspace.run(
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service",
                "--database", database)
            #expect(real.status == 1, "\(real.errors)")
            #expect(real.output.contains("Imported 1 row, refused 2"))

            // A file of FFT answers only needs no text column; a command with neither is refused before reading.
            try workspace.write("a.csv", "Service,FFT\nEmergency department,Good\nEmergency department,1\n")
            let answers = try workspace.run(
                "import", "feedback", "a.csv", "--rating-column", "FFT", "--service-column", "Service", "--database",
                database)
            #expect(answers.status == 0, "\(answers.errors)")
            #expect(answers.output.contains("Imported 2 rows"))
            #expect(answers.output.contains("2 rows have an FFT answer and no comment"))
            let neither = try workspace.run(
                "import", "feedback", "a.csv", "--service-column", "Service", "--database", database)
            #expect(neither.status != 0)
            #expect(neither.errors.contains("Give --text-column (what people said), or --rating-column"))
        }
    }

    @Test("import: a file with a header row but no rows of feedback is refused, saying so, with or without --dry-run")
    func importRefusesHeaderOnlyFile() async throws {
        try await Self.withDatabase { database, workspace in
            try workspace.write("empty.csv", "Comment,Service\r\n,\r\n")
            for extra in [["--dry-run"], []] {
                let refused = try HeardRun.run(
                    ["import", "feedback", "empty.csv", "--text-column", "Comment", "--service-column", "Service"]
                        + extra + ["--database", database], in: workspace.folder)
                #expect(refused.status != 0)
                #expect(
                    refused.errors.contains("empty.csv has a header row but no rows of feedback"), "\(refused.errors)")
                #expect(!refused.output.contains("Imported"))
            }
        }
    }

    @Test("import: the pre-2020 'likely to recommend' column refuses other answers with the line and column")
    func importChecksLegacyRecommend() async throws {
        try await Self.withDatabase { database, workspace in
            try workspace.write(
                "old.csv",
                "Comment,Service,Recommend\nKind,Emergency department,extremely likely\nSlow,Emergency department,Good\nOdd,Emergency department,10\n"
            )
            let dry = try workspace.run(
                "import", "feedback", "old.csv", "--text-column", "Comment", "--service-column", "Service",
                "--legacy-recommend-column", "Recommend", "--dry-run", "--database", database)
            #expect(dry.status == 1 && dry.endedCleanly, "\(dry.errors)")
            #expect(
                dry.errors.contains(
                    "refused line 3, column \"Recommend\": 'Good' answers the current FFT question (very good … very poor), not the pre-2020 \"likely to recommend\" one. Map this column as the FFT answer, not as the pre-2020 \"likely to recommend\" answer."
                ), "\(dry.errors)")
            #expect(
                dry.errors.contains(
                    "refused line 4, column \"Recommend\": '10' is not a pre-2020 \"likely to recommend\" answer (extremely likely,"
                ), "\(dry.errors)")
            #expect(dry.output.contains("Dry run: 3 rows read, 1 would be imported, 2 would be refused"))
            let real = try workspace.run(
                "import", "feedback", "old.csv", "--text-column", "Comment", "--service-column", "Service",
                "--legacy-recommend-column", "Recommend", "--database", database)
            #expect(real.status == 1, "\(real.errors)")
            #expect(real.output.contains("Imported 1 row, refused 2"), "\(real.output)")
        }
    }

    @Test(
        "import: a file with every row accepted exits 0; Excel's Windows-1252 is read as such; damaged UTF-8 is counted with its lines"
    )
    func importSucceeds() async throws {
        try await Self.withDatabase { database, workspace in
            // What Excel writes for "CSV (Comma delimited)": "Café" and "£5" in Windows-1252.
            try Data(
                Array("Comment,Service\nCaf".utf8) + [0xE9] + Array(" charged ".utf8) + [0xA3]
                    + Array("5,Emergency department\n".utf8)
            ).write(to: workspace.folder.appendingPathComponent("ok.csv"))
            let run = try workspace.run(
                "import", "feedback", "ok.csv", "--text-column", "Comment", "--service-column", "Service",
                "--database", database)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("Imported 1 row, refused 0"))
            #expect(run.output.contains("it was read as Windows-1252"))
            #expect(!run.output.contains("U+FFFD"))
            // A UTF-8 file ("é" written right on one line) with one damaged byte on another.
            try Data(
                Array("Comment,Service\nCafé was open,Emergency department\nbad ".utf8) + [0xE9]
                    + Array(" byte,Emergency department\n".utf8)
            ).write(to: workspace.folder.appendingPathComponent("damaged.csv"))
            let damaged = try workspace.run(
                "import", "feedback", "damaged.csv", "--text-column", "Comment", "--service-column", "Service",
                "--database", database)
            #expect(damaged.status == 0, "\(damaged.errors)")
            #expect(damaged.output.contains("1 row had bytes that are not UTF-8, replaced by U+FFFD (line 3)"))
            #expect(!damaged.output.contains("Windows-1252"))
        }
    }

    @Test("export open-data: needs the site's public address for story links, and keeps files unless told")
    func openDataExport() async throws {
        try await Self.withDatabase { database, workspace in
            let bare = try workspace.run("export", "open-data", "--output", "portal", "--database", database)
            #expect(bare.status != 0)
            #expect(bare.endedCleanly)
            #expect(bare.errors.contains("Give the site's public address with --public-url"))
            let written = try workspace.run(
                "export", "open-data", "--output", "portal", "--public-url", "https://heard.example.nhs.uk/",
                "--dataset", "stories", "--database", database)
            #expect(written.status == 0, "\(written.errors)")
            #expect(workspace.exists("portal/heard-stories.csv"))
            let again = try workspace.run(
                "export", "open-data", "--output", "portal", "--public-url", "https://heard.example.nhs.uk",
                "--database", database)
            #expect(again.status != 0)
            #expect(again.errors.contains("already has heard-stories.csv"))
            let replaced = try workspace.run(
                "export", "open-data", "--output", "portal", "--public-url", "https://heard.example.nhs.uk",
                "--overwrite", "--database", database)
            #expect(replaced.status == 0, "\(replaced.errors)")
            let wrongURL = try workspace.run(
                "export", "open-data", "--output", "other", "--public-url", "heard.example", "--database", database)
            #expect(wrongURL.errors.contains("--public-url must be a web address"))
        }
    }

    @Test("token: create, list and revoke from the command line; a token needs a name")
    func tokens() async throws {
        try await Self.withDatabase { database, workspace in
            let unnamed = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--name", " ",
                "--database", database)
            #expect(unnamed.status != 0)
            #expect(unnamed.errors.contains("--name says what the token is for"))
            let empty = try workspace.run("token", "list", "--database", database)
            #expect(empty.output.contains("There are no API tokens."))
            let created = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--name",
                "Case system", "--database", database)
            #expect(created.status == 0, "\(created.errors)")
            let listed = try workspace.run("token", "list", "--database", database)
            #expect(listed.output.contains("Case system  cases@example.nhs.uk (complaints_handler)"))
            #expect(listed.output.contains("last used never  works until revoked  active"))
            let id = String(listed.output.prefix(8))
            let short = try workspace.run("token", "revoke", String(id.prefix(4)), "--database", database)
            #expect(short.errors.contains("Give at least the first 8 characters"))
            let revoked = try workspace.run("token", "revoke", id, "--database", database)
            #expect(revoked.status == 0, "\(revoked.errors)")
            #expect(revoked.output.contains("Revoked \"Case system\" of cases@example.nhs.uk"))
            #expect(try workspace.run("token", "list", "--database", database).output.contains("revoked "))
            // A last day: read the UK way too, refused when already past, shown in the list.
            let pastDay = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--last-day",
                "2020-01-01", "--database", database)
            #expect(pastDay.status != 0)
            #expect(pastDay.errors.contains("--last-day 2020-01-01 is before today"))
            let notADay = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--last-day",
                "2099-02-30", "--database", database)
            #expect(notADay.errors.contains("--last-day \"2099-02-30\" is not a real date"))
            let farAhead = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--last-day",
                "2099-12-31", "--database", database)
            #expect(farAhead.errors.contains("--last-day 2099-12-31 is more than 5 years ahead"))
            let day = SimpleDate.ukDay(of: Date()).adding(days: 400)
            let withDay = try workspace.run(
                "token", "create", "--email", "cases@example.nhs.uk", "--role", "complaints_handler", "--name",
                "Supplier", "--last-day", "\(day.day)/\(day.month)/\(day.year)", "--database", database)
            #expect(withDay.status == 0, "\(withDay.errors)")
            #expect(withDay.errors.contains("working until the end of \(day.iso)"))
            let withDayListed = try workspace.run("token", "list", "--database", database).output
            #expect(withDayListed.contains("works until \(day.iso)  active"))
            #expect(withDayListed.contains("works until revoked  revoked "))
            let unknown = try workspace.run("token", "revoke", "ffffffff", "--database", database)
            #expect(unknown.status != 0)
            #expect(unknown.errors.contains("No API token has an id starting ffffffff"))
        }
    }

    @Test("commands that read the database refuse a SQLite file that does not exist, and do not create it")
    func missingDatabase() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("f.csv", "Comment,Service\nfine,Emergency department\n")
        let runs = [
            try workspace.run("export", "feedback", "--output", "f-out.csv", "--database", "missing.sqlite"),
            try workspace.run("export", "complaints", "--output", "c.csv", "--database", "missing.sqlite"),
            try workspace.run(
                "import", "feedback", "f.csv", "--text-column", "Comment", "--service-column", "Service",
                "--database", "missing.sqlite"),
        ]
        for run in runs {
            #expect(run.status != 0)
            #expect(
                run.errors.contains(
                    "No database at missing.sqlite: check the path, or run `heard migrate` to create one"),
                "\(run.errors)")
        }
        #expect(!workspace.exists("missing.sqlite"))
        #expect(!workspace.exists("f-out.csv"))
        let migrate = try workspace.run("migrate", "--database", "new.sqlite")
        #expect(migrate.status == 0, "\(migrate.errors)")
        #expect(workspace.exists("new.sqlite"), "migrate still creates a database")
        #expect(migrate.output.contains("Created the database tables:"), "\(migrate.output)")
        let again = try workspace.run("migrate", "--database", "new.sqlite")
        #expect(again.output.contains("already up to date"), "\(again.output)")
    }

    static let trainingFile =
        (["feedback,label"]
        + (0..<40).map { $0 % 2 == 0 ? "the nurse was kind \($0),Staff" : "waited hours in the car park \($0),Waiting" })
        .joined(separator: "\n") + "\n"

    @Test("train --skip-bad-rows says which lines it skipped and why")
    func trainNamesSkippedRows() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let rows = (0..<40).map { $0 % 2 == 0 ? "the nurse was kind \($0),1,0,2" : "waited hours \($0),0,1,4" }
        var lines = ["feedback,Staff,Waiting,sentiment"] + rows
        lines[6] = "the nurse was kind again,2,0,2"
        lines[13] = "waited hours again,0,1,6"
        try workspace.write("themes.csv", lines.joined(separator: "\n") + "\n")
        let run = try workspace.run(
            "train", "--input", "themes.csv", "--text-column", "feedback", "--theme-columns", "Staff:Waiting",
            "--sentiment-column", "sentiment", "--folds", "0", "--skip-bad-rows", "--output", "t.model")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("skipped 2 malformed rows:"), "\(run.errors)")
        #expect(run.errors.contains("line 7"), "\(run.errors)")
        #expect(run.errors.contains("line 14"), "\(run.errors)")
        #expect(run.errors.contains("a sentiment from 1 to 5"), "\(run.errors)")
    }

    @Test("train: settings that cannot give a model are refused at once with their name, never a crash")
    func trainRefusesBadSettings() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("p.csv", Self.trainingFile)
        let base = [
            "train", "--input", "p.csv", "--text-column", "feedback", "--label-column", "label", "--output", "z.model",
        ]
        let refused: [([String], String)] = [
            (["--folds", "0", "--label-cost=0"], "--label-cost must be a number greater than 0"),
            (["--label-cost=nan"], "--label-cost"),
            (["--sentiment-cost=-1"], "--sentiment-cost"),
            (["--naive-bayes=1.5"], "--naive-bayes must be a number from 0 (off) to 1"),
            (["--naive-bayes=nan"], "--naive-bayes"),
            (["--positive-weight-power=inf"], "--positive-weight-power"),
            (["--positive-weight-power=-1"], "--positive-weight-power"),
            (["--folds", "1"], "--folds must be 0 (no cross-validation) or at least 2"),
            (
                ["--folds", "100000"],
                "--folds 100000 is more than the 40 comments: use 0 (no cross-validation) or 2…40"
            ),
        ]
        for (extra, message) in refused {
            let run = try HeardRun.run(base + extra, in: workspace.folder)
            #expect(run.status != 0, "\(extra)")
            #expect(run.endedCleanly, "\(extra): \(run.errors)")
            #expect(run.errors.contains(message), "\(extra): \(run.errors)")
            #expect(!workspace.exists("z.model"))
        }
    }

    @Test("train: a header-only file and an output folder that does not exist are refused before any training")
    func trainRefusesNoRowsAndUnwritableOutput() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("header.csv", "feedback,label\n")
        try workspace.write("p.csv", Self.trainingFile)
        let empty = try workspace.run(
            "train", "--input", "header.csv", "--text-column", "feedback", "--label-column", "label", "--output",
            "z.model")
        #expect(empty.status != 0)
        #expect(empty.errors.contains("there are no comments to train on"), "\(empty.errors)")
        #expect(!workspace.exists("z.model"))
        for output in ["/nonexistent/x.model", "no-such-folder/x.model", "."] {
            let run = try workspace.run(
                "train", "--input", "p.csv", "--text-column", "feedback", "--label-column", "label", "--output", output)
            #expect(run.status != 0)
            #expect(run.endedCleanly, "\(run.errors)")
            #expect(run.errors.contains("Cannot write to \(output)"), "\(run.errors)")
            #expect(!run.output.contains("Training on"), "refused before training")
        }
        let overInput = try workspace.run(
            "train", "--input", "p.csv", "--text-column", "feedback", "--label-column", "label", "--output", "./p.csv")
        #expect(overInput.status != 0)
        #expect(overInput.errors.contains("is the input file"), "\(overInput.errors)")
        #expect(
            try String(contentsOf: workspace.folder.appendingPathComponent("p.csv"), encoding: .utf8)
                == Self.trainingFile)
    }

    @Test("analyse refuses to write over its own input")
    func analyseRefusesItsInputAsOutput() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let text = "id,comment\n1,the nurse was kind\n"
        try workspace.write("a.csv", text)
        for output in ["a.csv", "./a.csv", workspace.folder.appendingPathComponent("a.csv").path] {
            let run = try workspace.run("analyse", "--input", "a.csv", "--output", output, "--text-column", "comment")
            #expect(run.status != 0)
            #expect(run.errors.contains("the output is the input file"), "\(run.errors)")
        }
        #expect(try String(contentsOf: workspace.folder.appendingPathComponent("a.csv"), encoding: .utf8) == text)
    }

    @Test("evaluate names the labels the model does not have, and fails when none match")
    func evaluateNamesUnknownLabels() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("dev.csv", "FFT answer,Trust\nkind staff,NEAS\nlong wait,Trust B\n")
        let run = try workspace.run(
            "evaluate", "--input", "dev.csv", "--text-column", "FFT answer", "--label-column", "Trust")
        #expect(run.status != 0)
        #expect(run.errors.contains("The model has no label 'NEAS', 'Trust B' — it was trained on: "), "\(run.errors)")
        #expect(!run.output.contains("accuracy"))
    }

    @Test("evaluating the default model says its own training rows give in-sample scores")
    func evaluateWarnsOfInSampleScores() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(
            "labelled.csv",
            "FFT answer,Theme\nStaff were kind and caring,Staff manner & personal attributes\n"
                + "Not enough nurses on the ward at night,Number & deployment of staff\n")
        let run = try workspace.run(
            "evaluate", "--input", "labelled.csv", "--text-column", "FFT answer", "--label-column", "Theme")
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.contains("scores on those rows are in-sample, not held out"), "\(run.errors)")
    }

    @Test("a column a command reads that is named twice in the header is refused, naming both positions")
    func duplicateHeaderNames() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("twice.csv", "id,comment,comment\n1,the nurse was kind,waited hours\n")
        let analyse = try workspace.run(
            "analyse", "--input", "twice.csv", "--text-column", "comment", "--output", "out.csv")
        #expect(analyse.status != 0)
        #expect(analyse.endedCleanly, "\(analyse.errors)")
        #expect(
            analyse.errors.contains("column \"comment\" appears twice in the header (columns 2 and 3)"),
            "\(analyse.errors)")
        #expect(!workspace.exists("out.csv"))
        // A repeated column the command does not read is no obstacle.
        let other = try workspace.run("analyse", "--input", "twice.csv", "--text-column", "id", "--output", "out.csv")
        #expect(other.status == 0, "\(other.errors)")

        let themes =
            (["feedback,Staff,Waiting,Staff"]
            + (0..<40).map { $0 % 2 == 0 ? "kind nurse \($0),1,0,0" : "long wait \($0),0,1,0" })
            .joined(separator: "\n") + "\n"
        try workspace.write("themes.csv", themes)
        let train = try workspace.run(
            "train", "--input", "themes.csv", "--text-column", "feedback", "--theme-columns", "Waiting:Staff",
            "--folds", "0", "--output", "t.model")
        #expect(train.status != 0)
        #expect(
            train.errors.contains("column \"Staff\" appears twice in the header (columns 2 and 4)"), "\(train.errors)")
        #expect(!workspace.exists("t.model"))
    }

    @Test("a negative number given to a train option gets the option's own rule, not the parser's 'missing value'")
    func trainNegativeNumbers() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("p.csv", Self.trainingFile)
        let base = [
            "train", "--input", "p.csv", "--text-column", "feedback", "--label-column", "label", "--output", "z.model",
        ]
        for (extra, message) in [
            (["--label-cost", "-1"], "--label-cost must be a number greater than 0"),
            (["--word-vectors", "-1"], "--word-vectors must be a number from 0 (off) to 10"),
            (["--folds", "-2"], "--folds must be 0 (no cross-validation) or at least 2"),
            (["--seed", "-5"], "--seed"),
        ] {
            let run = try HeardRun.run(base + extra, in: workspace.folder)
            #expect(run.status != 0, "\(extra)")
            #expect(run.errors.contains(message), "\(extra): \(run.errors)")
            #expect(!run.errors.contains("Missing value"), "\(extra): \(run.errors)")
            #expect(!workspace.exists("z.model"))
        }
    }

    @Test("analyse --skip-bad-rows warns when a large share was skipped, and fails when every row was")
    func analyseWarnsOfManySkippedRows() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let rows = (0..<20).map { $0 % 2 == 0 ? "\($0),the nurse was kind" : "\($0),waited,too,long" }
        try workspace.write("half.csv", (["id,comment"] + rows).joined(separator: "\n") + "\n")
        let half = try workspace.run(
            "analyse", "--input", "half.csv", "--text-column", "comment", "--output", "out.csv", "--skip-bad-rows")
        #expect(half.status == 0, "\(half.errors)")
        #expect(half.errors.contains("warning: 10 of 20 rows (50%) were skipped as malformed"), "\(half.errors)")
        #expect(try workspace.read("out.csv").split(whereSeparator: \.isNewline).count == 11)

        let few = (0..<20).map { $0 == 3 ? "\($0),a,b" : "\($0),the nurse was kind" }
        try workspace.write("few.csv", (["id,comment"] + few).joined(separator: "\n") + "\n")
        let one = try workspace.run(
            "analyse", "--input", "few.csv", "--text-column", "comment", "--output", "few-out.csv", "--skip-bad-rows")
        #expect(one.status == 0, "\(one.errors)")
        #expect(one.errors.contains("1 bad row skipped") && !one.errors.contains("warning:"), "\(one.errors)")

        try workspace.write("all.csv", "id,comment\n1,a,b\n2,c,d\n")
        let all = try workspace.run(
            "analyse", "--input", "all.csv", "--text-column", "comment", "--output", "all-out.csv", "--skip-bad-rows")
        #expect(all.status != 0)
        #expect(all.errors.contains("every row was malformed and skipped"), "\(all.errors)")
    }

    @Test("analyse writes redacted_text safe to open in a spreadsheet, and the input columns as they were")
    func analyseDefusesFormulas() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write(
            "f.csv",
            "id,comment\n1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\n2,@SUM(A1)\n3,- kind staff\n4,kind staff\n"
        )
        let run = try workspace.run("analyse", "--input", "f.csv", "--text-column", "comment", "--output", "out.csv")
        #expect(run.status == 0, "\(run.errors)")
        let lines = try workspace.read("out.csv").split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines[1].hasPrefix("1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), "\(lines[1])")
        #expect(lines[1].contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","), "\(lines[1])")
        #expect(lines[2].hasPrefix("2,@SUM(A1),") && lines[2].contains(",'@SUM(A1),"), "\(lines[2])")
        #expect(lines[3].contains(",'- kind staff,"), "\(lines[3])")
        #expect(lines[4].contains(",kind staff,") && !lines[4].contains("'kind"), "\(lines[4])")
    }

    @Test("a PostgreSQL server that cannot be reached is named with the reason, not the driver's generic text")
    func unreachablePostgres() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        // Port 1 on this machine: nothing listens there, so the connection is refused at once.
        for command in [["migrate"], ["demo"], ["token", "list"]] {
            let run = try HeardRun.run(
                command + ["--database", "postgres://heard@127.0.0.1:1/heard", "--log-level", "critical"],
                in: workspace.folder)
            #expect(run.status != 0, "\(command)")
            #expect(
                run.errors.contains(
                    "Cannot use the database (PostgreSQL postgres://heard@127.0.0.1:1/heard): connection refused."),
                "\(command): \(run.errors)")
            #expect(!run.errors.contains("Generic description"), "\(command): \(run.errors)")
        }
    }

    @Test("serve --model naming a file that is not a model stops with the file and the reason, before listening")
    func serveWithBadModel() throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try workspace.write("ours.heardmodel", "not a model\n")
        let run = try workspace.run(
            "serve", "--model", "ours.heardmodel", "--port", "0", "--database", "heard.sqlite", "--log-level",
            "critical")
        #expect(run.status != 0 && run.endedCleanly)
        #expect(run.errors.contains("--model or HEARD_MODEL: "), "\(run.errors)")
        #expect(run.errors.contains("ours.heardmodel"), "\(run.errors)")
        let empty = try workspace.run("serve", "--model", "", "--port", "0", "--database", "heard.sqlite")
        #expect(empty.status != 0 && empty.errors.contains("--model needs the path of a model file"), "\(empty.errors)")
    }
}
