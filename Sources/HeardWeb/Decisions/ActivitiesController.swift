import Fluent
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// The listening engine as the decisions pages use it: the app's shared engine (the trained model when one
/// is committed, otherwise redaction only).
enum DecisionText {
    /// The text with personal data replaced, whether anything was found, and themes when a model is present.
    static func analyse(
        _ text: String, engine: ListeningEngine
    ) -> (redacted: String, wasRedacted: Bool, themes: [String]) {
        let analysis = engine.analyse(text)
        return (analysis.redactedText, !analysis.personalData.isEmpty, analysis.themes)
    }
}

/// Involvement activities: record one, capture what people said, and see how often each place has one.
enum ActivitiesController {
    static let accessibilityFeatures: [FormComponents.Choice] = [
        .init(value: "step_free", label: "Step-free access"), .init(value: "hearing_loop", label: "Hearing loop"),
        .init(value: "interpreters", label: "Interpreters"), .init(value: "easy_read", label: "Easy-read materials"),
    ]

    /// The list's filters: a place, a kind, and upcoming or past.
    struct ListFilters {
        var place: String
        var kind: String
        var when: String
        var page: Int?

        init(_ request: Request) {
            place = request.query[String.self, at: "place"] ?? ""
            kind = request.query[String.self, at: "kind"] ?? ""
            when = request.query[String.self, at: "when"] ?? ""
            page = ListPage.requested(request)
        }

        var pairs: [(String, String)] { [("place", place), ("kind", kind), ("when", when)] }
    }

    /// How often each place has an in-person activity (from the dates alone), then the activities, 50 a page.
    @Sendable static func index(_ request: Request) async throws -> Response {
        let filters = ListFilters(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: places.map { ($0.id!, $0.name) })
        let inPerson = ActivityKind.allCases.filter(\.isInPerson)
        var dates: [String: [SimpleDate]] = [:]
        for activity in try await InvolvementActivity.query(on: request.db).filter(\.$kind ~~ inPerson)
            .field(\.$id).field(\.$place.$id).field(\.$heldOn).all()
        {
            dates[names[activity.$place.id] ?? "", default: []].append(activity.date)
        }
        let cadence = CadenceRules.cadence(places: places.map(\.name), inPersonDates: dates, today: request.today)

        var query = InvolvementActivity.query(on: request.db)
        var problems = FilterProblems()
        if let place = problems.choice(filters.place, "place", { slug in places.first { $0.slug == slug } }) {
            query = query.filter(\.$place.$id == place.id!)
        }
        if let kind = problems.choice(filters.kind, "kind of activity", ActivityKind.init(rawValue:)) {
            query = query.filter(\.$kind == kind)
        }
        switch problems.choice(filters.when, "\"When\" choice", { ["upcoming", "past"].contains($0) ? $0 : nil }) {
        case "upcoming": query = query.filter(\.$heldOn >= request.today.iso)
        case "past": query = query.filter(\.$heldOn < request.today.iso)
        default: break
        }
        query = problems.narrowing(query)
        let page = ListPage(requested: filters.page, total: try await query.copy().count())
        let activities = try await query.with(\.$place).with(\.$initiative).sort(\.$heldOn, .descending)
            .sort(\.$id).range(page.range).all()
        return .html(
            ActivityViews.index(
                activities: activities, cadence: cadence, filters: filters, places: places, page: page,
                context: PageContext(request, title: "Involvement activities"),
                notice: problems.notice(request)))
    }

    @Sendable static func new(_ request: Request) async throws -> Response {
        let initiativeID = (try? request.query.get(String.self, at: "initiative")) ?? ""
        var input = ActivityInput()
        input.date = request.today.iso
        return try await render(request, input: input, initiativeID: initiativeID, features: [], failure: nil)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        try await save(request, editing: nil)
    }

