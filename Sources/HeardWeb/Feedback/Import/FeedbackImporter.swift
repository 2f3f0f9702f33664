import Crypto
import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// Which CSV column feeds which field. `fixedServiceID` is used when the file has no service column.
public struct ImportMapping: Codable, Equatable, Sendable {
    public var columns: [String: String]
    public var fixedServiceID: UUID?
    /// How the file writes dates with the year last; nil (mappings saved before it existed) is day first.
    public var dateOrder: FeedbackImportRules.DateOrder?

    var order: FeedbackImportRules.DateOrder { dateOrder ?? .dayFirst }

    /// The file's own name for the column a refused row's problem is in ("Publish?", not consent_to_publish).
    public func column(for error: FeedbackImportRules.RowError) -> String? {
        let field = error.field == "consent_to_publish" ? FeedbackImportRules.Field.consent.rawValue : error.field
        return columns[field].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// "line 5, column "Publish?": …", in the words of the file; the plain description when no column is mapped.
    public func describe(_ error: FeedbackImportRules.RowError) -> String {
        guard let column = column(for: error) else { return error.description }
        return "line \(error.line), column \"\(column)\": \(error.message)"
    }

    public init(columns: [String: String], fixedServiceID: UUID?) {
        self.columns = columns
        self.fixedServiceID = fixedServiceID
    }

    func column(_ field: FeedbackImportRules.Field) -> String? {
        columns[field.rawValue].flatMap { $0.isEmpty ? nil : $0 }
    }

    var json: String {
        (try? String(decoding: JSONEncoder().encode(self), as: UTF8.self)) ?? "{}"
    }
}

/// What an import did, or would do (dry run).
public struct ImportReport: Sendable {
    public var rowsRead = 0
    public var accepted = 0
    public var rejected = 0
    /// The first refused rows, for people to fix the file.
    public var rejections: [FeedbackImportRules.RowError] = []
    public var batchID: UUID?
    public var analysisJobs = 0
    /// Rows with bytes that are not UTF-8: they are imported with U+FFFD in place of those bytes.
    public var invalidUTF8Rows = 0
    /// The file was not UTF-8 but Windows-1252 (what Excel writes for "CSV (Comma delimited)"): it was read
    /// as such, so "Café" stays "Café".
    public var readAsWindows1252 = false
    /// Accepted rows that an earlier import had already stored, word for word or by their response ID: skipped,
    /// not stored twice.
    public var alreadyImported = 0
    /// Of `alreadyImported`, those whose response ID an earlier import had stored.
    public var alreadyImportedByID = 0
    /// Answer-only rows with no response ID that match rows already in Heard (same day, service and FFT answer):
    /// imported all the same, because two people often give the same answer on the same day, and said so.
    public var lookalikes = 0
    /// The lines of the first of them, to say where to look.
    public var lookalikeLines: [Int] = []
    /// Accepted rows with an FFT answer and no words, or only words that say nothing ("N/A"): stored and counted,
    /// with nothing to moderate or analyse.
    public var ratingOnly = 0
    /// Those of `ratingOnly` whose words say nothing ("N/A", "No comment").
    public var nonAnswers = 0
    /// Refused rows whose words say nothing and that have no FFT answer either.
    public var refusedNonAnswers = 0

    mutating func countAnswerOnly(_ row: FeedbackSubmission.Valid) {
        guard row.saysNothing else { return }
        ratingOnly += 1
        if !row.isRatingOnly { nonAnswers += 1 }
    }

    /// " 3 rows have an FFT answer and no comment: …", or "" when none has. Says "N/A" too when some of them
    /// had words that say nothing, so nobody looks for comments that were counted here.
    public var ratingOnlySentence: String {
        guard ratingOnly > 0 else { return "" }
        let one = ratingOnly == 1
        let comment =
            nonAnswers == 0
            ? "no comment"
            : nonAnswers == ratingOnly
                ? "a comment that says nothing, such as \"N/A\""
                : "no comment, or one that says nothing such as \"N/A\" (\(nonAnswers.formatted) of them)"
        return " \(one ? "1 row has" : "\(ratingOnly.formatted) rows have") an FFT answer and \(comment): "
            + "\(one ? "it is" : "they are") kept and counted as \(one ? "an answer" : "answers") only, with nothing to "
            + "moderate or analyse."
    }

