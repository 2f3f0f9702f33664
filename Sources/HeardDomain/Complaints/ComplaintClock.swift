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
    /// When the complainant was last told in writing why the response is late.
    public var delayExplainedOn: SimpleDate?
    /// The new response date that last delay letter gave ("we now expect to respond by …").
    public var responseExpectedBy: SimpleDate?
    /// When the complaint was closed without a response (withdrawn, not taken on, opened in error).
    public var closedOn: SimpleDate?
    /// Closed as opened in error: it was never a complaint, so no acknowledgement was owed.
    public var openedInError: Bool

    public init(
        receivedOn: SimpleDate, acknowledgedOn: SimpleDate? = nil, agreedResponseBy: SimpleDate? = nil,
        respondedOn: SimpleDate? = nil, delayExplainedOn: SimpleDate? = nil, responseExpectedBy: SimpleDate? = nil,
        closedOn: SimpleDate? = nil, openedInError: Bool = false
    ) {
        self.receivedOn = receivedOn
        self.acknowledgedOn = acknowledgedOn
        self.agreedResponseBy = agreedResponseBy
        self.respondedOn = respondedOn
        self.delayExplainedOn = delayExplainedOn
        self.responseExpectedBy = responseExpectedBy
        self.closedOn = closedOn
        self.openedInError = openedInError
    }

    public var acknowledgementDue: SimpleDate {
        WorkingDays.adding(Self.acknowledgementWorkingDays, to: receivedOn)
    }

    /// Six months, or the date agreed with the complainant: what "responded in time" is judged against.
    public var originalResponseDue: SimpleDate {
        agreedResponseBy ?? sixMonthsEnd
    }

    /// The last day of the "6 months commencing on the day on which the complaint was received" (reg 14(4)):
    /// the day of receipt is the first day, so the period ends the day before the same date six months later
    /// (received 4 January, due 3 July). When that month has no such date (received 31 August), it ends on
    /// the last day of the month.
    public var sixMonthsEnd: SimpleDate {
        let sameDate = receivedOn.adding(months: Self.responseMonths)
        return sameDate.day < receivedOn.day ? sameDate : sameDate.adding(days: -1)
    }

    /// The Ombudsman (PHSO or LGSCO) usually looks at a complaint brought within 12 months of when the person
    /// first knew of the problem, and may look at a later one: no fixed date can be given from the response.
    public static let ombudsmanMonths = 12

    /// The date the response is due now: the latest delay letter's new date, else the original one.
    public var responseDue: SimpleDate {
        responseExpectedBy ?? originalResponseDue
    }

    /// Whether the acknowledgement met its 3 working days: false once it is late even if not yet sent; nil
    /// while it still can.
    ///
    /// Regulation 13 applies however the complaint ends, so closing it does not wipe out a missed
    /// acknowledgement: one closed (withdrawn, not taken on) after the acknowledgement was due without one being
    /// sent missed it (false). One closed without an acknowledgement on or before the day it was due is not
    /// judged (nil): its time had not run out, and once withdrawn there was nobody left to acknowledge. Nor is
    /// one closed as opened in error, which was never a complaint.
    public func acknowledgedInTime(today: SimpleDate) -> Bool? {
        if acknowledgedOn == nil, let closedOn {
            return openedInError || closedOn <= acknowledgementDue ? nil : false
        }
        return Self.inTime(acknowledgedOn, due: acknowledgementDue, today: today)
    }

    /// Whether the response met the original date (six months or agreed; a delay letter does not move it):
    /// nil while it still can, or when the complaint was closed without a response.
    public func respondedInTime(today: SimpleDate) -> Bool? {
        if respondedOn == nil, closedOn != nil { return nil }
        return Self.inTime(respondedOn, due: originalResponseDue, today: today)
    }

    private static func inTime(_ done: SimpleDate?, due: SimpleDate, today: SimpleDate) -> Bool? {
        if let done { return done <= due }
        return today > due ? false : nil
    }

    /// A delay letter explains the lateness of the due date it was written on or after; once the new date
    /// it gave passes too, another letter is needed.
    public var delayExplained: Bool {
        delayExplainedOn.map { $0 >= responseDue } ?? false
    }

    /// The longest a delay letter may push the response back from the date it was due.
    public static let delayMonthsLimit = 6

    /// Whether a complaint about something on `eventOn` (or first known of then) is outside the 12-month limit.
    public static func isOutsideTimeLimit(eventOn: SimpleDate, receivedOn: SimpleDate) -> Bool {
        eventOn.adding(months: timeLimitMonths) < receivedOn
    }

    /// Why a complaint cannot be closed as "not taken on" for being late (regulation 12), or nil when it can:
    /// the date it happened, or if later when they first knew of it, must be known and more than 12 months
    /// before the complaint arrived, and it must not have been taken on already with a reason for the delay.
    public func notTakenOnProblem(eventOn: SimpleDate?, lateReason: String = "") -> FieldError? {
        let reason = lateReason.trimmingWhitespace()
        if !reason.isEmpty {
            return FieldError(
                "closure",
                "It was taken on at acknowledgement although late, because: \(reason). A complaint taken on with a good reason for the delay cannot then be refused as late: respond to it, or close it as withdrawn if the complainant withdraws it."
            )
        }
        guard let eventOn else {
            return FieldError(
                "event_on",
                "Give the date it happened, or if later when they first knew of it: a complaint is only too late if it came over 12 months after that."
            )
        }
        if eventOn > receivedOn {
            return FieldError("event_on", "The event cannot be after the complaint arrived (\(receivedOn.ukText)).")
        }
        if !Self.isOutsideTimeLimit(eventOn: eventOn, receivedOn: receivedOn) {
            return FieldError(
                "event_on",
                "The complaint arrived within 12 months of \(eventOn.ukText) (when it happened, or if later when they first knew of it), so it must be taken on (regulation 12)."
            )
        }
        return nil
    }

    /// What the handler must do next, and by when.
    public enum Step: Equatable, Sendable {
        case acknowledge(due: SimpleDate, overdue: Bool)
        case respond(due: SimpleDate, overdue: Bool)
        /// The response is late and the complainant has not yet been told why in writing.
        case explainDelay(responseWasDue: SimpleDate)
        /// The response is late (it was due by `wasDue`, six months or the date agreed) and a delay letter said
        /// why, giving `expectedBy`: still late, and counted as overdue everywhere, but explained.
        case respondLate(expectedBy: SimpleDate, wasDue: SimpleDate)
        case responded(on: SimpleDate)
        /// Closed without a response (see `ComplaintOutcome.closures`).
        case closed(on: SimpleDate)

        public var isOverdue: Bool {
            switch self {
            case .acknowledge(_, let overdue), .respond(_, let overdue): overdue
            case .explainDelay, .respondLate: true
            case .responded, .closed: false
            }
        }

        /// The date the step falls due (for sorting the work queue); nil once responded or closed.
        public var due: SimpleDate? {
            switch self {
            case .acknowledge(let due, _), .respond(let due, _): due
            case .explainDelay(let due): due
            case .respondLate(let expectedBy, _): expectedBy
            case .responded, .closed: nil
            }
        }
    }

    public func step(today: SimpleDate) -> Step {
        if let respondedOn { return .responded(on: respondedOn) }
        if let closedOn { return .closed(on: closedOn) }
        guard acknowledgedOn != nil else {
            return .acknowledge(due: acknowledgementDue, overdue: today > acknowledgementDue)
        }
        if today > responseDue && !delayExplained { return .explainDelay(responseWasDue: responseDue) }
        // A delay letter explains the lateness; it does not make the response in time.
        if today > originalResponseDue { return .respondLate(expectedBy: responseDue, wasDue: originalResponseDue) }
        return .respond(due: responseDue, overdue: today > responseDue)
    }

    /// Problems with recording a delay letter sent on `date` that gives `expectedBy` as the new response date.
    /// Regulation 14 asks for the letter when the response is late, so it is refused before the due date, and
    /// each letter must move the date on: the history of letters is kept, never overwritten.
    public func delayLetterProblems(
        on date: SimpleDate?, expectedBy: SimpleDate?, today: SimpleDate
    )
        -> [FieldError]
    {
        guard let acknowledgedOn else {
            return [FieldError("delay_explained_on", "Acknowledge the complaint first, then explain any delay.")]
        }
        let due = responseDue
        guard today >= due else {
            return [
                FieldError(
                    "delay_explained_on",
                    "The response is not late: it is due by \(due.ukText). A delay letter can be recorded from that day."
                )
            ]
        }
        var errors: [FieldError] = []
        if let problem = dateProblem(date, field: "delay_explained_on", sent: "letter", today: today) {
            errors.append(problem)
        } else if let date, date < due {
            errors.append(
                FieldError(
                    "delay_explained_on",
                    "The delay letter cannot be dated before the response was due (\(due.ukText))"
                        + (date < acknowledgedOn ? " or before the acknowledgement (\(acknowledgedOn.ukText))." : ".")))
        }
        let latest = due.adding(months: Self.delayMonthsLimit)
        if let expectedBy {
            if expectedBy <= due || expectedBy <= (date ?? due) {
                errors.append(
                    FieldError(
                        "response_expected_by",
                        "The new response date must be after the date it was due (\(due.ukText)) and after the letter.")
                )
            } else if expectedBy > latest {
                errors.append(
                    FieldError(
                        "response_expected_by",
                        "Check the date: that is more than \(Self.delayMonthsLimit) months after the response was due (\(due.ukText))."
                    ))
            }
        } else {
            errors.append(
                FieldError(
                    "response_expected_by",
                    "Enter the date the letter says you now expect to respond by, like \(due.adding(days: 28).iso)."))
        }
        return errors
    }

    /// Problems with recording a later response date agreed with the complainant on `agreedOn`. Regulation
    /// 14(4)(b) allows a longer period "agreed before the expiry" of the current one: once it has passed, the
    /// response is late and a delay letter is what is due instead.
    public func extensionProblems(
        agreedOn: SimpleDate?, newDate: SimpleDate?, today: SimpleDate
    ) -> [FieldError] {
        guard acknowledgedOn != nil else {
            return [FieldError("agreed_on", "Acknowledge the complaint first; a response date can be agreed then.")]
        }
        let due = originalResponseDue
        // What counts is the day it was agreed, not the day it is typed in: an agreement made in time can be
        // recorded afterwards. Once a delay letter has explained the lateness, the response was late already.
        guard !delayExplained else {
            return [
                FieldError(
                    "agreed_on",
                    "The response was due by \(due.ukText) and a delay letter has said why it is late: record another delay letter to move the date, instead."
                )
            ]
        }
        var errors: [FieldError] = []
        if let agreedOn {
            if agreedOn < receivedOn || agreedOn > today {
                errors.append(
                    FieldError(
                        "agreed_on",
                        "The date it was agreed must be between the day the complaint arrived (\(receivedOn.ukText)) and today."
                    ))
            } else if agreedOn > due {
                return [
                    FieldError(
                        "agreed_on",
                        "It was agreed on \(agreedOn.ukText), after the response was due (\(due.ukText)), so it is late: a later date can only be agreed before it runs out (regulation 14(4)(b)). Record a delay letter saying why, instead."
                    )
                ]
            }
        } else {
            errors.append(
                FieldError("agreed_on", "Enter the date it was agreed with the complainant, like \(today.iso)."))
        }
        if let newDate {
            if newDate <= due {
                errors.append(
                    FieldError(
                        "new_response_by",
                        "The new date must be after the date the response is due now (\(due.ukText))."))
            } else if newDate > receivedOn.adding(months: Self.timeLimitMonths) {
                errors.append(
                    FieldError(
                        "new_response_by",
                        "Check the date: \(newDate.ukText) is more than 12 months after the complaint was received (\(receivedOn.ukText))."
                    ))
            }
        } else {
            errors.append(
                FieldError(
                    "new_response_by",
                    "Enter the response date agreed with the complainant, like \(due.adding(days: 28).iso)."))
        }
        return errors
    }

    /// Problems with recording an acknowledgement on `date`, agreeing `agreedResponseBy` for the response.
    /// `furtherResponseAgreed` is set when the complaint was reopened before it was acknowledged: the date for the
    /// further response was agreed then, and moving it is an agreement of its own (`extensionProblems`), kept with
    /// the date it replaced.
    public func acknowledgementProblems(
        on date: SimpleDate?, agreedResponseBy: SimpleDate?, today: SimpleDate, furtherResponseAgreed: Bool = false
    )
        -> [FieldError]
    {
        var errors = [dateProblem(date, field: "acknowledged_on", sent: "acknowledgement", today: today)]
            .compactMap { $0 }
        if agreedResponseBy != nil, furtherResponseAgreed {
            errors.append(
                FieldError(
                    "agreed_response_by",
                    "The further response date was agreed when it was reopened (\(originalResponseDue.ukText)). Leave this empty; to move that date, agree a later one once it is acknowledged."
                ))
        } else if agreedResponseBy != nil, let date, date > originalResponseDue {
            // Regulation 14(4)(b): a longer period must be agreed before the six months run out. Agreeing one
            // afterwards would make a late response look in time.
            errors.append(
                FieldError(
                    "agreed_response_by",
                    "The six months for the response ran out on \(originalResponseDue.ukText), before this acknowledgement (\(date.ukText)): a later date can only be agreed before then. Leave this empty; the response is late, so record a delay letter saying why."
                ))
        } else if let agreedResponseBy, agreedResponseBy <= (date ?? receivedOn) {
            errors.append(
                FieldError("agreed_response_by", "The agreed response date must be after the acknowledgement."))
        } else if let agreedResponseBy, agreedResponseBy > receivedOn.adding(months: Self.timeLimitMonths) {
            // Most likely a mistyped year: a response agreed for more than a year after the complaint arrived.
            errors.append(
                FieldError(
                    "agreed_response_by",
                    "Check the date: \(agreedResponseBy.ukText) is more than 12 months after the complaint was received (\(receivedOn.ukText))."
                ))
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
