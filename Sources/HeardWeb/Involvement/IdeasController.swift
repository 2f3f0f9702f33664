import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// Ideas from involved people: put forward on their own page, answered by staff, credited on the initiative
/// they became and on the public ideas page.
enum IdeasController {

    // MARK: The involved person's own page

    @Sendable static func mine(_ request: Request) async throws -> Response {
        try await minePage(request, failure: nil, typed: [:], notice: Admin.takeFlash(request))
    }

    static func minePage(
        _ request: Request, failure: ValidationFailure?, typed: [String: String], notice: String?
    ) async throws -> Response {
        guard let user = request.currentUser else { throw Abort(.unauthorized) }
        let ideas = try await Idea.query(on: request.db).filter(\.$author.$id == user.id!).with(\.$initiative)
            .sort(\.$createdAt, .descending).all()
        let invitations = try await Invitation.query(on: request.db).filter(\.$user.$id == user.id!)
            .with(\.$activity) { $0.with(\.$initiative) }.all()
            .sorted { $0.activity.heldOn < $1.activity.heldOn }
        let memberships = try await BoardMember.query(on: request.db).filter(\.$account.$id == user.id!)
            .filter(\.$leftOn == nil).with(\.$board).with(\.$declarations).all()
        let business = try await BoardBusiness.find(for: memberships, today: request.today, on: request.db)
        let claims = try await ExpenseClaim.query(on: request.db).filter(\.$user.$id == user.id!).with(\.$lines)
            .sort(\.$createdAt).all()
        return .html(
            InvolvementPage.render(
                user: user, ideas: ideas, invitations: invitations, memberships: memberships, business: business,
                claims: claims, today: request.today,
                context: PageContext(request, title: "Your involvement", hasErrors: failure != nil), failure: failure,
                typed: typed, notice: notice),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    @Sendable static func submit(_ request: Request) async throws -> Response {
        guard let user = request.currentUser else { throw Abort(.unauthorized) }
        // Both copies of a double tap at once pass the "already put forward" check; the key stops the second.
        let submission = SubmittedOnce.key(request)
        return try await SubmittedOnce.once(request, key: submission) {
            let (typed, errors) = try await checked(request, user: user)
            guard errors.isEmpty else {
                // The other copy of a double tap may have saved the idea since the key was checked: "already put
                // forward" is then that copy's doing, and the person is shown what it made.
                if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
                    return SubmittedOnce.repeated(request, resultPath: path)
                }
                return try await minePage(request, failure: ValidationFailure(errors), typed: typed, notice: nil)
            }
            let idea = Idea(
                authorID: user.id!, title: typed["title"]!, details: typed["details"]!,
                creditName: typed["credit_name"]!, creditPublicly: typed["credit_publicly"] == "yes")
            try await request.db.writeTransaction { db in
                try await SubmittedOnce.record(submission, resultPath: SiteURL.involvement, on: db)
                try await idea.create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "idea.submitted", objectType: "idea",
                    objectID: idea.id?.uuidString,
                    summary: "\(user.displayName) put forward the idea \(request.listeningEngine.redacted(idea.title))")
            }
            Admin.flash(request, "Thank you. Your idea is saved; you will see the response here and by e-mail.")
            return request.redirect(to: SiteURL.involvement)
        }
    }

