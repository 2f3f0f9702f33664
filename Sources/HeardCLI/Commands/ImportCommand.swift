import ArgumentParser
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardWeb

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Bring data into Heard.", subcommands: [Feedback.self])

    struct Feedback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import feedback from a CSV export (FFT, survey tools).",
            discussion: """
                Checks every row first with --dry-run. A real run commits every 500 rows and records how far it got:
                if it is interrupted, run the same command with --resume to carry on after the last committed row.
                Rows with problems are skipped and listed with their line numbers, and the command then exits with
                status 1 (the rows it accepted are still imported). Analysis runs as background jobs in `heard serve`;
                add --analyse-now to analyse here instead.
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The CSV file.") var file: String
        @Option(
            help:
                "Column with what the person said (required, unless the file holds FFT answers only: then give --rating-column or --legacy-recommend-column without it)."
        )
        var textColumn: String?
        @Option(help: "Column with the service name or id.") var serviceColumn: String?
        @Option(help: "One service (name or id) for every row, when the file has no service column.") var service:
            String?
        @Option(help: "Column with the date received.") var dateColumn: String?
        @Option(
            help:
                "How the file writes dates with the year last: day-first (31/03/2024, the UK way, the default) or month-first (03/31/2024)."
        )
        var dateOrder: String = FeedbackImportRules.DateOrder.dayFirst.rawValue
        @Option(help: "Column with the FFT answer (very good … very poor, or 1–6).") var ratingColumn: String?
        @Option(
            help:
                "Column with the pre-2020 'likely to recommend' answer (extremely likely … extremely unlikely, don't know, or 1–6), kept apart from FFT."
        )
        var legacyRecommendColumn: String?
        @Option(help: "Column with consent to publish (yes/no).") var consentColumn: String?
        @Option(help: "Column with what was good.") var goodColumn: String?
        @Option(help: "Column with what could be better.") var betterColumn: String?
        @Option(
            help:
                "Column saying how each answer was collected (SMS, tablet, online, paper, telephone …), for the FFT return's mode of collection. Without it, rows count as 'imported file'."
        )
        var channelColumn: String?
        @Option(
            help:
                "Column with each response's own ID in the export. Responses are then told apart by it: two identical answers are two responses, an ID imported before is skipped, and an ID twice in the file is refused on its second line. Without it, rows are told apart by what they say."
        )
        var idColumn: String?
        @Flag(help: "Check every row and report; import nothing.") var dryRun = false
        @Flag(help: "Carry on the last unfinished import of this file.") var resume = false
        @Flag(
            help:
                "Import a file that was imported before, storing every row again. Without it, rows already stored by an earlier import are skipped."
        ) var importAgain = false
        @Option(help: "Write every refused row (line, field, reason) to this CSV file, not only the first 50.")
        var refusedRows: String?
        @Flag(help: "Replace the --refused-rows file if it exists.") var overwrite = false
        @Flag(help: "Analyse the imported rows in this process instead of leaving it to background jobs.")
        var analyseNow = false

        func validate() throws {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw ValidationError("There is no file at \(file).")
            }
            if isFolder.boolValue { throw ValidationError("\(file) is a folder, not a CSV file.") }
            guard FeedbackImportRules.DateOrder(rawValue: dateOrder) != nil else {
                throw ValidationError("--date-order must be day-first or month-first, not '\(dateOrder)'.")
            }
            guard (serviceColumn == nil) != (service == nil) else {
                throw ValidationError("Give either --service-column or --service (one service for the whole file).")
            }
            guard textColumn != nil || ratingColumn != nil || legacyRecommendColumn != nil else {
                throw ValidationError(
                    "Give --text-column (what people said), or --rating-column for a file of FFT answers only.")
            }
            if let refusedRows,
                let problem = OutputFile.destroysData(refusedRows, option: "--refused-rows", inputs: [file])
                    ?? OutputFile.problem(refusedRows)
                    ?? OutputFile.existingFileProblem(refusedRows, overwrite: overwrite)
            {
                throw ValidationError(problem)
            }
        }

        func run() async throws {
            var config = try database.configuration()
            // Checked once the database is known, before anything is read, imported or written.
            if let refusedRows,
                let problem = OutputFile.destroysData(refusedRows, option: "--refused-rows", database: config.database)
            {
                throw CLIError(problem)
            }
            Interruption.removeUnfinishedOutputs(of: refusedRows.map { [$0] } ?? [])
            config.runsJobWorker = false
            config.logLevel = .warning
            let columns: [FeedbackImportRules.Field: String?] = [
                .text: textColumn, .service: serviceColumn, .date: dateColumn, .rating: ratingColumn,
                .legacyRecommend: legacyRecommendColumn, .consent: consentColumn, .whatWasGood: goodColumn,
                .couldBeBetter: betterColumn, .channel: channelColumn, .responseID: idColumn,
            ]
            let fileName = URL(fileURLWithPath: file).lastPathComponent
            let refused = try await AppRunner.withApplication(config) { app in
                var mapping = ImportMapping(columns: [:], fixedServiceID: nil)
                mapping.dateOrder = FeedbackImportRules.DateOrder(rawValue: dateOrder)
                for (field, column) in columns { if let column { mapping.columns[field.rawValue] = column } }
                if let service {
                    let all = try await Service.query(on: app.db).all()
                    let named = all.filter {
                        $0.id?.uuidString == service.uppercased() || $0.name.lowercased() == service.lowercased()
                    }
                    // A name a retired service shared with one in use means the one in use; a retired one alone
                    // is refused by the importer, saying when it was retired.
                    let inUse = named.filter { !$0.isRetired }
                    let matches = inUse.isEmpty ? named : inUse
                    guard let match = matches.first else {
                        throw CLIError("No service is called '\(service)'. Check the name on the Services page.")
                    }
                    guard matches.count == 1 else {
                        throw CLIError(
                            "\(matches.count) services are called '\(service)'. Give its id instead: one of \(matches.map { $0.id!.uuidString }.sorted().joined(separator: ", "))."
                        )
                    }
                    mapping.fixedServiceID = match.id
                }
                var resumeBatch: ImportBatch?
                if resume {
                    resumeBatch = try await ImportBatch.query(on: app.db).filter(\.$fileName == fileName)
                        .filter(\.$status ~~ ["importing", "failed"]).sort(\.$createdAt, .descending).first()
                    if resumeBatch == nil { throw CLIError("There is no unfinished import of \(fileName) to resume.") }
                }
                let importer = FeedbackImporter(database: app.db)
                var fingerprint: String?
                if !dryRun, !resume {
                    // The same file twice would store every row twice: refuse unless asked, as the web import does.
                    let fileFingerprint = try FeedbackImporter.fingerprint(of: URL(fileURLWithPath: file))
                    if !importAgain, let earlier = try await importer.earlierImport(fingerprint: fileFingerprint) {
                        let day = earlier.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "an earlier day"
                        throw CLIError(
                            "This file was imported on \(day) (\(earlier.fileName), \(earlier.rowsImported) rows, batch \(earlier.id!.uuidString.lowercased())). Importing it again would store every row twice; to do that anyway, add --import-again."
                        )
                    }
                    fingerprint = fileFingerprint
                }
                let refusedFile = try refusedRows.map { try RefusedRowsFile(path: $0, mapping: mapping) }
                if !dryRun {
                    Interruption.whenInterrupted(
                        say: "The rows up to the last 500-row commit are stored. To carry on after them, run the same "
                            + "command with --resume: the totals and refused rows it gives cover the whole file.")
                }
                let bar = TextProgressBar(enabled: isatty(STDERR_FILENO) == 1)
                let started = Date()
                let report: ImportReport
                do {
                    report = try await importer.run(
                        file: URL(fileURLWithPath: file), fileName: fileName, mapping: mapping, dryRun: dryRun,
                        resume: resumeBatch, fingerprint: fingerprint, importAgain: importAgain,
                        refused: { try refusedFile?.write($0) },
                        progress: { bar.update(done: $0, total: $1) })
                } catch let problem as ImportProblem {
                    bar.finish()
                    throw CLIError(problem.description)
                }
                bar.finish()
                let seconds = Date().timeIntervalSince(started)
                for rejection in report.rejections.prefix(50) {
                    FileHandle.standardError.write(Data("refused \(mapping.describe(rejection))\n".utf8))
                }
                try refusedFile?.close()
                if let refusedRows, report.rejected > 0 {
                    FileHandle.standardError.write(Data("Every refused row is listed in \(refusedRows).\n".utf8))
                } else if report.rejections.count > 50 {
                    FileHandle.standardError.write(
                        Data(
                            "… and \(report.rejected - 50) more refused rows (add --refused-rows FILE to list them all)\n"
                                .utf8))
                }
                let rate = seconds > 0 ? Int(Double(report.rowsRead) / seconds) : report.rowsRead
                let lines = report.invalidUTF8Lines.map(String.init).joined(separator: ", ")
                let invalidUTF8 =
                    report.invalidUTF8Rows > 0
                    ? " \(report.invalidUTF8Rows == 1 ? "1 row" : "\(report.invalidUTF8Rows) rows") had bytes that are not UTF-8, replaced by U+FFFD (\(report.invalidUTF8Lines.count == 1 ? "line" : "lines") \(lines)\(report.invalidUTF8Rows > report.invalidUTF8Lines.count ? ", …" : "")); save the file as CSV UTF-8 to keep every character."
                    : ""
                let encoding =
                    report.readAsWindows1252
                    ? " The file is not UTF-8, so it was read as Windows-1252 (Excel's \"CSV (Comma delimited)\"): check that accented letters and £ look right."
                    : ""
                // The same sentences as the upload page's.
                let skipped = report.alreadyImportedSentence(dryRun: dryRun) + report.lookalikeSentence(dryRun: dryRun)
                let ratingOnly = report.answersOnlySentences
                if dryRun {
                    print(
                        "Dry run: \(report.rowsRead.formatted) \(report.rowsRead == 1 ? "row" : "rows") read, \(report.accepted.formatted) would be imported, \(report.rejected.formatted) would be refused (\(String(format: "%.1f", seconds)) s).\(skipped)\(ratingOnly)\(invalidUTF8)\(encoding)"
                    )
                    return report.rejected
                }
                // In the audit log as an upload page's import is, by the command line.
                try await AuditLog.record(
                    on: app.db, actor: .system("command line"), action: "import.run", objectType: "import",
                    objectID: report.batchID?.uuidString, summary: report.auditSummary(fileName: fileName))
                print(
                    "Imported \(report.accepted.formatted) \(report.accepted == 1 ? "row" : "rows"), refused \(report.rejected.formatted), from \(report.rowsRead.formatted) \(report.rowsRead == 1 ? "row" : "rows") in \(String(format: "%.1f", seconds)) s (\(rate.formatted) rows/s). Batch \(report.batchID!.uuidString.lowercased()).\(skipped)\(ratingOnly)\(invalidUTF8)\(encoding)"
                )
                if analyseNow, let batchID = report.batchID {
                    var remaining = 1
                    while remaining > 0 {
                        remaining = try await AnalyseImportJob.analyseSlice(
                            batchID: batchID, engine: app.listeningEngine, siteURL: config.publicURL, on: app.db)
                        bar.update(done: report.accepted - remaining, total: report.accepted)
                    }
                    bar.finish()
                    print(
                        "Analysed \(report.accepted.formatted) \(report.accepted == 1 ? "row" : "rows"). "
                            + (try await ImportUrgentReport.sentence(
                                batchID: batchID, siteURL: config.publicURL, on: app.db)))
                } else if report.analysisJobs > 0 {
                    print("Analysis is queued as a background job: a running `heard serve` does it.")
                }
                return report.rejected
            }
            // Refused rows are a failure a script must see, after the summary (the accepted rows are kept).
            if refused > 0 { throw ExitCode.failure }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write data out of Heard.",
        subcommands: [Feedback.self, Complaints.self, OpenData.self, Corrections.self])

    struct Complaints: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write the complaints received in a period to CSV, one row each with its dates, service, themes and outcome (for the quarterly complaints return). No text or contact details."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: ExportTarget
        @Option(help: "First day received, YYYY-MM-DD (default: a year before today).") var from: String?
        @Option(help: "Last day received, YYYY-MM-DD (default: today).") var to: String?

        func validate() throws {
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, SimpleDate(iso: value) == nil {
                    throw ValidationError("\(name) must be a date like 2026-03-31, not '\(value)'.")
                }
            }
            if let from = from.flatMap(SimpleDate.init(iso:)), let to = to.flatMap(SimpleDate.init(iso:)), from > to {
                throw ValidationError("--from (\(from.iso)) must not be after --to (\(to.iso)).")
            }
        }

        func run() async throws {
            var config = try database.configuration()
            try target.prepare(for: config)
            config.runsJobWorker = false
            config.logLevel = .warning
            let today = DecisionClock.system.today()
            let first = from.flatMap(SimpleDate.init(iso:)) ?? today.adding(months: -12).adding(days: 1)
            let last = to.flatMap(SimpleDate.init(iso:)) ?? today
            try await AppRunner.withApplication(config) { app in
                let count = try await ComplaintsExport.write(
                    to: target.url, from: first, to: last, today: today, on: app.db)
                print("Wrote \(count) complaints received \(first.ukText) to \(last.ukText) to \(target.output).")
            }
        }
    }

    struct OpenData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open-data",
            abstract:
                "Write the open datasets (the downloads on /open-data) into a folder, for a data portal. They hold only what the public pages show."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The folder to write into (created if missing).") var output: String
        @Option(
            help: ArgumentHelp(
                "The public address of the Heard site, like https://heard.example.nhs.uk.",
                discussion:
                    "The stories file links each story to its page there. Without it, HEARD_PUBLIC_URL is used; one of the two is needed."
            )) var publicURL: String?
        @Flag(help: "Replace files of the same names already in the folder.") var overwrite = false
        @Option(
            name: .customLong("dataset"),
            help: ArgumentHelp(
                "One dataset to write; repeat for more (default: all).",
                discussion: "One of: \(OpenDataExport.datasetNames.joined(separator: ", "))."))
        var datasets: [String] = []

        func validate() throws {
            for name in datasets where !OpenDataExport.datasetNames.contains(name) {
                throw ValidationError(
                    "There is no dataset called '\(name)'. Choose from: \(OpenDataExport.datasetNames.joined(separator: ", "))."
                )
            }
            if let publicURL, URL(string: publicURL)?.scheme.map({ $0 == "https" || $0 == "http" }) != true {
                throw ValidationError("--public-url must be a web address like https://heard.example.nhs.uk.")
            }
            if !overwrite {
                let existing = OpenDataExport.fileNames(datasets).filter {
                    FileManager.default.fileExists(atPath: URL(fileURLWithPath: output).appendingPathComponent($0).path)
                }
                if !existing.isEmpty {
                    throw ValidationError(
                        "\(output) already has \(existing.joined(separator: ", ")). Choose another folder, or add --overwrite to replace them."
                    )
                }
            }
        }

        func run() async throws {
            var config = try database.configuration()
            Interruption.removeUnfinishedOutputs()
            config.runsJobWorker = false
            config.logLevel = .warning
            if let publicURL {
                config.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
            } else if (ProcessInfo.processInfo.environment["HEARD_PUBLIC_URL"] ?? "").isEmpty {
                throw ValidationError(
                    "Give the site's public address with --public-url https://… (or set HEARD_PUBLIC_URL): the stories file links to each story's page."
                )
            }
            let folder = URL(fileURLWithPath: output, isDirectory: true)
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ValidationError(
                    "Cannot create the folder \(output): check that the path is a folder you can write to, not a file.")
            }
            try await AppRunner.withApplication(config) { app in
                let written = try await OpenDataExport.write(
                    datasets, to: folder, siteURL: config.publicURL, on: app.db)
                for (file, rows) in written { print("Wrote \(rows) rows to \(file).") }
            }
        }
    }

    struct Feedback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write every feedback item with its id, status and analysis to a CSV file (for staff and backups). It contains personal data: keep it safe."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: ExportTarget

        func run() async throws {
            var config = try database.configuration()
            try target.prepare(for: config)
            config.runsJobWorker = false
            config.logLevel = .warning
            try await AppRunner.withApplication(config) { app in
                let count = try await FeedbackExport.write(to: target.url, on: app.db)
                print("Wrote \(count) feedback \(count == 1 ? "item" : "items") to \(target.output).")
            }
        }
    }
}

extension ExportCommand {
    struct Corrections: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write the feedback whose themes or sentiment staff corrected as a training file for `heard train` (redacted text, one 0/1 column per theme, sentiment)."
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var target: ExportTarget
        @Option(
            help:
                "The model whose themes are the columns: the one the site runs (--model or HEARD_MODEL there). Default: $HEARD_MODEL or the model shipped with Heard."
        )
        var model: String?

        func run() async throws {
            var config = try database.configuration()
            if let model {
                guard !model.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ValidationError("--model needs the path of a model file made by heard train.")
                }
                config.modelPath = model
            }
            try target.prepare(for: config)
            config.runsJobWorker = false
            config.logLevel = .warning
            try await AppRunner.withApplication(config) { app in
                // The taxonomy of the model the site runs, so the file trains a model for the same themes.
                let themeNames = app.listeningEngine.themeNames
                let outcome = try await CorrectionsExport.export(to: target.url, themeNames: themeNames, on: app.db)
                let count = outcome.written
                print("Wrote \(count) corrected feedback \(count == 1 ? "item" : "items") to \(target.output).")
                if !outcome.leftOut.isEmpty {
                    let shown = outcome.leftOut.prefix(10).joined(separator: ", ")
                    let more = outcome.leftOut.count > 10 ? " and \(outcome.leftOut.count - 10) more" : ""
                    FileHandle.standardError.write(
                        Data(
                            ("Left out \(outcome.leftOut.count) corrected \(outcome.leftOut.count == 1 ? "item" : "items") "
                                + "with a theme this model does not have (\(shown)\(more)): as rows they would teach "
                                + "wrong labels. Export with --model naming the model they were corrected under, or "
                                + "correct them again.\n").utf8))
                }
                if let first = themeNames.first, let last = themeNames.last {
                    print(
                        "Train on them with: heard train --input \(target.output) --text-column text --theme-columns '\(first):\(last)' --sentiment-column sentiment --output MODEL"
                    )
                }
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Staff API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List the API tokens: id, name, account, when made and last used, their last day, and whether active, expired, revoked or of a switched-off account."
        )

        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            var config = try database.configuration()
            config.runsJobWorker = false
            config.logLevel = .warning
            try await AppRunner.withApplication(config) { app in
                let tokens = try await StaffTokens.list(on: app.db)
                guard !tokens.isEmpty else {
                    print("There are no API tokens. Create one with heard token create.")
                    return
                }
                func day(_ date: Date?) -> String { date.map { DecisionClock.ukDay(of: $0).iso } ?? "never" }
                let today = app.decisionClock.today()
                for token in tokens {
                    let state =
                        token.revokedAt.map { "revoked \(day($0))" } ?? token.status(today: today).title.lowercased()
                    let until = token.lastDay.map { "works until \($0.iso)" } ?? "works until revoked"
                    print(
                        "\(token.id.uuidString.lowercased().prefix(8))  \(token.name)  \(token.email) (\(token.role.rawValue))  made \(day(token.createdAt))  last used \(day(token.lastUsedAt))  \(until)  \(state)"
                    )
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an API token at once: requests with it are refused from now on.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The token's id, or its first 8 or more characters as heard token list shows them.")
        var id: String

        func run() async throws {
            var config = try database.configuration()
            config.runsJobWorker = false
            config.logLevel = .warning
            try await AppRunner.withApplication(config) { app in
                let token = try await StaffTokens.revoke(id, on: app.db)
                print("Revoked \"\(token.name)\" of \(token.email): it no longer works.")
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Create an API token for a staff account (the account is created, without a password, if it does not exist). The token is printed once."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The account's e-mail address.") var email: String
        @Option(help: "The account's role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
        @Option(help: "What the token is for.") var name: String = "API token"
        @Option(
            help:
                "The last day the token works (2027-03-31 or 31/03/2027). Without it, the token works until it is revoked."
        )
        var lastDay: String?

        func validate() throws {
            try AccountArguments.validate(email: email, role: role)
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 100 else {
                throw ValidationError("--name says what the token is for, in 1 to 100 characters.")
            }
            _ = try lastDayValue(today: SimpleDate.ukDay(of: Date()))
        }

        /// `--last-day` read, or nil without it; refused when it is not a date or is already past.
        func lastDayValue(today: SimpleDate) throws -> SimpleDate? {
            guard let lastDay else { return nil }
            guard let day = SimpleDate(typed: lastDay) else {
                throw ValidationError("--last-day \"\(lastDay)\" is not a real date: write it like 2027-03-31.")
            }
            guard day >= today else {
                throw ValidationError(
                    "--last-day \(day.iso) is before today (\(today.iso)): a token past its last day would not work.")
            }
            guard day <= today.adding(months: 60) else {
                throw ValidationError(
                    "--last-day \(day.iso) is more than 5 years ahead: check the year, or leave --last-day out for a token that works until it is revoked."
                )
            }
            return day
        }

        func run() async throws {
            var config = try database.configuration()
            config.runsJobWorker = false
            config.logLevel = .warning
            let role = Role(rawValue: role)!
            let email = EmailAddress.normalised(email)
            try await AppRunner.withApplication(config) { app in
                let existed = try await StaffTokens.accountExists(email: email, on: app.db)
                let lastDay = try lastDayValue(today: app.decisionClock.today())
                let token = try await StaffTokens.create(
                    email: email, role: role, name: name, lastDay: lastDay, on: app.db)
                print(token)
                let account =
                    existed
                    ? ""
                    : "There was no account for \(email), so an API-only one was added (it has no password and cannot sign in to the website). "
                FileHandle.standardError.write(
                    Data(
                        "\(account)Token created for \(email) (\(role.title))\(lastDay.map { ", working until the end of \($0.iso)" } ?? ""). Send it as: Authorization: Bearer <token>. It is not shown again.\n"
                            .utf8))
            }
        }
    }
}
