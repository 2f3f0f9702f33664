import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Staff deciding expense claims: approve, or reject with the reason the person reads; then mark paid with the
/// day. Each decision is audit-logged and e-mailed to the person. Finance get the claims as a spreadsheet.
enum StaffExpenses {
    static let path = "/staff/expenses"
    static let csvPath = "/staff/expenses.csv"
    static func decide(_ claim: ExpenseClaim, _ action: String) -> String {
        "\(path)/\(DecisionURL.id(claim.id!))/\(action)"
    }

    /// Which claims the list shows: those waiting for staff (to decide or to pay) unless another is asked for.
    static func statuses(_ request: Request) -> (filter: String, statuses: [ExpenseClaimStatus]) {
        let filter = (request.query[String.self, at: "status"] ?? "").trimmingWhitespace()
        if filter == "all" { return (filter, ExpenseClaimStatus.allCases) }
        if let one = ExpenseClaimStatus(rawValue: filter) { return (filter, [one]) }
        return ("", [.submitted, .approved])
    }

    static func claims(_ statuses: [ExpenseClaimStatus], on db: any Database) async throws -> [ExpenseClaim] {
        try await ExpenseClaim.query(on: db).filter(\.$status ~~ statuses).with(\.$lines).with(\.$user)
            .with(\.$invitation) { $0.with(\.$activity) }.sort(\.$createdAt).sort(\.$id).all()
    }

    /// The activities of `claims` where staff recorded whether anyone came: for those, each claim says whether
    /// its person came ("not recorded" then means nobody said).
    static func attendanceTaken(_ claims: [ExpenseClaim], on db: any Database) async throws -> Set<UUID> {
        let activities = Set(claims.map { $0.invitation.$activity.id })
        guard !activities.isEmpty else { return [] }
        return Set(
            try await Invitation.query(on: db).filter(\.$activity.$id ~~ activities).filter(\.$attended != nil)
                .all().map { $0.$activity.id })
    }

    /// Whether the activity happened, as staff recorded it.
    static func happened(_ activity: InvolvementActivity) -> String {
        switch activity.outcome {
        case .held: "held"
        case .cancelled: "cancelled"
        case nil: "not recorded"
        }
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        try await page(request, failure: nil, typed: [:])
    }

    static func page(
        _ request: Request, failure: ValidationFailure?, typed: [String: String], status: HTTPStatus? = nil
    ) async throws -> Response {
        let (filter, statuses) = statuses(request)
        let claims = try await claims(statuses, on: request.db)
        return .html(
            StaffExpensesPage.render(
                claims: claims, attendanceTaken: try await attendanceTaken(claims, on: request.db), filter: filter,
                today: request.today,
                context: PageContext(request, title: "Expenses", hasErrors: failure != nil), failure: failure,
                typed: typed, notice: Admin.takeFlash(request)),
            status: status ?? (failure == nil ? .ok : .unprocessableEntity))
    }

    @Sendable static func approve(_ request: Request) async throws -> Response {
        try await move(request, to: .approved)
    }

    @Sendable static func reject(_ request: Request) async throws -> Response {
        try await move(request, to: .rejected)
    }

    @Sendable static func markPaid(_ request: Request) async throws -> Response {
        try await move(request, to: .paid)
    }

    static func field(_ name: String, _ claim: ExpenseClaim) -> String {
        "\(name)-\(DecisionURL.id(claim.id!))"
    }

