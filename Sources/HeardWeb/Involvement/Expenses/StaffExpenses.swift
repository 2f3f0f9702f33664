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
                claims: claims, filter: filter, today: request.today,
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
        if let problem = ExpenseRules.decisionProblem(
            from: from, to: next, reason: reason, paidOn: paidOn, heldOn: activity.date, today: request.today)
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

    /// Every claim as a spreadsheet for finance: one row a claim, money in pounds without the sign, so the
    /// columns add up; cells a spreadsheet would run as a formula are defused by `CSVResponse`.
    @Sendable static func csv(_ request: Request) async throws -> Response {
        // Finance want every claim unless the list was narrowed.
        let asked = (request.query[String.self, at: "status"] ?? "").isEmpty
        let wanted = asked ? ExpenseClaimStatus.allCases : statuses(request).statuses
        var rows = [
            [
                "person", "email", "activity", "activity_date", "claimed_on", "lines", "expenses",
                "involvement_payment", "total", "status", "decided_on", "paid_on",
            ]
        ]
        for claim in try await claims(wanted, on: request.db) {
            let lines = claim.orderedLines
            rows.append([
                claim.user.displayName, claim.user.email, claim.invitation.activity.title,
                claim.invitation.activity.heldOn, claim.createdAt.map { SimpleDate.ukDay(of: $0).iso } ?? "",
                lines.map { "\($0.summary) \(Pence.plain($0.pence))" }.joined(separator: "; "),
                Pence.plain(lines.reduce(0) { $0 + $1.pence }), claim.paymentPence.map(Pence.plain) ?? "",
                Pence.plain(claim.totalPence), claim.status.rawValue,
                claim.decidedAt.map { SimpleDate.ukDay(of: $0).iso } ?? "", claim.paidOn ?? "",
            ])
        }
        return CSVResponse.make(rows, fileName: "expense-claims-\(request.today.iso).csv")
    }
}
