import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// Staff work on feedback: the full list, one item with its reply, and the reply queue.
enum StaffFeedbackController {
    struct ListFilters: Content {
        var status: String?
        /// An organisation's id, as the FFT results page's links send it.
        var organisation: String? = nil
        var place: String?
        /// A service's id, as the dashboard's "By service" links send it.
        var service: String?
        var theme: String?
        /// Received on or after this UK day (`YYYY-MM-DD`), as the dashboard's "last 4 weeks" links send it.
        var from: String?
        /// Received on or before this UK day (`YYYY-MM-DD`), as the dashboard's weekly chart sends it (a week is
        /// `from` its Monday `to` its Sunday).
        var to: String?
        /// The reference the person was given ("HRD-7K3Q9XAB"): opens that item.
        var reference: String?
        /// An `FFTAnswerGroup` ("poor-or-very-poor").
        var answer: String? = nil
        /// "with" a comment, or "without" (an FFT answer only, its words if any saying nothing).
        var words: String? = nil
        var page: Int?
    }

    /// The choices of the "Words" filter. Words that say nothing ("N/A") are no comment.
    static let wordsChoices = [
        ("with", "With a comment"), ("without", "FFT answer only: no comment, or one that says nothing (\"N/A\")"),
    ]

    /// A reference as people quote it: any case, with or without "HRD-", spaces or a missing hyphen.
    static func normalisedReference(_ text: String) -> String {
        let compact = text.uppercased().filter { $0.isLetter || $0.isNumber }
        let code = compact.hasPrefix("HRD") && compact.count > 8 ? String(compact.dropFirst(3)) : compact
        return "HRD-" + code
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        // Read field by field: a page that is not a number shows the first page rather than an error.
        var filters = ListFilters(
            status: request.query[String.self, at: "status"], place: request.query[String.self, at: "place"],
            service: request.query[String.self, at: "service"], theme: request.query[String.self, at: "theme"],
            from: request.query[String.self, at: "from"], to: request.query[String.self, at: "to"],
            reference: request.query[String.self, at: "reference"], answer: request.query[String.self, at: "answer"],
            words: request.query[String.self, at: "words"], page: ListPage.requested(request))
        filters.organisation = request.query[String.self, at: "organisation"]
        var query = FeedbackItem.query(on: request.db)
        // A value that names nothing matches nothing, and says so, rather than quietly showing everything.
        var problems = FilterProblems()
        if let typed = filters.reference?.trimmingWhitespace(), !typed.isEmpty {
            // Someone quoting their reference on the phone: straight to their feedback.
            let reference = normalisedReference(typed)
            if let item = try await FeedbackItem.query(on: request.db).filter(\.$reference == reference).first() {
                return request.redirect(to: SiteURL.feedback(item.id!))
            }
            problems.append(
                "No feedback has the reference \"\(String(typed.prefix(40)))\". Check it with the person: references look like HRD-7K3Q9XAB."
            )
        }
        let statusFilter = problems.choice(filters.status ?? "", "status", FeedbackStatusFilter.init(value:))
        switch statusFilter {
        case .only(let status): query = query.filter(\.$status == status)
        case .allButRejected: query = query.filter(\.$status != .rejected)
        case .any, nil: break
        }
        // A status that names nothing matches nothing (the notice says so): no line claims what is shown.
        let statusesShown =
            statusFilter?.shown
            ?? ((filters.status ?? "").trimmingWhitespace().isEmpty ? FeedbackStatusFilter.any.shown : nil)
        let place = try await problems.lookUp(filters.place ?? "", "place") { slug in
            try await Place.query(on: request.db).filter(\.$slug == slug).first()
        }
        if let place { query = query.filter(\.$place.$id == place.id!) }
        let organisation = try await problems.lookUp(filters.organisation ?? "", "organisation") { text in
            try await UUID(uuidString: text).asyncFlatMap { try await Organisation.find($0, on: request.db) }
        }
        if let organisation { query = query.filter(\.$organisation.$id == organisation.id!) }
        let service = try await problems.lookUp(filters.service ?? "", "service") { text in
            try await UUID(uuidString: text).asyncFlatMap { try await Service.find($0, on: request.db) }
        }
        if let service { query = query.filter(\.$service.$id == service.id!) }
        if let group = problems.choice(filters.answer ?? "", "FFT answer", FFTAnswerGroup.init(rawValue:)) {
            query =
                group == .noAnswer
                ? query.filter(\.$fftRating == nil) : query.filter(\.$fftRating ~~ group.ratings.map(\.rawValue))
        }
        let wordsChoice = problems.choice(filters.words ?? "", "choice of words") { text in
            Self.wordsChoices.contains { $0.0 == text } ? text : nil
        }
        // Words that say nothing ("N/A") are no comment: such an item is an FFT answer only.
        if wordsChoice == "with" {
            query = query.filter(\.$saysNothing == false).group(.or) {
                $0.filter(\.$story != "").filter(\.$whatWasGood != "").filter(\.$couldBeBetter != "")
            }
        } else if wordsChoice == "without" {
            query = query.group(.or) {
                $0.filter(\.$saysNothing == true).group(.and) {
                    $0.filter(\.$story == "").filter(\.$whatWasGood == "").filter(\.$couldBeBetter == "")
                }
            }
        }
        let themes = try await StoriesQuery.themeNames(on: request.db)
        if let theme = filters.theme, !theme.isEmpty {
            if !themes.contains(theme) {
                problems.append("No feedback has the theme \"\(theme)\", so nothing matches: choose one from the list.")
            }
            query = query.join(FeedbackTheme.self, on: \FeedbackTheme.$feedback.$id == \FeedbackItem.$id)
                .filter(FeedbackTheme.self, \.$theme == theme)
        }
        query = problems.narrowing(query)
        // A date that is not a date is an error on its field, as on every list with dates; the list is then not
        // limited by it.
        var errors: [FieldError] = []
        let from = Admin.date(filters.from, field: "from", into: &errors)
        if let day = from {
            query = query.filter(\.$receivedAt >= DecisionClock.startOfUKDay(day))
        }
        // Up to the end of that UK day: before midnight starting the next (GMT or BST, whichever applies).
        if let day = Admin.date(filters.to, field: "to", into: &errors) {
            if let from, day < from {
                errors.append(FieldError("to", "The end of the period cannot be before its start (\(from.ukText))."))
            }
            query = query.filter(\.$receivedAt < DecisionClock.startOfUKDay(day.adding(days: 1)))
        }
        let total = try await query.count()
        let page = ListPage(requested: filters.page, total: total)
        let items = try await query.with(\.$service).with(\.$place).sort(\.$receivedAt, .descending)
            .range(page.range).all()
        let failure = errors.isEmpty ? nil : ValidationFailure(errors)
        return .html(
            StaffFeedbackPages.list(
                context: PageContext(request, title: "Feedback", hasErrors: failure != nil), items: items,
                total: total, page: page.number, pageCount: page.count, statusesShown: statusesShown,
                filters: filters, choices: try await .load(on: request.db), themes: themes,
                notice: problems.notice(request), failure: failure),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    @Sendable static func replyQueue(_ request: Request) async throws -> Response {
        let filters = QueueFilters(request)
        let (query, problems) = try await filters.apply(
            to: FeedbackItem.query(on: request.db)
                .filter(\.$status == .published).filter(\.$needsAnswer == true).filter(\.$firstReplyAt == nil),
            on: request.db)
        let total = try await query.count()
        let page = ListPage(requested: request.query[Int.self, at: "page"], total: total)
        let items = try await query.with(\.$service).with(\.$place).sort(\.$publishedAt, .ascending).sort(\.$id)
            .range(page.range).all()
        return .html(
            StaffFeedbackPages.replyQueue(
                context: PageContext(request, title: "Replies"), items: items, total: total, page: page,
                filters: filters, choices: try await .load(on: request.db),
                notice: problems.notice(request)))
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let item = try await load(request)
        return .html(try await render(request, item: item, reply: "", failure: nil))
    }

    struct ReplyForm: Content { var body: String? }

    /// A reply is read on the website when the story is published, or by e-mail when the person asked for one
    /// and left an address. Otherwise it would reach no one, yet count as the loop closed.
    static func replyReachesSomeone(_ item: FeedbackItem) -> Bool {
        item.status == .published || (item.wantsReply && !(item.contactEmail ?? "").isEmpty)
    }

    static let unreachableReply =
        "This feedback is not published and the person did not ask for a reply by e-mail, so a reply would reach no one. If something changed because of it, raise an action: that is how they and others are told."

    @Sendable static func reply(_ request: Request) async throws -> Response {
        let item = try await load(request)
        // A reply is published and e-mailed: direction controls would make its words read in another order.
        let body = (try request.content.decode(ReplyForm.self).body ?? "").removingBidiControls()
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: FieldError?
        if body.isEmpty { problem = FieldError("body", "Enter your reply.") }
        if body.count > 5000 { problem = FieldError("body", "Keep the reply to 5,000 characters or fewer.") }
        if ![.published, .approvedPrivate, .withdrawn].contains(item.status) {
            problem = FieldError("body", "Moderate this feedback before replying to it.")
        } else if !replyReachesSomeone(item) {
            problem = FieldError("body", unreachableReply)
        }
        let left = request.listeningEngine.personalDataFound(in: body)
        if item.status == .published, !left.isEmpty {
            problem = FieldError(
                "body", "Public replies must not contain personal data: remove \(EnglishList.and(left)).")
        }
        if let problem {
            let page = try await render(request, item: item, reply: body, failure: ValidationFailure([problem]))
            return .html(page, status: .unprocessableEntity)
        }
        let user = request.currentUser!
        let organisation = try await user.$organisation.get(on: request.db) ?? item.organisation
        let signature = "\(user.role.title), \(organisation.name)"
        let now = Date()
        let published = try await request.db.writeTransaction { db -> Bool in
            // Writing to the item first takes its lock, so a second press of "Publish" (or a resent form) waits
            // for the first, then finds the same reply already there and publishes nothing.
            try await (db as! any SQLDatabase).raw(
                """
                UPDATE feedback_items SET first_reply_at = COALESCE(first_reply_at, \(bind: now))
                WHERE id = \(bind: item.id!)
                """
            ).run()
            let already = try await FeedbackReply.query(on: db).filter(\.$feedback.$id == item.id!)
                .filter(\.$body == body).count()
            guard already == 0 else { return false }
            try await FeedbackReply(
                feedbackID: item.id!, body: body, authorID: user.id, authorRole: user.role, signature: signature
            ).create(on: db)
            if item.wantsReply, let email = item.contactEmail {
                try await Notice(
                    to: email, subject: "A reply to your feedback (\(item.reference))",
                    body: """
                        Thank you for telling us about \(item.service.name). Here is our reply:

                        \(body)

                        \(signature)
                        \(item.status == .published ? "\nYour story and this reply are on our website: " + request.heardConfiguration.publicURL + SiteURL.story(item.reference) : "")
                        """,
                    kind: "reply", feedbackID: item.id
                ).create(on: db)
            }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "feedback.replied", objectType: "feedback",
                objectID: item.id?.uuidString, summary: "Replied to \(item.reference)",
                changes: [FieldChange("reply", from: nil, to: body)])
            return true
        }
        // Only a reply to published feedback goes on the website; any other reply is only e-mailed to them.
        let isPublic = item.status == .published
        let notice =
            switch (published, isPublic) {
            case (true, true): "Reply published for \(item.reference)."
            case (true, false): "Reply sent by e-mail for \(item.reference). It is not published."
            case (false, true): "That reply to \(item.reference) was already published."
            case (false, false): "That reply to \(item.reference) was already sent."
            }
        Admin.flash(request, notice)
        return request.redirect(to: SiteURL.replies)
    }

    struct NeedsAnswerForm: Content {
        var needsAnswer: String?
        enum CodingKeys: String, CodingKey { case needsAnswer = "needs_answer" }
    }

    @Sendable static func setNeedsAnswer(_ request: Request) async throws -> Response {
        let item = try await load(request)
        let value = try request.content.decode(NeedsAnswerForm.self).needsAnswer == "yes"
        let before = item.needsAnswer
        item.needsAnswer = value
        try await request.db.writeTransaction { db in
            try await item.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "feedback.needs_answer_changed", objectType: "feedback",
                objectID: item.id?.uuidString,
                summary: "Marked \(item.reference) as \(value ? "needing" : "not needing") an answer",
                changes: [FieldChange("needs_answer", from: String(before), to: String(value))])
        }
        return request.redirect(to: SiteURL.feedback(item.id!))
    }

