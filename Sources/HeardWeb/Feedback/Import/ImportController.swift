import Crypto
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The upload page: upload a CSV, map its columns, check it (dry run), import it, watch the analysis.
/// Larger files go through `heard import feedback`, which streams.
enum ImportController {
    static let maximumUpload = 20 * 1024 * 1024

    @Sendable static func index(_ request: Request) async throws -> Response {
        return .html(
            ImportPages.index(
                context: PageContext(request, title: "Import feedback"), earlier: try await earlierImports(request),
                failure: nil, csrfToken: request.csrfToken, notice: Admin.takeFlash(request)))
    }

    /// One page of earlier imports, newest first.
    struct EarlierImports {
        var batches: [ImportBatch]
        var total: Int
        var page: ListPage
    }

    static func earlierImports(_ request: Request) async throws -> EarlierImports {
        let total = try await ImportBatch.query(on: request.db).count()
        let page = ListPage(requested: request.query[Int.self, at: "page"], total: total)
        // Only the columns the list shows: a batch waiting for its mapping holds its whole upload (up to 20 MB).
        let batches = try await ImportBatch.query(on: request.db)
            .field(\.$id).field(\.$fileName).field(\.$status).field(\.$createdAt)
            .field(\.$rowsImported).field(\.$rowsRejected).field(\.$rowsAnalysed)
            .sort(\.$createdAt, .descending).sort(\.$id).range(page.range).all()
        return EarlierImports(batches: batches, total: total, page: page)
    }

    struct Upload: Content {
        var file: File?
    }

