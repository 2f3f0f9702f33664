import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// `/staff/notices`: every e-mail Heard has queued, sent or failed to send, for the administrator who is asked
/// "why did I not get the e-mail?"; failed ones can be sent again, one at a time or all at once.
enum OutboxController {
    static let path = "/staff/notices"

    struct Filters {
        var status: String
        var kind: String
        var to: String
        /// The first and last UK day an e-mail was written ("to" already names the recipient).
        var from: String
        var until: String
        var page: Int?

        init(_ request: Request) {
            status = request.query[String.self, at: "status"] ?? ""
            kind = request.query[String.self, at: "kind"] ?? ""
            to = (request.query[String.self, at: "to"] ?? "").trimmingWhitespace()
            from = (request.query[String.self, at: "from"] ?? "").trimmingWhitespace()
            until = (request.query[String.self, at: "until"] ?? "").trimmingWhitespace()
            page = ListPage.requested(request)
        }

        var pairs: [(String, String)] {
            [("status", status), ("kind", kind), ("to", to), ("from", from), ("until", until)]
        }
    }

    /// What each kind of notice is, in words.
    static let kindTitles: [(kind: String, title: String)] = [
        ("we_did", "You said, we did"), ("not_possible", "Action not possible"), ("reply", "Reply to feedback"),
        ("urgent_alert", "Urgent alert"), ("consultation_outcome", "Consultation outcome"),
        ("idea_answer", "Answer to an idea"), ("invitation", "Invitation"), ("declaration_link", "Declaration form"),
        ("reminder_complaints", "Complaints reminder"), ("reminder_declaration", "Declaration reminder"),
        ("reminder_register", "Register of interests list"), ("reminder_actions", "Actions reminder"),
        ("password_reset", "Password link"), ("account_email_changed", "Account e-mail changed"),
        ("activity_changed", "Activity changed"), ("complaint_received", "New complaint"),
        ("feedback_receipt", "Receipt for feedback"), ("complaint_receipt", "Receipt for a complaint"),
        ("event_signup", "Event sign-up"), ("expenses", "Expenses claim"),
    ]

    /// The e-mails to members of the public about their feedback, ideas and consultations: what an engagement
    /// officer's own work sends, so they may read them. Staff alerts, reminders, sign-in links and anything about a
    /// complaint stay with the administrator.
    static let publicKinds: Set<String> = [
        "we_did", "not_possible", "reply", "consultation_outcome", "idea_answer", "feedback_receipt",
    ]

    /// The kinds of e-mail this person may read: every kind for whoever runs the outbox, the public ones otherwise.
    static func readableKinds(_ request: Request) -> Set<String>? {
        guard let role = request.currentUser?.role, !StaffArea.notices.allows(role) else { return nil }
        return publicKinds
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let filters = Filters(request)
        let readable = readableKinds(request)
        let scoped = {
            let query = Notice.query(on: request.db)
            return readable.map { query.filter(\.$kind ~~ $0.sorted()) } ?? query
        }
        var query = scoped()
        // A status or kind that names nothing matches nothing, and says so, rather than quietly listing every
        // e-mail.
        var problems = FilterProblems()
        if let status = problems.choice(filters.status, "status", Notice.Status.init(rawValue:)) {
            query = query.filter(\.$status == status)
        }
        if let kind = problems.choice(
            filters.kind, "kind of e-mail",
            { kind in kindTitles.contains { $0.kind == kind && readable?.contains(kind) != false } ? kind : nil })
        {
            query = query.filter(\.$kind == kind)
        }
        query = problems.narrowing(query)
        var errors: [FieldError] = []
        if !filters.to.isEmpty {
            query = query.filter(ListPage.contains(filters.to, column: "to_address", table: Notice.schema))
        }
        let from = Admin.date(filters.from, field: "from", into: &errors)
        let until = Admin.date(filters.until, field: "until", into: &errors)
        if let from, let until, from > until {
            errors.append(FieldError("until", "The end of the period cannot be before its start (\(from.ukText))."))
        }
        if let from { query = query.filter(\.$createdAt >= DecisionClock.startOfUKDay(from)) }
        if let until { query = query.filter(\.$createdAt < DecisionClock.startOfUKDay(until.adding(days: 1))) }
        let page = ListPage(requested: filters.page, total: try await query.copy().count())
        let notices = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(page.range).all()
        var counts: [String: Int] = [:]
        for status in [Notice.Status.queued, .sending, .sent, .failed] {
            counts[status.rawValue] = try await scoped().filter(\.$status == status).count()
        }
        let failure = errors.isEmpty ? nil : ValidationFailure(errors)
        return .html(
            OutboxPage.render(
                notices: notices, counts: counts, filters: filters, failure: failure, page: page,
                relay: request.heardConfiguration.smtp.map { "\($0.host):\($0.port)" }, readable: readable,
                context: PageContext(request, title: "E-mail outbox", hasErrors: failure != nil),
                notice: problems.notice(request)),
            status: failure == nil ? .ok : .unprocessableEntity)
    }

