import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The complaints queue: which cases (open, responded, closed, all; only mine; only overdue) and in what order,
/// across every page.
struct ComplaintsList {
    enum Show: String, CaseIterable {
        case open, responded, closed, all
        var title: String {
            switch self {
            case .open: "Open"
            case .responded: "Responded"
            case .closed: "Closed without a response"
            case .all: "All"
            }
        }
    }

    /// At most this many complaints are ordered in memory. A trust receives tens of thousands at most, so this
    /// is never reached in practice; it only keeps a runaway table from exhausting memory.
    static let orderingLimit = 100_000

    var show: Show
    var mine: Bool
    /// Only complaints with a step overdue (`?overdue=yes`): the dashboard's count links here.
    var overdueOnly: Bool

    /// A `show`, `handler` or `overdue` that names nothing: the queue then lists nothing, and says so.
    var problems = FilterProblems()

    init(_ request: Request) {
        show =
            problems.choice(request.query[String.self, at: "show"] ?? "", "list of complaints", Show.init(rawValue:))
            ?? .open
        let handler = request.query[String.self, at: "handler"] ?? ""
        mine = handler == "me"
        if !handler.isEmpty, !mine {
            problems.append("\"\(handler)\" is not a handler filter: choose \"Only mine\" or \"Everyone's cases\".")
        }
        let overdue = request.query[String.self, at: "overdue"] ?? ""
        overdueOnly = overdue == "yes"
        if !overdue.isEmpty, !overdueOnly {
            problems.append("\"\(overdue)\" is not an overdue filter: choose \"Overdue\" or another list of cases.")
        }
    }

    /// Every complaint the filters choose, in queue order: the next step's due date first (so overdue steps
    /// lead, then the nearest), then those responded or closed, the most recent first.
    ///
    /// The order depends on working days and bank holidays, which SQL cannot compute, so the whole filtered set
    /// is read (only the complaint rows, no text) and ordered here, then paged; the page's rows are then loaded
    /// with what the table shows. Bounded by `orderingLimit`.
    func ordered(
        today: SimpleDate, user: UUID?, received: ClosedRange<SimpleDate>? = nil, on db: any Database
    ) async throws -> [Complaint] {
        guard problems.isEmpty else { return [] }
        var query = Complaint.query(on: db)
        if let received {
            query = query.filter(\.$receivedOn >= received.lowerBound.iso)
                .filter(\.$receivedOn <= received.upperBound.iso)
        }
        if mine, let user { query = query.filter(\.$handler.$id == user) }
        switch show {
        case .open: query = query.filter(\.$respondedOn == nil).filter(\.$closedOn == nil)
        case .responded: query = query.filter(\.$respondedOn != nil)
        case .closed: query = query.filter(\.$closedOn != nil)
        case .all: break
        }
        var complaints = try await query.limit(Self.orderingLimit).all()
        let steps = Dictionary(uniqueKeysWithValues: complaints.map { ($0.id!, $0.clock.step(today: today)) })
        if overdueOnly { complaints = complaints.filter { steps[$0.id!]!.isOverdue } }
        return complaints.sorted { lhs, rhs in
            Self.precedes(
                (steps[lhs.id!]!, lhs.receivedOn, lhs.id!.uuidString),
                (steps[rhs.id!]!, rhs.receivedOn, rhs.id!.uuidString))
        }
    }

    /// Queue order: a step still to do before any finished case, by due date; finished cases newest first.
    /// Ties go to the complaint received first, then a stable id.
    static func precedes(
        _ lhs: (step: ComplaintClock.Step, received: String, id: String),
        _ rhs: (step: ComplaintClock.Step, received: String, id: String)
    ) -> Bool {
        switch (lhs.step.due, rhs.step.due) {
        case (let left?, let right?) where left != right: return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil):
            let left = finishedOn(lhs.step)
            let right = finishedOn(rhs.step)
            if left != right { return left > right }
        default: break
        }
        return (lhs.received, lhs.id) < (rhs.received, rhs.id)
    }

    static func finishedOn(_ step: ComplaintClock.Step) -> SimpleDate {
        switch step {
        case .responded(let on), .closed(let on): on
        default: SimpleDate(year: 1, month: 1, day: 1)
        }
    }

    /// The given complaints with their feedback, service and handler loaded, in the same order.
    static func loaded(_ page: [Complaint], on db: any Database) async throws -> [Complaint] {
        guard !page.isEmpty else { return [] }
        let rows = try await Complaint.query(on: db).filter(\.$id ~~ page.map { $0.id! })
            .with(\.$feedback) { $0.with(\.$service) }.with(\.$handler).all()
        let byID = Dictionary(uniqueKeysWithValues: rows.map { ($0.id!, $0) })
        return page.compactMap { byID[$0.id!] }
    }

    /// The list's address with these filters and the figures' period kept.
    func url(
        show: Show? = nil, mine: Bool? = nil, overdueOnly: Bool? = nil, period: [String: String], page: Int? = nil
    ) -> String {
        var parts = ["show=" + (show ?? self.show).rawValue]
        if mine ?? self.mine { parts.append("handler=me") }
        if overdueOnly ?? self.overdueOnly { parts.append("overdue=yes") }
        for key in ["from", "to"] {
            if let value = period[key], !value.isEmpty,
                let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"]))
            {
                parts.append("\(key)=\(encoded)")
            }
        }
        if let page { parts.append("page=\(page)") }
        return ComplaintURL.complaints + "?" + parts.joined(separator: "&")
    }
}