    /// What was typed into the idea form, and every problem with it at once.
    private static func checked(
        _ request: Request, user: User
    ) async throws -> (typed: [String: String], errors: [FieldError]) {
        let typed = [
            "title": Admin.text(request, "title").trimmingWhitespace(),
            "details": Admin.text(request, "details").trimmingWhitespace(),
            "credit_name": Admin.text(request, "credit_name").trimmingWhitespace(),
            "credit_publicly": Admin.text(request, "credit_publicly"),
        ]
        var errors: [FieldError] = []
        if typed["title"]!.isEmpty {
            errors.append(
                FieldError("title", "Give your idea a short title, for example \"Evening clinics for carers\"."))
        } else if typed["title"]!.count > 150 {
            errors.append(
                FieldError("title", "Keep the title to 150 characters or fewer; put the rest in the details."))
        }
        if let problem = TextLimit.problem(typed["details"]!, limit: TextLimit.ideaDetails, what: "the details") {
            errors.append(FieldError("details", problem))
        } else if typed["details"]!.count < 20 {
            errors.append(
                FieldError(
                    "details",
                    "Tell us what the idea is and who it would help, in a sentence or two (at least 20 characters)."))
        }
        for field in ["title", "details"] where !errors.contains(where: { $0.field == field }) {
            if let problem = personalDataProblem(in: typed[field]!, field: field, request) {
                errors.append(problem)
            }
        }
        if typed["credit_name"]!.isEmpty {
            errors.append(FieldError("credit_name", "Enter the name you would like to be credited with."))
        } else if let problem = TextLimit.problem(
            typed["credit_name"]!, limit: TextLimit.creditName, what: "the name")
        {
            errors.append(FieldError("credit_name", problem))
        } else {
            // The credit is a name by design; anything else personal in it would be published with it.
            let found = request.listeningEngine.personalDataLeft(in: typed["credit_name"]!).filter { $0 != .name }
            if !found.isEmpty {
                errors.append(
                    FieldError(
                        "credit_name",
                        "Give only the name you would like to be credited with: remove the \(describe(titles(found)))."
                    ))
            }
        }
        if errors.isEmpty {
            // Sending the form twice (a double tap, the back button) must not put the same idea forward twice.
            let title = typed["title"]!.lowercased()
            let details = typed["details"]!
            let same = try await Idea.query(on: request.db).filter(\.$author.$id == user.id!).all().first {
                $0.title.lowercased() == title && $0.details == details
            }
            if let same {
                errors.append(
                    FieldError(
                        "title",
                        "You have already put forward this idea, \"\(same.title)\". It is listed on this page with its response."
                    ))
            }
        }
        return (typed, errors)
    }

    // MARK: Staff

