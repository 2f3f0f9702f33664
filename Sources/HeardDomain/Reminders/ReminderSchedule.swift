/// When Heard reminds people of what is coming due, so they hear in time without an e-mail every day.
///
/// Reminders go out once a day (the reminders job, at most once per UK day however many instances run):
/// - a complaints handler gets a digest on working days when a complaint step is overdue or falls due soon
///   (acknowledgement within 3 working days and response by the agreed date, SI 2009/309 regs 13 and 14);
/// - a board member with a Heard account is reminded 14 and 3 days before their declaration of interests is
///   due, the day after it becomes overdue, then weekly until they declare;
/// - board secretaries get a weekly digest (Mondays) of members whose declarations are overdue or due soon;
/// - the owner of an open action is reminded a week before it is due, the day after it becomes overdue, then
///   weekly until it is updated to done or not possible (or given a new date).
///
/// A day the job missed altogether (every instance down) is caught up by the next run: it answers for the
/// missed days as well as its own, so a 3-days-before reminder or a Monday list is late rather than lost.
public enum ReminderSchedule {
    /// Days before a declaration falls due on which its member is reminded.
    public static let declarationLeadDays: Set<Int> = [14, 3]
    /// While a declaration is overdue, its member is reminded this often (from the day after it was due).
    public static let overdueEveryDays = 7
    /// A declaration due within this many days is listed in the secretaries' digest.
    public static let registerDigestHorizonDays = 14
    /// A complaint step due within this many working days is listed in the handlers' digest.
    public static let complaintsHorizonWorkingDays = 2
    /// A run catches up at most this many days (counting its own): a week covers every weekly reminder, and
    /// older ones would be stale news.
    public static let catchUpDays = 7

    /// The days a run on `today` answers for: its own, and those since the last run (`lastRun`) that had none.
    /// With no earlier run (a new installation) there is nothing to catch up.
    public static func days(since lastRun: SimpleDate?, today: SimpleDate) -> [SimpleDate] {
        guard let lastRun, lastRun < today else { return [today] }
        let first = max(lastRun.adding(days: 1), today.adding(days: 1 - catchUpDays))
        return (0...first.days(until: today)).map { first.adding(days: $0) }
    }

    /// The day a member's next declaration is due.
    public static func declarationDue(_ status: RegisterStatus) -> SimpleDate {
        switch status {
        case .upToDate(_, let nextDue): nextDue
        case .dueOnAppointment(let due, _): due
        case .annualOverdue(_, let due): due
        }
    }

    /// Whether a member is reminded today of the declaration `status` describes.
    public static func remindsMember(_ status: RegisterStatus, today: SimpleDate) -> Bool {
        reminds(due: declarationDue(status), leadDays: declarationLeadDays, today: today)
    }

    /// Days before an action falls due on which its owner is reminded.
    public static let actionLeadDays: Set<Int> = [7]

    /// Whether the owner of an open action due on `due` is reminded on any of `days`.
    public static func remindsActionOwner(due: SimpleDate, onAnyOf days: [SimpleDate]) -> Bool {
        days.contains { reminds(due: due, leadDays: actionLeadDays, today: $0) }
    }

    /// The shared rhythm: on each lead day before `due`, the day after it passes, then every `overdueEveryDays`.
    static func reminds(due: SimpleDate, leadDays: Set<Int>, today: SimpleDate) -> Bool {
        let daysLeft = today.days(until: due)
        if daysLeft >= 0 { return leadDays.contains(daysLeft) }
        return (-daysLeft - 1) % overdueEveryDays == 0
    }

    /// Whether a run answering for `days` reminds the member: once, however many of those days were reminder days.
    public static func remindsMember(_ status: RegisterStatus, onAnyOf days: [SimpleDate]) -> Bool {
        days.contains { remindsMember(status, today: $0) }
    }

    /// Whether the secretaries' digest lists a member: overdue, or due within the horizon.
    public static func listsInRegisterDigest(_ status: RegisterStatus, today: SimpleDate) -> Bool {
        status.isOverdue || today.days(until: declarationDue(status)) <= registerDigestHorizonDays
    }

    public static func sendsRegisterDigest(on day: SimpleDate) -> Bool { WorkingDays.weekday(day) == 1 }

    public static func sendsRegisterDigest(onAnyOf days: [SimpleDate]) -> Bool {
        days.contains(where: sendsRegisterDigest)
    }

    public static func sendsComplaintsDigest(on day: SimpleDate) -> Bool { WorkingDays.isWorkingDay(day) }

    public static func sendsComplaintsDigest(onAnyOf days: [SimpleDate]) -> Bool {
        days.contains(where: sendsComplaintsDigest)
    }

    /// Whether the handlers' digest lists a complaint whose next step is `step`: overdue, or due by the end of
    /// the horizon (counted in working days, so a Friday digest covers Monday and Tuesday).
    public static func listsInComplaintsDigest(_ step: ComplaintClock.Step, today: SimpleDate) -> Bool {
        guard let due = step.due else { return false }
        let soon = due <= WorkingDays.adding(complaintsHorizonWorkingDays, to: today)
        // Late with the delay explained: listed again as the date the letter gave comes near, not every day.
        if case .respondLate = step { return soon }
        return step.isOverdue || soon
    }
}
