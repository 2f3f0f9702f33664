import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// The rows of each open dataset, handed to `sink` one at a time so a download or a file never holds a
/// whole dataset: stories and replies are read a page at a time (keyset on id), the rest are small.
enum OpenDataRows {
    typealias Sink = (_ row: [String]) async throws -> Void

    struct Context: Sendable {
        /// The site's public address, for the links in the rows.
        var siteURL: String
        var today: SimpleDate
        var now: Date = Date()
    }

    static let pageSize = 1_000

    static func write(
        _ dataset: OpenDataset, context: Context, on db: any Database, to sink: Sink
    ) async throws {
        switch dataset {
        case .stories: try await stories(context, on: db, to: sink)
        case .replies: try await replies(on: db, to: sink)
        case .actions: try await actions(on: db, to: sink)
        case .loopClosure: try await loopClosure(context, on: db, to: sink)
        case .fftResults: try await fftResults(context, on: db, to: sink)
        case .decisions: try await decisions(context, on: db, to: sink)
        case .indicators: try await indicators(on: db, to: sink)
        case .registerOfInterests: try await register(context, on: db, to: sink)
        }
    }

    static func day(_ date: Date?) -> String {
        date.map { DecisionClock.ukDay(of: $0).iso } ?? ""
    }

    private static func names<M: Model>(
        _ type: M.Type, _ name: KeyPath<M, String>, on db: any Database
    )
        async throws -> [UUID: String] where M.IDValue == UUID
    {
        Dictionary(uniqueKeysWithValues: try await M.query(on: db).all().map { ($0.id!, $0[keyPath: name]) })
    }

    /// Stories and replies are the big datasets: their pages select only the columns a row needs and decode
    /// them directly, because decoding whole Fluent models cost about 0.3 ms a row (a million-story download
    /// took minutes).
    private static func stories(_ context: Context, on db: any Database, to sink: Sink) async throws {
        let services = try await names(Service.self, \.name, on: db)
        let places = try await names(Place.self, \.name, on: db)
        let organisations = try await names(Organisation.self, \.name, on: db)
        let sql = db as! any SQLDatabase
        var lastID: UUID?
        while true {
            var query = sql.select()
                .columns(
                    "id", "reference", "published_at", "organisation_id", "place_id", "service_id", "fft_rating",
                    "themes", "sentiment", "relational", "published_text", "first_reply_at"
                )
                .from(FeedbackItem.schema).where("status", .equal, FeedbackStatus.published.rawValue)
            if let lastID { query = query.where("id", .greaterThan, lastID) }
            let page = try await query.orderBy("id").limit(pageSize).all()
            guard let last = page.last else { return }
            let ids = try page.map { try $0.decode(column: "id", as: UUID.self) }
            let replies = try await replyCounts(ids, on: db)
            for (id, row) in zip(ids, page) {
                let reference = try row.decode(column: "reference", as: String.self)
                try await sink([
                    reference, day(try row.decode(column: "published_at", as: Date?.self)),
                    organisations[try row.decode(column: "organisation_id", as: UUID.self)] ?? "",
                    places[try row.decode(column: "place_id", as: UUID.self)] ?? "",
                    services[try row.decode(column: "service_id", as: UUID.self)] ?? "",
                    try row.decode(column: "fft_rating", as: Int?.self).map(String.init) ?? "",
                    try row.decode(column: "themes", as: String.self),
                    try row.decode(column: "sentiment", as: Int?.self).map(String.init) ?? "",
                    try row.decode(column: "relational", as: String.self),
                    try row.decode(column: "published_text", as: String?.self) ?? "", String(replies[id] ?? 0),
                    day(try row.decode(column: "first_reply_at", as: Date?.self)),
                    context.siteURL + SiteURL.story(reference),
                ])
            }
            lastID = try last.decode(column: "id", as: UUID.self)
        }
    }

