import HeardDomain
import Testing

@Suite("Complaints clock")
struct ComplaintClockTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    @Test(
        "bank holidays of England and Wales, as published on gov.uk, with substitutes and proclaimed days",
        arguments: [
            (
                2026,
                [
                    "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
                    "2026-12-28",
                ]
            ),
            (
                2027,
                [
                    "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
                    "2027-12-28",
                ]
            ),
            (
                2022,
                [
                    "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
                    "2022-09-19", "2022-12-26", "2022-12-27",
                ]
            ),
            (
                2023,
                [
                    "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
                    "2023-12-25", "2023-12-26",
                ]
            ),
            (
                2020,
                [
                    "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25",
                    "2020-12-28",
                ]
            ),
        ])
    func bankHolidays(year: Int, expected: [String]) {
        #expect(WorkingDays.bankHolidays(in: year) == Set(expected.map(Self.date)))
    }

    @Test("weekdays: 1 January 2026 was a Thursday, 4 December 2026 a Friday")
    func weekdays() {
        #expect(WorkingDays.weekday(Self.date("2026-01-01")) == 4)
        #expect(WorkingDays.weekday(Self.date("2026-12-04")) == 5)
        #expect(WorkingDays.weekday(Self.date("1969-12-28")) == 7)
        #expect(!WorkingDays.isWorkingDay(Self.date("2026-12-05")))
        #expect(!WorkingDays.isWorkingDay(Self.date("2026-04-03")), "Good Friday")
        #expect(WorkingDays.isWorkingDay(Self.date("2026-04-07")))
    }

    @Test(
        "acknowledgement is due 3 working days after receipt, skipping weekends and bank holidays",
        arguments: [
            ("2026-12-02", "2026-12-07"),  // Wednesday: Thu, Fri, Mon
            ("2026-12-04", "2026-12-09"),  // Friday: Mon, Tue, Wed
            ("2026-12-05", "2026-12-09"),  // Saturday: counts from Monday
            ("2026-12-24", "2026-12-31"),  // Christmas Eve: 25 and 28 are holidays
            ("2026-04-02", "2026-04-09"),  // before Easter: Good Friday and Easter Monday
        ])
    func acknowledgementDue(received: String, due: String) {
        #expect(ComplaintClock(receivedOn: Self.date(received)).acknowledgementDue == Self.date(due))
    }

    @Test(
        "the response is due by the last day of the six months commencing on the day of receipt (reg 14(4))",
        arguments: [
            ("2027-01-04", "2027-07-03"),  // the day before the same date six months later
            ("2027-01-01", "2027-06-30"),
            ("2026-03-10", "2026-09-09"),
            ("2026-08-28", "2027-02-27"),
            ("2026-08-29", "2027-02-28"),  // no 29 February 2027: the last day of February
            ("2026-08-31", "2027-02-28"),
            ("2027-08-29", "2028-02-28"),  // leap year: 29 February exists, so the day before it
            ("2027-08-31", "2028-02-29"),
            ("2026-09-30", "2027-03-29"),
        ])
    func responseDue(received: String, due: String) {
        #expect(ComplaintClock(receivedOn: Self.date(received)).responseDue == Self.date(due))
    }

    @Test("a response on the same date six months later is late; an agreed date replaces the six months")
    func responseDueAgreed() {
        var clock = ComplaintClock(receivedOn: Self.date("2027-01-04"), acknowledgedOn: Self.date("2027-01-05"))
        clock.respondedOn = Self.date("2027-07-03")
        #expect(clock.respondedInTime(today: Self.date("2027-08-01")) == true)
        clock.respondedOn = Self.date("2027-07-04")
        #expect(clock.respondedInTime(today: Self.date("2027-08-01")) == false)
        let agreed = ComplaintClock(receivedOn: Self.date("2026-03-10"), agreedResponseBy: Self.date("2026-05-01"))
        #expect(agreed.responseDue == Self.date("2026-05-01"))
    }

    @Test("the next step: acknowledge, respond, explain a delay in writing, then done")
    func steps() {
        var clock = ComplaintClock(receivedOn: Self.date("2026-12-02"))
        #expect(
            clock.step(today: Self.date("2026-12-07")) == .acknowledge(due: Self.date("2026-12-07"), overdue: false))
        #expect(clock.step(today: Self.date("2026-12-08")).isOverdue)
        clock.acknowledgedOn = Self.date("2026-12-04")
        #expect(clock.step(today: Self.date("2027-06-01")) == .respond(due: Self.date("2027-06-01"), overdue: false))
        #expect(clock.step(today: Self.date("2027-06-02")) == .explainDelay(responseWasDue: Self.date("2027-06-01")))
        clock.delayExplainedOn = Self.date("2027-06-02")
        // Explained, but still late: overdue until the response is sent.
        #expect(
            clock.step(today: Self.date("2027-06-10"))
                == .respondLate(expectedBy: Self.date("2027-06-01"), wasDue: Self.date("2027-06-01")))
        #expect(clock.step(today: Self.date("2027-06-10")).isOverdue)
        clock.respondedOn = Self.date("2027-06-20")
        #expect(clock.step(today: Self.date("2027-07-01")) == .responded(on: Self.date("2027-06-20")))
        #expect(!clock.step(today: Self.date("2027-07-01")).isOverdue)
    }

    @Test("complaints made more than 12 months after the event are flagged")
    func timeLimit() {
        let event = Self.date("2025-01-10")
        #expect(!ComplaintClock.isOutsideTimeLimit(eventOn: event, receivedOn: Self.date("2026-01-10")))
        #expect(ComplaintClock.isOutsideTimeLimit(eventOn: event, receivedOn: Self.date("2026-01-11")))
    }

    @Test("'not taken on' as late: judged from when it happened or they first knew of it, never after a late reason")
    func notTakenOn() {
        let clock = ComplaintClock(receivedOn: Self.date("2026-12-01"))
        // Surgery on 1 March 2025, found out from a scan letter on 1 October 2026: within time.
        #expect(clock.notTakenOnProblem(eventOn: Self.date("2025-03-01")) == nil)
        let known = clock.notTakenOnProblem(eventOn: Self.date("2026-10-01"))
        #expect(known?.message.contains("(when it happened, or if later when they first knew of it)") == true)
        #expect(
            clock.notTakenOnProblem(eventOn: nil)?.message.hasPrefix("Give the date it happened, or if later") == true)
        let takenOn = clock.notTakenOnProblem(
            eventOn: Self.date("2025-03-01"), lateReason: "She was in hospital until November.")
        #expect(takenOn?.field == "closure")
        #expect(
            takenOn?.message.hasPrefix(
                "It was taken on at acknowledgement although late, because: She was in hospital until November.")
                == true)
    }

    @Test("a late complaint is taken on only with a good reason and when it can still be investigated fairly")
    func lateComplaintBothParts() {
        let received = Self.date("2026-06-01")
        func fields(_ reason: String, _ stillFair: Bool, event: String?) -> [String] {
            LateComplaint(reason: reason, stillFair: stillFair)
                .problems(eventOn: event.map(Self.date), receivedOn: received).map(\.field)
        }
        let late = "2025-05-31"
        #expect(fields("She was in hospital.", true, event: late).isEmpty)
        #expect(fields("She was in hospital.", false, event: late) == ["late_still_fair"])
        #expect(fields("  ", true, event: late) == ["late_reason"])
        #expect(fields("", false, event: late) == ["late_reason", "late_still_fair"])
        // Within 12 months, or no date given: neither part is asked for.
        #expect(fields("", false, event: "2025-06-01").isEmpty)
        #expect(fields("", false, event: nil).isEmpty)
        #expect(fields("", false, event: "2026-06-02") == ["event_on"])
        let refusal = LateComplaint(reason: "Abroad", stillFair: false)
            .problems(eventOn: Self.date(late), receivedOn: received).first
        #expect(
            refusal?.message.contains("still possible to investigate it fairly and well (regulation 12(4))") == true)
        #expect(LateComplaint(reason: "  Abroad ", stillFair: true).reason == "Abroad")
        #expect(
            LateComplaint.stillFairText(reason: "Abroad", stillFair: true) == "Yes, confirmed when it was taken on")
        #expect(
            LateComplaint.stillFairText(reason: "Abroad", stillFair: false)
                == "Not recorded: it was taken on before Heard asked")
        #expect(LateComplaint.stillFairText(reason: " ", stillFair: false) == nil)
    }

    @Test("going to the Ombudsman before local resolution ended needs a reason, unless the response was late")
    func ombudsmanBeforeTheEnd() {
        let received = Self.date("2027-01-04")
        let today = Self.date("2027-09-01")
        func problems(_ day: String, ended: String?, reason: String = "") -> [String] {
            OmbudsmanReferral.referralProblems(
                referredOn: Self.date(day), receivedOn: received, today: today, endedOn: ended.map(Self.date),
                responseDue: Self.date("2027-07-03"), earlyReason: reason
            ).map(\.field)
        }
        #expect(problems("2027-03-03", ended: "2027-03-02").isEmpty, "after the response")
        #expect(problems("2027-03-02", ended: "2027-03-03") == ["ombudsman_early_reason"])
        #expect(problems("2027-03-02", ended: nil) == ["ombudsman_early_reason"], "still open")
        #expect(problems("2027-03-02", ended: "2027-03-03", reason: "The PHSO took it on at once.").isEmpty)
        #expect(problems("2027-07-04", ended: "2027-08-01").isEmpty, "the response was late by then")
    }

    @Test("an acknowledgement needs a date between receipt and today, and an agreed date after it")
    func acknowledgementProblems() {
        let clock = ComplaintClock(receivedOn: Self.date("2026-12-02"))
        let today = Self.date("2026-12-04")
        #expect(clock.acknowledgementProblems(on: today, agreedResponseBy: nil, today: today).isEmpty)
        #expect(
            clock.acknowledgementProblems(on: nil, agreedResponseBy: nil, today: today).map(\.field) == [
                "acknowledged_on"
            ])
        #expect(
            clock.acknowledgementProblems(on: Self.date("2026-12-01"), agreedResponseBy: nil, today: today).count == 1)
        #expect(
            clock.acknowledgementProblems(on: Self.date("2026-12-05"), agreedResponseBy: nil, today: today).count == 1)
        let early = clock.acknowledgementProblems(on: today, agreedResponseBy: Self.date("2026-12-03"), today: today)
        #expect(early.map(\.field) == ["agreed_response_by"])
    }

    @Test("a response must say how it was considered, the conclusions, the remedy and the Ombudsman right")
    func responseContents() {
        let clock = ComplaintClock(receivedOn: Self.date("2026-12-02"), acknowledgedOn: Self.date("2026-12-03"))
        let today = Self.date("2026-12-20")
        let complete = ComplaintResponse(
            respondedOn: today, howConsidered: "Read the notes, spoke to the ward.", conclusions: "Partly upheld.",
            remedialAction: "Discharge checklist changed.", ombudsmanRightGiven: true, outcome: .partlyUpheld)
        #expect(complete.problems(clock: clock, today: today, ombudsman: .parliamentaryAndHealthService).isEmpty)
        let empty = ComplaintResponse(
            respondedOn: nil, howConsidered: " ", conclusions: "", remedialAction: "", ombudsmanRightGiven: false,
            outcome: nil)
        #expect(
            empty.problems(clock: clock, today: today, ombudsman: .parliamentaryAndHealthService).map(\.field) == [
                "responded_on", "how_considered", "conclusions", "outcome", "remedial_action", "ombudsman_right_given",
            ])
        var pasted = complete
        pasted.conclusions = String(repeating: "x", count: TextLimit.complaintRecord + 1)
        #expect(
            pasted.problems(clock: clock, today: today, ombudsman: .parliamentaryAndHealthService).map(\.message) == [
                "Keep the conclusions to 10,000 characters or fewer: it is 10,001 now."
            ])
        #expect(
            RecordedReason.problem(String(repeating: "word ", count: 2000), ask: "Say why.")
                == "Keep the reason to 5,000 characters or fewer: it is 9,999 now.")
        let unacknowledged = ComplaintClock(receivedOn: Self.date("2026-12-02"))
        #expect(
            complete.problems(clock: unacknowledged, today: today, ombudsman: .parliamentaryAndHealthService).map(
                \.field) == ["responded_on"])
        var beforeAcknowledgement = complete
        beforeAcknowledgement.respondedOn = Self.date("2026-12-02")
        #expect(
            beforeAcknowledgement.problems(clock: clock, today: today, ombudsman: .parliamentaryAndHealthService).map(
                \.message) == [
                    "The response cannot be dated before the acknowledgement (3 December 2026)."
                ])
    }

    @Test("figures for a period: acknowledged and responded in time, and outcomes of those responded to")
    func figures() {
        let today = Self.date("2027-06-30")
        let cases: [ComplaintFigures.Case] = [
            // Acknowledged in time, responded in time, upheld.
            .init(
                clock: ComplaintClock(
                    receivedOn: Self.date("2027-01-04"), acknowledgedOn: Self.date("2027-01-07"),
                    respondedOn: Self.date("2027-02-01")), outcome: .upheld),
            // Acknowledged late (due 12 January), responded after the agreed date, not upheld.
            .init(
                clock: ComplaintClock(
                    receivedOn: Self.date("2027-01-07"), acknowledgedOn: Self.date("2027-01-13"),
                    agreedResponseBy: Self.date("2027-02-01"), respondedOn: Self.date("2027-02-10")),
                outcome: .notUpheld),
            // Never acknowledged, long past both dates.
            .init(clock: ComplaintClock(receivedOn: Self.date("2026-12-01")), outcome: nil),
            // Just arrived: nothing is due yet.
            .init(clock: ComplaintClock(receivedOn: Self.date("2027-06-29")), outcome: nil),
        ]
        let figures = ComplaintFigures(cases, today: today)
        #expect(figures.received == 4)
        #expect(figures.acknowledgementDue == 3)
        #expect(figures.acknowledgedInTime == 1)
        #expect(figures.responseDue == 3)
        #expect(figures.respondedInTime == 1)
        #expect(figures.outcomes == [.upheld: 1, .notUpheld: 1])
        #expect(ComplaintFigures.percent(1, of: 3) == 33)
        #expect(ComplaintFigures.percent(0, of: 0) == nil)
    }

    @Test("a delay letter gives a new date: the clock runs to it, and another letter is due when it passes")
    func delayLetterMovesTheClock() {
        var clock = ComplaintClock(
            receivedOn: Self.date("2026-06-01"), acknowledgedOn: Self.date("2026-06-03"),
            agreedResponseBy: Self.date("2026-09-01"))
        #expect(clock.step(today: Self.date("2026-09-02")) == .explainDelay(responseWasDue: Self.date("2026-09-01")))
        clock.delayExplainedOn = Self.date("2026-09-02")
        clock.responseExpectedBy = Self.date("2026-10-01")
        #expect(clock.responseDue == Self.date("2026-10-01"))
        #expect(clock.originalResponseDue == Self.date("2026-09-01"))
        #expect(
            clock.step(today: Self.date("2026-09-30"))
                == .respondLate(expectedBy: Self.date("2026-10-01"), wasDue: Self.date("2026-09-01")))
        #expect(clock.step(today: Self.date("2026-10-02")) == .explainDelay(responseWasDue: Self.date("2026-10-01")))
        // A letter recorded before new dates were asked for still counts as explaining the lateness.
        let legacy = ComplaintClock(
            receivedOn: Self.date("2026-06-01"), acknowledgedOn: Self.date("2026-06-03"),
            agreedResponseBy: Self.date("2026-09-01"), delayExplainedOn: Self.date("2026-09-02"))
        #expect(
            legacy.step(today: Self.date("2026-10-02"))
                == .respondLate(expectedBy: Self.date("2026-09-01"), wasDue: Self.date("2026-09-01")))
    }

    @Test("a delay letter: only once the response is due, dated from the due date to today, with a new date")
    func delayLetterRules() {
        let clock = ComplaintClock(
            receivedOn: Self.date("2026-06-01"), acknowledgedOn: Self.date("2026-06-03"),
            agreedResponseBy: Self.date("2026-09-01"))
        func fields(_ sent: String?, _ expected: String?, today: String) -> [String] {
            clock.delayLetterProblems(
                on: sent.map(Self.date), expectedBy: expected.map(Self.date), today: Self.date(today)
            ).map(\.field)
        }
        #expect(fields("2026-08-31", "2026-10-01", today: "2026-08-31") == ["delay_explained_on"])
        #expect(fields("2026-09-01", "2026-10-01", today: "2026-09-01").isEmpty, "due today is allowed")
        #expect(fields("2026-08-31", "2026-10-01", today: "2026-09-05") == ["delay_explained_on"])
        #expect(fields("2026-09-06", "2026-10-01", today: "2026-09-05") == ["delay_explained_on"])
        #expect(fields("2026-09-05", nil, today: "2026-09-05") == ["response_expected_by"])
        #expect(fields("2026-09-05", "2026-09-01", today: "2026-09-05") == ["response_expected_by"])
        #expect(fields("2026-09-05", "2027-03-01", today: "2026-09-05").isEmpty, "6 months after the due date")
        #expect(fields("2026-09-05", "2027-03-02", today: "2026-09-05") == ["response_expected_by"])
        let unacknowledged = ComplaintClock(receivedOn: Self.date("2026-06-01"))
        #expect(
            unacknowledged.delayLetterProblems(
                on: Self.date("2026-12-02"), expectedBy: Self.date("2027-01-02"), today: Self.date("2026-12-02")
            ).first?.message == "Acknowledge the complaint first, then explain any delay.")
    }

    @Test("the agreed response date cannot be more than 12 months after receipt")
    func agreedDateLimit() {
        let clock = ComplaintClock(receivedOn: Self.date("2026-06-01"))
        let today = Self.date("2026-06-03")
        #expect(
            clock.acknowledgementProblems(on: today, agreedResponseBy: Self.date("2027-06-01"), today: today).isEmpty)
        let problems = clock.acknowledgementProblems(on: today, agreedResponseBy: Self.date("2027-06-02"), today: today)
        #expect(problems.map(\.field) == ["agreed_response_by"])
        #expect(problems.first?.message.hasPrefix("Check the date:") == true)
    }

    @Test("closed without a response: out of the response figures, outcome kept apart from the findings")
    func closedFigures() {
        let closed = ComplaintClock(
            receivedOn: Self.date("2026-01-05"), acknowledgedOn: Self.date("2026-01-06"),
            closedOn: Self.date("2026-02-01"))
        #expect(closed.step(today: Self.date("2026-12-01")) == .closed(on: Self.date("2026-02-01")))
        let figures = ComplaintFigures(
            [ComplaintFigures.Case(clock: closed, outcome: .withdrawn)], today: Self.date("2026-12-01"))
        #expect(figures.received == 1)
        #expect(figures.closed == 1)
        #expect(figures.acknowledgedInTime == 1)
        #expect(figures.responseDue == 0)
        #expect(figures.outcomes.isEmpty)
        #expect(ComplaintOutcome.findings.allSatisfy { !$0.isClosure })
    }

    @Test("closed without an acknowledgement: missed if closed after it was due, not judged if closed before")
    func closedWithoutAcknowledgement() {
        // Received Friday 1 May 2026; Monday 4 May is a bank holiday, so the acknowledgement is due 7 May.
        let received = Self.date("2026-05-01")
        #expect(ComplaintClock(receivedOn: received).acknowledgementDue == Self.date("2026-05-07"))
        let today = Self.date("2026-06-30")
        func inTime(closedOn: String, openedInError: Bool = false) -> Bool? {
            ComplaintClock(receivedOn: received, closedOn: Self.date(closedOn), openedInError: openedInError)
                .acknowledgedInTime(today: today)
        }
        #expect(inTime(closedOn: "2026-05-08") == false, "withdrawn the day after it was due: missed")
        #expect(inTime(closedOn: "2026-06-20") == false)
        #expect(inTime(closedOn: "2026-05-07") == nil, "closed on the last day it could be sent: not judged")
        #expect(inTime(closedOn: "2026-05-02") == nil)
        #expect(inTime(closedOn: "2026-06-20", openedInError: true) == nil, "never a complaint")
        let acknowledgedLate = ComplaintClock(
            receivedOn: received, acknowledgedOn: Self.date("2026-05-11"), closedOn: Self.date("2026-05-20"),
            openedInError: true)
        #expect(acknowledgedLate.acknowledgedInTime(today: today) == false, "a sent acknowledgement is judged")

        let figures = ComplaintFigures(
            [
                .init(
                    clock: ComplaintClock(receivedOn: received, closedOn: Self.date("2026-06-20")),
                    outcome: .withdrawn),
                .init(
                    clock: ComplaintClock(receivedOn: received, closedOn: Self.date("2026-05-05")),
                    outcome: .withdrawn),
                .init(
                    clock: ComplaintClock(
                        receivedOn: received, closedOn: Self.date("2026-06-20"), openedInError: true),
                    outcome: .openedInError),
                .init(
                    clock: ComplaintClock(receivedOn: received, acknowledgedOn: Self.date("2026-05-05")),
                    outcome: nil),
            ], today: today)
        #expect(figures.received == 4)
        #expect(figures.closed == 3)
        #expect(figures.acknowledgementDue == 2, "the one acknowledged, and the one closed after the date without")
        #expect(figures.acknowledgedInTime == 1)
        #expect(figures.responseDue == 0)
    }

    @Test("in time: judged against the original date, undecided while it can still be met, not judged once closed")
    func inTime() {
        var clock = ComplaintClock(receivedOn: Self.date("2026-12-02"))
        #expect(clock.acknowledgedInTime(today: Self.date("2026-12-04")) == nil)
        #expect(clock.acknowledgedInTime(today: Self.date("2026-12-10")) == false)
        clock.acknowledgedOn = Self.date("2026-12-03")
        #expect(clock.acknowledgedInTime(today: Self.date("2026-12-10")) == true)
        clock.delayExplainedOn = Self.date("2027-06-03")
        clock.responseExpectedBy = Self.date("2027-07-01")
        clock.respondedOn = Self.date("2027-06-20")
        #expect(clock.responseDue == Self.date("2027-07-01"))
        #expect(
            clock.respondedInTime(today: Self.date("2027-06-20")) == false, "a delay letter does not make it on time")
        var closed = ComplaintClock(receivedOn: Self.date("2026-01-02"), closedOn: Self.date("2026-12-01"))
        #expect(
            closed.acknowledgedInTime(today: Self.date("2026-12-10")) == false,
            "closed long after its acknowledgement was due, without one: missed")
        #expect(closed.respondedInTime(today: Self.date("2026-12-10")) == nil)
        closed.acknowledgedOn = Self.date("2026-01-20")
        #expect(closed.acknowledgedInTime(today: Self.date("2026-12-10")) == false)
    }
}
