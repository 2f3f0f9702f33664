import Fluent
import Foundation
import HeardDomain
import HeardStorage

/// The daily reminders (`ReminderSchedule` says who hears what, when): complaints falling due, declarations of
/// interests falling due. Written to the notices outbox; the day's `ReminderRun` row is claimed in the same
/// transaction, so a day's reminders go once however many instances run and however often the job retries.
enum Reminders {
    struct Outcome: Equatable {
        /// False when this day's reminders had already been sent.
        var ran: Bool
        var notices: Int
    }

    static func send(today: SimpleDate, siteURL: String, on db: any Database) async throws -> Outcome {
        if try await ReminderRun.query(on: db).filter(\.$day == today.iso).first() != nil {
            return Outcome(ran: false, notices: 0)
        }
        let lastRun = try await ReminderRun.query(on: db).filter(\.$day < today.iso).sort(\.$day, .descending)
            .first().flatMap { SimpleDate(iso: $0.day) }
        let days = ReminderSchedule.days(since: lastRun, today: today)
        let members = try await declarationReminders(days: days, siteURL: siteURL, on: db)
        let notices =
            try await complaintsDigests(days: days, siteURL: siteURL, on: db) + members.notices
            + (try await registerDigests(days: days, siteURL: siteURL, on: db))
            + (try await actionReminders(days: days, siteURL: siteURL, on: db))
        do {
            try await db.writeTransaction { db in
                // The unique day is the claim: a second instance's insert fails and nothing of its is written.
                try await ReminderRun(day: today.iso, notices: notices.count).create(on: db)
                for link in members.links { try await link.create(on: db) }
                for notice in notices { try await notice.create(on: db) }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return Outcome(ran: false, notices: 0)
        }
        return Outcome(ran: true, notices: notices.count)
    }

    /// Active staff in `roles`, or the administrators when nobody holds them (so nothing goes unseen).
    static func recipients(_ roles: [Role], on db: any Database) async throws -> [User] {
        let people = try await User.query(on: db).filter(\.$role ~~ roles).filter(\.$isActive == true)
            .sort(\.$email).all()
        if !people.isEmpty { return people }
        return try await User.query(on: db).filter(\.$role == .administrator).filter(\.$isActive == true)
            .sort(\.$email).all()
    }

    /// `days` are the days this run answers for, today last (see `ReminderSchedule.days(since:today:)`).
    static func complaintsDigests(days: [SimpleDate], siteURL: String, on db: any Database) async throws -> [Notice] {
        guard let today = days.last, ReminderSchedule.sendsComplaintsDigest(onAnyOf: days) else { return [] }
        let open = try await Complaint.query(on: db).filter(\.$respondedOn == nil).filter(\.$closedOn == nil).with(
            \.$feedback
        ).with(\.$handler)
            .all()
        let listed =
            open
            .map { (complaint: $0, step: $0.clock.step(today: today)) }
            .filter { ReminderSchedule.listsInComplaintsDigest($0.step, today: today) }
            .sorted {
                ($0.step.due ?? today, $0.complaint.feedback.reference) < (
                    $1.step.due ?? today, $1.complaint.feedback.reference
                )
            }
        guard !listed.isEmpty else { return [] }
        let overdue = listed.filter { $0.step.isOverdue }.count
        // References and dates only: e-mail is not the place for what the complainant wrote.
        let lines = listed.map { entry in
            "- \(entry.complaint.feedback.reference): \(describe(entry.step)) (\(entry.complaint.handler.map { "handled by \($0.displayName)" } ?? "nobody is handling it yet")). \(siteURL)\(ComplaintURL.complaint(entry.complaint.id!))"
        }
        let subject =
            overdue > 0
            ? "Complaints: \(overdue) overdue, \(listed.count - overdue) due soon"
            : "Complaints: \(listed.count) due in the next \(ReminderSchedule.complaintsHorizonWorkingDays) working days"
        let body = """
            These complaints need a step by the dates shown (acknowledgement within 3 working days; the response by \
            the date agreed with the complainant, or a letter explaining the delay):

            \(lines.joined(separator: "\n"))

            All complaints and their deadlines: \(siteURL)\(ComplaintURL.complaints)
            """
        return try await recipients([.complaintsHandler], on: db).map {
            Notice(to: $0.email, subject: subject, body: body, kind: "reminder_complaints")
        }
    }

    static func describe(_ step: ComplaintClock.Step) -> String {
        switch step {
        case .acknowledge(let due, let overdue):
            overdue ? "acknowledgement overdue (was due \(due.ukText))" : "acknowledge by \(due.ukText)"
        case .respond(let due, let overdue):
            overdue ? "response overdue (was due \(due.ukText))" : "respond by \(due.ukText)"
        case .explainDelay(let due):
            "response was due \(due.ukText): write to explain the delay and agree a new date"
        case .respondLate(let expectedBy, let wasDue):
            "response late (was due \(wasDue.ukText)); the delay letter said by \(expectedBy.ukText)"
        case .responded(let day): "responded on \(day.ukText)"
        case .closed(let day): "closed on \(day.ukText)"
        }
    }

    static func sittingMembers(today: SimpleDate, on db: any Database) async throws -> [BoardMember] {
        try await BoardMember.query(on: db).filter(\.$leftOn == nil).with(\.$board).with(\.$declarations)
            .with(\.$account).all().filter { $0.sits(on: today) }
    }

    /// Members due a reminder today: those with an account are sent to their page; those with only an e-mail
    /// address get a new declaration link (created with the notices, in the same transaction).
    static func declarationReminders(
        days: [SimpleDate], siteURL: String, on db: any Database
    ) async throws -> (
        notices: [Notice], links: [DeclarationLink]
    ) {
        guard let today = days.last else { return ([], []) }
        var notices: [Notice] = []
        var links: [DeclarationLink] = []
        for member in try await sittingMembers(today: today, on: db) {
            let status = BoardRegister.status(member, today: today)
            guard ReminderSchedule.remindsMember(status, onAnyOf: days) else { continue }
            let due = ReminderSchedule.declarationDue(status)
            let when = status.isOverdue ? "was due on \(due.ukText) and is now overdue" : "is due by \(due.ukText)"
            let reason = "Your declaration of interests as \(member.role) on \(member.board.name) \(when)."
            if let account = member.account {
                guard account.isActive else { continue }
                notices.append(
                    Notice(
                        to: account.email,
                        subject: status.isOverdue
                            ? "Overdue: your declaration of interests for \(member.board.name)"
                            : "Your declaration of interests for \(member.board.name) is due by \(due.ukText)",
                        body: """
                            Dear \(member.name),

                            \(reason)

                            Members declare on appointment and at least once a year, even when there is nothing to \
                            declare (a nil return). Your declaration is published on the board's public register.

                            Declare on your page: \(siteURL)\(SiteURL.involvement)
                            """,
                        kind: "reminder_declaration"))
            } else if let email = member.email {
                let issued = DeclarationLinks.issue(for: member, createdBy: nil, siteURL: siteURL, now: Date())
                links.append(issued.link)
                let notice = DeclarationLinks.notice(
                    to: email, member: member, board: member.board, url: issued.url, reason: reason)
                notice.kind = "reminder_declaration"
                notices.append(notice)
            }
        }
        return (notices, links)
    }

    /// One e-mail per owner listing their open actions that reach a reminder day: a week before due, the day
    /// after, then weekly. Actions are promises made in public, so a missed date should not pass unnoticed.
    static func actionReminders(days: [SimpleDate], siteURL: String, on db: any Database) async throws -> [Notice] {
        guard let today = days.last else { return [] }
        let open = try await ActionItem.query(on: db).filter(\.$status ~~ [.planned, .inProgress])
            .filter(\.$owner.$id != nil).with(\.$owner).sort(\.$dueOn).all()
        var byOwner: [UUID: (owner: User, lines: [String], overdue: Int)] = [:]
        for action in open {
            guard let owner = action.owner, owner.isActive else { continue }
            let due = DecisionClock.ukDay(of: action.dueOn)
            guard ReminderSchedule.remindsActionOwner(due: due, onAnyOf: days) else { continue }
            let overdue = due < today
            let line =
                "- \(action.title): \(overdue ? "was due \(due.ukText) and is overdue" : "due by \(due.ukText)"). \(siteURL)\(SiteURL.action(action.id!))"
            var entry = byOwner[owner.id!] ?? (owner, [], 0)
            entry.lines.append(line)
            entry.overdue += overdue ? 1 : 0
            byOwner[owner.id!] = entry
        }
        return byOwner.values.sorted { $0.owner.email < $1.owner.email }.map { entry in
            Notice(
                to: entry.owner.email,
                subject: entry.overdue > 0
                    ? "Your actions: \(entry.overdue) overdue"
                    : "Your actions: due in \(ReminderSchedule.actionLeadDays.max() ?? 7) days",
                body: """
                    Dear \(entry.owner.displayName),

                    These actions you own were promised to the people whose feedback they answer:

                    \(entry.lines.joined(separator: "\n"))

                    Add an update when there is news: mark it done (saying what was done) or not possible (saying \
                    why), and people who left an e-mail address are told. If the date has to move, change the plan \
                    on the action's page; the change shows in its updates.
                    """,
                kind: "reminder_actions")
        }
    }

    static func registerDigests(days: [SimpleDate], siteURL: String, on db: any Database) async throws -> [Notice] {
        guard let today = days.last, ReminderSchedule.sendsRegisterDigest(onAnyOf: days) else { return [] }
        let sitting = try await sittingMembers(today: today, on: db)
        let listed =
            sitting
            .map { (member: $0, status: BoardRegister.status($0, today: today)) }
            .filter { ReminderSchedule.listsInRegisterDigest($0.status, today: today) }
            .sorted { ($0.member.board.name, $0.member.name) < ($1.member.board.name, $1.member.name) }
        let late = lateSinceLastWeek(sitting, today: today)
        guard !listed.isEmpty || !late.isEmpty else { return [] }
        let overdue = listed.filter { $0.status.isOverdue }.count
        var lines: [String] = []
        for (board, entries) in Dictionary(grouping: listed, by: { $0.member.board.name }).sorted(by: {
            $0.key < $1.key
        }) {
            lines.append("\(board):")
            for entry in entries {
                lines.append("- \(entry.member.name) (\(entry.member.role)): \(entry.status.summary)")
            }
            lines.append("")
        }
        let due =
            listed.isEmpty
            ? ""
            : """
            Declarations of interests that are overdue or due in the next \(ReminderSchedule.registerDigestHorizonDays) days:

            \(lines.joined(separator: "\n"))

            """
        let lateText =
            late.isEmpty
            ? ""
            : """
            Changes recorded in the last week more than \(RegisterEntry.daysToDeclareChange) days after they happened:

            \(late.joined(separator: "\n"))


            """
        let body = """
            \(due)\(lateText)Members with a Heard account are reminded themselves; record the others' declarations at \
            \(siteURL)\(BoardURL.staffBoards)
            """
        let subject =
            "Register of interests: \(overdue) overdue, \(listed.count - overdue) due soon"
            + (late.isEmpty ? "" : ", \(late.count) declared late")
        return try await recipients([.boardSecretary], on: db).map {
            Notice(to: $0.email, subject: subject, body: body, kind: "reminder_register")
        }
    }

    /// Lines for the week's entries declared, or ended, more than 28 days late: the digest goes weekly, so each
    /// lateness is listed once, in the week it was recorded.
    static func lateSinceLastWeek(_ members: [BoardMember], today: SimpleDate) -> [String] {
        let since = today.adding(days: -7)
        return members.sorted { ($0.board.name, $0.name) < ($1.board.name, $1.name) }.flatMap { member in
            BoardRegister.entries(member).compactMap { declaration -> String? in
                let notes = declaration.entry.lateness(appointedOn: member.appointed, recordedAfter: since)
                guard !notes.isEmpty else { return nil }
                return
                    "- \(member.name) (\(member.board.name)): \(declaration.details): \(notes.joined(separator: "; "))"
            }
        }
    }
}

/// Sends the day's reminders, then queues tomorrow's run for 07:00 UK time.
enum RemindersJob {
    static let kind = "reminders"

    static func handler(siteURL: String, today: @escaping @Sendable () -> SimpleDate) -> JobHandlers.Handler {
        { _, db, logger in
            let outcome = try await Reminders.send(today: today(), siteURL: siteURL, on: db)
            if outcome.ran { logger.info("Reminders sent: \(outcome.notices) notices") }
            try await scheduleNext(on: db, at: nextMorning(after: Date()))
        }
    }

    /// 07:00 in England on the day after `date`'s UK day.
    static func nextMorning(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let tomorrow = DecisionClock.ukDay(of: date).adding(days: 1)
        return calendar.date(
            from: DateComponents(year: tomorrow.year, month: tomorrow.month, day: tomorrow.day, hour: 7)) ?? date
    }

    /// Ensures one future run is queued (several instances may call this).
    static func scheduleNext(on db: any Database, at time: Date) async throws {
        let pending = try await Job.query(on: db).filter(\.$kind == kind).filter(\.$status == .queued).count()
        if pending == 0 {
            try await JobQueue(database: db, workerID: "scheduler").enqueue(kind: kind, runAt: time)
        }
    }
}