    /// After the event: who came, what they said, what changed. Same checks as recording it.
    @Sendable static func edit(_ request: Request) async throws -> Response {
        let activity = try await find(request)
        let input = ActivityInput(
            title: activity.title, kind: activity.kind.rawValue, placeID: activity.$place.id.uuidString,
            date: activity.heldOn, venue: activity.venue, attendees: String(activity.attendees), notes: activity.notes,
            whatChanged: activity.whatChanged, startTime: activity.startTime ?? "", endTime: activity.endTime ?? "",
            capacity: activity.capacity.map(String.init) ?? "", payment: activity.paymentPence.map(Pence.plain) ?? "")
        let features = Set(
            [
                activity.stepFree ? "step_free" : nil, activity.hearingLoop ? "hearing_loop" : nil,
                activity.interpreters ? "interpreters" : nil, activity.easyRead ? "easy_read" : nil,
            ].compactMap { $0 })
        return try await render(
            request, input: input, initiativeID: activity.$initiative.id?.uuidString.lowercased() ?? "",
            features: features, failure: nil, editing: activity)
    }

    @Sendable static func update(_ request: Request) async throws -> Response {
        try await save(request, editing: try await find(request))
    }

    static func save(_ request: Request, editing existing: InvolvementActivity?) async throws -> Response {
        let input = ActivityInput(
            title: Admin.text(request, "title"), kind: Admin.text(request, "kind"),
            placeID: Admin.text(request, "place_id"), date: Admin.text(request, "date"),
            venue: Admin.text(request, "venue"), attendees: Admin.text(request, "attendees"),
            notes: Admin.text(request, "notes"), whatChanged: Admin.text(request, "what_changed"),
            startTime: Admin.text(request, "start_time"), endTime: Admin.text(request, "end_time"),
            capacity: Admin.text(request, "capacity"), payment: Admin.text(request, "payment"))
        let initiativeID = Admin.text(request, "initiative_id")
        let features = Set(Admin.list(request, "accessibility"))
        let submission = existing == nil ? SubmittedOnce.key(request) : nil
        if let path = try await SubmittedOnce.earlier(submission, on: request.db) {
            return SubmittedOnce.repeated(request, resultPath: path)
        }
        do {
            var errors: [FieldError] = []
            var valid: ActivityInput.Valid?
            do { valid = try input.validated(today: request.today, storedDate: existing?.heldOn) } catch {
                errors = error.errors
            }
            let place = try await UUID(uuidString: input.placeID).asyncFlatMap {
                try await Place.find($0, on: request.db)
            }
            if place == nil && !input.placeID.isEmpty {
                errors.append(FieldError("place_id", "Select a place from the list."))
            } else if let place, let retiredAt = place.retiredAt, place.id != existing?.$place.id {
                // One already held there keeps its place; a new one is somewhere in use.
                errors.append(
                    FieldError("place_id", Retirement.placeRetired(place.name, on: SimpleDate.ukDay(of: retiredAt))))
            }
            let initiative: Initiative? =
                initiativeID.isEmpty
                ? nil
                : try await UUID(uuidString: initiativeID).asyncFlatMap {
                    try await Initiative.find($0, on: request.db)
                }
            if !initiativeID.isEmpty && initiative == nil {
                errors.append(FieldError("initiative_id", "Select an initiative from the list."))
            }
            if let existing, let valid, valid.date != existing.date {
                // Claims belong to the day it was held: moving it would hide them from the people who made them
                // (their page lists past activities) and move the time to claim.
                let claims = try await ExpenseClaim.query(on: request.db).join(
                    Invitation.self, on: \ExpenseClaim.$invitation.$id == \Invitation.$id
                ).filter(Invitation.self, \.$activity.$id == existing.id!).count()
                if claims > 0 {
                    errors.append(
                        FieldError(
                            "date",
                            "\(Wording.count(claims, "expense claim has", "expense claims have")) been made for this activity on \(existing.date.ukText), so its date cannot change. If it was recorded on the wrong day, ask an administrator."
                        ))
                }
            }
            if let existing, let valid {
                // The monitoring forms typed in are people who came: the count cannot go below them.
                let forms = try await monitoringForms(existing, on: request.db)
                if forms > valid.attendees {
                    errors.append(
                        FieldError(
                            "attendees",
                            "\(forms) equality monitoring \(forms == 1 ? "form is" : "forms are") typed in for this activity, so at least \(forms) \(forms == 1 ? "person" : "people") came."
                        ))
                }
            }
            guard errors.isEmpty, let valid, let place else { throw ValidationFailure(errors) }
            let activity =
                existing
                ?? InvolvementActivity(
                    initiativeID: nil, placeID: place.id!, kind: valid.kind, title: valid.title, heldOn: valid.date,
                    venue: valid.venue, attendees: valid.attendees)
            if activity.id == nil { activity.id = UUID() }
            let changes = [
                FieldChange("title", from: existing?.title, to: valid.title),
                FieldChange("held_on", from: existing?.heldOn, to: valid.date.iso),
                FieldChange("start_time", from: existing?.startTime, to: valid.startTime),
                FieldChange("end_time", from: existing?.endTime, to: valid.endTime),
                FieldChange("kind", from: existing?.kind.rawValue, to: valid.kind.rawValue),
                FieldChange("venue", from: existing?.venue, to: valid.venue),
                FieldChange("attendees", from: existing.map { String($0.attendees) }, to: String(valid.attendees)),
                FieldChange("capacity", from: existing?.capacity.map(String.init), to: valid.capacity.map(String.init)),
                FieldChange(
                    "payment_pence", from: existing?.paymentPence.map(String.init),
                    to: valid.paymentPence.map(String.init)),
                FieldChange("what_changed", from: existing?.whatChanged, to: valid.whatChanged),
                FieldChange(
                    "initiative_id", from: existing?.$initiative.id?.uuidString, to: initiative?.id?.uuidString),
            ]
            let before = existing.map(ActivityChange.Snapshot.init)
            activity.$initiative.id = initiative?.id
            activity.$place.id = place.id!
            activity.kind = valid.kind
            activity.title = valid.title
            activity.heldOn = valid.date.iso
            activity.startTime = valid.startTime
            activity.endTime = valid.endTime
            activity.venue = valid.venue
            activity.stepFree = features.contains("step_free")
            activity.hearingLoop = features.contains("hearing_loop")
            activity.interpreters = features.contains("interpreters")
            activity.easyRead = features.contains("easy_read")
            activity.attendees = valid.attendees
            activity.capacity = valid.capacity
            activity.paymentPence = valid.paymentPence
            activity.notes = valid.notes
            activity.whatChanged = valid.whatChanged
            let change = before.map { ActivityChange(before: $0, after: .init(activity)) }
            // People who said they are coming, or have not replied yet, hear about a change to when, where or
            // what; once it has happened there is nobody left to tell.
            let invitations =
                change?.tellsInvitees == true && valid.date >= request.today
                ? try await Invitation.query(on: request.db).filter(\.$activity.$id == activity.id!)
                    .filter(\.$status ~~ [.accepted, .invited]).with(\.$user).all() : []
            // So do people who signed up on the public page; those who gave only a phone number are listed for
            // staff to ring.
            let signups =
                change?.tellsInvitees == true && valid.date >= request.today && !activity.isCancelled
                ? try await EventSignups.signups(of: activity, on: request.db) : []
            let emailedSignups = signups.filter { $0.email != nil }
            let contact = request.heardConfiguration.contact
            do {
                try await request.db.writeTransaction { db in
                    if let id = existing?.id {
                        try await EditVersion.check(
                            sent: EditVersion.sent(request),
                            stored: { editable(try await InvolvementActivity.find(id, on: $0)) },
                            schema: InvolvementActivity.schema, id: id, objectType: "activity", noun: "activity",
                            on: db)
                    }
                    try await SubmittedOnce.record(submission, resultPath: DecisionURL.activity(activity.id!), on: db)
                    try await activity.save(on: db)
                    try await AuditLog.record(
                        on: db, actor: Admin.actor(request),
                        action: existing == nil ? "activity.created" : "activity.updated", objectType: "activity",
                        objectID: activity.id?.uuidString,
                        summary:
                            "\(existing == nil ? "Recorded" : "Changed") \(valid.kind.title.lowercased()) \(valid.title) in \(place.name) on \(valid.date.ukText)",
                        changes: changes)
                    if let change {
                        for invitation in invitations {
                            try await change.notice(to: invitation, activity: activity).create(on: db)
                        }
                        for signup in emailedSignups {
                            try await change.notice(to: signup, activity: activity, contact: contact).create(on: db)
                        }
                    }
                }
            } catch let error where !(error is EditVersion.Stale) {
                if let response = try await SubmittedOnce.repeatedAfterClash(request, key: submission, error: error) {
                    return response
                }
                throw error
            }
            var warnings: [String] = []
            if let initiative, valid.date > request.today,
                let consultation = try await Consultation.query(on: request.db)
                    .filter(\.$initiative.$id == initiative.id!).first()
            {
                let lastDay = Self.lastDay(of: consultation)
                if valid.date > lastDay {
                    warnings.append(
                        "This activity is on \(valid.date.ukText), after the consultation \"\(consultation.title)\" closes on \(lastDay.ukText), so it is not listed on the consultation's page as a way to respond."
                    )
                }
            }
            if let change, !change.removedAccess.isEmpty {
                let needing =
                    invitations.filter { !$0.accessNeeds.isEmpty }.map { ($0.inviteeName, $0.accessNeeds) }
                    + signups.filter { !$0.accessNeeds.isEmpty }.map { ($0.name, $0.accessNeeds) }
                if !needing.isEmpty {
                    warnings.append(
                        "This change removed \(ActivityChange.join(change.removedAccess)), and "
                            + ActivityChange.join(needing.map { "\($0.0) (\"\($0.1)\")" })
                            + " told us what they need to take part. Check they can still come, and contact them before the day."
                    )
                }
            }
            let phoneOnly = signups.filter { $0.email == nil }
            if !phoneOnly.isEmpty {
                warnings.append(
                    "\(Wording.count(phoneOnly.count, "person", "people")) signed up with a phone number only and "
                        + "\(phoneOnly.count == 1 ? "has" : "have") not been told of this change: ring "
                        + ActivityChange.join(phoneOnly.map { "\($0.name) (\($0.phone ?? ""))" }) + "."
                )
            }
            if !warnings.isEmpty { request.session.data[accessWarningKey] = warnings.joined(separator: " ") }
            Admin.flash(
                request,
                existing == nil
                    ? "Activity recorded: \(valid.title)"
                    : "Activity changed: \(valid.title)"
                        + (invitations.isEmpty
                            ? ""
                            : ". \(invitations.count) invited \(invitations.count == 1 ? "person has" : "people have") been e-mailed about the change.")
                        + (emailedSignups.isEmpty
                            ? ""
                            : ". \(Wording.count(emailedSignups.count, "person who signed up has", "people who signed up have")) been e-mailed about the change.")
            )
            return request.redirect(to: DecisionURL.activity(activity.id!))
        } catch let failure as ValidationFailure {
            // A refused save keeps the version the form was opened with: correcting it is no reason to overwrite.
            let response = try await render(
                request, input: input, initiativeID: initiativeID, features: features, failure: failure,
                editing: existing, version: EditVersion.sent(request))
            response.status = .unprocessableEntity
            return response
        } catch let stale as EditVersion.Stale {
            let response = try await render(
                request, input: input, initiativeID: initiativeID, features: features,
                failure: ValidationFailure([FieldError("title", stale.message)]), editing: try await find(request))
            response.status = .conflict
            return response
        }
    }