    /// Staff correct the themes and sentiment the engine found: the dashboard and reports count the corrected
    /// ones, and `heard export corrections` turns them into training data for the organisation's own model.
    @Sendable static func correctAnalysis(_ request: Request) async throws -> Response {
        let item = try await load(request)
        let known = Self.themeChoices(request, item)
        let chosen = Admin.list(request, "themes")
        let unknown = chosen.filter { !known.contains($0) }
        let sentimentText = Admin.text(request, "sentiment")
        let sentiment = Int(sentimentText).flatMap { (1...5).contains($0) ? $0 : nil }
        // An FFT answer with no words, or words that say nothing ("N/A"): a theme or a feeling given to it would be
        // counted as something it said, and `heard export corrections` would write it as training data.
        if item.wordsSayNothing {
            throw Abort(
                .unprocessableEntity,
                reason: item.fullText.isEmpty
                    ? "This answer has no words, so there are no themes or feeling to correct."
                    : "This answer's words say nothing (\"\(item.fullText.prefix(40))\"), so there are no themes or feeling to correct."
            )
        }
        var errors: [FieldError] = []
        if !unknown.isEmpty {
            errors.append(FieldError("themes", "Choose themes from the list (not \(unknown.joined(separator: ", ")))."))
        }
        if sentiment == nil, sentimentText != "none" {
            errors.append(FieldError("sentiment", "Choose how the person felt, or \"No comment\"."))
        }
        guard errors.isEmpty else {
            let page = try await render(
                request, item: item, reply: "", failure: ValidationFailure(errors),
                analysis: (Set(chosen), sentimentText))
            return .html(page, status: .unprocessableEntity)
        }
        // In the model's order, as the engine writes them. "Not assigned" says the comment has no subject: a
        // moderator who ticks a real theme and leaves the engine's "Not assigned" ticked means the real one.
        let ticked = known.filter { chosen.contains($0) }
        let themes = ListeningEngine.publicThemes(ticked)
        let dropped = ticked.filter { !themes.contains($0) }
        let changes = [
            FieldChange("themes", from: item.themes, to: themes.joined(separator: ";")),
            FieldChange("sentiment", from: item.sentiment.map(String.init), to: sentiment.map(String.init)),
        ].filter { $0.from != $0.to }
        guard !changes.isEmpty else {
            Admin.flash(request, "Nothing changed: those are the themes and sentiment it already has.")
            return request.redirect(to: SiteURL.feedback(item.id!))
        }
        item.themes = themes.joined(separator: ";")
        item.sentiment = sentiment
        item.analysisCorrectedAt = Date()
        item.analysisCorrectedByID = request.currentUser?.id
        try await request.db.writeTransaction { db in
            try await item.save(on: db)
            try await FeedbackTheme.query(on: db).filter(\.$feedback.$id == item.id!).delete()
            for theme in themes { try await FeedbackTheme(feedbackID: item.id!, theme: theme).create(on: db) }
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "feedback.analysis_corrected", objectType: "feedback",
                objectID: item.id?.uuidString, summary: "Corrected the analysis of \(item.reference)",
                changes: changes)
        }
        Admin.flash(
            request,
            "Themes and sentiment corrected. The dashboard and reports count the corrected ones."
                + (dropped.isEmpty
                    ? ""
                    : " \(dropped.map { "\"\($0)\"" }.joined(separator: " and ")) \(dropped.count == 1 ? "was" : "were") left off, as the comment has a theme.")
        )
        return request.redirect(to: SiteURL.feedback(item.id!))
    }

    static func load(_ request: Request) async throws -> FeedbackItem {
        let id = try Admin.uuidParameter(request)
        guard
            let item = try await FeedbackItem.query(on: request.db).filter(\.$id == id)
                .with(\.$service).with(\.$place).with(\.$organisation).with(\.$replies).first()
        else { throw Abort(.notFound) }
        if let role = request.currentUser?.role, let refusal = ComplaintFile.refusal(item, for: role) {
            throw Abort(.forbidden, reason: refusal)
        }
        return item
    }

    static func render(
        _ request: Request, item: FeedbackItem, reply: String, failure: ValidationFailure?,
        analysis: (themes: Set<String>, sentiment: String)? = nil
    ) async throws
        -> String
    {
        let links = try await ActionFeedbackLink.query(on: request.db).filter(\.$feedback.$id == item.id!).with(
            \.$action
        ).all()
        let complaint =
            item.status == .escalated
            ? try await Complaint.query(on: request.db).filter(\.$feedback.$id == item.id!).first() : nil
        let handlesComplaints = request.currentUser.map { StaffArea.complaints.allows($0.role) } ?? false
        let moderates = request.currentUser.map { StaffArea.moderation.allows($0.role) } ?? false
        // An urgent item says whether someone has taken it in hand, and who: a second handler must be able to tell.
        var urgent: StaffFeedbackPages.Urgent?
        if let alert = try await UrgentAlert.query(on: request.db).filter(\.$feedback.$id == item.id!).first() {
            var taker: User?
            if let id = alert.acknowledgedByID { taker = try await User.find(id, on: request.db) }
            urgent = .init(alert: alert, takenBy: taker?.displayName)
        }
        return StaffFeedbackPages.item(
            context: PageContext(request, title: item.reference, hasErrors: failure != nil), item: item,
            actions: links.map(\.action), complaint: complaint.map { ($0, handlesComplaints) },
            moderates: moderates, urgent: urgent, today: request.today, reply: reply, failure: failure,
            themeNames: themeChoices(request, item),
            earlierThemes: Set(item.themeList).subtracting(request.listeningEngine.themeNames),
            analysis: analysis ?? (Set(item.themeList), item.sentiment.map(String.init) ?? "none"),
            notice: failure == nil ? Admin.takeFlash(request) : nil, csrfToken: request.csrfToken)
    }

    /// The themes a correction may tick: the model's, then any the item still carries from an earlier model, so
    /// a correction shows them (to keep or untick) rather than dropping them unseen.
    static func themeChoices(_ request: Request, _ item: FeedbackItem) -> [String] {
        let model = request.listeningEngine.themeNames
        return model + item.themeList.filter { !model.contains($0) }
    }
}
