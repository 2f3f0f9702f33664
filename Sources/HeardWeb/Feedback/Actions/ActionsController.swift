import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// "We did": actions raised from feedback, their updates, and the notices that close the loop.
enum ActionsController {
    struct NewForm: Content {
        var title: String?
        var youSaid: String?
        var organisationID: String?
        var placeID: String?
        var serviceID: String?
        var theme: String?
        var ownerID: String?
        var dueOn: String?
        var feedback: [String]?

        enum CodingKeys: String, CodingKey {
            case title, theme, feedback
            case youSaid = "you_said"
            case organisationID = "organisation_id"
            case placeID = "place_id"
            case serviceID = "service_id"
            case ownerID = "owner_id"
            case dueOn = "due_on"
        }
    }

    /// What the actions list shows: a status ("open" for planned or in progress), a place, the signed-in
    /// person's own, only those overdue, and the page.
    struct ListFilters {
        var status: String
        var place: String
        var mine: Bool
        var overdue: Bool
        var page: Int

        init(_ request: Request) {
            status = request.query[String.self, at: "status"] ?? ""
            place = request.query[String.self, at: "place"] ?? ""
            mine = request.query[String.self, at: "owner"] == "me"
            overdue = request.query[String.self, at: "overdue"] == "yes"
            page = ListPage.requested(request) ?? 1
        }

        /// The list's address with these filters on `page`.
        func path(page: Int) -> String {
            ListPage.path(
                SiteURL.actions,
                filters: [
                    ("status", status), ("place", place), ("owner", mine ? "me" : ""),
                    ("overdue", overdue ? "yes" : ""),
                ], page: page)
        }
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let filters = ListFilters(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        var query = ActionItem.query(on: request.db)
        // A value that names nothing matches nothing, and says so, rather than quietly listing every action.
        var problems = FilterProblems()
        if filters.status == "open" {
            query = query.filter(\.$status ~~ [.planned, .inProgress])
        } else if let status = problems.choice(filters.status, "status", ActionStatus.init(rawValue:)) {
            query = query.filter(\.$status == status)
        }
        if let place = problems.choice(filters.place, "place", { slug in places.first { $0.slug == slug } }) {
            query = query.filter(\.$place.$id == place.id!)
        }
        let owner = request.query[String.self, at: "owner"] ?? ""
        if !owner.isEmpty, owner != "me" {
            problems.append("\"\(owner)\" is not an owner filter: tick \"Only actions I own\", or leave it off.")
        }
        let overdue = request.query[String.self, at: "overdue"] ?? ""
        if !overdue.isEmpty, overdue != "yes" {
            problems.append("\"\(overdue)\" is not an overdue filter: tick \"Only overdue\", or leave it off.")
        }
        query = problems.narrowing(query)
        if filters.mine, let me = request.currentUser?.id { query = query.filter(\.$owner.$id == me) }
        if filters.overdue {
            query = query.filter(\.$status ~~ [.planned, .inProgress])
                .filter(\.$dueOn < overdueBefore(today: request.today))
        }
        let total = try await query.copy().count()
        let page = ListPage(requested: filters.page, total: total)
        let actions = try await query.with(\.$organisation).with(\.$place).with(\.$owner).sort(\.$dueOn).sort(\.$id)
            .range(page.range).all()
        return .html(
            ActionPages.list(
                context: PageContext(request, title: "Actions"), actions: actions, total: total, filters: filters,
                overdueBefore: overdueBefore(today: request.today),
                page: page.number, pageCount: page.count, places: places,
                notice: problems.notice(request)))
    }