    private static func replyCounts(_ ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        let sql = db as! any SQLDatabase
        let rows = try await sql.select().column("feedback_id").column(
            SQLFunction("COUNT", args: SQLLiteral.all), as: "n"
        )
        .from(FeedbackReply.schema).where("feedback_id", .in, ids).groupBy("feedback_id").all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "feedback_id", as: UUID.self), try $0.decode(column: "n", as: Int.self))
            })
    }

    private static func replies(on db: any Database, to sink: Sink) async throws {
        let sql = db as! any SQLDatabase
        var lastID: UUID?
        while true {
            var query = sql.select()
                .column(SQLColumn("id", table: FeedbackReply.schema), as: "reply_id")
                .column(SQLColumn("reference", table: FeedbackItem.schema))
                .column(SQLColumn("created_at", table: FeedbackReply.schema))
                .column(SQLColumn("signature", table: FeedbackReply.schema))
                .column(SQLColumn("body", table: FeedbackReply.schema))
                .from(FeedbackReply.schema)
                .join(
                    FeedbackItem.schema,
                    on: SQLColumn("feedback_id", table: FeedbackReply.schema), .equal,
                    SQLColumn("id", table: FeedbackItem.schema)
                )
                .where(
                    SQLColumn("status", table: FeedbackItem.schema), .equal, SQLBind(FeedbackStatus.published.rawValue))
            if let lastID {
                query = query.where(SQLColumn("id", table: FeedbackReply.schema), .greaterThan, SQLBind(lastID))
            }
            let page = try await query.orderBy(SQLColumn("id", table: FeedbackReply.schema)).limit(pageSize).all()
            guard let last = page.last else { return }
            for row in page {
                try await sink([
                    try row.decode(column: "reference", as: String.self),
                    day(try row.decode(column: "created_at", as: Date?.self)),
                    try row.decode(column: "signature", as: String.self),
                    try row.decode(column: "body", as: String.self),
                ])
            }
            lastID = try last.decode(column: "reply_id", as: UUID.self)
        }
    }

    private static func actions(on db: any Database, to sink: Sink) async throws {
        let linked = try await RowCounts.grouped(in: ActionFeedbackLink.schema, by: "action_id", on: db)
        let updates = try await RowCounts.grouped(in: ActionUpdate.schema, by: "action_id", on: db)
        let actions = try await ActionItem.query(on: db).with(\.$organisation).with(\.$place).with(\.$service)
            .sort(\.$dueOn).sort(\.$id).all()
        for action in actions {
            try await sink([
                action.youSaid, action.title, action.status.title, action.outcome, action.organisation.name,
                action.place?.name ?? "", action.service?.name ?? "", action.theme ?? "", day(action.dueOn),
                day(action.closedAt), String(linked[action.id!] ?? 0), String(updates[action.id!] ?? 0),
            ])
        }
    }

    private static func loopClosure(_ context: Context, on db: any Database, to sink: Sink) async throws {
        var areas: [(type: String, name: String, scope: FeedbackScope)] = [("system", "Whole system", .everywhere)]
        for organisation in try await Organisation.query(on: db).sort(\.$name).all() {
            areas.append(("organisation", organisation.name, .organisation(organisation.id!)))
        }
        for place in try await Place.query(on: db).sort(\.$name).all() {
            areas.append(("place", place.name, .place(place.id!)))
        }
        let periods: [(String, Date)] = [
            (
                YouSaidWeDidController.period.replacingOccurrences(of: "in the ", with: ""),
                YouSaidWeDidController.periodStart(now: context.now)
            ),
            ("last 12 months", context.now.addingTimeInterval(-365 * 86400)),
        ]
        func percent(_ share: Double?) -> String { share.map { String(Int(($0 * 100).rounded())) } ?? "" }
        func days(_ value: Double?) -> String { value.map { String(($0 * 10).rounded() / 10) } ?? "" }
        for area in areas {
            for (period, start) in periods {
                let loop = try await LoopClosureQuery.run(area.scope, since: start, on: db)
                try await sink([
                    area.type, area.name, period, String(loop.needingAnswer), String(loop.replied),
                    percent(loop.replyRate), days(loop.medianDaysToReply), String(loop.linkedToAction),
                    percent(loop.actionRate), days(loop.medianDaysToWeDid), String(loop.actions),
                    String(loop.actionsClosed),
                ])
            }
        }
    }

    /// The last 12 whole months, oldest first, each service's six counts and its answers by mode of collection:
    /// answers are counted as the staff FFT
    /// results page counts them (rejected feedback left out), and a month is published once it has ended.
    private static func fftResults(_ context: Context, on db: any Database, to sink: Sink) async throws {
        let sql = db as! any SQLDatabase
        let lastMonth = FFTResultsFilters.standardMonth(today: context.today)
        for monthsBack in (0..<FFTResults.trendMonths).reversed() {
            let filters = FFTResultsFilters(month: lastMonth.adding(months: -monthsBack))
            for service in try await FFTResults.byService(sql, filters: filters) {
                try await sink(
                    [filters.month.iso, service.odsCode, service.organisation, service.place, service.name]
                        + FFTResultsController.cells(service.tally)
                        + FFTCollectionMode.allCases.map { String(service.modes[$0] ?? 0) })
            }
        }
    }

    private static func decisions(_ context: Context, on db: any Database, to sink: Sink) async throws {
        let decisions = try await Decision.query(on: db).filter(\.$status == "approved").with(\.$initiative)
            .sort(\.$meetingOn).sort(\.$id).all()
        let consultations = Dictionary(
            try await Consultation.query(on: db).all().map { ($0.$initiative.id, $0) }, uniquingKeysWith: { a, _ in a })
        let responses = try await RowCounts.grouped(in: SurveyResponse.schema, by: "consultation_id", on: db)
        for decision in decisions {
            let consultation = consultations[decision.$initiative.id]
            try await sink([
                decision.title, decision.initiative.title, decision.meeting, decision.meetingOn, decision.outcome,
                day(decision.approvedAt), consultation?.opensOn ?? "",
                consultation.map { $0.closedEarlyOn ?? $0.closesOn } ?? "",
                consultation.map { String(responses[$0.id!] ?? 0) } ?? "",
                DecisionForms.lineItems(decision.membersPresent).joined(separator: "; "),
                DecisionForms.lineItems(decision.declarations).joined(separator: "; "),
                decision.quorate.map { $0 ? "yes" : "no" } ?? "",
                context.siteURL + DecisionURL.publicDecision(decision.id!),
                decision.quorumVotingPresent.map(String.init) ?? "", decision.quorumRequired.map(String.init) ?? "",
            ])
        }
    }

    private static func indicators(on db: any Database, to sink: Sink) async throws {
        let values = try await IndicatorValue.query(on: db).with(\.$indicator).with(\.$place).all().sorted {
            ($0.indicator.name, $0.place.name, $0.periodStart) < ($1.indicator.name, $1.place.name, $1.periodStart)
        }
        for value in values {
            try await sink([
                value.indicator.name, value.indicator.unit.title, value.indicator.direction.rawValue,
                value.place.name, value.periodStart, value.indicator.period.rawValue, plain(value.value), value.source,
            ])
        }
    }

    /// "12" rather than "12.0"; otherwise the value as stored.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    private static func register(_ context: Context, on db: any Database, to sink: Sink) async throws {
        let boards = try await Board.query(on: db).sort(\.$name).all()
        for board in boards {
            let members = try await board.$members.query(on: db).with(\.$declarations).sort(\.$name).all()
                .filter { $0.sits(on: context.today) }
            for member in members {
                let about = [
                    board.name, member.name, member.role, member.votes ? "yes" : "no",
                    member.livedExperience ? "yes" : "no", member.appointedOn,
                ]
                let declarations = BoardRegister.published(member, today: context.today)
                if declarations.isEmpty { try await sink(about + ["", "", "", "", ""]) }
                for declaration in declarations {
                    try await sink(
                        about + [
                            declaration.declaredOn, declaration.kind.title, declaration.details,
                            declaration.heldFrom ?? "", declaration.endedOn ?? "",
                        ])
                }
            }
        }
    }
}

