import Foundation
import HeardDomain
import HeardStorage

/// The board secretary's pages: boards, their members, and each member's register of interests.
enum BoardPages {
    static func list(
        _ boards: [Board], today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String], notice: String?
    ) -> String {
        PageLayout.render(context) {
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Boards and panels" }
            p(.class("lead")) {
                "Who sits on each board, committee and panel, and the register of their interests. Members declare on appointment (within 28 days), and within 28 days of any change, and every year; a nil return counts."
            }
            p {
                "The register is published on the "
                a(.href(BoardURL.publicBoards)) { "public boards page" }
                ". A decision whose members present have an interest on the register cannot be approved until the minutes record it and what the chair decided."
            }
            p(.class("hint")) {
                "Members with a Heard account or an e-mail address are e-mailed 14 and 3 days before their declaration is due, and weekly once it is overdue. Board secretaries get a list every Monday of declarations overdue or due in the next \(ReminderSchedule.registerDigestHorizonDays) days."
            }
            if boards.isEmpty {
                p { "No boards yet." }
            } else {
                DataTable.render(
                    caption: "Boards and panels",
                    headers: [
                        "Board", "Members", "With lived experience", "Declarations overdue",
                        "Declared late in the last 12 months", "Notice",
                    ],
                    rows: boards.map { board in
                        let sitting = board.members.filter { $0.sits(on: today) }
                        let composition = BoardRegister.composition(sitting, on: today)
                        let overdue = sitting.filter { BoardRegister.status($0, today: today).isOverdue }.count
                        let late = sitting.map { BoardRegister.lateInLastYear($0, today: today) }.reduce(0, +)
                        return [
                            a(.href(BoardURL.board(board.id!))) { board.name },
                            .text(String(composition.members)),
                            .text(String(composition.livedExperience)),
                            overdue > 0 ? strong(.class("tag tag-urgent")) { String(overdue) } : .text("0"),
                            late > 0 ? strong(.class("tag tag-urgent")) { String(late) } : .text("0"),
                            .text(composition.concern ?? "–"),
                        ]
                    }, captionHidden: true)
            }
            h2 { "Add a board or panel" }
            HeardWeb.form(.action(BoardURL.staffBoards), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.textField(name: "name", label: "Name", value: typed["name"] ?? "", failure: failure)
                FormComponents.textArea(
                    name: "purpose", label: "What it decides or advises on", value: typed["purpose"] ?? "",
                    failure: failure, hint: "One or two plain sentences; this is shown to the public.", rows: 3)
                FormComponents.submitButton("Add board")
            }
        }
    }

    static func board(
        _ board: Board, members: [BoardMember], accounts: [User], meetings: [Meeting] = [], today: SimpleDate,
        context: PageContext, failure: ValidationFailure?, typed: [String: String], notice: String?
    ) -> String {
        let sitting = members.filter { $0.sits(on: today) }
        let former = members.filter { !$0.sits(on: today) && $0.leftOn != nil }
        let composition = BoardRegister.composition(sitting, on: today)
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(BoardURL.staffBoards)) { "All boards" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { board.name }
            p(.class("lead")) { board.purpose }
            compositionSummary(composition)
            p { quorumText(board.quorum) }
            if let quorum = board.quorum,
                let unreachable = QuorumRules.unreachable(quorum: quorum, votingMembers: composition.voting)
            {
                div(.class("warning-callout")) {
                    strong { "Notice: " }; unreachable
                }
            }
            h2 { "Members" }
            if sitting.isEmpty {
                p { "Nobody yet." }
            } else {
                DataTable.render(
                    caption: "Members of \(board.name)",
                    headers: ["Member", "Role", "Votes", "Lived experience", "Declarations"],
                    rows: sitting.map { member in
                        let status = BoardRegister.status(member, today: today)
                        // The same 12 months as the dashboard and the boards list; the member's page lists all.
                        let late = BoardRegister.lateInLastYear(member, today: today)
                        return [
                            a(.href(BoardURL.member(board.id!, member.id!))) { member.name },
                            .text(member.role),
                            .text(member.votes ? "Yes" : "No"),
                            .text(member.livedExperience ? "Yes" : "No"),
                            .fragment([
                                status.isOverdue
                                    ? strong(.class("tag tag-urgent")) { status.summary } : .text(status.summary),
                                late == 0
                                    ? .empty
                                    : .fragment([
                                        .text(" "),
                                        strong(.class("tag tag-urgent")) {
                                            late == 1
                                                ? "1 change declared late in the last 12 months"
                                                : "\(late) changes declared late in the last 12 months"
                                        },
                                    ]),
                            ]),
                        ]
                    }, captionHidden: true)
            }
            if !former.isEmpty {
                h2 { "Former members" }
                ul {
                    for member in former {
                        li {
                            a(.href(BoardURL.member(board.id!, member.id!))) { member.name }
                            " (\(member.role)), left \(member.leftOn.flatMap(SimpleDate.init(iso:))?.ukText ?? "")"
                        }
                    }
                }
            }
            MeetingPages.boardSection(board, meetings: meetings, context: context, failure: failure, typed: typed)
            h2 { "Quorum" }
            HeardWeb.form(.action(BoardURL.quorum(board.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                FormComponents.textField(
                    name: "quorum", label: "Voting members who must be present (optional)",
                    value: typed["quorum"] ?? board.quorum.map(String.init) ?? "", failure: failure,
                    hint:
                        "A whole number, at most the number of voting members (\(composition.voting) now). When it is set, a decision can only be approved if that many voting members were present and took the decision: members who left for the item, did not receive the papers or only discussed it do not count. Leave it empty to answer on each decision paper whether the meeting was quorate.",
                    required: false, width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Save the quorum" }
            }
            h2 { "Add a member" }
            HeardWeb.form(.action(BoardURL.members(board.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                memberFields(typed: typed, failure: failure, today: today)
                FormComponents.selectField(
                    name: "account_id", label: "Their Heard account (optional)",
                    choices: accounts.map { .init(value: $0.id!.uuidString, label: "\($0.displayName) (\($0.email))") },
                    selected: typed["account_id"] ?? "", failure: failure,
                    hint:
                        "With an account they see this membership on their own page and make their own declarations there.",
                    prompt: "No account")
                FormComponents.submitButton("Add member")
            }
        }
    }

    /// "Quorum: 3 voting members", or that none is set.
    static func quorumText(_ quorum: Int?) -> String {
        quorum.map { "Quorum: \(QuorumRules.votingMembers($0))." } ?? "Quorum: not set."
    }

    static func compositionSummary(_ composition: BoardComposition) -> HTMLNode {
        .fragment([
            p {
                "\(composition.members) \(composition.members == 1 ? "member" : "members"), \(composition.voting) with a vote; "
                    + "\(composition.livedExperience) with lived experience, \(composition.livedExperienceVoting) of them with a vote."
            },
            composition.concern.map { concern in
                div(.class("warning-callout")) {
                    strong { "Notice: " }; concern
                }
            } ?? .fragment([]),
        ])
    }

    static func member(
        _ member: BoardMember, board: Board, today: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String], notice: String?, lastLink: DeclarationLink?, version: String? = nil
    ) -> String {
        let status = BoardRegister.status(member, today: today)
        return PageLayout.render(context) {
            p { a(.class("back-link"), .href(BoardURL.board(board.id!))) { "Back to \(board.name)" } }
            FormComponents.errorSummary(failure)
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { member.name }
            DecisionForms.summaryList([
                ("Board", .text(board.name)),
                ("Role", .text(member.role)),
                ("Votes", .text(member.votes ? "Yes" : "No")),
                ("Lived experience", .text(member.livedExperience ? "Yes" : "No")),
                ("Appointed", .text(member.appointed.ukText)),
                (
                    "Heard account",
                    .text(
                        member.account.map { "\($0.displayName) (\($0.email)): declares on their own page" }
                            ?? "None linked")
                ),
                (
                    "Declarations",
                    member.leftOn != nil
                        ? .text("Left on \(member.leftOn.flatMap(SimpleDate.init(iso:))?.ukText ?? "")")
                        : status.isOverdue ? strong(.class("tag tag-urgent")) { status.summary } : .text(status.summary)
                ),
            ])
            h2 { "Register of interests" }
            registerTable(
                BoardRegister.entries(member), caption: "\(member.name)'s register of interests", today: today,
                lateSince: member.appointed)
            let standing = BoardRegister.entries(member).filter { $0.entry.isCurrentInterest(on: today) }
            if member.leftOn == nil && !standing.isEmpty {
                h3 { "An interest has ended" }
                for declaration in standing {
                    let field = "ended_on-" + BoardURL.id(declaration.id!)
                    HeardWeb.form(
                        .action(
                            BoardURL.member(board.id!, member.id!) + "/declarations/\(BoardURL.id(declaration.id!))/end"
                        ),
                        .method("post"), .class("filters"), .novalidate
                    ) {
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.textField(
                            name: field, label: "\(declaration.details): ended on", value: typed[field] ?? "",
                            failure: failure, type: "date", width: "short")
                        button(.type("submit"), .class("button button-secondary")) { "Record that it ended" }
                    }
                }
            }
            if member.leftOn == nil {
                h2 { "Record a declaration" }
                HeardWeb.form(.action(BoardURL.declarations(board.id!, member.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    SubmittedOnce.freshHiddenField()
                    declarationFields(
                        typed: typed, failure: failure, legend: "What are they declaring?",
                        declaredOn: typed["declared_on"] ?? today.iso)
                    FormComponents.submitButton("Record declaration")
                }
                if member.account == nil {
                    h2 { "Send them the form by e-mail" }
                    p {
                        "Members without a Heard account can declare through a link, which works once for \(DeclarationLinks.lifetimeDays) days. The reminders send a new one when a declaration falls due."
                    }
                    if let lastLink {
                        p(.class("hint")) {
                            "Last sent \(DecisionClock.ukDay(of: lastLink.createdAt ?? Date()).ukText): "
                                + (lastLink.usedAt.map { "used on \(DecisionClock.ukDay(of: $0).ukText)" }
                                    ?? (lastLink.isUsable(at: Date()) ? "not used yet" : "expired unused"))
                                + "."
                        }
                    }
                    HeardWeb.form(
                        .action(BoardURL.declarationLinkSend(board.id!, member.id!)), .method("post"), .novalidate
                    ) {
                        FormComponents.csrfField(context.csrfToken ?? "")
                        FormComponents.textField(
                            name: "email", label: "Their e-mail address", value: typed["email"] ?? member.email ?? "",
                            failure: failure, type: "email")
                        button(.type("submit"), .class("button button-secondary")) { "E-mail the declaration form" }
                    }
                }
                h2 { "Change their details" }
                HeardWeb.form(.action(BoardURL.member(board.id!, member.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    EditVersion.hiddenField(version ?? EditVersion.of(BoardsController.editable(member)))
                    memberFields(
                        typed: typed["name"] != nil
                            ? typed
                            : [
                                "name": member.name, "role": member.role, "votes": member.votes ? "yes" : "no",
                                "lived_experience": member.livedExperience ? "yes" : "",
                                "appointed_on": member.appointedOn,
                            ], failure: failure, today: today)
                    button(.type("submit"), .class("button button-secondary")) { "Save their details" }
                }
                h2 { "They have left the board" }
                HeardWeb.form(.action(BoardURL.leave(board.id!, member.id!)), .method("post"), .novalidate) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    FormComponents.textField(
                        name: "left_on", label: "Left on", value: typed["left_on"] ?? "", failure: failure,
                        hint: "Their register entries are kept.", type: "date", width: "short")
                    button(.type("submit"), .class("button button-secondary")) { "Record that they left" }
                }
            } else if let left = member.leftOn.flatMap(SimpleDate.init(iso:)) {
                leavingCorrection(
                    member, board: board, left: left, context: context, failure: failure, typed: typed,
                    version: version ?? EditVersion.of(BoardsController.editable(member)))
            }
        }
    }

    /// A leaving recorded wrongly, corrected: the date, or the whole leaving when it was recorded by mistake.
    static func leavingCorrection(
        _ member: BoardMember, board: Board, left: SimpleDate, context: PageContext, failure: ValidationFailure?,
        typed: [String: String], version: String
    ) -> HTMLNode {
        .fragment([
            h2 { "Correct their leaving" },
            p {
                "Recorded as leaving on \(left.ukText). If that date is wrong, or they have not left at all (the wrong member was recorded, say), correct it here, saying why. The correction and the reason are kept in the audit log."
            },
            p(.class("hint")) {
                "Decisions not yet approved are checked against the corrected membership: who counts towards the quorum, and whose interests must be declared. Decisions already approved keep what was recorded when they were approved."
            },
            h3 { "The leaving date is wrong" },
            HeardWeb.form(.action(BoardURL.leavingDate(board.id!, member.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                EditVersion.hiddenField(version)
                FormComponents.textField(
                    name: "left_on", label: "They left on", value: typed["left_on"] ?? left.iso, failure: failure,
                    hint: "Not before they were appointed (\(member.appointed.ukText)), and not in the future.",
                    type: "date", width: "short")
                FormComponents.textArea(
                    name: "left_on_reason", label: "Why the date is being corrected",
                    value: typed["left_on_reason"] ?? "", failure: failure,
                    hint: "For example: \"The minutes show she stood down at the March meeting, not April.\"", rows: 2,
                    required: true)
                button(.type("submit"), .class("button button-secondary")) { "Correct the leaving date" }
            },
            h3 { "They have not left: this was recorded by mistake" },
            HeardWeb.form(.action(BoardURL.cancelLeaving(board.id!, member.id!)), .method("post"), .novalidate) {
                FormComponents.csrfField(context.csrfToken ?? "")
                EditVersion.hiddenField(version)
                FormComponents.textArea(
                    name: "not_left_reason", label: "Why the leaving is being cancelled",
                    value: typed["not_left_reason"] ?? "", failure: failure,
                    hint:
                        "For example: \"Recorded against the wrong member: it was Dr Amira Khan who stood down.\" They will count as a member again from their appointment, and their declarations fall due as for any member.",
                    rows: 2, required: true)
                button(.type("submit"), .class("button button-secondary")) { "Cancel the leaving" }
            },
        ])
    }

    /// Who a member is: the add form and the change form ask the same.
    static func memberFields(typed: [String: String], failure: ValidationFailure?, today: SimpleDate) -> HTMLNode {
        .fragment([
            FormComponents.textField(
                name: "name", label: "Name", value: typed["name"] ?? "", failure: failure,
                hint: "As it is written in the minutes' list of members present, so Heard can match them."),
            FormComponents.textField(
                name: "role", label: "Role on the board", value: typed["role"] ?? "", failure: failure,
                hint: "For example: Chair, GP member, Lay member, Patient and carer representative."),
            FormComponents.radios(
                name: "votes", legend: "Do they vote on decisions?",
                choices: [
                    .init(value: "yes", label: "Yes"), .init(value: "no", label: "No, they advise or observe"),
                ],
                selected: typed["votes"] ?? "", failure: failure, inline: true),
            FormComponents.checkbox(
                name: "lived_experience", label: "They bring lived experience",
                checked: typed["lived_experience"] == "yes",
                hint:
                    "A patient, carer or community member speaking from their own experience of the services, not as staff."
            ),
            FormComponents.textField(
                name: "appointed_on", label: "Appointed on", value: typed["appointed_on"] ?? today.iso,
                failure: failure, type: "date", width: "short"),
        ])
    }

    /// What a declaration asks: the kind, the interest, when it ended; with the date only where staff record one
    /// made earlier (a member declaring for themselves declares today).
    /// `suffix` tells apart the fields of several forms on one page (a member of two boards, on their own page).
    static func declarationFields(
        typed: [String: String], failure: ValidationFailure?, legend: String, declaredOn: String? = nil,
        suffix: String = "",
        detailsHint: String =
            "The organisation and the connection, for example \"GP partner, Chapeltown Surgery\". Leave empty for a nil return."
    ) -> HTMLNode {
        .fragment([
            FormComponents.radios(
                name: "kind" + suffix, legend: legend,
                choices: InterestKind.allCases.map { .init(value: $0.rawValue, label: $0.title) },
                selected: typed["kind" + suffix] ?? "", failure: failure),
            FormComponents.textArea(
                name: "details" + suffix, label: "The interest", value: typed["details" + suffix] ?? "",
                failure: failure, hint: detailsHint, rows: 2),
            declaredOn.map {
                FormComponents.textField(
                    name: "declared_on", label: "Declared on", value: $0, failure: failure, type: "date",
                    width: "short")
            } ?? .empty,
            FormComponents.textField(
                name: "held_from" + suffix, label: "Held from (optional)", value: typed["held_from" + suffix] ?? "",
                failure: failure,
                hint:
                    "The day the interest began, if known. A change is to be declared within \(RegisterEntry.daysToDeclareChange) days.",
                type: "date", required: false, width: "short"),
            FormComponents.textField(
                name: "ended_on" + suffix, label: "Ended on (optional)", value: typed["ended_on" + suffix] ?? "",
                failure: failure,
                hint:
                    "Only if the interest has ended in the last \(RegisterEntry.monthsEndedInterestsDeclared) months, or will end on a known date (the end of a contract, say).",
                type: "date", required: false, width: "short"),
        ])
    }

    /// `lateSince` (the member's appointment) flags, on the staff register, changes declared more than 28 days
    /// late.
    static func registerTable(
        _ entries: [InterestDeclaration], caption: String, today: SimpleDate,
        whenEmpty: String = "Nothing declared yet.", lateSince appointed: SimpleDate? = nil
    ) -> HTMLNode {
        guard !entries.isEmpty else { return p { whenEmpty } }
        return DataTable.render(
            caption: caption, headers: ["Declared", "Held from", "Kind", "Interest", "Status"],
            rows: entries.map { declaration in
                let entry = declaration.entry
                let late = appointed.map { entry.lateness(appointedOn: $0) } ?? []
                return [
                    late.isEmpty
                        ? .text(entry.declaredOn.ukText)
                        : .fragment([
                            .text(entry.declaredOn.ukText + " "),
                            strong(.class("tag tag-urgent")) { late.joined(separator: "; ").capitalizedFirst },
                        ]),
                    .text(entry.heldFrom?.ukText ?? "–"),
                    .text(entry.kind.isInterest ? entry.kind.shortTitle.capitalizedFirst : "Nil return"),
                    .text(entry.kind.isInterest ? entry.description : "No interests to declare"),
                    .text(
                        !entry.kind.isInterest
                            ? "–"
                            : entry.endedOn.map { $0 < today ? "Ended \($0.ukText)" : "Ends \($0.ukText)" } ?? "Current"
                    ),
                ]
            }, captionHidden: true)
    }
}

extension String {
    /// "non-financial personal" → "Non-financial personal".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
