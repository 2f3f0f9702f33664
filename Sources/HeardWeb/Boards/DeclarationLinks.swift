import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// Board members without a Heard account declare through a link e-mailed to them: the secretary sends it from
/// the member's page, and the reminders send a fresh one when a declaration falls due. A link works once, for
/// `lifetimeDays`; only a hash of its token is stored, so the database alone cannot be used to declare.
enum DeclarationLinks {
    static let lifetimeDays = 30
    /// The link offered after declaring an interest, for the next one.
    static let followUpLifetime: TimeInterval = 86400

    /// A new link for `member` (not yet saved) and its address.
    static func issue(
        for member: BoardMember, createdBy: UUID?, siteURL: String, now: Date,
        lifetime: TimeInterval = Double(lifetimeDays) * 86400
    ) -> (
        link: DeclarationLink, url: String
    ) {
        let token = SecretToken.make()
        let link = DeclarationLink(
            memberID: member.id!, tokenHash: SecretToken.hash(token), expiresAt: now.addingTimeInterval(lifetime),
            createdByID: createdBy)
        return (link, siteURL + BoardURL.declarationLink(token))
    }

    static func notice(to email: String, member: BoardMember, board: Board, url: String, reason: String) -> Notice {
        Notice(
            to: email, subject: "Your declaration of interests for \(board.name)",
            body: """
                Dear \(member.name),

                \(reason)

                Make your declaration here (no account needed; the link works once, for \(lifetimeDays) days):
                \(url)

                Members declare on appointment, whenever their interests change, and at least once a year. If you \
                have no interests to declare, a nil return counts. Declarations are published on the board's public \
                register.
                """,
            kind: "declaration_link")
    }

    // MARK: The secretary sends one

    @Sendable static func send(_ request: Request) async throws -> Response {
        let (board, member) = try await BoardsController.findMember(request)
        let typed = ["email": Admin.text(request, "email").trimmingWhitespace()]
        let email = EmailAddress.normalised(typed["email"]!)
        var errors: [FieldError] = []
        if member.leftOn != nil {
            errors.append(FieldError("email", "\(member.name) has left \(board.name); the register is closed."))
        } else if member.account != nil {
            errors.append(
                FieldError("email", "\(member.name) has a Heard account and declares on their own page."))
        } else if !EmailAddress.isPlausible(email) {
            errors.append(
                FieldError("email", "Enter their e-mail address in the correct format, like name@example.nhs.uk."))
        }
        guard errors.isEmpty else {
            return try await BoardsController.memberPage(
                board, member, request, failure: ValidationFailure(errors), typed: typed, notice: nil)
        }
        let issued = issue(
            for: member, createdBy: request.currentUser?.id, siteURL: request.heardConfiguration.publicURL,
            now: Date())
        let previous = member.email
        member.email = email
        try await request.db.writeTransaction { db in
            try await member.save(on: db)
            try await issued.link.create(on: db)
            try await notice(
                to: email, member: member, board: board, url: issued.url,
                reason: "\(board.name) keeps a register of its members' interests. Please tell us yours."
            ).create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "board.declaration_link_sent",
                objectType: "board_member", objectID: member.id?.uuidString,
                summary: "E-mailed \(member.name) a declaration form (\(email))",
                changes: previous == email ? [] : [FieldChange("email", from: previous, to: email)])
        }
        Admin.flash(
            request, "The declaration form was e-mailed to \(email). The link works once, for \(lifetimeDays) days.")
        return request.redirect(to: BoardURL.member(board.id!, member.id!))
    }

    // MARK: The member uses it

    /// The link's member and board, or the page saying it cannot be used (410 when it was used or expired).
    static func find(_ request: Request) async throws -> (DeclarationLink, BoardMember, Board) {
        let token = request.parameters.get("token") ?? ""
        guard
            let link = try await DeclarationLink.query(on: request.db).filter(\.$tokenHash == SecretToken.hash(token))
                .with(\.$member, { $0.with(\.$board).with(\.$declarations) }).first()
        else { throw Abort(.notFound, reason: "This declaration link is not right. Check it was copied whole.") }
        guard link.isUsable(at: Date()), link.member.leftOn == nil else {
            throw Abort(
                .gone,
                reason:
                    "This declaration link has been used or has expired. Ask the board secretary to send you a new one."
            )
        }
        return (link, link.member, link.member.board)
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let (_, member, board) = try await find(request)
        return .html(page(request, member: member, board: board, failure: nil, typed: [:]))
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        let (link, member, board) = try await find(request)
        let form = DeclarationForm.read(request, member: member, board: board, suffix: "", declaredToday: true)
        guard form.errors.isEmpty, let entry = form.entry else {
            return .html(
                page(request, member: member, board: board, failure: ValidationFailure(form.errors), typed: form.typed),
                status: .unprocessableEntity)
        }
        try await DeclarationForm.record(
            entry, member: member, request,
            actor: AuditActor(id: nil, label: "\(member.name) (e-mailed declaration link)"),
            usingLink: link)
        // Someone with two interests declares both in one sitting: a fresh link for the day, shown only here.
        let another =
            entry.kind.isInterest
            ? issue(for: member, createdBy: nil, siteURL: "", now: Date(), lifetime: followUpLifetime) : nil
        if let another { try await another.link.create(on: request.db) }
        return .html(
            PageLayout.render(PageContext(request, title: "Thank you")) {
                h1 { "Thank you" }
                p(.class("lead")) {
                    entry.kind.isInterest
                        ? "Your interest is recorded in the register of \(board.name)."
                        : "Your nil return is recorded in the register of \(board.name)."
                }
                if let another {
                    p { a(.href(another.url)) { "Declare another interest" } }
                    p { "That link works until this time tomorrow. Nothing more to declare? You can close this page." }
                } else {
                    p {
                        "This link has now been used. To declare something else, ask the board secretary for a new one."
                    }
                }
                p {
                    "The register is published on "
                    a(.href(BoardURL.publicBoard(board.id!))) { "the board's page" }
                    "."
                }
            })
    }

    static func page(
        _ request: Request, member: BoardMember, board: Board, failure: ValidationFailure?, typed: [String: String]
    ) -> String {
        let today = request.today
        let title = "Declaration of interests"
        return PageLayout.render(PageContext(request, title: title, hasErrors: failure != nil)) {
            FormComponents.errorSummary(failure)
            h1 { title }
            p(.class("lead")) { "\(member.name), \(member.role) on \(board.name)." }
            p {
                "Members declare their interests on appointment, whenever they change, and at least once a year. If you have none, a nil return counts. What you declare is published on the board's public register, dated today."
            }
            p { BoardRegister.status(member, today: today).summary + "." }
            h2 { "What you have declared" }
            BoardPages.registerTable(
                BoardRegister.entries(member), caption: "\(member.name)'s register of interests", today: today)
            h2 { "Your declaration" }
            HeardWeb.form(.method("post"), .novalidate) {
                FormComponents.csrfField(request.csrfToken)
                BoardPages.declarationFields(typed: typed, failure: failure, legend: "What are you declaring?")
                FormComponents.submitButton("Make my declaration")
            }
        }
    }
}
