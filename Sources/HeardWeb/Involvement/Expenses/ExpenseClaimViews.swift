import HeardDomain
import HeardStorage

/// On the person's own page, under an activity they came to: their claims and how each is going, and the
/// form to claim while claims are open.
enum ExpenseClaimViews {
    static func underActivity(
        _ invitation: Invitation, claims: [ExpenseClaim], today: SimpleDate, context: PageContext,
        failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let activity = invitation.activity
        let closed = ExpenseRules.windowProblem(
            accepted: invitation.status == .accepted, heldOn: activity.date, cancelled: activity.isCancelled,
            attended: invitation.attended, today: today)
        let anchor = ExpenseClaims.anchor(invitation)
        return div(.class("expenses"), .id(FormComponents.fieldID(anchor)), .tabindex(-1)) {
            if let problem = failure?.message(for: anchor) {
                p(.class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; problem
                }
            }
            let formShown = closed == nil && !ExpenseClaims.hasOpenClaim(claims)
            for claim in claims {
                claimStatus(claim, canClaimAgain: formShown)
            }
            if formShown {
                claimForm(invitation, context: context, failure: failure, typed: typed)
            } else if !ExpenseClaims.hasOpenClaim(claims), let closed {
                p(.class("hint")) { closed }
            }
        }
    }

    /// One claim: what was claimed, the total, where it has got to, and the reason when not approved (and
    /// whether they can claim again: only when the form is shown under it).
    static func claimStatus(_ claim: ExpenseClaim, canClaimAgain: Bool = false) -> HTMLNode {
        section(.class("claim"), .aria("label", "Your expenses claim")) {
            h4 { "Your expenses claim" }
            p {
                claim.status == .submitted
                    ? strong(.class("tag")) { claim.status.title } : .text("Status: \(claim.status.title)")
            }
            ul {
                for line in claim.orderedLines {
                    li { "\(line.summary): \(Pence.text(line.pence))" }
                }
                if let payment = claim.paymentPence {
                    li { "Involvement payment: \(Pence.text(payment))" }
                } else if claim.wantsPayment == false {
                    li { "You chose not to take the involvement payment." }
                }
            }
            p { strong { "Total: \(Pence.text(claim.totalPence))" } }
            p(.class("hint")) {
                "Reference \(StaffExpenses.reference(claim)): quote it if you write to us about this claim."
            }
            if claim.status == .rejected, let reason = claim.rejectionReason {
                p { "Why it was not approved: \(reason)" }
                p {
                    canClaimAgain
                        ? "You can claim again below, or reply to the e-mail we sent you."
                        : "Reply to the e-mail we sent you to talk about it."
                }
            }
            if claim.status == .paid, let paid = claim.paidOn.flatMap(SimpleDate.init(iso:)) {
                p { "Paid on \(paid.ukText)." }
            }
        }
    }

    /// Up to `ExpenseRules.rowsShown` lines, each a kind, pounds or miles, and a note; rows left empty are
    /// ignored, so it works without JavaScript.
    static func claimForm(
        _ invitation: Invitation, context: PageContext, failure: ValidationFailure?, typed: [String: String]
    ) -> HTMLNode {
        let activity = invitation.activity
        let last = ExpenseRules.lastDayToClaim(heldOn: activity.date)
        let name = { (base: String) in ExpenseClaims.field(base, invitation) }
        return HeardWeb.form(.action(ExpenseClaims.path(invitation)), .method("post"), .novalidate) {
            FormComponents.csrfField(context.csrfToken ?? "")
            SubmittedOnce.freshHiddenField()
            h4 { "Claim your expenses" }
            p(.class("hint")) {
                "Fares, mileage at \(ExpenseRules.mileagePencePerMile)p a mile, parking, and care for someone you look after or a support worker are paid back. Claim by \(last.ukText). Keep your tickets and receipts: we may ask for them. Fill in one line for each cost and leave the others empty."
            }
            for number in 1...ExpenseRules.rowsShown {
                let kind = name("kind-\(number)")
                let amount = name("amount-\(number)")
                let miles = name("miles-\(number)")
                let note = name("note-\(number)")
                HTMLNode.element(
                    "fieldset", [.class("fieldset expense-line")],
                    children: [
                        legend(.class("legend")) { "Cost \(number)" + (number == 1 ? "" : " (optional)") },
                        FormComponents.selectField(
                            name: kind, label: "What was it for?",
                            choices: ExpenseKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                            selected: typed[kind] ?? "", failure: failure),
                        FormComponents.textField(
                            name: amount, label: "Amount in pounds", value: typed[amount] ?? "", failure: failure,
                            hint: "For example 4.50. Leave empty for mileage.", required: false, width: "short"),
                        FormComponents.textField(
                            name: miles, label: "Miles driven (mileage only)", value: typed[miles] ?? "",
                            failure: failure, hint: "There and back, for example 12.5.", required: false, width: "short"
                        ),
                        FormComponents.textField(
                            name: note, label: "What it was (optional)", value: typed[note] ?? "", failure: failure,
                            hint:
                                "Needed for \"something else\", and for a cost over \(Pence.text(ExpenseRules.noteNeededAbovePence)).",
                            required: false),
                    ])
            }
            if let payment = activity.paymentPence {
                let wants = name("wants_payment")
                FormComponents.radios(
                    name: wants, legend: "Do you want the involvement payment of \(Pence.text(payment))?",
                    choices: [
                        .init(value: "yes", label: "Yes, pay me \(Pence.text(payment))"),
                        .init(value: "no", label: "No, I do not want to be paid"),
                    ],
                    selected: typed[wants] ?? "", failure: failure,
                    hint:
                        "You can choose not to be paid; if you receive benefits you may want to check first. Your expenses are paid back either way."
                )
            }
            FormComponents.submitButton("Send my claim")
        }
    }
}