    /// " 2 rows were refused because …", or "" when none was.
    public var refusedNonAnswersSentence: String {
        guard refusedNonAnswers > 0 else { return "" }
        let one = refusedNonAnswers == 1
        let rows = one ? "1 row was" : "\(refusedNonAnswers.formatted) rows were"
        return " \(rows) refused because \(one ? "its" : "their") words say nothing, such as \"N/A\", and "
            + "\(one ? "it has" : "they have") no FFT answer either, as an empty row is."
    }

    /// " 1 row was already in Heard from an earlier import, so it was not stored twice.", or "" when none was: what
    /// the upload page and `heard import` both say.
    public func alreadyImportedSentence(dryRun: Bool) -> String {
        guard alreadyImported > 0 else { return "" }
        let one = alreadyImported == 1
        let how =
            alreadyImportedByID == 0
            ? ""
            : alreadyImportedByID == alreadyImported
                ? " (the same response ID)"
                : " (\(alreadyImportedByID.formatted) with the same response ID, \((alreadyImported - alreadyImportedByID).formatted) word for word)"
        let rows = one ? "1 row" : "\(alreadyImported.formatted) rows"
        return dryRun
            ? " \(rows) \(one ? "is" : "are") already in Heard from an earlier import\(how), so \(one ? "it" : "they") would be skipped, not stored twice."
            : " \(rows) \(one ? "was" : "were") already in Heard from an earlier import\(how), so \(one ? "it was" : "they were") not stored twice."
    }

    /// Answer-only rows that look like rows already in Heard are imported, not skipped: without a response ID
    /// nothing tells a second "Very good" on the same day from the first, and dropping it would under-report
    /// (one export per ward or per mode is usual). An exact file imported again is still recognised by its
    /// fingerprint and skipped. What was done is said, with the lines, before (the check) and after the import.
    public func lookalikeSentence(dryRun: Bool) -> String {
        guard lookalikes > 0 else { return "" }
        let one = lookalikes == 1
        let listed = lookalikeLines.map(String.init).joined(separator: ", ")
        let lines =
            (lookalikeLines.count == 1 ? "line " : "lines ") + listed + (lookalikes > lookalikeLines.count ? ", …" : "")
        return
            " \(one ? "1 answer-only row" : "\(lookalikes.formatted) answer-only rows") (\(lines)) \(one ? "looks" : "look") like "
            + "\(one ? "a row" : "rows") already in Heard (same day, service and FFT answer, no comment). "
            + (dryRun
                ? "\(one ? "It would be" : "They would be") imported, because two people often give the same answer on the same day. If this file repeats rows imported before (a corrected or overlapping export), importing it would count those answers twice: do not import it, or map its response ID column so Heard can tell responses apart."
                : "\(one ? "It was" : "They were") imported, because two people often give the same answer on the same day. If this file repeats rows imported before (a corrected or overlapping export), those answers are now counted twice: map the response ID column in future so Heard can tell responses apart.")
    }

    /// The audit log's line for an import, from the upload page or the command line.
    public func auditSummary(fileName: String) -> String {
        "Imported \(accepted) rows from \(fileName); refused \(rejected)"
            + (alreadyImported > 0 ? "; skipped \(alreadyImported) already imported" : "")
            + (lookalikes > 0 ? "; \(lookalikes) answer-only rows like rows already in Heard imported" : "")
    }

    /// Both sentences about answers without a comment, as every summary of an import gives them.
    public var answersOnlySentences: String { ratingOnlySentence + refusedNonAnswersSentence }
    /// The lines of the first rows with bytes that are not UTF-8, to say where to look.
    public var invalidUTF8Lines: [Int] = []

