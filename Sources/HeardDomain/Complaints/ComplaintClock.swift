/// The NHS complaints clock in England (Local Authority Social Services and National Health Service Complaints
/// (England) Regulations 2009): acknowledge within 3 working days (reg 13), respond in writing within six months
/// or the period agreed with the complainant (reg 14), and when that passes, write to say why.
public struct ComplaintClock: Equatable, Sendable {
    public static let acknowledgementWorkingDays = 3
    public static let responseMonths = 6
    /// A complaint made later than this after the event may still be taken on with a good reason (reg 12).
    public static let timeLimitMonths = 12

    public var receivedOn: SimpleDate
    public var acknowledgedOn: SimpleDate?
    /// The response date agreed with the complainant, if one was agreed.
    public var agreedResponseBy: SimpleDate?
    public var respondedOn: SimpleDate?
    /// When the complainant was told in writing why the response is late.
    public var delayExplainedOn: SimpleDate?

    public init(
        receivedOn: SimpleDate, acknowledgedOn: SimpleDate? = nil, agreedResponseBy: SimpleDate? = nil,
        respondedOn: SimpleDate? = nil, delayExplainedOn: SimpleDate? = nil
    ) {
        self.receivedOn = receivedOn
        self.acknowledgedOn = acknowledgedOn
        self.agreedResponseBy = agreedResponseBy
        self.respondedOn = respondedOn
        self.delayExplainedOn = delayExplainedOn
    }

    public var acknowledgementDue: SimpleDate {
        WorkingDays.adding(Self.acknowledgementWorkingDays, to: receivedOn)
    }

    public var responseDue: SimpleDate {
        agreedResponseBy ?? receivedOn.adding(months: Self.responseMonths)
    }

    /// Whether a complaint about something on `eventOn` (or first known of then) is outside the 12-month limit.
    public static func isOutsideTimeLimit(eventOn: SimpleDate, receivedOn: SimpleDate) -> Bool {
        eventOn.adding(months: timeLimitMonths) < receivedOn
    }

    /// What the handler must do next, and by when.
    public enum Step: Equatable, Sendable {
        case acknowledge(due: SimpleDate, overdue: Bool)
        case respond(due: SimpleDate, overdue: Bool)
        /// The response is late and the complainant has not yet been told why in writing.
        case explainDelay(responseWasDue: SimpleDate)
        case responded(on: SimpleDate)

        public var isOverdue: Bool {
            switch self {
            case .acknowledge(_, let overdue), .respond(_, let overdue): overdue
            case .explainDelay: true
            case .responded: false
            }
        }

        /// The date the step falls due (for sorting the work queue); nil once responded.
        public var due: SimpleDate? {
            switch self {
            case .acknowledge(let due, _), .respond(let due, _): due
            case .explainDelay(let due): due
            case .responded: nil
            }
        }
    }

    public func step(today: SimpleDate) -> Step {
        if let respondedOn { return .responded(on: respondedOn) }
        guard acknowledgedOn != nil else {
            return .acknowledge(due: acknowledgementDue, overdue: today > acknowledgementDue)
        }
        if today > responseDue && delayExplainedOn == nil { return .explainDelay(responseWasDue: responseDue) }
        return .respond(due: responseDue, overdue: today > responseDue)
    }

    /// Problems with recording an acknowledgement on `date`.
    public func acknowledgementProblems(
        on date: SimpleDate?, agreedResponseBy: SimpleDate?, today: SimpleDate
    )
        -> [FieldError]
    {
        var errors = [dateProblem(date, field: "acknowledged_on", sent: "acknowledgement", today: today)]
            .compactMap { $0 }
        if let agreedResponseBy, agreedResponseBy <= (date ?? receivedOn) {
            errors.append(
                FieldError("agreed_response_by", "The agreed response date must be after the acknowledgement."))
        }
        return errors
    }

    /// A letter's date must be given, and fall between the complaint's arrival and today.
    public func dateProblem(_ date: SimpleDate?, field: String, sent what: String, today: SimpleDate) -> FieldError? {
        guard let date else { return FieldError(field, "Enter the date the \(what) was sent, like 2026-03-31.") }
        if date < receivedOn {
            return FieldError(field, "The \(what) cannot be dated before the complaint arrived (\(receivedOn.ukText)).")
        }
        if date > today { return FieldError(field, "The \(what) cannot be dated in the future.") }
        return nil
    }
}

extension SimpleDate {
    /// The same day `months` months later, or the last day of that month when it is shorter (31 August + 6
    /// months is 28 or 29 February).
    public func adding(months: Int) -> SimpleDate {
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        return SimpleDate(
            year: newYear, month: newMonth, day: Swift.min(day, SimpleDate.daysIn(month: newMonth, year: newYear)))
    }
}