    @Sendable static func index(_ request: Request) async throws -> Response {
        var problems = FilterProblems()
        let status = problems.choice(
            request.query[String.self, at: "status"] ?? "", "status", IdeaStatus.init(rawValue:))
        var query = Idea.query(on: request.db).with(\.$author)
        if let status { query = query.filter(\.$status == status) }
        query = problems.narrowing(query)
        let page = ListPage(requested: ListPage.requested(request), total: try await query.copy().count())
        let ideas = try await query.sort(\.$createdAt, .ascending).sort(\.$id).range(page.range).all()
        return .html(
            IdeaPages.list(
                ideas, status: status, statusKnown: problems.isEmpty, page: page.number, pageCount: page.count,
                context: PageContext(request, title: "Ideas"), notice: problems.notice(request)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await showPage(try await find(request), request, failure: nil, typed: [:])
    }

    static func showPage(
        _ idea: Idea, _ request: Request, failure: ValidationFailure?, typed: [String: String],
        version: String? = nil, status: HTTPResponseStatus? = nil
    ) async throws -> Response {
        // Only changes still being shaped can take an idea forward (and the one it is already part of).
        let initiatives = try await Initiative.query(on: request.db).sort(\.$title).all()
            .filter { $0.stage < .decision || $0.id == idea.$initiative.id }
        return .html(
            IdeaPages.show(
                idea, initiatives: initiatives,
                context: PageContext(request, title: idea.title, hasErrors: failure != nil), failure: failure,
                typed: typed, notice: failure == nil ? Admin.takeFlash(request) : nil,
                // A refused answer keeps the version it was opened with: correcting it is no reason to overwrite.
                version: version ?? EditVersion.sent(request) ?? EditVersion.of(editable(idea))),
            status: status ?? (failure == nil ? .ok : .unprocessableEntity))
    }

    @Sendable static func respond(_ request: Request) async throws -> Response {
        let idea = try await find(request)
        let typed = [
            "status": Admin.text(request, "status"), "response": Admin.text(request, "response").trimmingWhitespace(),
            "initiative_id": Admin.text(request, "initiative_id"),
        ]
        let status = IdeaStatus(rawValue: typed["status"]!)
        var initiative: Initiative? = nil
        var errors: [FieldError] = []
        if !typed["initiative_id"]!.isEmpty {
            if let id = UUID(uuidString: typed["initiative_id"]!) {
                initiative = try await Initiative.find(id, on: request.db)
            }
            if initiative == nil { errors.append(FieldError("initiative_id", "Choose an initiative from the list.")) }
            if let initiative, status == .takenForward, initiative.stage >= .decision {
                // The person would be told their idea is part of a change that was settled without it.
                errors.append(
                    FieldError(
                        "initiative_id",
                        "\(initiative.title) is already decided, so this idea cannot shape it now. Choose an initiative that is still being planned, or answer the idea as being considered."
                    ))
            }
        }
        // Taking an idea forward publishes its title and details on the public ideas page: an idea put forward
        // before personal data was refused, or one that slipped past, must not go public as written.
        if status == .takenForward {
            let found = (personalDataKinds(in: idea.title, request) + personalDataKinds(in: idea.details, request))
            if !found.isEmpty {
                errors.append(
                    FieldError(
                        "status",
                        "This idea cannot be taken forward as written: its title and details are published on the public ideas page, and they contain personal data (\(describe(found))). Ask \(idea.author.displayName) to put it forward again without it, and answer this one as being considered."
                    ))
            }
        }
        errors += IdeaAnswerRules.problems(
            status: status, response: typed["response"]!, initiativeChosen: initiative != nil
        ).filter { problem in !errors.contains { $0.field == problem.field } }
        guard errors.isEmpty, let status else {
            return try await showPage(idea, request, failure: ValidationFailure(errors), typed: typed)
        }
        let from = idea.status
        idea.status = status
        idea.response = typed["response"]!
        idea.$initiative.id = status == .takenForward ? initiative?.id : nil
        idea.respondedAt = Date()
        idea.respondedBy = request.currentUser?.displayName
        let author = idea.author
        let credited = status == .takenForward ? initiative?.title : nil
        let id = idea.id!
        do {
            try await request.db.writeTransaction { db in
                // Two answers, one from a tab opened before the other was given, would send the person two
                // e-mails saying different things: the later one is refused, and only the first is sent.
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editable(try await Idea.find(id, on: $0)) },
                    schema: Idea.schema, id: id, objectType: "idea", noun: "idea", on: db)
                try await answer(
                    idea, status: status, from: from, author: author, credited: credited, request: request, on: db)
            }
        } catch is EditVersion.Stale {
            let now = try await find(request)
            return try await showPage(
                now, request, failure: ValidationFailure([FieldError("status", answeredMeanwhile(now))]),
                typed: typed, version: EditVersion.of(editable(now)), status: .conflict)
        }
        Admin.flash(request, "Response saved. \(author.displayName) will see it on their page and by e-mail.")
        return request.redirect(to: IdeaURL.idea(idea.id!))
    }

    /// What the response form shows, and when it was answered, for `EditVersion`: an answer given after the
    /// form was opened, even the same words, has been e-mailed already.
    static func editable(_ idea: Idea?) -> [String?] {
        guard let idea else { return [] }
        return [
            idea.status.rawValue, idea.response, idea.$initiative.id?.uuidString,
            idea.respondedAt.map { String($0.timeIntervalSince1970) }, idea.respondedBy,
        ]
    }

    /// Why a second answer from an older form was not saved or sent, and what the person was told instead.
    static func answeredMeanwhile(_ idea: Idea) -> String {
        let who = idea.respondedBy.flatMap { $0.isEmpty ? nil : $0 } ?? "Someone"
        let when = idea.respondedAt.map { " on " + $0.formatted(AuditPage.dateFormat) } ?? ""
        let said = idea.response.isEmpty ? "" : " \"\(idea.response)\""
        guard idea.status != .submitted else {
            return
                "\(who) changed this idea\(when), after you opened it, so your answer was not saved or sent. It is still in the form: check the idea as it is now, then save again."
        }
        return
            "\(who) answered this idea\(when), after you opened it: \(idea.status.title).\(said) \(idea.author.displayName) has that answer on their page and by e-mail, so yours was not saved or sent. It is still in the form: if it should replace that answer, save again and they will be e-mailed the new one."
    }