    /// The form, pre-filled from `?feedback=…` (one or many) or `?theme=…&place=…`.
    @Sendable static func new(_ request: Request) async throws -> Response {
        let raw =
            (try? request.query.get([String].self, at: "feedback"))
            ?? (try? request.query.get(String.self, at: "feedback")).map { [$0] } ?? []
        let ids = raw.compactMap(UUID.init(uuidString:))
        var form = NewForm()
        form.feedback = ids.map(\.uuidString)
        form.theme = try? request.query.get(String.self, at: "theme")
        if let slug = try? request.query.get(String.self, at: "place"),
            let place = try await Place.query(on: request.db).filter(\.$slug == slug).first()
        {
            form.placeID = place.id?.uuidString
            if let theme = form.theme {
                form.youSaid = "People in \(place.name) told us about \(theme.lowercased())."
                // A theme in a place: link the published feedback that carries it.
                let items = try await FeedbackItem.query(on: request.db)
                    .join(FeedbackTheme.self, on: \FeedbackTheme.$feedback.$id == \FeedbackItem.$id)
                    .filter(FeedbackTheme.self, \.$theme == theme)
                    .filter(\.$place.$id == place.id!).filter(\.$status == .published).limit(500).all()
                form.feedback = items.map { $0.id!.uuidString }
            }
        }
        let linked = try await FeedbackItem.query(on: request.db).filter(\.$id ~~ ids).with(\.$service).with(\.$place)
            .all()
        var notice: String?
        if let first = linked.first {
            form.organisationID = form.organisationID ?? first.$organisation.id.uuidString
            // A new action is about places and services in use: one the feedback names that has since been
            // retired is not filled in, and the officer is told why rather than finding the field quietly empty.
            if let retiredAt = first.place.retiredAt {
                notice =
                    "The feedback is about \(first.place.name), which was retired on "
                    + "\(SimpleDate.ukDay(of: retiredAt).ukText), so no place is filled in: choose the place in use "
                    + "that the action is for, if any."
            } else {
                form.placeID = form.placeID ?? first.$place.id.uuidString
            }
            if Set(linked.map(\.$service.id)).count == 1 {
                if let retiredAt = first.service.retiredAt {
                    notice =
                        (notice.map { $0 + " " } ?? "") + "The feedback is about \(first.service.name), "
                        + "which was retired on \(SimpleDate.ukDay(of: retiredAt).ukText), so no service is filled "
                        + "in: choose the service that has taken over its work, or leave it empty."
                } else {
                    form.serviceID = first.$service.id.uuidString
                }
            }
            // Most mentioned first, ties by name: the same feedback always suggests the same words and theme.
            let themes = Dictionary(grouping: linked.flatMap(\.namedThemes), by: { $0 }).sorted {
                ($0.value.count, $1.key) > ($1.value.count, $0.key)
            }
            if form.theme == nil, let theme = themes.first?.key,
                request.listeningEngine.actionThemeNames.contains(theme)
            {
                form.theme = theme
            }
            if form.youSaid == nil {
                form.youSaid =
                    linked.count == 1
                    ? "Someone told us about \(first.service.name)"
                        + (themes.first.map { ": \($0.key.lowercased())." } ?? ".")
                    : "\(linked.count) people told us about " + (themes.first.map { $0.key.lowercased() } ?? "this")
                        + "."
            }
        }
        return .html(try await renderForm(request, form: form, failure: nil, notice: notice))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let form = try request.content.decode(NewForm.self)
        let submission = SubmittedOnce.key(request)
        if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
            return SubmittedOnce.repeated(request, resultPath: path)
        }
        var errors: [FieldError] = []
        // Both are published (pages, API, open data): without direction controls (`BidiControls`).
        let title = (form.title ?? "").removingBidiControls().trimmingWhitespace()
        if title.isEmpty { errors.append(FieldError("title", "Enter what will be done, in a short sentence.")) }
        let youSaid = (form.youSaid ?? "").removingBidiControls().trimmingWhitespace()
        if youSaid.isEmpty { errors.append(FieldError("you_said", "Say what people told us that this answers.")) }
        // Both are read in lists and cards: "We will …" is a short sentence, "You said …" a few at most.
        if let problem = TextLimit.problem(title, limit: TextLimit.title, what: "what will be done") {
            errors.append(FieldError("title", problem))
        }
        if let problem = TextLimit.problem(youSaid, limit: TextLimit.reply, what: "what people told us") {
            errors.append(FieldError("you_said", problem))
        }
        // Both are published on "You said, we did" and in the open data.
        for (field, text) in [("title", title), ("you_said", youSaid)] {
            if let problem = request.listeningEngine.personalDataProblem(in: text, field: field) {
                errors.append(problem)
            }
        }
        let organisation = try await form.organisationID.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await Organisation.find($0, on: request.db)
        }
        if organisation == nil { errors.append(FieldError("organisation_id", "Choose the organisation responsible.")) }
        let owner = try await form.ownerID.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await User.find($0, on: request.db)
        }
        if owner == nil || owner?.isActive != true || owner?.role == .involvedPerson {
            errors.append(FieldError("owner_id", "Choose who owns this action."))
        }
        let due = dueDate(form.dueOn, today: request.today, into: &errors)
        let place = try await form.placeID.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await Place.find($0, on: request.db)
        }
        if place == nil, !(form.placeID ?? "").isEmpty {
            errors.append(FieldError("place_id", "Choose a place from the list."))
        } else if let place, let retiredAt = place.retiredAt {
            errors.append(
                FieldError("place_id", Retirement.placeRetired(place.name, on: SimpleDate.ukDay(of: retiredAt))))
        }
        let service = try await form.serviceID.flatMap(UUID.init(uuidString:)).asyncFlatMap {
            try await Service.query(on: request.db).filter(\.$id == $0).with(\.$organisation).with(\.$place).first()
        }
        if let service, let retiredAt = service.retiredAt {
            errors.append(
                FieldError(
                    "service_id",
                    "\(service.name) was retired on \(SimpleDate.ukDay(of: retiredAt).ukText): choose a service in use, or no service."
                ))
        } else if let service {
            // An action about a service is owned where the service is run: a public page must not say otherwise.
            if let organisation, service.$organisation.id != organisation.id {
                errors.append(
                    FieldError(
                        "service_id",
                        "\(service.name) is run by \(service.organisation.name): choose that organisation, or no service."
                    ))
            }
            if let place, service.$place.id != place.id {
                errors.append(
                    FieldError(
                        "place_id", "\(service.name) is in \(service.place.name): choose that place, or no service."))
            }
        } else if !(form.serviceID ?? "").isEmpty {
            errors.append(FieldError("service_id", "Choose a service from the list."))
        }
        let theme = (form.theme ?? "").trimmingWhitespace()
        if !theme.isEmpty, !request.listeningEngine.actionThemeNames.contains(theme) {
            errors.append(FieldError("theme", "Choose a theme from the list."))
        }
        let feedbackIDs = (form.feedback ?? []).compactMap(UUID.init(uuidString:))
        if let problem = try await unanswerable(feedbackIDs, on: request.db) {
            errors.append(FieldError("feedback", problem))
        }
        guard errors.isEmpty, let organisation, let owner, let due else {
            return .html(
                try await renderForm(
                    request, form: form,
                    failure: ValidationFailure(errors).ordered(by: [
                        "you_said", "title", "organisation_id", "place_id", "service_id", "theme", "owner_id", "due_on",
                    ])),
                status: .unprocessableEntity)
        }
        let action = ActionItem()
        action.id = UUID()
        action.title = title
        action.youSaid = youSaid
        action.$organisation.id = organisation.id!
        action.$place.id = place?.id ?? service?.$place.id
        action.$service.id = service?.id
        action.theme = theme.isEmpty ? nil : theme
        action.$owner.id = owner.id
        action.dueOn = due
        action.status = .planned
        action.outcome = ""
        action.createdByID = request.currentUser?.id
        let now = Date()
        do {
            try await request.db.writeTransaction { db in
                try await SubmittedOnce.record(submission, resultPath: SiteURL.action(action.id!), on: db)
                try await action.create(on: db)
                let items = try await FeedbackItem.query(on: db).filter(\.$id ~~ feedbackIDs).all()
                for item in items {
                    try await ActionFeedbackLink(actionID: action.id!, feedbackID: item.id!).create(on: db)
                    if item.actionLinkedAt == nil {
                        item.actionLinkedAt = now
                        try await item.save(on: db)
                    }
                }
                try await ActionUpdate(
                    actionID: action.id!, status: .planned, note: "Action raised.", authorID: request.currentUser?.id,
                    authorLabel: request.currentUser?.role.title ?? "Staff"
                ).create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "action.created", objectType: "action",
                    objectID: action.id?.uuidString, summary: "Raised action: \(title)",
                    changes: [
                        FieldChange("title", from: nil, to: title),
                        FieldChange("linked_feedback", from: nil, to: String(items.count)),
                    ])
            }
        } catch {
            if let response = try await SubmittedOnce.repeatedAfterClash(request, key: submission, error: error) {
                return response
            }
            throw error
        }
        Admin.flash(request, "Action raised: \(title)")
        return request.redirect(to: SiteURL.action(action.id!))
    }

    /// An action is a promise about what comes next: due today or later, and within five years.
    static func dueDate(_ text: String?, today: SimpleDate, into errors: inout [FieldError]) -> Date? {
        let text = (text ?? "").trimmingWhitespace()
        guard !text.isEmpty else {
            errors.append(FieldError("due_on", "Enter the date it will be done by, like 2027-03-31."))
            return nil
        }
        guard let day = SimpleDate(typed: text) else {
            errors.append(FieldError("due_on", "\"\(text)\" is not a real date: enter it like 2027-03-31."))
            return nil
        }
        if day < today {
            errors.append(FieldError("due_on", "The due date has passed: choose the date it will be done by."))
            return nil
        }
        guard today.days(until: day) <= 5 * 366, let date = DateInput.parse(day.iso) else {
            errors.append(
                FieldError(
                    "due_on",
                    "The due date is more than five years away: choose a date you can keep, and update it if things change."
                ))
            return nil
        }
        return date
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let action = try await load(request)
        return .html(
            try await renderDetail(request, action: action, failure: nil, status: action.status.rawValue, note: ""))
    }

    struct UpdateForm: Content {
        var status: String?
        var note: String?
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        let action = try await load(request)
        let form = try request.content.decode(UpdateForm.self)
        let note = (form.note ?? "").removingBidiControls().trimmingWhitespace()
        let sentVersion = (try? request.content.get(String.self, at: "update_version")).flatMap {
            $0.isEmpty ? nil : $0
        }
        // A refused update keeps the version its form was opened with: correcting it is no reason to record an
        // outcome over one a colleague recorded meanwhile.
        guard let status = ActionStatus(rawValue: form.status ?? "") else {
            return .html(
                try await renderDetail(
                    request, action: action, failure: ValidationFailure([FieldError("status", "Choose a status.")]),
                    status: "", note: note, updateVersion: sentVersion), status: .unprocessableEntity)
        }
        if let problem =
            ActionStatus.problem(changingFrom: action.status, to: status, note: note)
            ?? TextLimit.problem(note, limit: TextLimit.reply, what: "the update").map({ FieldError("note", $0) })
            ?? request.listeningEngine.personalDataProblem(in: note, field: "note")
        {
            return .html(
                try await renderDetail(
                    request, action: action, failure: ValidationFailure([problem]), status: status.rawValue, note: note,
                    updateVersion: sentVersion),
                status: .unprocessableEntity)
        }
        let now = Date()
        let user = request.currentUser
        let actionID = action.id!
        let outcome: (told: Int, closing: Bool)
        do {
            outcome = try await request.db.writeTransaction { db in
                // The same form sent twice, or from two tabs or instances at once, must not record (and e-mail)
                // the same outcome twice: the row's write lock makes a second save wait, and the status and
                // number of updates the form was opened with must still be the stored ones. The check takes the
                // lock; a request with no version (a script) takes it here, so it too sees the status as it is.
                if sentVersion == nil {
                    try await (db as! any SQLDatabase).raw("UPDATE actions SET id = id WHERE id = \(bind: actionID)")
                        .run()
                }
                try await EditVersion.check(
                    sent: sentVersion, stored: { db in try await updateVersionValues(actionID, on: db) },
                    schema: ActionItem.schema, id: actionID, objectType: "action", noun: "action", on: db)
                guard let fresh = try await ActionItem.find(actionID, on: db) else { throw Abort(.notFound) }
                return try await record(
                    status, note: note, on: fresh, user: user, now: now, request: request, db: db)
            }
        } catch let stale as EditVersion.Stale {
            return .html(
                try await renderDetail(
                    request, action: try await load(request),
                    failure: ValidationFailure([FieldError("status", stale.message)]), status: status.rawValue,
                    note: note),
                status: .conflict)
        }
        Admin.flash(
            request,
            !outcome.closing
                ? "Update saved."
                : outcome.told == 0
                    ? "Action closed. Nobody whose feedback it answers left an e-mail address."
                    : "Action closed. \(outcome.told) \(outcome.told == 1 ? "person" : "people") who left an e-mail address will be told."
        )
        return request.redirect(to: SiteURL.action(actionID))
    }

    /// What an update form was opened with: the status and how many updates there were.
    static func updateVersionValues(_ actionID: UUID, on db: any Database) async throws -> [String?] {
        let status = try await ActionItem.find(actionID, on: db)?.status.rawValue
        let updates = try await ActionUpdate.query(on: db).filter(\.$action.$id == actionID).count()
        return [status, String(updates)]
    }

    /// Records an update in `db`'s transaction; returns how many people will be told and whether it closed.
    private static func record(
        _ status: ActionStatus, note: String, on action: ActionItem, user: User?, now: Date, request: Request,
        db: any Database
    ) async throws -> (told: Int, closing: Bool) {
        let before = action.status
        // Closing, or changing done to not possible (or back), replaces the outcome and tells people again;
        // re-opening withdraws it. A note on an action already closed the same way is an update only.
        let closing = status.isClosed && status != before
        let reopening = before.isClosed && !status.isClosed
        action.status = status
        if closing {
            action.closedAt = now
            action.outcome = note
        } else if reopening {
            action.closedAt = nil
            action.outcome = ""
        }
        try await action.save(on: db)
        try await ActionUpdate(
            actionID: action.id!, status: status, note: note, authorID: user?.id,
            authorLabel: user?.role.title ?? "Staff"
        ).create(on: db)
        if reopening { try await LoopClosureNotices.withdraw(for: action, on: db) }
        let told =
            closing
            ? try await LoopClosureNotices.queue(
                for: action, on: db, now: now, publicURL: request.heardConfiguration.publicURL) : 0
        try await AuditLog.record(
            on: db, actor: Admin.actor(request), action: "action.updated", objectType: "action",
            objectID: action.id?.uuidString,
            summary: "Updated action \(action.title): \(status.title.lowercased())",
            changes: [
                FieldChange("status", from: before.rawValue, to: status.rawValue),
                FieldChange("note", from: nil, to: note),
            ])
        return (told, closing)
    }

    static func load(_ request: Request) async throws -> ActionItem {
        let id = try Admin.uuidParameter(request)
        guard
            let action = try await ActionItem.query(on: request.db).filter(\.$id == id)
                .with(\.$organisation).with(\.$place).with(\.$service).with(\.$owner).with(\.$updates).first()
        else { throw Abort(.notFound) }
        return action
    }

    static func renderForm(
        _ request: Request, form: NewForm, failure: ValidationFailure?, notice: String? = nil
    ) async throws -> String {
        let organisations = try await Organisation.query(on: request.db).sort(\.$name).all()
        // A new action is about places and services in use.
        let places = try await Place.query(on: request.db).filter(\.$retiredAt == nil).sort(\.$name).all()
        let services = try await Service.query(on: request.db).filter(\.$retiredAt == nil).sort(\.$name).all()
        let owners = try await User.query(on: request.db).filter(\.$isActive == true).filter(\.$role != .involvedPerson)
            .sort(\.$displayName).all()
        let ids = (form.feedback ?? []).compactMap(UUID.init(uuidString:))
        let linked = try await FeedbackItem.query(on: request.db).filter(\.$id ~~ ids).all()
        return ActionPages.form(
            context: PageContext(request, title: "Raise an action", hasErrors: failure != nil), form: form,
            failure: failure,
            organisations: organisations, places: places, services: services, owners: owners,
            themes: request.listeningEngine.actionThemeNames, linked: linked, csrfToken: request.csrfToken,
            submissionKey: request.newSubmissionKey, notice: notice)
    }

    /// `planVersion` and `updateVersion`: those a refused plan or update form was opened with; otherwise the
    /// action's as stored.
    static func renderDetail(
        _ request: Request, action: ActionItem, failure: ValidationFailure?, status: String, note: String,
        plan: [String: String]? = nil, references: String = "", planVersion: String? = nil,
        updateVersion: String? = nil
    )
        async throws -> String
    {
        let shownUpdateVersion =
            if let updateVersion { updateVersion } else {
                EditVersion.of(try await updateVersionValues(action.id!, on: request.db))
            }
        let links = try await ActionFeedbackLink.query(on: request.db).filter(\.$action.$id == action.id!).with(
            \.$feedback
        ).all()
        return ActionPages.detail(
            context: PageContext(request, title: action.title, hasErrors: failure != nil), action: action,
            linked: links.map(\.feedback), failure: failure, status: status, note: note,
            plan: plan ?? [
                "title": action.title, "owner_id": action.$owner.id?.uuidString ?? "",
                "due_on": DateInput.format(action.dueOn),
            ], owners: try await owners(on: request.db), references: references, csrfToken: request.csrfToken,
            notice: Admin.takeFlash(request),
            updateVersion: shownUpdateVersion,
            planVersion: planVersion ?? EditVersion.of(editablePlan(action)))
    }

    /// Links more feedback to an action by reference ("HRD-7K3M9QPX, HRD-…"): the same answer now covers it.
    /// When the action is already closed, the newly linked feedback counts as answered and its people are told.
    @Sendable static func linkFeedback(_ request: Request) async throws -> Response {
        let action = try await load(request)
        let typed = Admin.text(request, "references")
        let references = Set(
            typed.uppercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.map(String.init)
                .filter { $0.hasPrefix("HRD-") })
        func refuse(_ message: String) async throws -> Response {
            .html(
                try await renderDetail(
                    request, action: action, failure: ValidationFailure([FieldError("references", message)]),
                    status: action.status.rawValue, note: "", references: typed),
                status: .unprocessableEntity)
        }
        guard !references.isEmpty else {
            return try await refuse("Enter one or more feedback references, like HRD-7K3M9QPX.")
        }
        let items = try await FeedbackItem.query(on: request.db).filter(\.$reference ~~ Array(references)).all()
        let unknown = references.subtracting(items.map(\.reference)).sorted()
        guard unknown.isEmpty else {
            return try await refuse(
                "No feedback has the reference \(unknown.joined(separator: ", ")). Check it against the feedback list.")
        }
        if let problem = try await unanswerable(items.map { $0.id! }, on: request.db) {
            return try await refuse(problem)
        }
        let already = Set(
            try await ActionFeedbackLink.query(on: request.db).filter(\.$action.$id == action.id!).all()
                .map(\.$feedback.id))
        let new = items.filter { !already.contains($0.id!) }
        guard !new.isEmpty else {
            Admin.flash(request, "Nothing new to link: that feedback is already linked to this action.")
            return request.redirect(to: SiteURL.action(action.id!))
        }
        let now = Date()
        let told = try await request.db.writeTransaction { db -> Int in
            for item in new {
                try await ActionFeedbackLink(actionID: action.id!, feedbackID: item.id!).create(on: db)
                if item.actionLinkedAt == nil {
                    item.actionLinkedAt = now
                    try await item.save(on: db)
                }
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "action.feedback_linked", objectType: "action",
                objectID: action.id?.uuidString,
                summary: "Linked \(new.map(\.reference).sorted().joined(separator: ", ")) to action \(action.title)")
            guard action.status.isClosed, !new.isEmpty else { return 0 }
            return try await LoopClosureNotices.queue(
                for: action, on: db, now: now, only: Set(new.map { $0.id! }),
                publicURL: request.heardConfiguration.publicURL)
        }
        let linked = new.count == 1 ? "1 piece of feedback" : "\(new.count) pieces of feedback"
        let skipped = items.count - new.count
        Admin.flash(
            request,
            "Linked \(linked)." + (skipped > 0 ? " \(skipped) already linked." : "")
                + (told > 0
                    ? " \(told) \(told == 1 ? "person" : "people") who left an e-mail address will be told." : ""))
        return request.redirect(to: SiteURL.action(action.id!))
    }

    /// Why some of the feedback cannot be answered by an action (not moderated yet, or rejected), or nil.
    static func unanswerable(_ ids: [UUID], on db: any Database) async throws -> String? {
        guard !ids.isEmpty else { return nil }
        let refused = try await FeedbackItem.query(on: db).filter(\.$id ~~ ids).all()
            .filter { !$0.status.canBeAnswered }.sorted { $0.reference < $1.reference }
        guard !refused.isEmpty else { return nil }
        let listed = refused.map { "\($0.reference) (\($0.status.title.lowercased()))" }.joined(separator: ", ")
        return "Only moderated feedback can be answered by an action: leave out \(listed)."
    }

    /// An open action is overdue once its due day has passed (UK days): due today is not overdue yet.
    static func overdueBefore(today: SimpleDate) -> Date { DecisionClock.startOfUKDay(today) }

    /// Who can own an action: active staff.
    static func owners(on db: any Database) async throws -> [User] {
        try await User.query(on: db).filter(\.$isActive == true).filter(\.$role != .involvedPerson)
            .sort(\.$displayName).all()
    }

    /// What the plan form shows, for `EditVersion`.
    static func editablePlan(_ action: ActionItem?) -> [String?] {
        guard let action else { return [] }
        return [action.title, action.$owner.id?.uuidString, DateInput.format(action.dueOn)]
    }

    /// Changes what will be done, who owns it and by when. A new due date must be ahead (an unchanged one may
    /// have passed); the change is written into the action's updates, so the public trail shows it.
    @Sendable static func changePlan(_ request: Request) async throws -> Response {
        let action = try await load(request)
        let typed = [
            "title": Admin.text(request, "title").trimmingWhitespace(),
            "owner_id": Admin.text(request, "owner_id"),
            "due_on": Admin.text(request, "due_on").trimmingWhitespace(),
        ]
        var errors: [FieldError] = []
        if typed["title"]!.isEmpty {
            errors.append(FieldError("title", "Enter what will be done, in a short sentence."))
        } else if let problem = TextLimit.problem(typed["title"]!, limit: TextLimit.title, what: "what will be done") {
            errors.append(FieldError("title", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(in: typed["title"]!, field: "title") {
            errors.append(problem)
        }
        let owner = try await UUID(uuidString: typed["owner_id"]!).asyncFlatMap {
            try await User.find($0, on: request.db)
        }
        if owner == nil || owner?.isActive != true || owner?.role == .involvedPerson {
            errors.append(FieldError("owner_id", "Choose who owns this action."))
        }
        let unchangedDue = typed["due_on"] == DateInput.format(action.dueOn)
        let due = unchangedDue ? action.dueOn : dueDate(typed["due_on"], today: request.today, into: &errors)
        guard errors.isEmpty, let owner, let due else {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            return .html(
                try await renderDetail(
                    request, action: action, failure: ValidationFailure(errors), status: action.status.rawValue,
                    note: "", plan: typed, planVersion: EditVersion.sent(request)),
                status: .unprocessableEntity)
        }
        var changes: [FieldChange] = []
        var said: [String] = []
        if typed["title"]! != action.title {
            changes.append(FieldChange("title", from: action.title, to: typed["title"]!))
            said.append("now \"\(typed["title"]!)\"")
        }
        if owner.id != action.$owner.id {
            changes.append(FieldChange("owner_id", from: action.$owner.id?.uuidString, to: owner.id?.uuidString))
            said.append("owned by \(owner.displayName)")
        }
        if !unchangedDue {
            changes.append(FieldChange("due_on", from: DateInput.format(action.dueOn), to: DateInput.format(due)))
            said.append(
                "due \(due.formatted(StoriesPages.dayFormat)) (was \(action.dueOn.formatted(StoriesPages.dayFormat)))")
        }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed.")
            return request.redirect(to: SiteURL.action(action.id!))
        }
        action.title = typed["title"]!
        action.$owner.id = owner.id
        action.dueOn = due
        let user = request.currentUser
        let note = "Plan changed: " + said.joined(separator: "; ") + "."
        let audited = changes
        let id = action.id!
        do {
            try await request.db.writeTransaction { db in
                try await EditVersion.check(
                    sent: EditVersion.sent(request), stored: { editablePlan(try await ActionItem.find(id, on: $0)) },
                    schema: ActionItem.schema, id: id, objectType: "action", noun: "action", on: db)
                try await action.save(on: db)
                try await ActionUpdate(
                    actionID: action.id!, status: action.status,
                    note: note, authorID: user?.id, authorLabel: user?.role.title ?? "Staff"
                ).create(on: db)
                try await AuditLog.record(
                    on: db, actor: Admin.actor(request), action: "action.plan_changed", objectType: "action",
                    objectID: action.id?.uuidString, summary: "Changed the plan of action \(action.title)",
                    changes: audited
                )
            }
        } catch let stale as EditVersion.Stale {
            return .html(
                try await renderDetail(
                    request, action: try await load(request),
                    failure: ValidationFailure([FieldError("title", stale.message)]), status: action.status.rawValue,
                    note: "", plan: typed),
                status: .conflict)
        }
        Admin.flash(request, "Plan changed.")
        return request.redirect(to: SiteURL.action(action.id!))
    }
}

/// Reads the yyyy-mm-dd a date input sends, in UK time.
public enum DateInput {
    public static func parse(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]),
            (1...31).contains(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12)
        guard let date = calendar.date(from: components), calendar.component(.day, from: date) == parts[2] else {
            return nil
        }
        return date
    }

    public static func format(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