    static let keptRejections = 1000
}

/// Problems with the file or the mapping as a whole (not one row).
public struct ImportProblem: Error, CustomStringConvertible {
    public let description: String
}

/// Streams a CSV export into feedback items. Resumable: rows are committed in chunks and the batch
/// records the last committed line, so an interrupted run continues where it stopped and never
/// duplicates or loses rows. Analysis is queued as background jobs.
public struct FeedbackImporter {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The file's SHA-256 in hex, read a megabyte at a time (a command-line import may be gigabytes), so the
    /// same file imported twice is recognised whatever it is called.
    public static func fingerprint(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Whether a file starts with a UTF-16 byte-order mark (Excel's "Unicode text"): read as UTF-8 it would
    /// look like one garbled column.
    static func isUTF16(_ start: Data) -> Bool {
        start.count >= 2
            && ((start[start.startIndex] == 0xFF && start[start.startIndex + 1] == 0xFE)
                || (start[start.startIndex] == 0xFE && start[start.startIndex + 1] == 0xFF))
    }

    static func utf16Problem(_ fileName: String) -> String {
        "\(fileName) is saved as UTF-16 (Excel's \"Unicode Text\"). Save it as \"CSV UTF-8 (Comma delimited)\" and import that file."
    }

    /// The first batch that imported rows from a file with this fingerprint, if any.
    public func earlierImport(fingerprint: String) async throws -> ImportBatch? {
        try await ImportBatch.query(on: database).filter(\.$fileFingerprint == fingerprint)
            .filter(\.$rowsImported > 0).sort(\.$createdAt).first()
    }
    static let chunkSize = 500

    /// Resolves service names (case-insensitive) and ids once. Two services may share a name (an eye clinic
    /// in two places): such a name finds neither, as in the API, rather than whichever was read last.
    struct ServiceDirectory {
        var byName: [String: [Service]] = [:]
        var byID: [UUID: Service] = [:]

        init(_ services: [Service]) {
            for service in services {
                byName[service.name.lowercased(), default: []].append(service)
                byID[service.id!] = service
            }
        }

        func find(_ text: String) -> Service? {
            let key = text.trimmingCharacters(in: .whitespaces)
            if let id = UUID(uuidString: key) { return byID[id] }
            guard let named = byName[key.lowercased()] else { return nil }
            // A name a retired service shared with one in use (a service that moved) means the one in use.
            let inUse = named.filter { !$0.isRetired }
            if inUse.count == 1 { return inUse[0] }
            return inUse.isEmpty && named.count == 1 ? named[0] : nil
        }

        /// Why `text` finds no service, for the row's error.
        func problem(_ text: String) -> String {
            let key = text.trimmingCharacters(in: .whitespaces)
            guard var named = byName[key.lowercased()], named.count > 1 else {
                return "No service is called '\(text)'."
            }
            if named.contains(where: { !$0.isRetired }) { named = named.filter { !$0.isRetired } }
            return
                "\(named.count) services are called '\(key)'. Write the service's id instead (one of \(named.map { $0.id!.uuidString }.sorted().joined(separator: ", "))), or give the services different names."
        }
    }

    /// Imports the file, or checks it (`dryRun`). `today` (in the UK) is the last date a row may have.
    /// A problem with the file as a whole is thrown as an `ImportProblem`; a batch it stops is marked
    /// `failed` (never left `importing`), and `resume` can carry it on after the last committed row.
    public func run(
        file: URL, fileName: String, mapping: ImportMapping, dryRun: Bool, resume batch: ImportBatch? = nil,
        createdBy: UUID? = nil, today: SimpleDate = DecisionClock.system.today(), fingerprint: String? = nil,
        importAgain: Bool = false, refused: (FeedbackImportRules.RowError) throws -> Void = { _ in },
        progress: (Int, Int) -> Void = { _, _ in }
    ) async throws -> ImportReport {
        if let start = try? FileHandle(forReadingFrom: file).read(upToCount: 2), Self.isUTF16(start) {
            throw ImportProblem(description: Self.utf16Problem(fileName))
        }
        var file = file
        var converted: URL?
        defer { if let converted { try? FileManager.default.removeItem(at: converted) } }
        if (try? LegacyEncoding.isWindows1252(file)) == true {
            do { converted = try LegacyEncoding.convertedToUTF8(file) } catch let problem as LegacyEncoding.Problem {
                throw ImportProblem(description: problem.description)
            }
            file = converted!
        }
        let reader: CSVReader
        do { reader = try CSVReader(url: file) } catch {
            throw ImportProblem(description: "Cannot read \(fileName): \(error)")
        }
        let header: [String]
        do { header = try reader.readHeader() } catch {
            throw ImportProblem(description: "Cannot read \(fileName): \(error)")
        }
        guard Self.hasRows(file) else {
            throw ImportProblem(
                description: "\(fileName) has a header row but no rows of feedback: there is nothing to import.")
        }
        let index = try Self.columnIndex(header: header, mapping: mapping)
        if let dateColumn = index[.date] {
            try Self.checkDateOrder(of: file, fileName: fileName, column: dateColumn, order: mapping.order)
        }
        let services = ServiceDirectory(try await Service.query(on: database).all())
        var fixedService: Service?
        if let id = mapping.fixedServiceID {
            guard let service = services.byID[id] else {
                throw ImportProblem(description: "The chosen service no longer exists.")
            }
            // A retired service's last returns, received before it closed, may still come in: each row is checked.
            if let retiredAt = service.retiredAt, index[.date] == nil {
                throw ImportProblem(
                    description: Retirement.serviceRetired(service.name, on: SimpleDate.ukDay(of: retiredAt))
                        + " Rows received before then can be imported with a date column.")
            }
            fixedService = service
        }
        let totalBytes = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0

        var report = ImportReport()
        report.readAsWindows1252 = converted != nil
        var importBatch = batch
        if !dryRun, importBatch == nil {
            let created = ImportBatch(fileName: fileName, createdByID: createdBy)
            created.mapping = mapping.json
            created.lastLine = 0
            created.fileFingerprint = fingerprint
            try await created.create(on: database)
            importBatch = created
        }
        report.batchID = importBatch?.id
        // The very same file imported before (its fingerprint): its answer-only rows are those stored then, so they
        // are skipped like its other rows. From any other file they may be other people's answers (see
        // `ImportReport.lookalikeSentence`).
        var sameFileAgain = false
        if !importAgain, let print = fingerprint ?? importBatch?.fileFingerprint {
            var earlier = ImportBatch.query(on: database).filter(\.$fileFingerprint == print)
                .filter(\.$rowsImported > 0)
            if let id = importBatch?.id { earlier = earlier.filter(\.$id != id) }
            sameFileAgain = try await earlier.first() != nil
        }
        if !dryRun, let importBatch, importBatch.status != "importing" {
            importBatch.status = "importing"
            importBatch.mapping = mapping.json
            try await importBatch.save(on: database)
        }
        do {
            try await read(
                reader, fileName: fileName, header: header, index: index, services: services,
                fixedService: fixedService, dryRun: dryRun, batch: importBatch, today: today,
                mapping: mapping, sameFileAgain: sameFileAgain,
                // Imported again on purpose: its rows get keys of their own, so none counts as already stored. A
                // dry run has no batch yet, but must predict the same.
                keys: ImportRowKeys(salt: importAgain ? (importBatch?.id?.uuidString ?? UUID().uuidString) : ""),
                report: &report,
                totalBytes: totalBytes, refused: refused,
                progress: progress)
        } catch {
            if let id = importBatch?.id {
                // Rows already committed stay, with the line they reached; the batch says it stopped, and
                // `--resume` carries it on. Only the status and reason change (not what was committed).
                let reasons = [String(describing: error)] + report.rejections.prefix(199).map(mapping.describe)
                try? await ImportBatch.query(on: database).filter(\.$id == id).set(\.$status, to: "failed")
                    .set(\.$rejections, to: reasons.joined(separator: "\n")).update()
                importBatch?.status = "failed"
            }
            if let csv = error as? CSVError {
                throw ImportProblem(description: "Cannot read \(fileName): \(csv.description)")
            }
            throw error
        }
        return report
    }

    /// Whether any row below the header has something in it (a malformed row counts: the import reports it).
    static func hasRows(_ file: URL) -> Bool {
        guard let reader = try? CSVReader(url: file), (try? reader.readHeader()) != nil else { return true }
        do {
            while try reader.nextRecord() {
                if reader.fieldRanges.contains(where: { !$0.isEmpty }) { return true }
            }
        } catch { return true }
        return false
    }

    /// Reads the date column once before anything is stored: a file whose dates can only be read in the other
    /// order ("10/17/2021") would otherwise have its ambiguous dates ("10/03/2021") stored as the wrong day
    /// without a word, and a file that mixes both orders cannot be read right at all.
    static func checkDateOrder(
        of file: URL, fileName: String, column: Int, order: FeedbackImportRules.DateOrder
    ) throws {
        let reader: CSVReader
        do {
            reader = try CSVReader(url: file)
            _ = try reader.readHeader()
        } catch { return }  // The import itself reports an unreadable file, with its line.
        var first: [FeedbackImportRules.DateOrder: (line: Int, date: String)] = [:]
        // A malformed row ends the scan; the import reports it with its line.
        while (try? reader.nextRecord()) == true {
            guard column < reader.fieldRanges.count else { continue }
            let date = reader.string(at: column)
            if let shown = FeedbackImportRules.orderShown(by: date), first[shown] == nil {
                first[shown] = (reader.line, date)
                if first.count == 2 { break }
            }
        }
        if let dayFirst = first[.dayFirst], let monthFirst = first[.monthFirst] {
            throw ImportProblem(
                description:
                    "The dates in \(fileName) are written in two orders: line \(monthFirst.line) has '\(monthFirst.date)' (month first) and line \(dayFirst.line) has '\(dayFirst.date)' (day first). Correct the file so every date is written the same way, then import it."
            )
        }
        let other: FeedbackImportRules.DateOrder = order == .dayFirst ? .monthFirst : .dayFirst
        if let proof = first[other] {
            throw ImportProblem(
                description:
                    "The dates in \(fileName) are written \(other.title) (line \(proof.line): '\(proof.date)'). Read \(order.title), a date such as 10/03/2021 would be stored as the wrong day. Set the date order to \(other.title) (on the command line, --date-order \(other.rawValue)) and import it again."
            )
        }
    }

    /// Reads every row after the header, committing accepted rows in chunks.
    private func read(
        _ reader: CSVReader, fileName: String, header: [String], index: [FeedbackImportRules.Field: Int],
        services: ServiceDirectory, fixedService: Service?, dryRun: Bool, batch importBatch: ImportBatch?,
        today: SimpleDate, mapping: ImportMapping, sameFileAgain: Bool, keys: ImportRowKeys,
        report: inout ImportReport,
        totalBytes: Int,
        refused: (FeedbackImportRules.RowError) throws -> Void, progress: (Int, Int) -> Void
    ) async throws {
        let skipThrough = importBatch?.lastLine ?? 0
        var chunk: [(item: FeedbackItem, line: Int)] = []
        var lastLine = skipThrough
        var keys = keys
        // Each response ID's first line: the same response twice in one file is imported once.
        var responseIDLines: [String: Int] = [:]

        func value(_ field: FeedbackImportRules.Field) -> String? {
            index[field].map { reader.string(at: $0) }
        }

        while try reader.nextRecord() {
            let line = reader.line
            report.rowsRead += 1
            // Lines committed before a resume are not stored again, but they are checked and counted as in one
            // run: their twins give the rows after them the keys they would have had, their refusals are listed
            // again (the interrupted run's list was lost with it), and the totals cover the whole file.
            let committedBefore = line <= skipThrough
            if report.rowsRead % 5000 == 0 { progress(reader.bytesRead, totalBytes) }
            // A row with fewer or more fields than the header has its values in the wrong columns: refuse it.
            guard reader.fieldRanges.count == header.count else {
                report.rejected += 1
                let error = FeedbackImportRules.RowError(
                    line: line, field: "",
                    message: "expected \(header.count) fields, found \(reader.fieldRanges.count): "
                        + "a value with a comma in it needs double quotes around it")
                try refused(error)
                if report.rejections.count < ImportReport.keptRejections { report.rejections.append(error) }
                lastLine = max(lastLine, line)
                continue
            }
            if !reader.recordIsValidUTF8 {
                report.invalidUTF8Rows += 1
                if report.invalidUTF8Lines.count < 10 { report.invalidUTF8Lines.append(line) }
            }
            var errors: [FeedbackImportRules.RowError] = []
            var responseID: String?
            switch FeedbackImportRules.checkResponseID(value(.responseID)) {
            case .success(let id?):
                if let first = responseIDLines[id] {
                    errors.append(
                        .init(
                            line: line, field: FeedbackImportRules.Field.responseID.rawValue,
                            message:
                                "The response ID '\(id)' is already on line \(first) of this file: one response is imported once, so this row is not. Check whether the file repeats the row."
                        ))
                } else {
                    responseIDLines[id] = line
                    responseID = id
                }
            case .success(nil): break
            case .failure(let refusal):
                errors.append(
                    .init(
                        line: line, field: FeedbackImportRules.Field.responseID.rawValue, message: refusal.description))
            }
            let service = fixedService ?? value(.service).flatMap(services.find)
            if service == nil {
                errors.append(
                    .init(
                        line: line, field: "service",
                        message: value(.service).map(services.problem) ?? "No service column is mapped."))
            }
            let checked = FeedbackImportRules.check(
                line: line, text: value(.text) ?? "", rating: value(.rating), consent: value(.consent),
                date: value(.date), good: value(.whatWasGood), better: value(.couldBeBetter),
                legacy: value(.legacyRecommend), channel: value(.channel), today: today, dateOrder: mapping.order,
                isNonAnswer: SaysNothing.isNonAnswer)
            // A retired service takes only what it received before it was retired (its last returns).
            if let service, let retiredAt = service.retiredAt {
                let retiredOn = SimpleDate.ukDay(of: retiredAt)
                let received: SimpleDate? =
                    if case .success(let row) = checked, let date = row.date {
                        SimpleDate(year: date.year, month: date.month, day: date.day)
                    } else { nil }
                if received.map({ $0 >= retiredOn }) ?? true {
                    errors.append(
                        .init(
                            line: line, field: "service",
                            message: Retirement.serviceRetired(service.name, on: retiredOn)
                                + " Only feedback received before then can be imported for it."))
                }
            }
            if committedBefore, case .success(let row) = checked, errors.isEmpty, let service {
                // Stored by this import before it was interrupted.
                _ = keys.key(row.submission, date: row.date, serviceID: service.id!)
                report.accepted += 1
                report.countAnswerOnly(row.submission)
                continue
            }
            switch checked {
            case .failure(let failure):
                errors += failure.errors
                if failure.errors.contains(where: FeedbackImportRules.saysNothing) { report.refusedNonAnswers += 1 }
            case .success(let row) where errors.isEmpty && !committedBefore:
                report.accepted += 1
                report.countAnswerOnly(row.submission)
                guard let service else { break }
                let key =
                    responseID.map { keys.key(responseID: $0) }
                    ?? keys.key(row.submission, date: row.date, serviceID: service.id!)
                let item = Self.item(
                    row.submission, date: row.date, legacy: row.legacy, channel: row.channel, service: service,
                    batchID: importBatch?.id ?? UUID(), at: row.at)
                item.submissionKey = key
                item.importResponseID = responseID
                chunk.append((item, line))
            case .success: break
            }
            if !errors.isEmpty {
                report.rejected += 1
                for error in errors { try refused(error) }
                if report.rejections.count < ImportReport.keptRejections {
                    report.rejections.append(contentsOf: errors)
                }
            }
            lastLine = max(lastLine, line)
            if chunk.count >= Self.chunkSize {
                try await commit(
                    chunk, dryRun: dryRun, batch: importBatch, lastLine: lastLine, mapping: mapping,
                    sameFileAgain: sameFileAgain, report: &report)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        progress(totalBytes, totalBytes)
        try await commit(
            chunk, dryRun: dryRun, batch: importBatch, lastLine: lastLine, mapping: mapping,
            sameFileAgain: sameFileAgain, report: &report, finished: true)
        if let importBatch {
            report.analysisJobs = try await queueAnalysis(batchID: importBatch.id!)
        }
    }

    /// Inserts one chunk and moves the resume point in the same transaction. Rows stored by an earlier import
    /// are skipped and counted (on a dry run, only counted), except answer-only rows without a response ID from
    /// another file, which are stored and counted as lookalikes (see `ImportReport.lookalikeSentence`).
    private func commit(
        _ rows: [(item: FeedbackItem, line: Int)], dryRun: Bool, batch: ImportBatch?, lastLine: Int,
        mapping: ImportMapping, sameFileAgain: Bool, report: inout ImportReport, finished: Bool = false
    ) async throws {
        let items = rows.map(\.item)
        // The keys the rows were read with (a lookalike's is changed below, before it is stored).
        let keys = items.map(\.submissionKey)
        // Answer-only rows told apart by nothing but what they say, which any other response that day could say.
        @Sendable func mayBeAnother(_ item: FeedbackItem) -> Bool {
            !sameFileAgain && item.saysNothing && item.importResponseID == nil
        }
        func count(stored: Set<String>, report: inout ImportReport) {
            for ((item, line), key) in zip(rows, keys) {
                guard let key, stored.contains(key) else { continue }
                if mayBeAnother(item) {
                    report.lookalikes += 1
                    if report.lookalikeLines.count < 10 { report.lookalikeLines.append(line) }
                    continue
                }
                report.alreadyImported += 1
                if item.importResponseID != nil { report.alreadyImportedByID += 1 }
                report.accepted -= 1
                if item.saysNothing {
                    report.ratingOnly -= 1
                    if item.hasOnlyNonAnswers { report.nonAnswers -= 1 }
                }
            }
        }
        guard !dryRun, let batch else {
            count(stored: try await Self.storedKeys(keys.compactMap { $0 }, on: database), report: &report)
            return
        }
        let snapshot = report
        let stored = try await database.writeTransaction { db in
            let stored = try await Self.storedKeys(keys.compactMap { $0 }, on: db)
            // Kept under a key of this batch's own, so the unique key does not skip them.
            for (item, key) in zip(items, keys) where mayBeAnother(item) {
                if let key, stored.contains(key) { item.submissionKey = key + "~" + batch.id!.uuidString.lowercased() }
            }
            let inserted = items.isEmpty ? 0 : try await Self.insert(items, on: db)
            batch.lastLine = lastLine
            batch.rowsRead = max(batch.rowsRead, snapshot.rowsRead)
            batch.rowsImported += inserted
            batch.rowsRejected = snapshot.rejected
            // In the file's own column names, as the check listed them.
            batch.rejections = snapshot.rejections.prefix(200).map(mapping.describe).joined(separator: "\n")
            if finished {
                batch.status = "imported"
                batch.finishedAt = Date()
                batch.upload = nil
            }
            try await batch.save(on: db)
            return stored
        }
        count(stored: stored, report: &report)
    }

    /// Which of these row keys are already stored.
    static func storedKeys(_ keys: [String], on db: any Database) async throws -> Set<String> {
        guard !keys.isEmpty else { return [] }
        return Set(
            try await FeedbackItem.query(on: db).filter(\.$submissionKey ~~ keys).field(\.$id).field(\.$submissionKey)
                .all().compactMap(\.submissionKey))
    }

    /// One multi-row INSERT per chunk: far fewer round trips and much less work than saving models one by one.
    /// A row whose key is already stored (imported before) is skipped by the database; returns how many were
    /// stored.
    static func insert(_ items: [FeedbackItem], on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let now = Date()
        func bind<T: Encodable & Sendable>(_ value: T?) -> any SQLExpression {
            value.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null
        }
        var insert = sql.insert(into: FeedbackItem.schema).columns(
            "id", "reference", "service_id", "place_id", "organisation_id", "channel", "story", "what_was_good",
            "could_be_better", "fft_rating", "consent_to_publish", "wants_reply", "status", "received_at",
            "import_batch_id", "submission_key", "import_response_id",
            "legacy_recommend", "themes", "relational", "is_urgent", "urgent_reasons", "pii_kinds", "redacted_text",
            "needs_answer", "created_at", "updated_at", "says_nothing")
        for item in items {
            insert = insert.values([
                bind(item.id), bind(item.reference), bind(item.$service.id), bind(item.$place.id),
                bind(item.$organisation.id),
                bind(item.channel.rawValue), bind(item.story), bind(item.whatWasGood), bind(item.couldBeBetter),
                bind(item.fftRating), bind(item.consentToPublish), bind(item.wantsReply), bind(item.status.rawValue),
                bind(item.receivedAt), bind(item.importBatchID), bind(item.submissionKey),
                bind(item.importResponseID), bind(item.legacyRecommend),
                bind(item.themes),
                bind(item.relational), bind(item.isUrgent), bind(item.urgentReasons), bind(item.piiKinds),
                bind(item.redactedText), bind(item.needsAnswer), bind(now), bind(now), bind(item.saysNothing),
            ])
        }
        return try await insert.ignoringConflicts(with: ["submission_key"]).returning("id").all().count
    }

    static func columnIndex(header: [String], mapping: ImportMapping) throws -> [FeedbackImportRules.Field: Int] {
        var index: [FeedbackImportRules.Field: Int] = [:]
        for field in FeedbackImportRules.Field.allCases {
            guard let name = mapping.column(field) else { continue }
            guard let position = header.firstIndex(of: name) else {
                throw ImportProblem(
                    description:
                        "The file has no column '\(name)' (for \(field.rawValue)). Its columns are: \(header.joined(separator: ", "))."
                )
            }
            // Two columns with one name: which one was meant cannot be told, and guessing could import the
            // wrong column's words as what people said.
            if let again = header[(position + 1)...].firstIndex(of: name) {
                throw ImportProblem(
                    description:
                        "Columns \(position + 1) and \(again + 1) are both called '\(name)' (chosen for \(field.rawValue)). Rename one of them in the file and upload it again."
                )
            }
            index[field] = position
        }
        // One column read as two fields would store its values as both: "Very good" as what people said.
        for field in FeedbackImportRules.Field.allCases {
            guard let position = index[field],
                let other = FeedbackImportRules.Field.allCases.first(where: { $0 != field && index[$0] == position })
            else { continue }
            throw ImportProblem(
                description:
                    "The column '\(header[position])' is chosen for both \(field.inWords) and \(other.inWords). Choose a different column for one of them."
            )
        }
        // A file of FFT answers only (most FFT responses have no comment) needs no text column.
        guard index[.text] != nil || index[.rating] != nil || index[.legacyRecommend] != nil else {
            throw ImportProblem(
                description:
                    "Choose the column that holds what people said (text), or the FFT answer column for a file of answers only."
            )
        }
        guard index[.service] != nil || mapping.fixedServiceID != nil else {
            throw ImportProblem(description: "Choose the service column, or one service for the whole file.")
        }
        return index
    }

    public static func item(
        _ valid: FeedbackSubmission.Valid, date: (year: Int, month: Int, day: Int)?, legacy: String?,
        channel: FeedbackChannel? = nil, service: Service, batchID: UUID, at: Date? = nil
    ) -> FeedbackItem {
        let item = FeedbackItem()
        item.id = UUID()
        item.reference = FeedbackReference.make()
        item.$service.id = service.id!
        item.$place.id = service.$place.id
        item.$organisation.id = service.$organisation.id
        // How the person answered, when the file says (a supplier's text messages, a ward's tablet), for the FFT
        // return's mode of collection; otherwise only that it came in a file.
        item.channel = channel ?? .imported
        item.story = valid.story
        item.whatWasGood = valid.whatWasGood
        item.couldBeBetter = valid.couldBeBetter
        item.fftRating = valid.fftRating?.rawValue
        item.consentToPublish = valid.consentToPublish
        item.wantsReply = false
        // A rating with no words, or only "N/A", has nothing a moderator could publish or reject: it is kept, like
        // approved private feedback, to be counted.
        item.saysNothing = valid.saysNothing
        item.status = item.saysNothing ? .approvedPrivate : .awaitingModeration
        // The time the file gives, else midday on the day (nowhere near midnight, so always the right UK day).
        item.receivedAt = at ?? date.flatMap(Self.noon) ?? Date()
        item.importBatchID = batchID
        item.legacyRecommend = legacy.flatMap { $0.isEmpty ? nil : $0 }
        FeedbackIntake.apply(nil, to: item, hasSuggestion: !valid.couldBeBetter.isEmpty)
        return item
    }

    static func noon(_ date: (year: Int, month: Int, day: Int)) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))
    }

    /// One job per batch: it analyses a slice and re-queues itself until nothing is left.
    func queueAnalysis(batchID: UUID) async throws -> Int {
        let pending = try await FeedbackItem.query(on: database).filter(\.$importBatchID == batchID)
            .filter(\.$analysedAt == nil).count()
        guard pending > 0 else { return 0 }
        try await JobQueue(database: database, workerID: "importer")
            .enqueue(kind: AnalyseImportJob.kind, payload: "{\"batch\":\"\(batchID.uuidString)\"}")
        return 1
    }
}

/// Analyses imported feedback in the background, a slice per run, so imports of any size finish quickly
/// and any instance's worker can share the work.
public enum AnalyseImportJob {
    public static let kind = "analyse_import"
    static let sliceSize = 2000

