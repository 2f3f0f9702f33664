import HeardDomain
import HeardStorage
import Vapor

enum DecisionViews {
    static func list(_ rows: [(Decision, ApprovalRefusal?)], context: PageContext, notice: String?) -> String {
        PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Decisions" }
            p(.class("lead")) {
                "A decision can only be approved once the consultation has closed, its analysis is published and every theme has a response."
            }
            if rows.isEmpty {
                p { "There are none yet." }
            } else {
                DataTable.render(
                    caption: "Decisions", headers: ["Decision", "Meeting date", "Status", "What stands in the way"],
                    rows: rows.map { decision, refusal in
                        [
                            a(.href(DecisionURL.decisionForm(decision.$initiative.id))) { decision.title },
                            .text(SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn),
                            .text(decision.isApproved ? "Approved" : "Proposed"),
                            .text(
                                refusal.map { "\($0.principle.title): \($0.message)" }
                                    ?? (decision.isApproved ? "–" : "Ready to approve")),
                        ]
                    }, captionHidden: true)
            }
        }
    }

    /// "Not ready: G2. …", or each reason in a list when there are several.
    @HTMLBuilder
    static func notReady(_ refusals: [ApprovalRefusal]) -> [HTMLNode] {
        if refusals.count == 1, let only = refusals.first {
            p {
                strong { "Not ready: " }; "\(only.principle.title). \(only.message)"
            }
        } else {
            p { strong { "Not ready, for \(refusals.count) reasons:" } }
            ul(.class("list-bullet")) {
                for refusal in refusals { li { "\(refusal.principle.title). \(refusal.message)" } }
            }
        }
    }

    /// `version`: the one a refused paper form was opened with, for it and the approval form; otherwise the
    /// paper's as stored.
    static func paper(
        _ request: Request, bundle: InitiativeBundle, typed: DecisionsController.Typed, refusal: ApprovalRefusal?,
        failure: ValidationFailure?, notice: String?, refusedNow: Bool = false,
        suggested: [ConsultationAnalysis.SuggestedTheme] = [], notEnglish: Int = 0, version: String? = nil
    ) -> String {
        let id = bundle.initiative.id!
        let decision = bundle.decision
        let canApprove = request.currentUser.map { StaffArea.decisions.allows($0.role) } ?? false
        // Every reason at once, so the paper can be put right in one go; the first is the refusal itself.
        let refusals = refusal == nil ? [] : bundle.approvalRefusals(today: request.today)
        return PageLayout.render(
            PageContext(
                request, title: typed.title.isEmpty ? "Decision paper" : typed.title,
                hasErrors: failure != nil || refusedNow)
        ) {
            p { a(.class("back-link"), .href(DecisionURL.initiative(id))) { "Back to the initiative" } }
            FormComponents.errorSummary(failure)
            if refusedNow, let refusal {
                div(.class("error-summary"), .role("alert"), .tabindex(-1)) {
                    h2(.class("error-summary-title")) { "This decision cannot be approved yet" }
                    p {
                        strong { refusal.principle.title + ": " }; refusal.message
                    }
                    p(.class("hint")) { refusal.principle.plainMeaning }
                    if refusals.count > 1 {
                        p { "Also to put right before it can be approved:" }
                        ul(.class("list-bullet")) {
                            for other in refusals.dropFirst() { li { "\(other.principle.title). \(other.message)" } }
                        }
                    }
                }
            }
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Decision paper" }
            p(.class("lead")) { bundle.initiative.title }
            if let decision, decision.isApproved {
                p {
                    "Approved by \(decision.approvedBy ?? "–"). ";
                    a(.href(DecisionURL.publicDecision(decision.id!))) { "Public decision record" }
                }
                p { "Quorate for this item: " + PublicViews.quorateText(decision) + "." }
                // The record as approved: the form that edits it is gone, so what was decided, when and by whom is
                // shown here, with the consultation's dates before it.
                DecisionForms.summaryList(
                    PublicViews.recordRows(decision, bundle: bundle, meeting: .text(decision.meeting)) + [
                        ("Decision", .text(decision.outcome))
                    ])
            }
            if !bundle.themes.isEmpty {
                DataTable.render(
                    caption: "The paper's response to each theme",
                    headers: ["Theme", "Response", "Reason", "Last changed"],
                    rows: bundle.themes.map {
                        [
                            .text($0.name), .text($0.responseKind?.title ?? "No response yet"),
                            .text($0.responseReason),
                            .text($0.respondedOn.flatMap(SimpleDate.init(iso:))?.ukText ?? "–"),
                        ]
                    })
            }
            if !suggested.isEmpty {
                h2 { "What the listening engine found in the responses" }
                p {
                    "Every theme found in the responses needs a response in the paper (Gunning G4). Check that each of these is covered by a recorded theme above; if one is not, record it on the consultation page."
                }
                ul(.class("list-bullet")) {
                    for theme in suggested.prefix(15) {
                        li { "\(theme.name): \(theme.mentions) \(theme.mentions == 1 ? "response" : "responses")" }
                    }
                }
            }
            if notEnglish > 0 {
                // G4: an answer the engine could not read is in no theme above until someone has read it.
                div(.class("warning-callout"), .role("note")) {
                    strong { "May not be in English: " }
                    "\(notEnglish) \(notEnglish == 1 ? "answer is" : "answers are") in no theme here, as the listening engine reads English only. They are listed on the consultation page: read them, or have them translated, and record any theme they raise."
                }
            }
            let recentlyEnded = bundle.recentlyEndedInterests(today: request.today)
            if !recentlyEnded.isEmpty {
                // A warning, not a refusal: an interest ended in the last 6 months may still sway the decision.
                div(.class("warning-callout"), .role("note")) {
                    strong { "Recently ended interests to consider: " }
                    recentlyEnded.joined(separator: "; ") + ". "
                    "They ended in the \(RegisterEntry.monthsEndedInterestsDeclared) months before the meeting. The chair may still record them in the declarations, with what they decided."
                }
            }
            if decision?.isApproved != true && !canApprove {
                // The paper records the board's declarations and decision: only its secretary writes it.
                if decision == nil {
                    p { "No decision paper yet. The board secretary prepares it." }
                } else {
                    DecisionForms.summaryList([
                        ("Title", .text(typed.title)), ("Meeting", .text(typed.meeting)),
                        ("Meeting date", .text(SimpleDate(iso: typed.meetingOn)?.ukText ?? typed.meetingOn)),
                        ("Members present", DecisionForms.lines(typed.membersPresent)),
                        ("Declarations of interest", DecisionForms.lines(typed.declarations)),
                        ("Quorate for this item", .text(PublicViews.quorateText(typed.quorate))),
                        ("What is decided", .text(typed.outcome)),
                    ])
                    if refusal != nil { notReady(refusals) }
                    p { "The board secretary changes and approves the decision paper." }
                }
            }
            if decision?.isApproved != true && canApprove {
                HeardWeb.form(.action(DecisionURL.decisionForm(id)), .method("post"), .novalidate) {
                    FormComponents.csrfField(request.csrfToken)
                    if let decision {
                        EditVersion.hiddenField(version ?? EditVersion.of(DecisionsController.editable(decision)))
                    }
                    FormComponents.textField(name: "title", label: "Title", value: typed.title, failure: failure)
                    FormComponents.textField(
                        name: "meeting", label: "Meeting", value: typed.meeting, failure: failure,
                        hint:
                            "Name the board as it is listed under Boards, for example \"Leeds Place Committee meeting in public\": its members, quorum and register of interests are then checked."
                    )
                    let boardNames = Set(bundle.boardMembers.map(\.board.name)).sorted()
                    let meetingText = typed.meeting.lowercased()
                    if !typed.meeting.isEmpty, !boardNames.isEmpty,
                        !boardNames.contains(where: { meetingText.contains($0.lowercased()) })
                    {
                        // Not an error (a meeting of a body Heard does not list is allowed), but the checks that
                        // rest on the board's member list would silently not run.
                        div(.class("warning-callout"), .role("note")) {
                            strong { "This meeting names no board listed under Boards. " }
                            "Heard cannot check its voting members, quorum or register of interests. The boards listed are: "
                                + boardNames.joined(separator: "; ") + "."
                        }
                    }
                    FormComponents.textField(
                        name: "meeting_on", label: "Meeting date", value: typed.meetingOn, failure: failure,
                        type: "date",
                        width: "medium")
                    // Members on the day of the meeting are recognised too, even if they have left since.
                    let meetingDay = SimpleDate(iso: typed.meetingOn)
                    let (unknown, former) = BoardRegister.unrecognised(
                        membersPresent: typed.membersPresent, members: bundle.boardMembers, today: request.today,
                        meetingOn: meetingDay)
                    if !former.isEmpty {
                        div(.class("warning-callout"), .role("note")) {
                            strong { "No longer members at the meeting: " + former.joined(separator: "; ") + ". " }
                            "They are not counted among the board's members present."
                        }
                    }
                    if !unknown.isEmpty {
                        div(.class("warning-callout"), .role("note")) {
                            strong { "Not on any board's member list: " + unknown.joined(separator: "; ") + ". " }
                            "Check the spelling: Heard checks the register of interests only for names it recognises."
                        }
                    }
                    FormComponents.textArea(
                        name: "members_present", label: "Members present", value: typed.membersPresent,
                        failure: failure,
                        hint:
                            "Names as on the board's member list (\"Dr Amir Khan\" or \"Dr Khan\"), so Heard can check them against the register of interests.",
                        rows: 3)
                    FormComponents.textArea(
                        name: "declarations", label: "Declarations of interest made for this item",
                        value: typed.declarations,
                        failure: failure,
                        hint:
                            "One line each: person, interest and what the chair decided (take part, discuss but not decide, leave, not receive the papers). Write \"None declared\" if nobody declared an interest.",
                        rows: 3)
                    DecisionForms.radios(
                        name: "quorate", legend: "Did the meeting stay quorate for this item?",
                        choices: DecisionForms.yesNo, selected: typed.quorate, failure: failure,
                        hint:
                            "Members who left for the item, or only discussed it, do not count towards the quorum. Answer after the meeting; the decision cannot be approved until you do, unless the board has a quorum set, when Heard counts its voting members present."
                    )
                    FormComponents.textArea(
                        name: "outcome", label: "What is decided", value: typed.outcome, failure: failure)
                    FormComponents.submitButton("Save decision paper")
                }
                if let decision {
                    h2 { "Approval" }
                    if refusal != nil, !refusedNow {
                        notReady(refusals)
                    } else if refusal == nil {
                        p { "Every Gunning principle is met. The decision can be approved." }
                    }
                    HeardWeb.form(.action(DecisionURL.approve(decision.id!)), .method("post")) {
                        FormComponents.csrfField(request.csrfToken)
                        // What is approved must be the paper on this page, not one changed since it was opened.
                        EditVersion.hiddenField(version ?? EditVersion.of(DecisionsController.editable(decision)))
                        FormComponents.submitButton("Approve the decision")
                    }
                }
            }
        }
    }
}
