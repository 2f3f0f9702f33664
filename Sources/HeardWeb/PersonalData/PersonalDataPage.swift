import Foundation
import HeardDomain
import HeardStorage

/// The page for requests about personal data: find, see what was found and what erasing would do, download a
/// copy, erase.
enum PersonalDataPage {
    static func render(
        typed: PersonalDataController.Typed, held: PersonalDataHeld?, failure: ValidationFailure?,
        context: PageContext, notice: String?
    ) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Requests about personal data" }
            p(.class("lead")) {
                "When someone asks for a copy of what Heard holds on them, or for it to be erased, find it here by the e-mail address they gave or the reference Heard gave them. Check who they are first: a reference alone proves nothing, as a published story shows its reference, so reply through the e-mail address or phone number given with the feedback before sending a copy or erasing. Reply within one month."
            }
            FormComponents.errorSummary(failure)
            HeardWeb.form(.action(PersonalDataController.path), .method("get"), .novalidate) {
                FormComponents.textField(
                    name: "email", label: "E-mail address", value: typed.email, failure: failure, type: "email",
                    required: false)
                FormComponents.textField(
                    name: "reference", label: "Reference", value: typed.reference, failure: failure,
                    hint: "For example HRD-7K3Q9XAB. With both, everything found by either is shown.", required: false,
                    width: "short")
                button(.type("submit"), .class("button")) { "Find" }
            }
            if let held { found(held, typed: typed, failure: failure, context: context) }
        }
    }

    /// Beside something found by the address written in its words rather than given as the contact address.
    static let writtenNote =
        "(the address is in what was written, not given to contact them: check it is theirs before erasing)"

    static func found(
        _ held: PersonalDataHeld, typed: PersonalDataController.Typed, failure: ValidationFailure?,
        context: PageContext
    ) -> HTMLNode {
        section(.aria("labelledby", "found")) {
            h2(.id("found")) { "Found: " + held.summary }
            if held.isEmpty {
                p {
                    "Heard holds nothing given with that e-mail address or reference, and no feedback or answer mentions the address. Tell the person so."
                }
            } else {
                if !held.accounts.isEmpty {
                    DataTable.render(
                        caption: "Accounts", headers: ["Name", "Role", "Last signed in", "If erased"],
                        rows: held.accounts.map { account in
                            [
                                .text(account.user.displayName), .text(account.user.role.title),
                                .text(
                                    account.user.lastSignInAt.map { $0.formatted(AuditPage.dateFormat) } ?? "Never"),
                                .text(
                                    outcome(
                                        account.decision,
                                        erasedIf: account.keepsName
                                            ? "Switched off and its e-mail address erased. The name stays with the expense claims, which are finance records."
                                            : "Switched off, and its name and e-mail address erased.")),
                            ]
                        })
                }
                if !held.memberships.isEmpty {
                    DataTable.render(
                        caption: "Board and panel memberships",
                        headers: ["Board", "Role", "Appointed", "Declarations of interests", "If erased"],
                        rows: held.memberships.map { entry in
                            [
                                .text(entry.member.board.name), .text(entry.member.role),
                                .text(entry.member.appointed.ukText), .text(String(entry.declarations.count)),
                                .text(outcome(ErasureRules.boardMembership, erasedIf: "")),
                            ]
                        })
                }
                if !held.ideas.isEmpty {
                    DataTable.render(
                        caption: "Ideas put forward", headers: ["Idea", "Status", "If erased"],
                        rows: held.ideas.map { idea in
                            [
                                .text(idea.title), .text(idea.status.title),
                                .text(
                                    PersonalDataHeld.isErased(idea)
                                        ? alreadyErased
                                        : outcome(
                                            PersonalDataHeld.decision(idea),
                                            erasedIf: "Their words and the name for the credit are erased.")),
                            ]
                        })
                }
                if !held.feedback.isEmpty {
                    DataTable.render(
                        caption: "Feedback", headers: ["Reference", "Received", "Service", "Status", "If erased"],
                        rows: held.feedback.map { entry in
                            [
                                .text(entry.item.reference + (entry.foundInText ? " " + writtenNote : "")),
                                .text(DecisionClock.ukDay(of: entry.item.receivedAt).ukText),
                                .text(entry.item.service.name),
                                .text(entry.isErased ? "Erased at the person's request" : entry.item.status.title),
                                .text(
                                    entry.isErased
                                        ? alreadyErased
                                        : outcome(
                                            entry.decision, erasedIf: "Their words and contact details are erased.")),
                            ]
                        })
                }
                if !held.responses.isEmpty {
                    DataTable.render(
                        caption: "Consultation responses", headers: ["Consultation", "Sent", "If erased"],
                        rows: held.responses.map { entry in
                            [
                                .text(entry.consultation.title + (entry.foundInText ? " " + writtenNote : "")),
                                .text(entry.response.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "–"),
                                .text(
                                    outcome(entry.decision, erasedIf: "Their answers and e-mail address are erased.")),
                            ]
                        })
                }
                if !held.invitations.isEmpty {
                    DataTable.render(
                        caption: "Invitations to activities",
                        headers: ["Activity", "Date", "Name", "Reply", "If erased"],
                        rows: held.invitations.map { invitation in
                            [
                                .text(invitation.activity.title), .text(invitation.activity.date.ukText),
                                .text(invitation.inviteeName + (invitation.isGuest ? " (without an account)" : "")),
                                .text(invitation.status.staffTitle),
                                .text(
                                    invitation.isGuest
                                        ? "The invitation, their name, address and reply are erased."
                                        : invitation.accessNeeds.isEmpty
                                            ? "Kept, with the account, as the record of who took part."
                                            : "What they need to take part is erased. The reply is kept, with the account, as the record of who took part."
                                ),
                            ]
                        })
                }
                if !held.claims.isEmpty {
                    DataTable.render(
                        caption: "Expense claims, with an account",
                        headers: ["Activity", "Claimed", "Total", "Status", "If erased"],
                        rows: held.claims.map { claim in
                            [
                                .text(claim.invitation.activity.title),
                                .text(claim.createdAt.map { DecisionClock.ukDay(of: $0).ukText } ?? "–"),
                                .text(Pence.text(claim.totalPence)), .text(claim.status.title),
                                .text("Kept: expense claims are finance records."),
                            ]
                        })
                }
                if !held.signups.isEmpty {
                    DataTable.render(
                        caption: "Sign-ups to events", headers: ["Event", "Date", "Name", "People", "If erased"],
                        rows: held.signups.map { signup in
                            [
                                .text(signup.activity.title), .text(signup.activity.date.ukText), .text(signup.name),
                                .text(String(signup.people)),
                                .text("Their name, contact details and needs are erased; the number of people stays."),
                            ]
                        })
                }
                if !held.emails.isEmpty {
                    DataTable.render(
                        caption: "E-mails sent to them", headers: ["Written", "Subject", "If erased"],
                        rows: held.emails.map { notice in
                            [
                                .text(notice.createdAt.map { $0.formatted(AuditPage.dateFormat) } ?? "–"),
                                .text(notice.subject),
                                .text(emailOutcome(held.fate(of: notice), notice)),
                            ]
                        })
                }
                h2 { "Send them a copy" }
                p {
                    "The copy holds their account, their board and panel memberships and declarations of interests, their ideas, what they wrote, their contact details, what happened to their feedback, their invitations and replies, their sign-ups to events, their expense claims, and the e-mails sent to them. Send it to them securely."
                }
                p {
                    a(
                        .href(
                            ListPage.path(
                                PersonalDataController.path + "/copy.json",
                                filters: [("email", typed.email), ("reference", typed.reference)], page: 1)),
                        .class("button button-secondary")
                    ) { "Download a copy (JSON)" }
                }
                h2(.id("erase")) { "Erase" }
                if !held.hasAnythingToErase {
                    p {
                        "There is nothing more to erase: what was found has been erased already, or is kept as the table says."
                    }
                } else {
                    eraseForm(typed: typed, failure: failure, context: context)
                }
            }
        }
    }

    static let alreadyErased = "Already erased."

    /// What erasing does to the e-mail: the same rule the erasure follows (`PersonalDataHeld.fate(of:)`).
    static func emailOutcome(_ fate: PersonalDataHeld.EmailFate, _ notice: Notice) -> String {
        switch fate {
        case .alreadyErased: alreadyErased
        case .keptWithComplaint:
            notice.status == .queued || notice.status == .sending
                ? "Kept with the complaint, which the law requires: it is still sent."
                : "Kept with the complaint, which the law requires."
        case .cancelled: "Not sent yet: it is cancelled."
        case .erased: "The address and text are erased."
        }
    }

    @HTMLBuilder
    private static func eraseForm(
        typed: PersonalDataController.Typed, failure: ValidationFailure?, context: PageContext
    ) -> [HTMLNode] {
        p {
            "Erasing removes their words and contact details for good, and switches off an involved person's account. Counts of themes and sentiment stay, with nothing that identifies them. A published story is taken down."
        }
        HeardWeb.form(.action(PersonalDataController.path + "/erase"), .method("post"), .novalidate) {
            FormComponents.csrfField(context.csrfToken ?? "")
            input(.type("hidden"), .name("email"), .value(typed.email))
            input(.type("hidden"), .name("reference"), .value(typed.reference))
            FormComponents.textArea(
                name: "reason", label: "Why", value: typed.reason, failure: failure,
                hint:
                    "For example: \"Asked by e-mail on 3 December 2026 to delete everything; identity checked.\" Kept in the audit log after the erasure, so leave out their name and contact details.",
                rows: 3)
            if let problem = failure?.message(for: "confirm") {
                p(.id("field-confirm-error"), .class("error-message")) {
                    span(.class("visually-hidden")) { "Error: " }; problem
                }
            }
            FormComponents.checkbox(
                name: "confirm", label: "I understand that erased words cannot be brought back",
                checked: typed.confirmed)
            button(.type("submit"), .class("button button-warning")) { "Erase" }
        }
    }

    static func outcome(_ decision: ErasureRules.Decision, erasedIf: String) -> String {
        switch decision {
        case .erase: erasedIf
        case .keep(let reason): "Kept. " + reason
        case .keepWords(let reason): "Answers kept. " + reason
        }
    }
}
