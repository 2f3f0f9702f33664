import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// An involved person claiming their expenses, and the involvement payment when offered, from their own page
/// after an activity they came to.
enum ExpenseClaims {
    /// The form's field names, one set per invitation so errors link to the right form on a page of several.
    static func field(_ name: String, _ invitation: Invitation) -> String {
        InvitationsController.field(name, invitation)
    }

    static func path(_ invitation: Invitation) -> String {
        SiteURL.involvement + "/invitations/" + DecisionURL.id(invitation.id!) + "/expenses"
    }

    /// Where on their page the claim for an invitation is, and where a refusal of it links.
    static func anchor(_ invitation: Invitation) -> String { field("claim", invitation) }

    /// A claim open for this invitation: one waiting, approved or paid stops another; after a rejection they
    /// may claim again.
    static func hasOpenClaim(_ claims: [ExpenseClaim]) -> Bool {
        claims.contains { $0.status != .rejected }
    }

    static let alreadyClaimed = "You have already claimed for this activity: its progress is shown below it."

    /// A claim that cannot be made (409): the page again with why, at the invitation. The other copy of a
    /// double tap may have saved the claim since the key was checked: that is the answer instead.
    static func refused(
        _ request: Request, invitation: Invitation, submission: String?, _ why: String
    ) async throws -> Response {
        if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
            return SubmittedOnce.repeated(request, resultPath: path)
        }
        let response = try await IdeasController.minePage(
            request, failure: ValidationFailure([FieldError(anchor(invitation), why)]), typed: [:], notice: nil)
        response.status = .conflict
        return response
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw Abort(.unauthorized) }
        // Someone else's invitation is not found, as one that does not exist.
        guard
            let invitation = try await Invitation.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request))).filter(\.$user.$id == user.id!)
                .with(\.$activity).first()
        else { throw Abort(.notFound) }
        // A double tap sends the form twice at once: both would pass the "already claimed" check.
        let submission = SubmittedOnce.key(request)
        return try await SubmittedOnce.once(request, key: submission) {
            try await save(request, user: user, invitation: invitation, submission: submission)
        }
    }

    static func save(
        _ request: Request, user: User, invitation: Invitation, submission: String?
    ) async throws
        -> Response
    {
        let activity = invitation.activity
        let earlier = try await ExpenseClaim.query(on: request.db).filter(\.$invitation.$id == invitation.id!).all()
        let rows = (1...ExpenseRules.rowsShown).map { number in
            ExpenseLineInput(
                kind: Admin.text(request, field("kind-\(number)", invitation)),
                amount: Admin.text(request, field("amount-\(number)", invitation)),
                miles: Admin.text(request, field("miles-\(number)", invitation)),
                note: Admin.text(request, field("note-\(number)", invitation)))
        }
        let wantsField = field("wants_payment", invitation)
        var typed: [String: String] = [wantsField: Admin.text(request, wantsField)]
        for (index, row) in rows.enumerated() {
            typed[field("kind-\(index + 1)", invitation)] = row.kind
            typed[field("amount-\(index + 1)", invitation)] = row.amount
            typed[field("miles-\(index + 1)", invitation)] = row.miles
            typed[field("note-\(index + 1)", invitation)] = row.note
        }
        let closed =
            hasOpenClaim(earlier)
            ? alreadyClaimed
            : ExpenseRules.windowProblem(
                accepted: invitation.status == .accepted, heldOn: activity.date, cancelled: activity.isCancelled,
                attended: invitation.attended, today: request.today)
        if let closed {
            return try await refused(request, invitation: invitation, submission: submission, closed)
        }
        let claim: ExpenseRules.Claim
        do {
            claim = try ExpenseRules.claim(
                rows: rows, paymentOffered: activity.paymentPence, wantsPayment: typed[wantsField] ?? "")
        } catch {
            return try await IdeasController.minePage(
                request,
                failure: ValidationFailure(error.errors.map { FieldError(field($0.field, invitation), $0.message) }),
                typed: typed, notice: nil)
        }
        let record = ExpenseClaim(id: UUID(), invitationID: invitation.id!, userID: user.id!, claim: claim)
        let done = SiteURL.involvement + "#" + FormComponents.fieldID(anchor(invitation))
        do {
            try await request.db.writeTransaction { db in
                try await SubmittedOnce.record(submission, resultPath: done, on: db)
                try await record.create(on: db)
                for (position, line) in claim.lines.enumerated() {
                    try await ExpenseClaimLine(claimID: record.id!, position: position, line: line).create(on: db)
                }
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "expenses.claimed", objectType: "expense_claim",
                    objectID: record.id?.uuidString,
                    summary:
                        "\(user.displayName) claimed \(Pence.text(claim.totalPence)) for \(activity.title)"
                        + (claim.wantsPayment == false ? ", choosing not to take the involvement payment" : ""))
            }
        } catch  where Admin.isUniqueViolation(error) {
            // Another claim for this invitation was saved at the same moment: the database's one-open-claim
            // index (M0155) let only one through.
            return try await refused(request, invitation: invitation, submission: submission, alreadyClaimed)
        }
        Admin.flash(
            request,
            "Thank you: your claim for \(Pence.text(claim.totalPence)) has been sent. We will e-mail you when it is decided."
        )
        return request.redirect(to: done)
    }
}