    /// Sends one failed notice again: back in the queue with its attempts reset.
    @Sendable static func retry(_ request: Request) async throws -> Response {
        guard let notice = try await Notice.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        guard notice.status == .failed else {
            Admin.flash(request, "That e-mail has not failed (it is \(notice.status.rawValue)), so it was left alone.")
            return request.redirect(to: path + "?status=failed")
        }
        try await request.db.writeTransaction { db in
            notice.status = .queued
            notice.attempts = 0
            notice.nextAttemptAt = nil
            try await notice.save(on: db)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "notice.requeued", objectType: "notice",
                objectID: notice.id?.uuidString, summary: "Sent again: \"\(notice.subject)\" to \(notice.toAddress)")
        }
        Admin.flash(request, "\"\(notice.subject)\" to \(notice.toAddress) is back in the queue.")
        return request.redirect(to: path + "?status=failed")
    }

    /// After a mail relay outage: every failed notice back in the queue.
    @Sendable static func retryAllFailed(_ request: Request) async throws -> Response {
        let failed = try await Notice.query(on: request.db).filter(\.$status == .failed).count()
        try await request.db.writeTransaction { db in
            try await Notice.query(on: db).filter(\.$status == .failed).set(\.$status, to: .queued)
                .set(\.$attempts, to: 0).set(\.$nextAttemptAt, to: nil).update()
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "notice.requeued", objectType: "notice", objectID: nil,
                summary: "Sent again: \(failed) failed e-mail\(failed == 1 ? "" : "s")")
        }
        Admin.flash(
            request,
            failed == 0
                ? "No e-mails had failed."
                : "\(failed) failed e-mail\(failed == 1 ? " is" : "s are") back in the queue.")
        return request.redirect(to: path)
    }
}