    /// What the edit form shows, for `EditVersion`.
    static func editable(_ activity: InvolvementActivity?) -> [String?] {
        guard let activity else { return [] }
        return [
            activity.title, activity.kind.rawValue, activity.$place.id.uuidString, activity.heldOn, activity.venue,
            String(activity.attendees), activity.notes, activity.whatChanged,
            activity.$initiative.id?.uuidString, String(activity.stepFree), String(activity.hearingLoop),
            String(activity.interpreters), String(activity.easyRead), activity.startTime, activity.endTime,
            activity.capacity.map(String.init), activity.paymentPence.map(String.init),
        ]
    }

    /// `version`: the one a refused form was opened with; otherwise the activity's as stored.
    static func render(
        _ request: Request, input: ActivityInput, initiativeID: String, features: Set<String>,
        failure: ValidationFailure?, editing: InvolvementActivity? = nil, version: String? = nil
    ) async throws -> Response {
        // Places in use, and the one an activity being changed is already at.
        let places = try await Place.query(on: request.db).sort(\.$name).all().filter {
            !$0.isRetired || $0.id == editing?.$place.id
        }
        let initiatives = try await Initiative.query(on: request.db).sort(\.$title).all()
        return .html(
            ActivityViews.form(
                request, input: input, initiativeID: initiativeID, features: features, places: places,
                initiatives: initiatives, failure: failure, editing: editing, version: version))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        try await renderShow(request, try await find(request), failure: nil, status: .ok)
    }

