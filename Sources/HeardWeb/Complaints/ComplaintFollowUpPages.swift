import Foundation
import HeardDomain
import HeardStorage

/// The complaint page's parts for what follows a response or closure: each reopening, the Ombudsman, and the
/// forms to record them.
enum ComplaintFollowUpPages {
    static func ukDate(_ iso: String?) -> String {
        iso.map { SimpleDate(iso: $0)?.ukText ?? $0 } ?? ""
    }

    /// "Reopened on 5 March 2027: the complainant is not satisfied … It had been responded to on 1 March 2027
    /// (upheld). Further response due by 5 May 2027. Why: …"
    static func reopeningText(_ reopening: ComplaintReopening) -> String {
        let why = ReopenReason(rawValue: reopening.reason)?.title.lowercased() ?? reopening.reason
        let outcome = reopening.previousOutcome.flatMap(ComplaintOutcome.init(rawValue:))?.title.lowercased()
        let before =
            reopening.previousRespondedOn.map { "It had been responded to on \(ukDate($0))" }
            ?? reopening.previousClosedOn.map { "It had been closed on \(ukDate($0))" } ?? "It had ended"
        return "Reopened on \(ukDate(reopening.reopenedOn)): \(why). \(before)"
            + (outcome.map { " (\($0))" } ?? "")
            + ". Further response due by \(ukDate(reopening.newResponseBy)). Why: \(reopening.note)"
    }

    /// How the case ended before each reopening, kept whole (the first response is the one the figures
    /// report), then the reopening itself, oldest first.
    static func reopenings(_ complaint: Complaint) -> HTMLNode {
        guard !complaint.reopenings.isEmpty else { return .empty }
        let first = complaint.firstResponseReopening?.id
        return section(.aria("labelledby", "reopened")) {
            h2(.id("reopened")) { "Earlier responses and reopenings" }
            for reopening in sortedReopenings(complaint) {
                h3 { endedHeading(reopening, first: reopening.id == first) }
                endedDetails(reopening)
                p { reopeningText(reopening) }
            }
        }
    }

    static func sortedReopenings(_ complaint: Complaint) -> [ComplaintReopening] {
        complaint.reopenings.sorted {
            ($0.reopenedOn, $0.createdAt ?? .distantPast) < ($1.reopenedOn, $1.createdAt ?? .distantPast)
        }
    }

    /// "First response sent 7 December 2026: partly upheld", "Closed on 1 February 2027 without a response:
    /// withdrawn by the complainant".
    static func endedHeading(_ reopening: ComplaintReopening, first: Bool) -> String {
        let outcome = reopening.previousOutcome.flatMap(ComplaintOutcome.init(rawValue:))?.title.lowercased()
        if let responded = reopening.previousRespondedOn {
            return (first ? "First response" : "Further response") + " sent \(ukDate(responded))"
                + (outcome.map { ": \($0)" } ?? "")
        }
        return "Closed on \(ukDate(reopening.previousClosedOn)) without a response" + (outcome.map { ": \($0)" } ?? "")
    }

    /// The response as sent (regulation 14), or why it was closed; reopenings from before these were kept say so.
    static func endedDetails(_ reopening: ComplaintReopening) -> HTMLNode {
        if reopening.replacedResponse {
            guard !reopening.previousConclusions.isEmpty || !reopening.previousHowConsidered.isEmpty else {
                return p(.class("hint")) {
                    "Its text was not kept: it was reopened before Heard kept earlier responses."
                }
            }
            return DecisionForms.summaryList([
                ("How it was considered", .text(reopening.previousHowConsidered)),
                ("Conclusions", .text(reopening.previousConclusions)),
                ("What is being put right", .text(reopening.previousRemedialAction)),
                (
                    "Judged against",
                    .text(
                        reopening.previousResponseDue.map { due in
                            "Due by \(ukDate(due))"
                                + ((reopening.previousRespondedOn ?? "") > due ? " (sent late)" : " (sent in time)")
                        } ?? "Not kept"
                    )
                ),
            ])
        }
        guard let reason = reopening.previousClosedReason, !reason.isEmpty else { return .empty }
        return DecisionForms.summaryList([("Reason", .text(reason))])
    }

    /// Whether the case has ended locally (responded to or closed), when reopening and the Ombudsman apply.
    static func hasEnded(_ complaint: Complaint) -> Bool {
        complaint.respondedOn != nil || complaint.closedOn != nil
    }