    /// Saves the answer, audits it and queues the e-mail, in `db`'s transaction.
    static func answer(
        _ idea: Idea, status: IdeaStatus, from: IdeaStatus, author: User, credited: String?, request: Request,
        on db: any Database
    ) async throws {
        try await idea.save(on: db)
        try await AuditLog.record(
            on: db, actor: Admin.actor(request), action: "idea.answered", objectType: "idea",
            objectID: idea.id?.uuidString,
            summary:
                "Answered \(author.displayName)'s idea \(request.listeningEngine.redacted(idea.title))",
            changes: [FieldChange("status", from: from.rawValue, to: status.rawValue)])
        try await Notice(
            to: author.email, subject: "Your idea: \(idea.title)",
            body: """
                Thank you for your idea, "\(idea.title)".

                \(status.title). \(idea.response)
                \(credited.map { "\nIt is now part of \"\($0)\"; you can follow it, and you are credited on it." } ?? "")
                Sign in and open "Your involvement" to see all your ideas and their responses.
                """, kind: "idea_answer"
        ).create(on: db)
    }

    // MARK: Personal data

    /// Ideas taken forward are published word for word, so personal data in what someone wrote is refused
    /// (not silently redacted): the writer can say it another way, and a name or number never reaches the
    /// public page, the e-mail or the audit trail.
    static func personalDataProblem(in text: String, field: String, _ request: Request) -> FieldError? {
        let found = personalDataKinds(in: text, request)
        guard !found.isEmpty else { return nil }
        return FieldError(
            field,
            "Ideas taken forward are shown on public pages, so leave out personal details: remove the \(describe(found)). We already know how to contact you; describe people by their role, for example \"a nurse\", not by name."
        )
    }

    static func personalDataKinds(in text: String, _ request: Request) -> [String] {
        titles(request.listeningEngine.personalDataLeft(in: text))
    }

    /// "phone number", "NHS number": the kinds as they read inside a sentence.
    static func titles(_ kinds: [PersonalDataKind]) -> [String] {
        kinds.map { $0.title.hasPrefix("NHS") ? $0.title : $0.title.lowercased() }
    }

    /// "phone number, e-mail address and NHS number", each once.
    static func describe(_ kinds: [String]) -> String {
        var seen = Set<String>()
        let unique = kinds.filter { seen.insert($0).inserted }
        return EnglishList.and(unique)
    }

    // MARK: Public

    @Sendable static func published(_ request: Request) async throws -> Response {
        let query = Idea.query(on: request.db).filter(\.$status == .takenForward)
        let page = ListPage(requested: ListPage.requested(request), total: try await query.copy().count())
        let ideas = try await query.with(\.$initiative).sort(\.$respondedAt, .descending).sort(\.$id)
            .range(page.range).all()
        return .html(
            IdeaPages.published(
                ideas, redacted: request.listeningEngine.redacted, page: page.number, pageCount: page.count,
                context: PageContext(request, title: "Ideas that were taken forward")))
    }

    static func find(_ request: Request) async throws -> Idea {
        guard
            let idea = try await Idea.query(on: request.db).filter(\.$id == (try Admin.uuidParameter(request)))
                .with(\.$author).with(\.$initiative).first()
        else { throw Abort(.notFound) }
        return idea
    }
}

enum IdeaURL {
    static let staffIdeas = "/staff/ideas"
    static let publicIdeas = "/ideas"
    static let submit = "/me/ideas"
    static func idea(_ id: UUID) -> String { "\(staffIdeas)/\(id.uuidString.lowercased())" }
}