    /// A comment someone made at the activity, captured as feedback and redacted before it can be published.
    @Sendable static func addComment(_ request: Request) async throws -> Response {
        let activity = try await find(request)
        let text = Admin.text(request, "comment").trimmingWhitespace()
        // What people said at an activity can only be heard once it has been held.
        if activity.date > request.today {
            let failure = ValidationFailure([
                FieldError(
                    "comment",
                    "This activity is on \(activity.date.ukText). Capture what people said once it has happened.")
            ])
            return try await renderShow(request, activity, failure: failure, status: .unprocessableEntity)
        }
        if text.isEmpty || text.count > 5000 {
            let failure = ValidationFailure([
                FieldError(
                    "comment",
                    text.isEmpty ? "Enter what the person said." : "Keep each comment to 5,000 characters or fewer.")
            ])
            return try await renderShow(request, activity, failure: failure, status: .unprocessableEntity)
        }
        let analysis = DecisionText.analyse(text, engine: request.listeningEngine)
        // With a service named, the comment also becomes a feedback item ("at an event"): analysed, moderated and
        // counted with everything else people tell us.
        let serviceText = Admin.text(request, "service_id")
        var feedback: FeedbackIntake.Recorded?
        if let serviceID = UUID(uuidString: serviceText),
            let service = try await Service.query(on: request.db).filter(\.$id == serviceID).first()
        {
            if let retiredAt = service.retiredAt {
                let failure = ValidationFailure([
                    FieldError(
                        "service_id", Retirement.serviceRetired(service.name, on: SimpleDate.ukDay(of: retiredAt)))
                ])
                return try await renderShow(request, activity, failure: failure, status: .unprocessableEntity)
            }
            let submission = try FeedbackSubmission(serviceID: serviceText, story: text).validated(
                consentRequired: false)
            feedback = try await request.feedbackIntake.record(
                submission, service: try ServiceDirectory.Entry(service),
                origin: .init(channel: .event, enteredBy: request.currentUser))
        }
        let comment = ActivityComment(
            activityID: activity.id!, text: text, redactedText: analysis.redacted, wasRedacted: analysis.wasRedacted)
        comment.feedbackID = feedback?.id
        let reference = feedback?.reference
        try await request.db.writeTransaction { db in
            try await comment.create(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "activity.comment_added", objectType: "activity",
                objectID: activity.id?.uuidString,
                summary: "Captured a comment from \(activity.title)"
                    + (reference.map { " as feedback \($0)" } ?? "")
                    + (analysis.wasRedacted ? " (personal data redacted)" : ""))
        }
        Admin.flash(
            request,
            "Comment captured" + (reference.map { " as feedback \($0), waiting for moderation" } ?? "")
                + (analysis.wasRedacted ? "; personal details were removed from the published copy." : "."))
        return request.redirect(to: DecisionURL.activity(activity.id!))
    }