enum OutboxPage {
    static func render(
        notices: [Notice], counts: [String: Int], filters: OutboxController.Filters, failure: ValidationFailure?,
        page: ListPage, relay: String?, readable: Set<String>? = nil, context: PageContext, notice: String?
    ) -> String {
        // Sending again is the administrator's: a reader sees what went and why, without the buttons.
        let canSendAgain = readable == nil
        let kinds = OutboxController.kindTitles.filter { readable?.contains($0.kind) != false }
        let titles = Dictionary(uniqueKeysWithValues: OutboxController.kindTitles)
        let statuses: [(Notice.Status, String)] = [
            (.queued, "Waiting to go"), (.sending, "Sending"), (.sent, "Sent"), (.failed, "Failed"),
        ]
        return PageLayout.render(context) {
            if let notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "E-mail outbox" }
            p(.class("lead")) {
                canSendAgain
                    ? "Every e-mail Heard sends: replies and \"you said, we did\" to the public, alerts, invitations and reminders to staff and members. Each is written here in the same step as the change it reports, then sent."
                    : "The e-mails Heard sends to members of the public: receipts, replies, \"you said, we did\", answers to ideas and consultation outcomes. Each is written here in the same step as the change it reports, then sent. Ask an administrator to send a failed one again."
            }
            p {
                relay.map { "Mail relay: \($0). An e-mail is tried 5 times before it is marked failed." }
                    ?? "No mail relay is set (HEARD_SMTP), so e-mails wait here until one is."
            }
            DecisionForms.summaryList(
                statuses.map { status, label in
                    (
                        label,
                        a(.href(OutboxController.path + "?status=\(status.rawValue)")) {
                            String(counts[status.rawValue] ?? 0)
                        }
                    )
                })
            if canSendAgain && (counts[Notice.Status.failed.rawValue] ?? 0) > 0 {
                HeardWeb.form(.action(OutboxController.path + "/retry-failed"), .method("post")) {
                    FormComponents.csrfField(context.csrfToken ?? "")
                    button(.type("submit"), .class("button button-secondary")) { "Send every failed e-mail again" }
                }
            }
            FormComponents.errorSummary(failure)
            HeardWeb.form(.action(OutboxController.path), .method("get"), .class("filters"), .novalidate) {
                FormComponents.selectField(
                    name: "status", label: "Status", choices: statuses.map { .init(value: $0.0.rawValue, label: $0.1) },
                    selected: filters.status, failure: nil, prompt: "Any status")
                FormComponents.selectField(
                    name: "kind", label: "Kind",
                    choices: kinds.map { .init(value: $0.kind, label: $0.title) },
                    selected: filters.kind, failure: nil, prompt: "Any kind")
                FormComponents.textField(
                    name: "to", label: "Sent to (contains)", value: filters.to, failure: nil, required: false)
                FormComponents.textField(
                    name: "from", label: "Written from", value: filters.from, failure: failure, type: "date",
                    required: false, width: "short")
                FormComponents.textField(
                    name: "until", label: "Written until", value: filters.until, failure: failure, type: "date",
                    required: false, width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            if notices.isEmpty {
                p { "No e-mails match." }
            } else {
                DataTable.render(
                    caption: "E-mails, newest first", headers: ["Written", "To", "What", "Status", "Action"],
                    rows: notices.map { item in
                        [
                            .text(item.createdAt.map { $0.formatted(AuditPage.dateFormat) } ?? "–"),
                            .text(item.toAddress),
                            details {
                                summary {
                                    // "You said, we did: …" subjects already say what kind they are.
                                    let kind = titles[item.kind] ?? item.kind
                                    item.subject.hasPrefix(kind) ? item.subject : kind + ": " + item.subject
                                }
                                // A reset, declaration or invitation link still works: not for other eyes.
                                div(.class("notice-body")) {
                                    FeedbackText.paragraphs(RequestLogMiddleware.hidingSecrets(in: item.body))
                                }
                            },
                            .text(statusText(item, statuses: statuses)),
                            canSendAgain && item.status == .failed
                                ? HeardWeb.form(
                                    .action(OutboxController.path + "/" + DecisionURL.id(item.id!) + "/retry"),
                                    .method("post"), .class("inline-form")
                                ) {
                                    FormComponents.csrfField(context.csrfToken ?? "")
                                    button(.type("submit"), .class("link-button")) {
                                        "Send again"
                                        span(.class("visually-hidden")) { " to \(item.toAddress)" }
                                    }
                                } : .empty,
                        ]
                    }, captionHidden: true)
            }
            Pagination.links(page: page.number, pageCount: page.count) {
                ListPage.path(OutboxController.path, filters: filters.pairs, page: $0)
            }
        }
    }

    static func statusText(_ notice: Notice, statuses: [(Notice.Status, String)]) -> String {
        let label = statuses.first { $0.0 == notice.status }?.1 ?? notice.status.rawValue
        if notice.status == .sent {
            return label + (notice.sentAt.map { " " + $0.formatted(AuditPage.dateFormat) } ?? "")
        }
        // A failed one, or one waiting to be tried again after an error.
        guard let error = notice.lastError, notice.status == .failed || notice.status == .queued else { return label }
        let next =
            notice.status == .queued
            ? notice.nextAttemptAt.map { " Next try: \($0.formatted(AuditPage.dateFormat))." } ?? "" : ""
        return label + " after \(notice.attempts) tr\(notice.attempts == 1 ? "y" : "ies"): " + error + next
    }
}
