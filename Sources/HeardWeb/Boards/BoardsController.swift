import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Boards, committees and panels: who sits on them and their register of interests, kept by board secretaries.
enum BoardsController {
    @Sendable static func index(_ request: Request) async throws -> Response {
        try await indexPage(request, failure: nil, typed: [:], notice: Admin.takeFlash(request))
    }

    static func indexPage(
        _ request: Request, failure: ValidationFailure?, typed: [String: String], notice: String?
    ) async throws -> Response {
        let boards = try await Board.query(on: request.db).with(\.$members) { $0.with(\.$declarations) }.sort(\.$name)
            .all()
        return .html(
            BoardPages.list(
                boards, today: request.today,
                context: PageContext(request, title: "Boards and panels", hasErrors: failure != nil),
                failure: failure, typed: typed, notice: notice),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let name = Admin.text(request, "name").trimmingWhitespace()
        let purpose = Admin.text(request, "purpose").trimmingWhitespace()
        let typed = ["name": name, "purpose": purpose]
        var errors: [FieldError] = []
        if name.isEmpty {
            errors.append(FieldError("name", "Enter the board's name, for example \"Leeds Place Committee\"."))
        } else if name.count > 120 {
            errors.append(FieldError("name", "Keep the name to 120 characters or fewer."))
        } else if try await Board.query(on: request.db).all().contains(where: {
            $0.name.lowercased() == name.lowercased()
        }) {
            errors.append(FieldError("name", "There is already a board called \(name)."))
        }
        if purpose.isEmpty {
            errors.append(FieldError("purpose", "Say in a sentence what the board decides or advises on."))
        } else if let problem = TextLimit.problem(purpose, limit: TextLimit.boardPurpose, what: "the description") {
            errors.append(FieldError("purpose", problem))
        }
        guard errors.isEmpty else {
            return try await indexPage(request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        let board = Board(name: name, purpose: purpose)
        do {
            try await request.db.writeTransaction { db in
                try await board.create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "board.created", objectType: "board",
                    objectID: board.id?.uuidString, summary: "Added board \(name)")
            }
        } catch  where Admin.isUniqueViolation(error) {
            // Someone else added the same name a moment ago.
            return try await indexPage(
                request, failure: ValidationFailure([FieldError("name", "There is already a board called \(name).")]),
                typed: typed, notice: nil)
        }
        Admin.flash(request, "\(name) added. Now add its members.")
        return request.redirect(to: BoardURL.board(board.id!))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await boardPage(try await findBoard(request), request, failure: nil, typed: [:])
    }

    static func boardPage(
        _ board: Board, _ request: Request, failure: ValidationFailure?, typed: [String: String]
    ) async throws -> Response {
        let members = try await board.$members.query(on: request.db).with(\.$declarations).sort(\.$name).all()
        let accounts = try await User.query(on: request.db).filter(\.$isActive == true).sort(\.$displayName).all()
        let meetings = try await Meeting.query(on: request.db).filter(\.$board.$id == board.id!)
            .sort(\.$heldOn, .descending).all()
        return .html(
            BoardPages.board(
                board, members: members, accounts: accounts, meetings: meetings, today: request.today,
                context: PageContext(request, title: board.name, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    /// Sets or clears the board's quorum: how many voting members must be present for a decision, counted at
    /// approval from the members present and the declarations.
    @Sendable static func setQuorum(_ request: Request) async throws -> Response {
        let board = try await findBoard(request)
        let typed = ["quorum": Admin.text(request, "quorum").trimmingWhitespace()]
        let voting = MembershipRules.distinctPeople(
            try await board.$members.query(on: request.db).filter(\.$votes == true).all()
                .filter { $0.sits(on: request.today) }.map(\.name)
        ).count
        let quorum: Int?
        switch QuorumRules.read(typed["quorum"]!, votingMembers: voting) {
        case .success(let number): quorum = number
        case .failure(let error):
            return try await boardPage(
                board, request, failure: ValidationFailure([FieldError("quorum", error.message)]), typed: typed)
        }
        guard quorum != board.quorum else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: BoardURL.board(board.id!))
        }
        let before = board.quorum
        board.quorum = quorum
        try await request.db.writeTransaction { db in
            try await board.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "board.quorum_changed", objectType: "board",
                objectID: board.id?.uuidString,
                summary: quorum.map { "Set the quorum of \(board.name) to \(QuorumRules.votingMembers($0))" }
                    ?? "Cleared the quorum of \(board.name)",
                changes: [FieldChange("quorum", from: before.map(String.init), to: quorum.map(String.init))])
        }
        Admin.flash(
            request,
            quorum.map { "Quorum set: \(QuorumRules.votingMembers($0))." }
                ?? "Quorum cleared: decision papers say whether the meeting was quorate.")
        return request.redirect(to: BoardURL.board(board.id!))
    }

    /// What the add and change forms share: name, role, vote, lived experience, appointment date.
    struct MemberDetails {
        var typed: [String: String]
        var errors: [FieldError]
        var name: String { typed["name"]! }
        var role: String { typed["role"]! }
        var votes: Bool { typed["votes"] == "yes" }
        var livedExperience: Bool { typed["lived_experience"] == "yes" }
        var appointed: SimpleDate?

        /// `editing` is the member being changed: their own name is not a clash, and the appointment may not
        /// move after a declaration or their leaving.
        static func read(_ request: Request, board: Board, editing: BoardMember?) async throws -> MemberDetails {
            var typed = [
                // Stored tidied, so "farah  begum" is the same member as "Farah Begum", not a second one.
                "name": Admin.text(request, "name").collapsingWhitespace(),
                "role": Admin.text(request, "role").collapsingWhitespace(),
                "votes": Admin.text(request, "votes"),
                "lived_experience": Admin.text(request, "lived_experience"),
                "appointed_on": Admin.text(request, "appointed_on").trimmingWhitespace(),
            ]
            if editing == nil { typed["account_id"] = Admin.text(request, "account_id") }
            let name = typed["name"]!
            var errors: [FieldError] = []
            if name.isEmpty {
                errors.append(
                    FieldError(
                        "name", "Enter the member's name as it appears in minutes, for example \"Dr Amir Khan\"."))
            } else if let problem = TextLimit.problem(name, limit: TextLimit.personName, what: "the name") {
                errors.append(FieldError("name", problem))
            } else if try await board.$members.query(on: request.db).filter(\.$leftOn == nil).all().contains(where: {
                $0.id != editing?.id && $0.name.collapsingWhitespace().lowercased() == name.lowercased()
            }) {
                errors.append(FieldError("name", "\(name) is already a member of \(board.name)."))
            }
            if let problem = RecordedReason.placeholderProblem(
                typed["role"]!, ask: "Enter their role on the board, for example \"GP member\" or \"Chair\".")
            {
                errors.append(FieldError("role", problem))
            } else if let problem = TextLimit.problem(typed["role"]!, limit: TextLimit.memberRole, what: "the role") {
                errors.append(FieldError("role", problem))
            }
            if typed["votes"] != "yes" && typed["votes"] != "no" {
                errors.append(FieldError("votes", "Say whether they vote on decisions."))
            }
            let appointed = Admin.requiredDate(
                typed["appointed_on"], field: "appointed_on",
                missing: "Enter the date they were appointed, like 2026-04-01.", into: &errors)
            if let appointed {
                if appointed > request.today {
                    errors.append(
                        FieldError(
                            "appointed_on", "The appointment date cannot be in the future: add them on the day."))
                } else if let problem = appointed.implausibleYear(today: request.today, yearsBack: 40) {
                    errors.append(FieldError("appointed_on", problem))
                } else if let editing {
                    let firstDeclared = editing.declarations.map(\.entry.declaredOn).min()
                    if let firstDeclared, appointed > firstDeclared {
                        errors.append(
                            FieldError(
                                "appointed_on",
                                "They declared on \(firstDeclared.ukText), so they were appointed by then."))
                    } else if let left = editing.leftOn.flatMap(SimpleDate.init(iso:)), appointed > left {
                        errors.append(
                            FieldError("appointed_on", "They left on \(left.ukText), so they were appointed before."))
                    }
                }
                // Checked once the name is fine: the same person's other memberships of the board, past or
                // present, may not run at the same time as this one.
                if !errors.contains(where: { $0.field == "name" || $0.field == "appointed_on" }) {
                    let others = try await board.$members.query(on: request.db).all().filter { $0.id != editing?.id }
                        .map {
                            MembershipRules.Span(
                                name: $0.name, appointed: $0.appointed, left: $0.leftOn.flatMap(SimpleDate.init(iso:)))
                        }
                    let membership = MembershipRules.Span(
                        name: name, appointed: appointed, left: editing?.leftOn.flatMap(SimpleDate.init(iso:)))
                    if let problem = MembershipRules.appointmentProblem(membership, others: others) {
                        errors.append(FieldError("appointed_on", problem))
                    }
                }
            }
            return MemberDetails(typed: typed, errors: errors, appointed: appointed)
        }
    }

    @Sendable static func addMember(_ request: Request) async throws -> Response {
        let board = try await findBoard(request)
        var details = try await MemberDetails.read(request, board: board, editing: nil)
        let typed = details.typed
        var account: User? = nil
        if !typed["account_id"]!.isEmpty {
            account = try await UUID(uuidString: typed["account_id"]!).asyncFlatMap {
                try await User.query(on: request.db).filter(\.$id == $0).filter(\.$isActive == true).first()
            }
            if account == nil {
                details.errors.append(FieldError("account_id", "Choose an account from the list, or none."))
            } else if try await BoardMember.query(on: request.db).filter(\.$board.$id == board.id!)
                .filter(\.$account.$id == account!.id!).filter(\.$leftOn == nil).first() != nil
            {
                details.errors.append(
                    FieldError(
                        "account_id", "\(account!.displayName)'s account already belongs to a member of this board."))
            }
        }
        guard details.errors.isEmpty, let appointed = details.appointed else {
            return try await boardPage(board, request, failure: ValidationFailure(details.errors), typed: typed)
        }
        let name = details.name
        let role = details.role
        let member = BoardMember(
            boardID: board.id!, name: name, role: role, votes: details.votes,
            livedExperience: details.livedExperience, appointedOn: appointed)
        member.$account.id = account?.id
        try await request.db.writeTransaction { db in
            try await member.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "board.member_added", objectType: "board_member",
                objectID: member.id?.uuidString, summary: "Added \(name) (\(role)) to \(board.name)")
        }
        let due = appointed.adding(days: RegisterStatus.daysToDeclareOnAppointment)
        Admin.flash(request, "\(name) added. Their declaration of interests is due by \(due.ukText).")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    /// Corrects a member's details: a misspelt name, a new role, whether they vote or bring lived experience.
    @Sendable static func changeMember(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        let details = try await MemberDetails.read(request, board: board, editing: member)
        guard details.errors.isEmpty, let appointed = details.appointed else {
            return try await memberPage(
                board, member, request, failure: ValidationFailure(details.errors), typed: details.typed, notice: nil)
        }
        let changes = [
            FieldChange("name", from: member.name, to: details.name),
            FieldChange("role", from: member.role, to: details.role),
            FieldChange("votes", from: String(member.votes), to: String(details.votes)),
            FieldChange("lived_experience", from: String(member.livedExperience), to: String(details.livedExperience)),
            FieldChange("appointed_on", from: member.appointedOn, to: appointed.iso),
        ].filter { $0.from != $0.to }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: BoardURL.member(board.id!, member.id!))
        }
        member.name = details.name
        member.role = details.role
        member.votes = details.votes
        member.livedExperience = details.livedExperience
        member.appointedOn = appointed.iso
        let id = member.id!
        do {
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editable(try await BoardMember.find(id, on: $0)) },
                    schema: BoardMember.schema, id: id, objectType: "board_member", noun: "board member",
                    on: db)
                try await member.save(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "board.member_changed", objectType: "board_member",
                    objectID: member.id?.uuidString,
                    summary: "Changed the details of \(member.name) on \(board.name)", changes: changes)
            }
        } catch let stale as EditVersion.Stale {
            // Shown as stored now, with the typed details kept in the form and the new version under them.
            let (_, now) = try await findMember(request)
            return try await memberPage(
                board, now, request, failure: ValidationFailure([FieldError("name", stale.message)]),
                typed: details.typed, notice: nil, version: EditVersion.of(editable(now)), status: .conflict)
        }
        Admin.flash(request, "Details changed.")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    /// What the change form shows, for `EditVersion`; a member who has left has no change form, but the forms
    /// correcting their leaving carry this version too.
    static func editable(_ member: BoardMember?) -> [String?] {
        guard let member else { return [] }
        return [
            member.name, member.role, String(member.votes), String(member.livedExperience), member.appointedOn,
            member.leftOn,
        ]
    }

    @Sendable static func member(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        return try await memberPage(
            board, member, request, failure: nil, typed: [:], notice: Admin.takeFlash(request))
    }

    static func memberPage(
        _ board: Board, _ member: BoardMember, _ request: Request, failure: ValidationFailure?,
        typed: [String: String], notice: String?, version: String? = nil, status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        // The last link e-mailed (a reminder's or the secretary's), not a day-long follow-up shown after declaring.
        let lastLink = try await DeclarationLink.query(on: request.db).filter(\.$member.$id == member.id!)
            .sort(\.$createdAt, .descending).all()
            .first {
                $0.expiresAt.timeIntervalSince($0.createdAt ?? $0.expiresAt) > DeclarationLinks.followUpLifetime + 60
            }
        return .html(
            BoardPages.member(
                member, board: board, today: request.today,
                context: PageContext(request, title: member.name, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: notice, lastLink: lastLink,
                // A refused change keeps the version it was opened with: correcting it is no reason to overwrite.
                version: version ?? EditVersion.sent(request)),
            status: status ?? (failure == nil ? .ok : .unprocessableEntity))
    }

    @Sendable static func declare(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        // A double click must not put the same interest on the public register twice.
        let submission = SubmittedOnce.key(request)
        return try await SubmittedOnce.once(request, key: submission) {
            let form = DeclarationForm.read(request, member: member, board: board, suffix: "", declaredToday: false)
            guard form.errors.isEmpty, let entry = form.entry else {
                return try await memberPage(
                    board, member, request, failure: ValidationFailure(form.errors), typed: form.typed, notice: nil)
            }
            try await DeclarationForm.record(
                entry, member: member, request, submission: submission,
                resultPath: BoardURL.member(board.id!, member.id!))
            Admin.flash(request, entry.kind.isInterest ? "Interest recorded in the register." : "Nil return recorded.")
            return request.redirect(to: BoardURL.member(board.id!, member.id!))
        }
    }

    /// A member with a Heard account declares for themselves, from their own page, dated today.
    @Sendable static func selfDeclare(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw Abort(.unauthorized) }
        guard
            let member = try await BoardMember.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request))).filter(\.$account.$id == user.id!)
                .with(\.$board).with(\.$declarations).first()
        else { throw Abort(.notFound) }
        let submission = SubmittedOnce.key(request)
        return try await SubmittedOnce.once(request, key: submission) {
            let suffix = "-" + BoardURL.id(member.id!)
            let form = DeclarationForm.read(
                request, member: member, board: member.board, suffix: suffix, declaredToday: true)
            guard form.errors.isEmpty, let entry = form.entry else {
                return try await IdeasController.minePage(
                    request, failure: ValidationFailure(form.errors), typed: form.typed, notice: nil)
            }
            try await DeclarationForm.record(
                entry, member: member, request, submission: submission, resultPath: SiteURL.involvement)
            Admin.flash(
                request,
                entry.kind.isInterest
                    ? "Thank you: your interest is recorded in the register of \(member.board.name)."
                    : "Thank you: your nil return is recorded.")
            return request.redirect(to: SiteURL.involvement)
        }
    }

    /// Records that a declared interest has ended (no longer a partner, left the charity), audited: the register
    /// keeps the interest with its end date, and a nil return becomes possible once none stands.
    @Sendable static func endInterest(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        let declarationID = try Admin.uuidParameter(request, "declaration")
        guard let declaration = member.declarations.first(where: { $0.id == declarationID }),
            declaration.entry.kind.isInterest
        else { throw Abort(.notFound) }
        let field = "ended_on-" + BoardURL.id(declarationID)
        let typed = [field: Admin.text(request, field).trimmingWhitespace()]
        var errors: [FieldError] = []
        let ended = Admin.requiredDate(
            typed[field], field: field, missing: "Enter the date it ended, like 2026-04-01.", into: &errors)
        if let ended {
            if ended < declaration.entry.declaredOn {
                errors.append(
                    FieldError(
                        field, "It cannot end before it was declared (\(declaration.entry.declaredOn.ukText))."))
            } else if let began = declaration.entry.heldFrom, ended < began {
                errors.append(FieldError(field, "It cannot end before it began (\(began.ukText))."))
            } else if ended > request.today {
                errors.append(FieldError(field, "Record the end once it has happened."))
            }
        }
        guard errors.isEmpty, let ended else {
            return try await memberPage(
                board, member, request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        let before = declaration.endedOn
        declaration.endedOn = ended.iso
        // Recorded today: an end recorded more than 28 days after it happened is flagged on the register.
        declaration.endRecordedOn = request.today.iso
        try await request.db.writeTransaction { db in
            try await declaration.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "board.interest_ended", objectType: "board_member",
                objectID: member.id?.uuidString,
                summary: "\(member.name)'s interest \"\(declaration.details)\" ended on \(ended.ukText)",
                changes: [FieldChange("ended_on", from: before, to: ended.iso)])
        }
        Admin.flash(request, "Recorded that the interest ended on \(ended.ukText).")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    @Sendable static func leave(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        let typed = ["left_on": Admin.text(request, "left_on").trimmingWhitespace()]
        var errors: [FieldError] = []
        if member.leftOn != nil { errors.append(FieldError("left_on", "\(member.name) has already left.")) }
        let left = Admin.requiredDate(
            typed["left_on"], field: "left_on", missing: "Enter the date they left, like 2026-04-01.", into: &errors)
        if let left, let problem = LeavingRules.dateProblem(left, appointed: member.appointed, today: request.today) {
            errors.append(FieldError("left_on", problem))
        }
        guard errors.isEmpty, let left else {
            return try await memberPage(
                board, member, request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        member.leftOn = left.iso
        try await request.db.writeTransaction { db in
            try await member.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "board.member_left", objectType: "board_member",
                objectID: member.id?.uuidString, summary: "\(member.name) left \(board.name) on \(left.ukText)",
                changes: [FieldChange("left_on", from: nil, to: left.iso)])
        }
        Admin.flash(request, "\(member.name) has left \(board.name). Their register entries are kept.")
        return request.redirect(to: BoardURL.board(board.id!))
    }

    /// Corrects the day a member left, recorded wrongly: who counts towards the quorum at a meeting follows it.
    /// Audited with the reason; decisions already approved keep what was recorded at approval.
    @Sendable static func correctLeaving(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        let typed = [
            "left_on": Admin.text(request, "left_on").trimmingWhitespace(),
            "left_on_reason": Admin.text(request, "left_on_reason").trimmingWhitespace(),
        ]
        guard let recorded = member.leftOn.flatMap(SimpleDate.init(iso:)) else {
            return try await notLeft(board, member, request)
        }
        var errors: [FieldError] = []
        let left = Admin.requiredDate(
            typed["left_on"], field: "left_on", missing: "Enter the date they left, like 2026-04-01.", into: &errors)
        if let left {
            let later = try await laterMembership(of: member, board: board, on: request.db)
            if let problem = LeavingRules.dateProblem(left, appointed: member.appointed, today: request.today)
                ?? later.flatMap({ LeavingRules.overlapProblem(name: member.name, left: left, rejoined: $0.appointed) })
            {
                errors.append(FieldError("left_on", problem))
            } else if left == recorded {
                errors.append(
                    FieldError(
                        "left_on",
                        "They are already recorded as leaving on \(left.ukText). Enter the day they really left."))
            }
        }
        if let problem = LeavingRules.reasonProblem(
            typed["left_on_reason"]!, ask: "Say why the leaving date is being corrected.",
            personalData: personalDataInReason(typed["left_on_reason"]!, request))
        {
            errors.append(FieldError("left_on_reason", problem))
        }
        guard errors.isEmpty, let left else {
            return try await memberPage(
                board, member, request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        let reason = typed["left_on_reason"]!
        member.leftOn = left.iso
        do {
            try await saveLeaving(
                member, request,
                action: "board.member_leaving_corrected",
                summary:
                    "Corrected the day \(member.name) left \(board.name) from \(recorded.ukText) to \(left.ukText). Why: \(reason)",
                change: FieldChange("left_on", from: recorded.iso, to: left.iso))
        } catch let stale as EditVersion.Stale {
            return try await staleLeaving(board, request, stale: stale, field: "left_on", typed: typed)
        }
        Admin.flash(request, "Corrected: \(member.name) left \(board.name) on \(left.ukText).")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    /// Cancels a leaving recorded by mistake (the wrong member, say): they sit on the board again from their
    /// appointment, as if it had never been recorded. Audited with the reason.
    @Sendable static func cancelLeaving(_ request: Request) async throws -> Response {
        let (board, member) = try await findMember(request)
        let typed = ["not_left_reason": Admin.text(request, "not_left_reason").trimmingWhitespace()]
        guard let recorded = member.leftOn.flatMap(SimpleDate.init(iso:)) else {
            return try await notLeft(board, member, request)
        }
        var errors: [FieldError] = []
        if let later = try await laterMembership(of: member, board: board, on: request.db),
            let problem = LeavingRules.overlapProblem(name: member.name, left: nil, rejoined: later.appointed)
        {
            errors.append(FieldError("not_left_reason", problem))
        } else if let problem = LeavingRules.reasonProblem(
            typed["not_left_reason"]!, ask: "Say why the leaving was recorded by mistake.",
            personalData: personalDataInReason(typed["not_left_reason"]!, request))
        {
            errors.append(FieldError("not_left_reason", problem))
        }
        guard errors.isEmpty else {
            return try await memberPage(
                board, member, request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        let reason = typed["not_left_reason"]!
        member.leftOn = nil
        do {
            try await saveLeaving(
                member, request,
                action: "board.member_leaving_cancelled",
                summary:
                    "Cancelled the record that \(member.name) left \(board.name) on \(recorded.ukText): they have not left. Why: \(reason)",
                change: FieldChange("left_on", from: recorded.iso, to: nil))
        } catch let stale as EditVersion.Stale {
            return try await staleLeaving(board, request, stale: stale, field: "not_left_reason", typed: typed)
        }
        Admin.flash(
            request,
            "Cancelled: \(member.name) has not left \(board.name). They count as a member again, from their appointment."
        )
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    /// A correction posted for a member not recorded as having left: a colleague cancelled the leaving after the
    /// form was opened (409, saying who), or the post was not made from the form.
    private static func notLeft(_ board: Board, _ member: BoardMember, _ request: Request) async throws -> Response {
        let id = member.id!
        do {
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editable(try await BoardMember.find(id, on: $0)) },
                    schema: BoardMember.schema, id: id, objectType: "board_member", noun: "board member", on: db)
            }
        } catch let stale as EditVersion.Stale {
            return try await memberPage(
                board, member, request,
                failure: ValidationFailure([
                    FieldError(
                        "left_on",
                        "\(stale.changedBy) changed this board member\(stale.changedWhen), after you opened it: \(member.name) is no longer recorded as having left, so there is no leaving to correct."
                    )
                ]), typed: [:], notice: nil, version: EditVersion.of(editable(member)), status: .conflict)
        }
        Admin.flash(request, "\(member.name) is not recorded as having left, so there is no leaving to correct.")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    /// The personal data the redactor finds in a reason for the audit log, each quoted, checked as a moderator's
    /// reason is, except for names: a correction is about members of the board, named on its public register
    /// ("it was Dr Amira Khan who stood down"), while a phone number, an e-mail address or an NHS number is not.
    private static func personalDataInReason(_ reason: String, _ request: Request) -> [String] {
        request.listeningEngine.personalDataFound(in: reason) { kind, _ in kind != .name }
    }

    /// The same person's membership of `board` after `member`'s (they left and were added again), if any.
    private static func laterMembership(
        of member: BoardMember, board: Board, on db: any Database
    ) async throws -> BoardMember? {
        let name = member.name.collapsingWhitespace().lowercased()
        return try await board.$members.query(on: db).all().filter { other in
            other.id != member.id && other.appointed >= member.appointed
                && (other.name.collapsingWhitespace().lowercased() == name
                    || (other.$account.id != nil && other.$account.id == member.$account.id))
        }.min { $0.appointed < $1.appointed }
    }

    /// Saves a corrected leaving with its audit entry, unless the member changed after the form was opened.
    private static func saveLeaving(
        _ member: BoardMember, _ request: Request, action: String, summary: String, change: FieldChange
    ) async throws {
        let id = member.id!
        try await request.db.writeTransaction { db in
            try await EditVersion.check(
                sent: EditVersion.sent(request), stored: { editable(try await BoardMember.find(id, on: $0)) },
                schema: BoardMember.schema, id: id, objectType: "board_member", noun: "board member", on: db)
            try await member.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: action, objectType: "board_member",
                objectID: id.uuidString, summary: summary, changes: [change])
        }
    }

    /// The member as stored now, with the typed correction kept and the new version under it.
    private static func staleLeaving(
        _ board: Board, _ request: Request, stale: EditVersion.Stale, field: String, typed: [String: String]
    ) async throws -> Response {
        let (_, now) = try await findMember(request)
        return try await memberPage(
            board, now, request, failure: ValidationFailure([FieldError(field, stale.message)]), typed: typed,
            notice: nil, version: EditVersion.of(editable(now)), status: .conflict)
    }

    static func findBoard(_ request: Request) async throws -> Board {
        guard let board = try await Board.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return board
    }

    static func findMember(_ request: Request) async throws -> (Board, BoardMember) {
        let board = try await findBoard(request)
        guard
            let member = try await BoardMember.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request, "member")))
                .filter(\.$board.$id == board.id!).with(\.$declarations).with(\.$account).first()
        else { throw Abort(.notFound) }
        return (board, member)
    }
}
