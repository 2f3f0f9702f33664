import Fluent
import Foundation
import HeardDomain

/// A claim for expenses, and the involvement payment when the activity offers one, by an involved person for an
/// activity they were invited to, came to, and is over. Staff approve or reject it (with the reason the person
/// reads), then mark it paid with the day the money went.
public final class ExpenseClaim: Model, @unchecked Sendable {
    public static let schema = "expense_claims"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "invitation_id") public var invitation: Invitation
    @Parent(key: "user_id") public var user: User
    @Field(key: "status") public var status: ExpenseClaimStatus
    /// The involvement payment they chose to take, as the activity offered it then; nil when none.
    @OptionalField(key: "payment_pence") public var paymentPence: Int?
    /// Whether they wanted the involvement payment; nil when the activity offered none.
    @OptionalField(key: "wants_payment") public var wantsPayment: Bool?
    /// The lines and the payment, in pence, as they were when claimed.
    @Field(key: "total_pence") public var totalPence: Int
    @Children(for: \.$claim) public var lines: [ExpenseClaimLine]
    @OptionalParent(key: "decided_by_id") public var decidedBy: User?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// Why it was not approved, shown to the person.
    @OptionalField(key: "rejection_reason") public var rejectionReason: String?
    /// The day it was paid, "2026-12-01".
    @OptionalField(key: "paid_on") public var paidOn: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {
        self.status = .submitted
        self.totalPence = 0
    }

    public init(id: UUID? = nil, invitationID: UUID, userID: UUID, claim: ExpenseRules.Claim) {
        self.id = id
        self.$invitation.id = invitationID
        self.$user.id = userID
        self.status = .submitted
        self.paymentPence = claim.paymentPence
        self.wantsPayment = claim.wantsPayment
        self.totalPence = claim.totalPence
    }

    /// The lines in the order they were typed. Load `lines` first.
    public var orderedLines: [ExpenseClaimLine] { lines.sorted { $0.position < $1.position } }
}

/// One line of a claim: what it was for and how much, in pence; mileage keeps the miles it was worked out from.
public final class ExpenseClaimLine: Model, @unchecked Sendable {
    public static let schema = "expense_claim_lines"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "claim_id") public var claim: ExpenseClaim
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: ExpenseKind
    @Field(key: "pence") public var pence: Int
    @OptionalField(key: "tenths_of_mile") public var tenthsOfMile: Int?
    @Field(key: "note") public var note: String

    public init() {
        self.position = 0
        self.pence = 0
        self.note = ""
    }

    public init(claimID: UUID, position: Int, line: ExpenseLine) {
        self.$claim.id = claimID
        self.position = position
        self.kind = line.kind
        self.pence = line.pence
        self.tenthsOfMile = line.tenthsOfMile
        self.note = line.note
    }

    /// "Mileage, 12.5 miles: hospital and back" as a line reads in a list or a spreadsheet.
    public var summary: String {
        var text = kind.shortTitle
        if let tenthsOfMile { text += ", " + ExpenseLine.milesText(tenthsOfMile) }
        if !note.isEmpty { text += ": " + note }
        return text
    }
}