    static func monitoringForms(_ activity: InvolvementActivity, on db: any Database) async throws -> Int {
        try await EqualityResponse.query(on: db).filter(\.$contextType == "activity")
            .filter(\.$contextID == activity.id!).count()
    }

    /// One attendee's equality monitoring form, typed in. Stored apart, reported only in aggregate.
    @Sendable static func addMonitoring(_ request: Request) async throws -> Response {
        let activity = try await find(request)
        let submission = try ResponsesController.submission(request)
        let (answers, errors) = ResponsesController.equalityAnswers(submission)
        if !errors.isEmpty || answers.isEmpty {
            let failure = ValidationFailure(
                errors.isEmpty
                    ? [FieldError("eq-age_band", "Enter at least one answer from the monitoring form.")] : errors)
            return try await renderShow(request, activity, failure: failure, status: .unprocessableEntity)
        }
        // Each form is one person who came: more forms than people would count someone twice.
        let forms = try await monitoringForms(activity, on: request.db)
        if forms >= activity.attendees {
            let came = activity.attendees == 1 ? "1 person came" : "\(activity.attendees) people came"
            let typed = forms == 1 ? "1 monitoring form is" : "\(forms) monitoring forms are"
            let failure = ValidationFailure([
                FieldError(
                    "eq-age_band",
                    "The activity records that \(came), and \(typed) already typed in, so this one would be more forms than people. If more people came, correct \"People who came\" first."
                )
            ])
            return try await renderShow(request, activity, failure: failure, status: .unprocessableEntity)
        }
        try await request.db.writeTransaction { db in
            if let encoded = EqualityAnswers.encode(answers) {
                try await EqualityResponse(
                    contextType: "activity", contextID: activity.id!, placeID: activity.$place.id, answers: encoded
                ).create(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "activity.monitoring_added", objectType: "activity",
                objectID: activity.id?.uuidString,
                summary: "Typed in an equality monitoring form from \(activity.title)")
        }
        Admin.flash(request, "Monitoring form saved. Type in the next one, or go back.")
        return request.redirect(to: DecisionURL.activity(activity.id!) + "#monitoring")
    }

    static func renderShow(
        _ request: Request, _ activity: InvolvementActivity, failure: ValidationFailure?, status: HTTPResponseStatus,
        guestTyped: [String: String] = [:], outcomeTyped: [String: String] = [:],
        attendanceTyped: [String: String] = [:]
    ) async throws -> Response {
        let comments = try await ActivityComment.query(on: request.db).filter(\.$activity.$id == activity.id!)
            .sort(\.$createdAt).all()
        let services = try await Service.query(on: request.db).filter(\.$place.$id == activity.$place.id)
            .filter(\.$retiredAt == nil).sort(\.$name).all()
        let answers = try await EqualityResponse.query(on: request.db).filter(\.$contextType == "activity")
            .filter(\.$contextID == activity.id!).all()
        let population = try await ConsultationAnalysis.population(of: activity.$place.id, on: request.db)
        let source = try await PopulationFigure.query(on: request.db).filter(\.$place.$id == activity.$place.id)
            .first()?
            .source
        let groups = ConsultationAnalysis.representation(answers, population: population)
        let invitations = try await Invitation.query(on: request.db).filter(\.$activity.$id == activity.id!)
            .with(\.$user).sort(\.$createdAt).all()
        let invited = Set(invitations.compactMap(\.$user.id))
        let invitable = try await User.query(on: request.db).filter(\.$role == .involvedPerson)
            .filter(\.$isActive == true).sort(\.$displayName).all().filter { !invited.contains($0.id!) }
        let guestAccounts = try await GuestInvitations.accounts(of: invitations, on: request.db)
        return .html(
            ActivityViews.show(
                activity, comments: comments, services: services, representation: groups, populationSource: source,
                invitations: invitations, invitable: invitable, guestAccounts: guestAccounts,
                signups: try await EventSignups.signups(of: activity, on: request.db), today: request.today,
                context: PageContext(request, title: activity.title, hasErrors: failure != nil),
                notice: Admin.takeFlash(request), warning: takeAccessWarning(request), failure: failure, typed: "",
                guestTyped: guestTyped, outcomeTyped: outcomeTyped, attendanceTyped: attendanceTyped),
            status: status)
    }

    /// The last day people can respond to the consultation: the day it was closed early, if it was.
    static func lastDay(of consultation: Consultation) -> SimpleDate {
        consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)).map { min($0, consultation.closes) }
            ?? consultation.closes
    }

    /// Shown once on the activity's page after a save that needs a second look: a change took away an
    /// arrangement someone said they need, or the activity is after its consultation closes.
    static let accessWarningKey = "activity_access_warning"

    static func takeAccessWarning(_ request: Request) -> String? {
        guard request.hasSession, let warning = request.session.data[accessWarningKey] else { return nil }
        request.session.data[accessWarningKey] = nil
        return warning
    }

    static func find(_ request: Request) async throws -> InvolvementActivity {
        guard
            let activity = try await InvolvementActivity.query(on: request.db)
                .filter(\.$id == (try Admin.uuidParameter(request))).with(\.$place).with(\.$initiative).first()
        else { throw Abort(.notFound) }
        return activity
    }
}
