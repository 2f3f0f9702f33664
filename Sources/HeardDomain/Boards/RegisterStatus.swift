/// One entry a member made in the register of interests.
public struct RegisterEntry: Sendable, Equatable {
    public var kind: InterestKind
    public var description: String
    public var declaredOn: SimpleDate
    /// When the interest stopped (no longer a partner, left the charity); nil while it lasts.
    public var endedOn: SimpleDate?
    /// When the interest began, if known: it may be well before it was declared.
    public var heldFrom: SimpleDate?
    /// The day the end was recorded, when it was recorded after the declaration (see `daysEndRecordedLate`).
    public var endRecordedOn: SimpleDate?

    public init(
        kind: InterestKind, description: String, declaredOn: SimpleDate, endedOn: SimpleDate? = nil,
        heldFrom: SimpleDate? = nil, endRecordedOn: SimpleDate? = nil
    ) {
        self.kind = kind
        self.description = description
        self.declaredOn = declaredOn
        self.endedOn = endedOn
        self.heldFrom = heldFrom
        self.endRecordedOn = endRecordedOn
    }

    /// NHS England's "Managing conflicts of interest in the NHS" asks for interests that ended in the last 6
    /// months to be declared as well as those that stand.
    public static let monthsEndedInterestsDeclared = 6

    /// Nil when an interest declared on `declaredOn` may carry the end date `endedOn`: any day from 6 months
    /// before the declaration (an interest that has recently ended) to a known day ahead (the end of a contract).
    public static func endDateProblem(endedOn: SimpleDate, declaredOn: SimpleDate) -> String? {
        let earliest = declaredOn.adding(months: -monthsEndedInterestsDeclared)
        if endedOn < earliest {
            return
                "An interest that ended more than \(monthsEndedInterestsDeclared) months before the declaration (before \(earliest.ukText)) need not be declared: check the date, or leave the interest out."
        }
        // A known end (a contract, a term of office) is rarely further off than the yearly declaration that
        // would record it; years ahead is a slip of the year.
        let latest = declaredOn.adding(months: 12 * yearsEndKnownAhead)
        if endedOn > latest {
            return
                "Check the year: an end date can be up to \(yearsEndKnownAhead) years after the declaration (\(latest.ukText)). If the end is not certain, leave it empty and record it when it happens."
        }
        return nil
    }

    /// How far ahead of its declaration an interest's known end date can be.
    public static let yearsEndKnownAhead = 5

    /// An interest held on `day`: begun by then (on the day it was declared, unless it says when it began) and
    /// not ended before it. An interest declared late still counts from when it began, so declaring it after a
    /// meeting is no way round the conflict check at that meeting.
    public func isCurrentInterest(on day: SimpleDate) -> Bool {
        kind.isInterest && (heldFrom ?? declaredOn) <= day && (endedOn.map { day <= $0 } ?? true)
    }
}

/// Whether a member's declarations are up to date: on appointment (within 28 days) and at least once a year,
/// a nil return counting (NHS England, "Managing conflicts of interest in the NHS").
public enum RegisterStatus: Sendable, Equatable {
    /// Declared within the last year; the next annual declaration is due on `nextDue`.
    case upToDate(lastDeclared: SimpleDate, nextDue: SimpleDate)
    /// Appointed but nothing declared yet; due 28 days after appointment.
    case dueOnAppointment(due: SimpleDate, overdue: Bool)
    /// The last declaration is more than a year old.
    case annualOverdue(lastDeclared: SimpleDate, due: SimpleDate)

    public static let daysToDeclareOnAppointment = 28

    public static func of(appointedOn: SimpleDate, entries: [RegisterEntry], today: SimpleDate) -> RegisterStatus {
        // A declaration made shortly before the appointment (with the application) counts as the one on appointment.
        let counted = entries.filter { $0.declaredOn >= appointedOn.adding(days: -daysToDeclareOnAppointment) }
        guard let last = counted.map(\.declaredOn).max() else {
            let due = appointedOn.adding(days: daysToDeclareOnAppointment)
            return .dueOnAppointment(due: due, overdue: today > due)
        }
        let nextDue = last.adding(months: 12)
        return today > nextDue
            ? .annualOverdue(lastDeclared: last, due: nextDue) : .upToDate(lastDeclared: last, nextDue: nextDue)
    }

    public var isUpToDate: Bool {
        if case .upToDate = self { return true }
        return false
    }

    public var isOverdue: Bool {
        switch self {
        case .upToDate: false
        case .dueOnAppointment(_, let overdue): overdue
        case .annualOverdue: true
        }
    }

    public var summary: String {
        switch self {
        case .upToDate(let last, let next): "Declared \(last.ukText); next due by \(next.ukText)"
        case .dueOnAppointment(let due, let overdue):
            overdue
                ? "Overdue: nothing declared since appointment (due \(due.ukText))"
                : "Due on appointment, by \(due.ukText)"
        case .annualOverdue(let last, let due):
            "Overdue: last declared \(last.ukText), annual declaration was due \(due.ukText)"
        }
    }
}