    /// What is known of the Ombudsman, and the form for the next thing to record.
    static func ombudsman(
        _ complaint: Complaint, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        let id = complaint.id!
        let ombudsman = complaint.ombudsman
        guard let referred = complaint.ombudsmanReferredOn else {
            guard hasEnded(complaint) else { return .empty }
            return HeardWeb.form(
                .action(ComplaintURL.complaint(id) + "/ombudsman"), .method("post"), .novalidate, .class("panel")
            ) {
                h2 { "If they go to the Ombudsman" }
                p {
                    "If the complainant takes the complaint to the \(ombudsman.name) (\(ombudsman.shortName)), record the date here; the decision can be added when it comes."
                }
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.textField(
                    name: "ombudsman_referred_on", label: "Date they went to the \(ombudsman.shortName)",
                    value: typed["ombudsman_referred_on"] ?? "", failure: failure,
                    hint: "Or the date the \(ombudsman.shortName) told you, if you do not know it.", type: "date",
                    width: "short")
                FormComponents.textArea(
                    name: "ombudsman_early_reason",
                    label: "If they went before the response or closure, why (optional)",
                    value: typed["ombudsman_early_reason"] ?? "", failure: failure,
                    hint:
                        "Not needed when the response was already late then. Kept in the audit log.", rows: 2,
                    required: false)
                FormComponents.submitButton("Record that they went to the Ombudsman")
            }
        }
        return section(.aria("labelledby", "ombudsman")) {
            h2(.id("ombudsman")) { "Ombudsman" }
            DecisionForms.summaryList(
                [("Taken to the \(ombudsman.shortName)", .text(ukDate(referred)))]
                    + (complaint.ombudsmanOutcome.map { outcome in
                        [
                            ("Decision", .text("\(outcome.title), on \(ukDate(complaint.ombudsmanOutcomeOn))")),
                            ("Note", .text(complaint.ombudsmanNote)),
                        ]
                    } ?? [("Decision", .text("Not known yet"))]))
            if complaint.ombudsmanOutcome == nil {
                HeardWeb.form(
                    .action(ComplaintURL.complaint(id) + "/ombudsman-outcome"), .method("post"), .novalidate,
                    .class("panel")
                ) {
                    h3 { "Record the Ombudsman's decision" }
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.radios(
                        name: "ombudsman_outcome", legend: "What did the \(ombudsman.shortName) decide?",
                        choices: OmbudsmanOutcome.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                        selected: typed["ombudsman_outcome"] ?? "", failure: failure)
                    FormComponents.textField(
                        name: "ombudsman_outcome_on", label: "Date of the decision",
                        value: typed["ombudsman_outcome_on"] ?? "", failure: failure, type: "date", width: "short")
                    FormComponents.textArea(
                        name: "ombudsman_note", label: "What they found or asked for",
                        value: typed["ombudsman_note"] ?? "", failure: failure,
                        hint: "Kept with the complaint; not published.", rows: 3, required: true)
                    FormComponents.submitButton("Record the decision")
                }
            }
        }
    }

    /// Reopening, folded away until needed (open when sent with problems, so the error links reach it).
    static func reopenForm(
        _ complaint: Complaint, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        guard hasEnded(complaint) else { return .empty }
        let fields = ["reopen_reason", "reopened_on", "reopen_response_by", "reopen_note"]
        let sent = fields.contains { failure?.message(for: $0) != nil }
        // "Not satisfied with the response" only follows a response; "closed in error" only a closure.
        let choices = ReopenReason.allCases.filter {
            complaint.respondedOn != nil ? $0 == .notSatisfied : $0 == .closedInError
        }
        let content: [HTMLNode] = [
            summary { "Reopen the complaint" },
            HeardWeb.form(.action(ComplaintURL.complaint(complaint.id!) + "/reopen"), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.radios(
                    name: "reopen_reason", legend: "Why is it reopened?",
                    choices: choices.map { .init(value: $0.rawValue, label: $0.title) },
                    selected: typed["reopen_reason"] ?? "", failure: failure)
                FormComponents.textField(
                    name: "reopened_on", label: "Date reopened", value: typed["reopened_on"] ?? today.iso,
                    failure: failure, type: "date", width: "short")
                FormComponents.textField(
                    name: "reopen_response_by", label: "Further response due by (agreed with the complainant)",
                    value: typed["reopen_response_by"] ?? "", failure: failure, type: "date", width: "short")
                FormComponents.textArea(
                    name: "reopen_note", label: "Why, and what happens next", value: typed["reopen_note"] ?? "",
                    failure: failure, hint: "Kept with the complaint and in the audit log.", rows: 3, required: true)
                FormComponents.submitButton("Reopen the complaint")
            },
        ]
        return .element(
            "details", [.class("details")] + (sent ? [HTMLAttribute("open", nil)] : []), children: content)
    }
}