    static func move(_ request: Request, to next: ExpenseClaimStatus) async throws -> Response {
        guard
            let claim = try await ExpenseClaim.query(on: request.db).filter(\.$id == (try Admin.uuidParameter(request)))
                .with(\.$user).with(\.$invitation, { $0.with(\.$activity) }).first()
        else { throw Abort(.notFound) }
        let reasonField = field("reason", claim)
        let paidField = field("paid_on", claim)
        let reason = Admin.text(request, reasonField).trimmingWhitespace()
        let paidOn = Admin.text(request, paidField).trimmingWhitespace()
        let activity = claim.invitation.activity
        let from = claim.status
        let activityProblem =
            next == .approved && from == .submitted
            ? ExpenseRules.approvalProblem(cancelled: activity.isCancelled, attended: claim.invitation.attended)
                .map { FieldError("status", $0) } : nil
        if let problem = activityProblem
            ?? ExpenseRules.decisionProblem(
                from: from, to: next, reason: reason, paidOn: paidOn, heldOn: activity.date,
                decidedOn: claim.decidedAt.map { min(SimpleDate.ukDay(of: $0), request.today) }, today: request.today)
        {
            // A claim someone else already decided is a conflict, not a typing slip.
            let stale = problem.field == "status"
            return try await page(
                request,
                failure: ValidationFailure([
                    FieldError(stale ? field("decision", claim) : field(problem.field, claim), problem.message)
                ]),
                typed: [reasonField: reason, paidField: paidOn], status: stale ? .conflict : .unprocessableEntity)
        }
        claim.status = next
        switch next {
        case .paid: claim.paidOn = paidOn
        default:
            claim.decidedAt = Date()
            claim.$decidedBy.id = request.currentUser?.id
            claim.rejectionReason = next == .rejected ? reason : nil
        }
        try await request.db.writeTransaction { db in
            try await claim.save(on: db)
            try await ExpenseNotices.decided(claim).create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "expenses.\(next.rawValue)", objectType: "expense_claim",
                objectID: claim.id?.uuidString,
                summary:
                    "\(next == .paid ? "Marked paid" : next == .approved ? "Approved" : "Did not approve") the \(Pence.text(claim.totalPence)) claim of \(claim.user.displayName) for \(activity.title)"
                    + (next == .rejected ? ": \(reason)" : next == .paid ? " on \(paidOn)" : ""),
                changes: [FieldChange("status", from: from.rawValue, to: next.rawValue)])
        }
        Admin.flash(
            request,
            "\(claim.user.displayName)'s claim is \(next.title.lowercased()). They have been e-mailed.")
        return request.redirect(to: path)
    }

    /// The claims the list shows, as a spreadsheet for finance: the same filter as the page (so "waiting to be
    /// decided or paid" by default), one row a claim with its reference, money in pounds without the sign, so
    /// the columns add up; cells a spreadsheet would run as a formula are defused by `CSVResponse`.
    @Sendable static func csv(_ request: Request) async throws -> Response {
        let (filter, wanted) = statuses(request)
        var rows = [
            [
                "reference", "person", "email", "activity", "activity_date", "claimed_on", "lines", "expenses",
                "involvement_payment", "total", "status", "decided_on", "paid_on",
            ]
        ]
        for claim in try await claims(wanted, on: request.db) {
            let lines = claim.orderedLines
            rows.append([
                reference(claim), claim.user.displayName, claim.user.email, claim.invitation.activity.title,
                claim.invitation.activity.heldOn, claim.createdAt.map { SimpleDate.ukDay(of: $0).iso } ?? "",
                lines.map { "\($0.summary) \(Pence.plain($0.pence))" }.joined(separator: "; "),
                Pence.plain(lines.reduce(0) { $0 + $1.pence }), claim.paymentPence.map(Pence.plain) ?? "",
                Pence.plain(claim.totalPence), claim.status.rawValue,
                claim.decidedAt.map { SimpleDate.ukDay(of: $0).iso } ?? "", claim.paidOn ?? "",
            ])
        }
        return CSVResponse.make(
            rows, fileName: "expense-claims-\(filter.isEmpty ? "waiting" : filter)-\(request.today.iso).csv")
    }

    /// What the list and its spreadsheet show, in words: "waiting to be decided or paid", "paid", "all claims".
    static func filterText(_ filter: String) -> String {
        if filter == "all" { return "all claims" }
        if let one = ExpenseClaimStatus(rawValue: filter) { return one.title.lowercased() }
        return "waiting to be decided or paid"
    }

    /// A claim's short reference, the same on the page, the spreadsheet and the person's page: "EC-1A2B3C4D",
    /// the start of its id, so two claims of the same amount by the same person can be told apart.
    static func reference(_ claim: ExpenseClaim) -> String {
        "EC-" + String(claim.id!.uuidString.prefix(8)).uppercased()
    }
}
