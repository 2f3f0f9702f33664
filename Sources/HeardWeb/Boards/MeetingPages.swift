import Foundation
import HeardDomain
import HeardStorage

/// The board secretary's meeting pages: the meeting and its agenda, and its minutes.
enum MeetingPages {
    static let actionChoices: [FormComponents.Choice] = [
        .init(value: ChairAction.takePart.rawValue, label: "Take part"),
        .init(value: ChairAction.discussNotDecide.rawValue, label: "Discuss but not decide"),
        .init(value: ChairAction.leave.rawValue, label: "Leave for the item"),
        .init(value: ChairAction.notReceivePapers.rawValue, label: "Not receive the papers"),
        .init(value: ChairAction.notRelevant.rawValue, label: "Interest not relevant to this item"),
    ]

    static let statusChoices: [FormComponents.Choice] = MeetingStatus.allCases.map {
        .init(value: $0.rawValue, label: $0.title)
    }

    /// The meetings section of the board's page: the meetings, newest first, and a form to plan one.
    static func boardSection(
        _ board: Board, meetings: [Meeting], context: PageContext, failure: ValidationFailure?,
        typed: [String: String]
    ) -> HTMLNode {
        .fragment([
            h2 { "Meetings" },
            meetings.isEmpty
                ? p { "No meetings yet." }
                : DataTable.render(
                    caption: "Meetings of \(board.name)", headers: ["Meeting", "Status", "Agenda", "Minutes"],
                    rows: meetings.map { meeting in
                        [
                            a(.href(MeetingURL.meeting(meeting.id!))) { meeting.day.ukText },
                            .text(meeting.status.title),
                            .text(meeting.agendaPublished ? "Published" : "Not published"),
                            .text(meeting.minutesApproved ? "Approved and published" : "Draft"),
                        ]
                    }, captionHidden: true),
            h3 { "Plan a meeting" },
            HeardWeb.form(.action(MeetingURL.newMeeting(board: board.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                detailFields(typed: typed, failure: failure)
                FormComponents.submitButton("Plan the meeting")
            },
        ])
    }

    static func detailFields(typed: [String: String], failure: ValidationFailure?) -> HTMLNode {
        .fragment([
            FormComponents.textField(
                name: "held_on", label: "Date", value: typed["held_on"] ?? "", failure: failure,
                hint: "For example 2027-01-20.", width: "short"),
            FormComponents.textField(
                name: "starts_at", label: "Start time (optional)", value: typed["starts_at"] ?? "", failure: failure,
                hint: "24-hour, for example 18:00.", required: false, width: "short"),
            FormComponents.textField(
                name: "place", label: "Place", value: typed["place"] ?? "", failure: failure,
                hint: "The address or room, or \"Online\"."),
        ])
    }

    /// A paper given as a web address is a link; otherwise its text.
    static func paper(_ text: String) -> HTMLNode {
        guard !text.isEmpty else { return .empty }
        if !text.contains(where: \.isWhitespace), text.hasPrefix("https://") || text.hasPrefix("http://") {
            return p {
                "Paper: "; a(.href(text)) { text }
            }
        }
        return div(.class("paper")) { DecisionForms.paragraphs(text) }
    }

    /// The warning that a decision item's paper names another meeting or date, with the button that puts this
    /// meeting on the paper; for an approved paper, what to do instead, as it cannot change.
    static func paperWarning(_ mismatch: String, item: MeetingItem, meeting: UUID, csrf: String?) -> HTMLNode {
        div(.class("warning-callout"), .id(FormComponents.fieldID(MeetingsController.paperMeetingField(item.id!)))) {
            p {
                strong { "Check the decision paper: " }; mismatch
            }
            if item.decision?.isApproved == true {
                p {
                    "The decision is approved and published, so its paper cannot be changed. If it was taken at the paper's meeting, take the item off this agenda; if it was taken here, say so in the item's notes for the minutes."
                }
            } else {
                HeardWeb.form(.action(MeetingURL.paperMeeting(meeting, item.id!)), .method("post")) {
                    FormComponents.csrfField(csrf ?? "")
                    button(.type("submit"), .class("button button-secondary")) {
                        "Put this meeting on the decision paper"
                        span(.class("visually-hidden")) { ": " + item.title }
                    }
                }
            }
        }
    }

    static func meeting(
        _ record: MeetingRecord, decisions: [Decision], today: SimpleDate, context: PageContext,
        failure: ValidationFailure?, typed: [String: String], notice: String?
    ) -> String {
        let meeting = record.meeting
        let id = meeting.id!
        let conflicted = record.conflicted
        let locked = meeting.minutesApproved
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(BoardURL.board(record.board.id!))) { "Back to \(record.board.name)" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Meeting of \(record.board.name)" }
            DecisionForms.summaryList([
                ("When", .text(record.when)),
                ("Where", .text(meeting.place)),
                ("Status", .text(meeting.status.title)),
                ("Agenda", .text(meeting.agendaPublished ? "Published on the public board page" : "Not published")),
                (
                    "Minutes",
                    a(.href(MeetingURL.minutes(id))) {
                        meeting.minutesApproved ? "Approved and published" : "Draft: read and edit"
                    }
                ),
            ])
            for item in record.items {
                if let mismatch = record.mismatch(item) {
                    paperWarning(mismatch, item: item, meeting: id, csrf: context.csrfToken)
                }
            }
            h2 { "Agenda" }
            p(.class("hint")) {
                "Members with an interest on the register on the meeting day are listed under each item, as the decision paper's conflict check lists them. Choose what the chair decides for each, or record that their interest is not relevant to the item, and check the item stays quorate."
            }
            ol(.class("agenda")) {
                li {
                    h3 { MeetingRules.declarationsItemTitle }
                    p(.class("hint")) { "A standing item: always first, and cannot be removed." }
                    if conflicted.isEmpty {
                        p { "No member has an interest on the register on the meeting day." }
                    } else {
                        DataTable.render(
                            caption: "Declared interests standing on \(meeting.day.ukText)",
                            headers: ["Member", "Interest", "Votes", "Attendance"],
                            rows: conflicted.map { member in
                                [
                                    .text(member.name),
                                    .text(MeetingRules.interestText(record.domainMember(member), on: meeting.day)),
                                    .text(member.votes ? "Yes" : "No"),
                                    .text(record.attendanceText(member)),
                                ]
                            })
                    }
                }
                for (index, item) in record.items.enumerated() {
                    li {
                        h3 { item.title }
                        if let decision = item.decision {
                            p {
                                "Decision item: "
                                a(.href(DecisionURL.decisionForm(decision.$initiative.id))) { decision.title }
                                " (" + (decision.isApproved ? "approved" : "proposed") + ")"
                            }
                        }
                        paper(item.paper)
                        let onItem = record.conflicted(on: item)
                        let notRelevant = record.notRelevant(on: item)
                        if !notRelevant.isEmpty {
                            p {
                                "Interest not relevant to this item: " + EnglishList.and(notRelevant.map(\.name))
                                    + ". No action is needed for them on it, and they count towards the quorum."
                            }
                        }
                        if !onItem.isEmpty {
                            p {
                                "With a declared interest: " + EnglishList.and(onItem.map(\.name)) + ". "
                                    + record.quorumWithoutConflicted(item).summary(after: "If they all stand aside")
                            }
                            p { record.quorumWithActions(item).summary(after: "With the chair's actions chosen below") }
                        } else {
                            p { record.quorumWithActions(item).summary }
                        }
                        if !locked {
                            div(.class("button-row")) {
                                if index > 0 {
                                    HeardWeb.form(.action(MeetingURL.moveUp(id, item.id!)), .method("post")) {
                                        FormComponents.csrfField(context.csrfToken ?? "")
                                        button(.type("submit"), .class("button button-secondary")) {
                                            "Move up"
                                            span(.class("visually-hidden")) { ": " + item.title }
                                        }
                                    }
                                }
                                HeardWeb.form(.action(MeetingURL.remove(id, item.id!)), .method("post")) {
                                    FormComponents.csrfField(context.csrfToken ?? "")
                                    button(.type("submit"), .class("button button-secondary")) {
                                        "Take off the agenda"
                                        span(.class("visually-hidden")) { ": " + item.title }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Once the minutes are approved the record cannot change: it is shown as a table, not as controls that
            // look editable and are refused when saved.
            if !conflicted.isEmpty && !record.items.isEmpty && locked {
                h2(.id("declarations")) { "What the chair decided for each declared interest" }
                DataTable.render(
                    caption: "The chair's actions, as in the approved minutes",
                    headers: ["Item", "Member", "What the chair decided"],
                    rows: record.items.flatMap { item in
                        conflicted.map { member in
                            [
                                .text(item.title), .text(member.name),
                                .text(
                                    record.actions[item.id!]?[member.id!].flatMap { action in
                                        actionChoices.first { $0.value == action.rawValue }?.label
                                    } ?? "Not recorded"),
                            ]
                        }
                    })
            } else if !conflicted.isEmpty && !record.items.isEmpty {
                h2(.id("declarations")) { "What the chair decides for each declared interest" }
                HeardWeb.form(.action(MeetingURL.declarations(id)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    for item in record.items {
                        for member in conflicted {
                            let field = MeetingsController.actionField(item.id!, member.id!)
                            FormComponents.selectField(
                                name: field, label: "\(member.name) on \(item.title)", choices: actionChoices,
                                selected: typed[field] ?? record.actions[item.id!]?[member.id!]?.rawValue ?? "",
                                failure: failure, prompt: "Not decided yet")
                        }
                    }
                    FormComponents.submitButton("Save the chair's actions")
                }
            }
            if !locked {
                h2 { "Add an item" }
                HeardWeb.form(.action(MeetingURL.items(id)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.selectField(
                        name: "decision_id", label: "Decision (optional)",
                        choices: decisions.map {
                            .init(
                                value: $0.id!.uuidString.lowercased(),
                                label: "\($0.title) (\(SimpleDate(iso: $0.meetingOn)?.ukText ?? $0.meetingOn))")
                        }, selected: typed["decision_id"] ?? "", failure: failure,
                        hint:
                            "Decision papers for \(record.board.name) not yet on an agenda. Leave it for a plain item.",
                        prompt: "None: a plain item")
                    FormComponents.textField(
                        name: "title", label: "Title", value: typed["title"] ?? "", failure: failure,
                        hint: "For a decision, leave it empty to use the paper's title.", required: false)
                    FormComponents.textArea(
                        name: "paper", label: "Paper (optional)", value: typed["paper"] ?? "", failure: failure,
                        hint: "A link to the paper, or its text.", rows: 3)
                    FormComponents.submitButton("Add to the agenda")
                }
            }
            h2(.id("attendance")) { "Attendance" }
            p(.class("hint")) {
                "Members of \(record.board.name) on \(meeting.day.ukText). Apologies can be recorded before the meeting; who was present, on the day or after."
            }
            if record.members.isEmpty {
                p { "The board has no members on the meeting day." }
            } else if locked {
                DataTable.render(
                    caption: "Attendance, as in the approved minutes",
                    headers: ["Member", "Role", "Attendance"],
                    rows: record.members.map { member in
                        [
                            .text(member.name), .text(member.role),
                            .text(record.attendanceText(member)),
                        ]
                    })
            } else {
                HeardWeb.form(.action(MeetingURL.attendance(id)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    for member in record.members {
                        let field = MeetingsController.attendanceField(member.id!)
                        FormComponents.radios(
                            name: field, legend: "\(member.name) (\(member.role))",
                            choices: Attendance.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                            // Nothing chosen until attendance is taken: a member with nothing recorded is expected.
                            selected: typed[field] ?? record.attendance[member.id!]?.rawValue
                                ?? (record.anyonePresent ? Attendance.absent.rawValue : ""),
                            failure: failure, inline: true)
                    }
                    FormComponents.submitButton("Save attendance")
                }
            }
            if !locked {
                h2 { "Meeting details" }
                HeardWeb.form(.action(MeetingURL.meeting(id)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    detailFields(
                        typed: typed["held_on"] == nil
                            ? ["held_on": meeting.heldOn, "starts_at": meeting.startsAt ?? "", "place": meeting.place]
                            : typed, failure: failure)
                    FormComponents.radios(
                        name: "status", legend: "Status", choices: statusChoices,
                        selected: typed["status"] ?? meeting.status.rawValue, failure: failure, inline: true)
                    FormComponents.submitButton("Save the meeting")
                }
            }
            h2 { "Public agenda" }
            HeardWeb.form(.action(MeetingURL.publish(id)), .method("post")) {
                FormComponents.csrfField(context.csrfToken ?? "")
                input(.type("hidden"), .name("publish"), .value(meeting.agendaPublished ? "no" : "yes"))
                p {
                    meeting.agendaPublished
                        ? "The agenda is on the public page of \(record.board.name)."
                        : "The agenda is not public yet."
                }
                button(.type("submit"), .class("button button-secondary")) {
                    meeting.agendaPublished ? "Take the agenda off the public page" : "Publish the agenda"
                }
            }
            if record.isPublic {
                p { a(.href(MeetingURL.publicMeeting(board: record.board.id!, id))) { "See the public page" } }
            }
        }
    }

    static func minutes(
        _ record: MeetingRecord, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String], notice: String?
    ) -> String {
        let meeting = record.meeting
        let id = meeting.id!
        let minutes = record.minutes
        return PageLayout.render(context) {
            p(.class("no-print")) {
                a(.class("back-link"), .href(MeetingURL.meeting(id))) { "Back to the meeting" }
            }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice no-print"), .role("status")) { notice } }
            minutesBody(minutes, approved: meeting.minutesApproved)
            if let approvedAt = meeting.minutesApprovedAt {
                p {
                    "Approved on \(DecisionClock.ukDay(of: approvedAt).ukText)"
                        + (meeting.minutesApprovedBy.map { " by \($0)" } ?? "") + "."
                }
            }
            p(.class("no-print")) {
                "Download: "
                a(.href(MeetingURL.minutesText(id))) { "plain text" }
                " or "
                a(.href(MeetingURL.minutesHTML(id))) { "HTML" }
                ". Print this page for a paper copy."
            }
            if !meeting.minutesApproved {
                div(.class("no-print")) {
                    h2 { "Notes for the minutes" }
                    HeardWeb.form(.action(MeetingURL.minutes(id)), .method("post"), .novalidate) {
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.textArea(
                            name: MinutesController.declarationsNotesField,
                            label: "1. \(MeetingRules.declarationsItemTitle)",
                            value: typed[MinutesController.declarationsNotesField] ?? meeting.declarationsNotes,
                            failure: failure, rows: 3)
                        for (index, item) in record.items.enumerated() {
                            let field = MinutesController.notesField(item.id!)
                            FormComponents.textArea(
                                name: field, label: "\(index + 2). \(item.title)", value: typed[field] ?? item.notes,
                                failure: failure, rows: 4)
                        }
                        FormComponents.submitButton("Save the draft")
                    }
                    h2(.id(FormComponents.fieldID("approve"))) { "Approve and publish" }
                    p {
                        "Approved minutes are published on the public page of \(record.board.name) and can no longer be changed. The meeting must be marked held, with its attendance and the chair's action for every declared interest recorded."
                    }
                    HeardWeb.form(.action(MeetingURL.approve(id)), .method("post")) {
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.submitButton("Approve the minutes")
                    }
                }
            }
        }
    }

    /// The minutes themselves, shared by the staff page, the public page and the HTML download.
    static func minutesBody(_ minutes: MeetingMinutes, approved: Bool) -> HTMLNode {
        .fragment([
            h1 { minutes.heading },
            approved
                ? .empty
                : div(.class("warning-callout")) {
                    strong { "Draft: " }; "these minutes are not yet approved."
                },
            DecisionForms.summaryList([
                ("Present", .text(minutes.present.isEmpty ? "None recorded" : EnglishList.and(minutes.present))),
                ("Apologies", .text(minutes.apologies.isEmpty ? "None" : EnglishList.and(minutes.apologies))),
            ]),
            h2 { "1. " + MeetingRules.declarationsItemTitle },
            minutes.declarations.isEmpty
                ? p { "No member present has an interest on the register." }
                : DataTable.render(
                    caption: "Declarations of interest and the chair's actions",
                    headers: ["Member", "Interest", "Action taken"],
                    rows: minutes.declarations.map { declaration in
                        [
                            .text(declaration.person), .text(declaration.interest),
                            ul(.class("list-plain")) { for action in declaration.actions { li { action } } },
                        ]
                    }, stacked: true),
            DecisionForms.paragraphs(minutes.declarationsNotes),
            .fragment(
                minutes.items.map { item in
                    section {
                        h2 { "\(item.number). \(item.title)" }
                        paper(item.paper)
                        if let outcome = item.outcome {
                            p {
                                strong { "Decided: " }; outcome
                            }
                        }
                        p { item.quorum }
                        DecisionForms.paragraphs(item.notes)
                    }
                }),
        ])
    }
}
