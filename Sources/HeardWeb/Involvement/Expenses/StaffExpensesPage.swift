import Foundation
import HeardDomain
import HeardStorage

/// The staff list of expense claims: each with who, which activity, the lines and total, and the decision
/// forms its status allows.
enum StaffExpensesPage {
    static func render(
        claims: [ExpenseClaim], attendanceTaken: Set<UUID> = [], filter: String, today: SimpleDate,
        context: PageContext,
        failure: ValidationFailure?, typed: [String: String], notice: String?
    ) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Expenses" }
            p(.class("lead")) {
                "Claims from people who took part: out-of-pocket costs are always paid back, and the involvement payment when the activity offered one and they chose to take it."
            }
            HeardWeb.form(.action(StaffExpenses.path), .method("get"), .class("filters")) {
                FormComponents.selectField(
                    name: "status", label: "Show",
                    choices: ExpenseClaimStatus.allCases.map { .init(value: $0.rawValue, label: $0.title) }
                        + [.init(value: "all", label: "All claims")],
                    selected: filter, failure: nil, prompt: "Waiting to be decided or paid")
                button(.type("submit"), .class("button button-secondary")) { "Show" }
            }
            p {
                a(.href(StaffExpenses.csvPath + (filter.isEmpty ? "" : "?status=" + filter))) {
                    "Download these claims for finance (CSV): \(StaffExpenses.filterText(filter))"
                }
            }
            if claims.isEmpty {
                p { "No claims to show." }
            }
            for claim in claims {
                card(
                    claim, attendanceTaken: attendanceTaken.contains(claim.invitation.$activity.id), today: today,
                    context: context, failure: failure, typed: typed)
            }
        }
    }

    static func card(
        _ claim: ExpenseClaim, attendanceTaken: Bool = false, today: SimpleDate, context: PageContext,
        failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let activity = claim.invitation.activity
        let decision = StaffExpenses.field("decision", claim)
        return section(
            .class("story"), .id(FormComponents.fieldID(decision)), .tabindex(-1),
            .aria("label", "\(claim.user.displayName), \(activity.title)")
        ) {
            h2(.class("story-title")) { "\(claim.user.displayName): \(Pence.text(claim.totalPence))" }
            p(.class("story-meta")) {
                a(.href(DecisionURL.activity(activity.id!))) { activity.title }
                ", \(activity.date.ukText). Claimed \(claim.createdAt.map { SimpleDate.ukDay(of: $0).ukText } ?? ""). Reference \(StaffExpenses.reference(claim))."
            }
            if let problem = failure?.message(for: decision) {
                p(.class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; problem
                }
            }
            p { claim.status == .submitted ? strong(.class("tag")) { claim.status.title } : .text(claim.status.title) }
            let came = claim.invitation.attended
            let doubt = activity.isCancelled || came == false
            p(.class(doubt ? "warning-callout" : "hint")) {
                if doubt { span(.class("visually-hidden")) { "Warning: " } }
                "The activity: \(StaffExpenses.happened(activity))."
                if attendanceTaken {
                    " Whether \(claim.user.displayName) came: \(ActivityAttendance.text(came).lowercased())."
                }
            }
            DataTable.render(
                caption: "What \(claim.user.displayName) claimed", headers: ["Cost", "Amount"],
                rows: claim.orderedLines.map { [.text($0.summary), .text(Pence.text($0.pence))] }
                    + (claim.paymentPence.map { [[.text("Involvement payment"), .text(Pence.text($0))]] } ?? [])
                    + [[strong { "Total" }, strong { Pence.text(claim.totalPence) }]],
                captionHidden: true)
            if claim.wantsPayment == false {
                p { "They chose not to take the involvement payment." }
            }
            if let reason = claim.rejectionReason, claim.status == .rejected {
                p { "Reason given: \(reason)" }
            }
            if let paid = claim.paidOn.flatMap(SimpleDate.init(iso:)) { p { "Paid on \(paid.ukText)." } }
            switch claim.status {
            case .submitted:
                HeardWeb.form(.action(StaffExpenses.decide(claim, "approve")), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.submitButton("Approve \(Pence.text(claim.totalPence))")
                }
                HeardWeb.form(.action(StaffExpenses.decide(claim, "reject")), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    let reason = StaffExpenses.field("reason", claim)
                    FormComponents.textArea(
                        name: reason, label: "Reason for not approving", value: typed[reason] ?? "",
                        failure: failure, hint: "The person reads this, in their e-mail and on their page.", rows: 3)
                    button(.type("submit"), .class("button button-secondary")) { "Do not approve" }
                }
            case .approved:
                HeardWeb.form(.action(StaffExpenses.decide(claim, "paid")), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    let paidOn = StaffExpenses.field("paid_on", claim)
                    FormComponents.textField(
                        name: paidOn, label: "Day it was paid", value: typed[paidOn] ?? today.iso, failure: failure,
                        type: "date", width: "short")
                    FormComponents.submitButton("Mark paid")
                }
            case .rejected, .paid:
                HTMLNode.empty
            }
        }
    }
}