    @Sendable static func upload(_ request: Request) async throws -> Response {
        let upload = try request.content.decode(Upload.self)
        func refuse(_ message: String) async throws -> Response {
            return .html(
                ImportPages.index(
                    context: PageContext(request, title: "Import feedback", hasErrors: true),
                    earlier: try await earlierImports(request),
                    failure: ValidationFailure([FieldError("file", message)]), csrfToken: request.csrfToken, notice: nil
                ),
                status: .unprocessableEntity)
        }
        guard let file = upload.file, !file.filename.isEmpty || file.data.readableBytes > 0 else {
            return try await refuse("Choose a CSV file to upload.")
        }
        guard file.data.readableBytes > 0 else {
            return try await refuse("\(file.filename) is empty: choose the CSV file with the feedback in it.")
        }
        guard file.filename.lowercased().hasSuffix(".csv") else {
            return try await refuse("The file must be a CSV file (ending .csv).")
        }
        let bytes = Data(file.data.readableBytesView)
        // Excel in the UK saves "CSV" as Windows-1252 unless told otherwise: read that rather than turn every
        // "é" and "£" into "�", and say so.
        var readAs: String?
        let text: String
        if FeedbackImporter.isUTF16(bytes.prefix(2)) {
            return try await refuse(FeedbackImporter.utf16Problem(file.filename))
        } else if let utf8 = String(data: bytes, encoding: .utf8) {
            text = utf8
        } else if !bytes.contains(0), let windows = String(data: bytes, encoding: .windowsCP1252) {
            text = windows
            readAs = "Windows-1252"
        } else {
            return try await refuse("The file could not be read as text. Save it as CSV (UTF-8) and try again.")
        }
        let header = try Self.header(of: text)
        guard !header.isEmpty else { return try await refuse("The file has no header row.") }
        if header.count == 1, header[0].contains(";") {
            return try await refuse(
                "The columns are separated by semicolons (;), not commas. In Excel, choose Save As, then \"CSV UTF-8 (Comma delimited)\", and upload that file."
            )
        }
        // A quote never closed leaves the rest of the file as one field: no row after it could be imported, so
        // the file is refused now, with the line, rather than kept as an upload that can never be imported.
        let check = try Self.check(text)
        if let problem = check.quotingProblem {
            return try await refuse(
                "\(file.filename) cannot be read: \(problem). Correct the file and upload it again.")
        }
        // Nothing to map or import: said now, not after choosing columns for no rows.
        guard check.hasRows else {
            return try await refuse(
                "The file has a header row but no rows of feedback. Add the feedback below the header and upload it again."
            )
        }
        let batch = ImportBatch(fileName: file.filename, createdByID: request.currentUser?.id)
        batch.status = "uploaded"
        batch.upload = text
        batch.fileFingerprint = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        batch.lastLine = 0
        try await request.db.writeTransaction { db in
            try await batch.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "import.uploaded", objectType: "import",
                objectID: batch.id?.uuidString, summary: "Uploaded \(file.filename) for import")
        }
        if let readAs {
            Admin.flash(
                request,
                "The file was not saved as UTF-8, so it was read as \(readAs) (Excel's usual choice). Check that accented letters and symbols such as £ look right below."
            )
        }
        return request.redirect(to: SiteURL.imports + "/" + batch.id!.uuidString.lowercased())
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let batch = try await load(request)
        let mapping = batch.mapping.flatMap { try? JSONDecoder().decode(ImportMapping.self, from: Data($0.utf8)) }
        return .html(try await render(request, batch: batch, mapping: mapping, report: nil, failure: nil))
    }

    @Sendable static func run(_ request: Request) async throws -> Response {
        let batch = try await load(request)
        guard let text = batch.upload else {
            throw Abort(.conflict, reason: "This import has finished; upload the file again to import more.")
        }
        let form = try request.content.decode([String: String].self)
        var mapping = ImportMapping(columns: [:], fixedServiceID: form["fixed_service"].flatMap(UUID.init(uuidString:)))
        for field in FeedbackImportRules.Field.allCases {
            mapping.columns[field.rawValue] = form["column_" + field.rawValue] ?? ""
        }
        mapping.dateOrder = form["date_order"].flatMap(FeedbackImportRules.DateOrder.init(rawValue:))
        let dryRun = form["step"] != "import"
        // The same file again imports only its rows not already in Heard (as "Check every row" says), unless
        // the officer ticks the box to store every row a second time.
        if !dryRun, try await !ImportBatch.claimForImport(batch.id!, on: request.db) {
            throw Abort(
                .conflict,
                reason:
                    "This import is already running (a second click on Import, perhaps), so it was not started again. Its page shows how far it has got."
            )
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "heard-upload-\(UUID().uuidString).csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            let report = try await FeedbackImporter(database: request.db).run(
                file: file, fileName: batch.fileName, mapping: mapping, dryRun: dryRun, resume: dryRun ? nil : batch,
                createdBy: request.currentUser?.id, importAgain: form["import_again"] == "yes")
            if dryRun {
                return .html(try await render(request, batch: batch, mapping: mapping, report: report, failure: nil))
            }
            try await AuditLog.record(
                on: request.db, actor: Admin.actor(request), action: "import.run", objectType: "import",
                objectID: batch.id?.uuidString,
                summary: report.auditSummary(fileName: batch.fileName))
            Admin.flash(
                request,
                "Imported \(Wording.count(report.accepted, "row"))."
                    + report.alreadyImportedSentence(dryRun: false) + report.lookalikeSentence(dryRun: false)
                    + report.answersOnlySentences
                    + (report.accepted > 0 ? " Analysis is running in the background." : ""))
            return request.redirect(to: SiteURL.imports + "/" + batch.id!.uuidString.lowercased())
        } catch {
            // Claimed but not run to the end: the batch can be tried again (rows already committed stay).
            if !dryRun {
                try await ImportBatch.query(on: request.db).filter(\.$id == batch.id!).filter(\.$status == "importing")
                    .set(\.$status, to: batch.status == "importing" ? "failed" : batch.status).update()
            }
            guard let problem = error as? ImportProblem else { throw error }
            let failure = ValidationFailure([FieldError("column_text", problem.description)])
            return .html(
                try await render(request, batch: batch, mapping: mapping, report: nil, failure: failure),
                status: .unprocessableEntity)
        }
    }

    static func load(_ request: Request) async throws -> ImportBatch {
        guard let batch = try await ImportBatch.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return batch
    }

    /// An earlier batch from the very same file that imported rows: what the page warns about.
    static func earlierImport(
        of batch: ImportBatch, on db: any Database
    ) async throws -> (batch: ImportBatch, when: String)? {
        guard let fingerprint = batch.fileFingerprint else { return nil }
        guard
            let earlier = try await ImportBatch.query(on: db).filter(\.$fileFingerprint == fingerprint)
                .filter(\.$id != batch.id!).filter(\.$rowsImported > 0).sort(\.$createdAt).first()
        else { return nil }
        let day = earlier.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "an earlier day"
        let rows = earlier.rowsImported == 1 ? "1 row" : "\(earlier.rowsImported.formatted) rows"
        return (earlier, "\(day) (\(earlier.fileName), \(rows))")
    }

    static func header(of text: String) throws -> [String] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "heard-header-\(UUID().uuidString).csv")
        try String(text.prefix(64 * 1024)).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        return (try? CSVReader(url: file).readHeader()) ?? []
    }

    /// One read of the whole file: the first quoting mistake, which would stop any import of it (nil when none),
    /// and whether any row below the header has something in it.
    static func check(_ text: String) throws -> (quotingProblem: String?, hasRows: Bool) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "heard-check-\(UUID().uuidString).csv")
        try text.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let reader = try CSVReader(url: file)
        var records = 0
        var hasRows = false
        do {
            while try reader.nextRecord() {
                records += 1
                if records > 1, !hasRows, reader.fieldRanges.contains(where: { !$0.isEmpty }) { hasRows = true }
            }
        } catch let error as CSVError {
            switch error {
            case .unterminatedQuote, .unexpectedCharacterAfterQuote: return (error.description, hasRows)
            // Other mistakes are reported row by row when the file is checked; the file has rows to check.
            default: return (nil, true)
            }
        }
        return (nil, hasRows)
    }

    static func render(
        _ request: Request, batch: ImportBatch, mapping: ImportMapping?, report: ImportReport?,
        failure: ValidationFailure?
    ) async throws -> String {
        let header = try batch.upload.map { try Self.header(of: $0) } ?? []
        // Retired services take no new feedback, so are not offered (unless already chosen, to say why not).
        let services = try await Service.query(on: request.db).sort(\.$name).all().filter {
            !$0.isRetired || $0.id == mapping?.fixedServiceID
        }
        return ImportPages.batch(
            context: PageContext(request, title: "Import \(batch.fileName)", hasErrors: failure != nil), batch: batch,
            header: header, mapping: mapping, services: services,
            earlierImport: batch.upload == nil ? nil : try await earlierImport(of: batch, on: request.db)?.when,
            report: report, failure: failure,
            csrfToken: request.csrfToken, notice: Admin.takeFlash(request))
    }
}