/// The open datasets outside a request, for `heard export open-data`: the same rows as the downloads.
public enum OpenDataExport {
    public static var datasetNames: [String] { OpenDataset.allCases.map(\.rawValue) }

    /// The files `write` would write for these names (all datasets when empty).
    public static func fileNames(_ names: [String]) -> [String] {
        (names.isEmpty ? OpenDataset.allCases : names.compactMap(OpenDataset.init(rawValue:))).map(\.fileName)
    }

    /// Writes each named dataset (all of them when `names` is empty) into `directory` as its download's file
    /// name; returns each file written with its number of rows.
    public static func write(
        _ names: [String], to directory: URL, siteURL: String, on db: any Database
    ) async throws -> [(file: String, rows: Int)] {
        let datasets = names.isEmpty ? OpenDataset.allCases : names.compactMap(OpenDataset.init(rawValue:))
        let context = OpenDataRows.Context(siteURL: siteURL, today: DecisionClock.system.today())
        var written: [(file: String, rows: Int)] = []
        for dataset in datasets {
            let url = directory.appendingPathComponent(dataset.fileName)
            var writer = try CSVWriter(url: url)
            try writer.writeRow(dataset.header)
            var rows = 0
            try await OpenDataRows.write(dataset, context: context, on: db) { row in
                try writer.writeRow(row.map(CSVResponse.defused))
                rows += 1
            }
            try writer.close()
            written.append((url.path, rows))
        }
        return written
    }
}