    struct Payload: Decodable { var batch: UUID }

    static func handler(engine: ListeningEngine, siteURL: String) -> JobHandlers.Handler {
        { job, db, logger in
            let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
            let remaining = try await analyseSlice(batchID: payload.batch, engine: engine, siteURL: siteURL, on: db)
            if remaining > 0 {
                try await JobQueue(database: db, workerID: "importer").enqueue(kind: kind, payload: job.payload)
            } else {
                logger.info("Finished analysing import \(payload.batch)")
            }
        }
    }

    /// Analyses up to one slice; returns how many items of the batch are still waiting.
    @discardableResult
    /// `siteURL`: the site's public address, for the link in urgent-alert e-mails.
    public static func analyseSlice(
        batchID: UUID, engine: ListeningEngine, siteURL: String, on db: any Database
    ) async throws -> Int {
        let items = try await FeedbackItem.query(on: db).filter(\.$importBatchID == batchID).filter(
            \.$analysedAt == nil
        )
        .limit(sliceSize).all()
        guard !items.isEmpty else { return 0 }
        try await db.writeTransaction { db in
            for item in items {
                FeedbackIntake.apply(
                    engine.analyse(item), to: item, hasSuggestion: !item.couldBeBetter.isEmpty)
                try await item.save(on: db)
                try await FeedbackIntake.storeThemes(item.themeList, for: item.id!, on: db)
                if item.isUrgent { try await UrgentAlerts.raise(for: item, siteURL: siteURL, on: db) }
            }
            if let batch = try await ImportBatch.find(batchID, on: db) {
                batch.rowsAnalysed += items.count
                try await batch.save(on: db)
            }
        }
        return try await FeedbackItem.query(on: db).filter(\.$importBatchID == batchID).filter(\.$analysedAt == nil)
            .count()
    }
}
