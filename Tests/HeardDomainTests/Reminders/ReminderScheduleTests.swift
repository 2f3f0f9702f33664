import HeardDomain
import Testing

@Suite("Reminders: who hears what, and when")
struct ReminderScheduleTests {
    static func date(_ iso: String) -> SimpleDate { SimpleDate(iso: iso)! }

    @Test("a member is reminded 14 and 3 days before a declaration is due, the day after it is overdue, then weekly")
    func memberReminders() {
        let appointed = Self.date("2026-11-05")  // due on appointment by 3 December 2026
        func reminded(_ today: String) -> Bool {
            let day = Self.date(today)
            return ReminderSchedule.remindsMember(
                RegisterStatus.of(appointedOn: appointed, entries: [], today: day), today: day)
        }
        let remindedDays = (0..<40).map { Self.date("2026-11-15").adding(days: $0) }.filter { reminded($0.iso) }
        #expect(
            remindedDays.map(\.iso) == ["2026-11-19", "2026-11-30", "2026-12-04", "2026-12-11", "2026-12-18"])

        // Up to date: reminded before the annual declaration falls due, not in between.
        let declared = RegisterEntry(kind: .none, description: "", declaredOn: Self.date("2026-01-10"))
        func annual(_ today: String) -> Bool {
            let day = Self.date(today)
            return ReminderSchedule.remindsMember(
                RegisterStatus.of(appointedOn: Self.date("2025-06-01"), entries: [declared], today: day), today: day)
        }
        #expect(annual("2026-12-27"))
        #expect(!annual("2026-12-28"))
        #expect(annual("2027-01-07"))
        #expect(!annual("2027-01-10"), "the due day itself is not a reminder day")
        #expect(annual("2027-01-11"), "the day after it is due")
    }

    @Test("a run answers for the days since the last run, at most a week, and only for its own day when new")
    func catchUpDays() {
        let tuesday = Self.date("2026-12-01")
        #expect(ReminderSchedule.days(since: nil, today: tuesday) == [tuesday])
        #expect(ReminderSchedule.days(since: Self.date("2026-11-30"), today: tuesday) == [tuesday])
        #expect(ReminderSchedule.days(since: tuesday, today: tuesday) == [tuesday])
        #expect(
            ReminderSchedule.days(since: Self.date("2026-11-28"), today: tuesday).map(\.iso) == [
                "2026-11-29", "2026-11-30", "2026-12-01",
            ])
        let afterAMonth = ReminderSchedule.days(since: Self.date("2026-11-01"), today: tuesday)
        #expect(afterAMonth.count == ReminderSchedule.catchUpDays)
        #expect(afterAMonth.first == Self.date("2026-11-25") && afterAMonth.last == tuesday)

        // Due 3 December: the 3-days-before reminder fell on Monday 30 November.
        let due = RegisterStatus.of(appointedOn: Self.date("2026-11-05"), entries: [], today: tuesday)
        #expect(!ReminderSchedule.remindsMember(due, today: tuesday))
        #expect(ReminderSchedule.remindsMember(due, onAnyOf: [Self.date("2026-11-30"), tuesday]))
        #expect(!ReminderSchedule.remindsMember(due, onAnyOf: [tuesday, Self.date("2026-12-02")]))
        #expect(ReminderSchedule.sendsRegisterDigest(onAnyOf: [Self.date("2026-11-30"), tuesday]))
        #expect(!ReminderSchedule.sendsComplaintsDigest(onAnyOf: [Self.date("2026-12-05"), Self.date("2026-12-06")]))
        #expect(ReminderSchedule.sendsComplaintsDigest(onAnyOf: [Self.date("2026-12-04"), Self.date("2026-12-05")]))
    }

    @Test("an action's owner is reminded a week before it is due, the day after, then weekly")
    func actionOwner() {
        let due = Self.date("2026-12-20")
        let reminded = (0..<40).map { Self.date("2026-12-01").adding(days: $0) }
            .filter { ReminderSchedule.remindsActionOwner(due: due, onAnyOf: [$0]) }
        #expect(reminded.map(\.iso) == ["2026-12-13", "2026-12-21", "2026-12-28", "2027-01-04"])
    }

    @Test("the secretaries' digest lists members overdue or due within 14 days, on Mondays")
    func registerDigest() {
        let today = Self.date("2026-11-30")
        #expect(ReminderSchedule.sendsRegisterDigest(on: today))
        #expect(!ReminderSchedule.sendsRegisterDigest(on: today.adding(days: 1)))
        let dueIn14 = RegisterStatus.upToDate(lastDeclared: Self.date("2025-12-14"), nextDue: Self.date("2026-12-14"))
        let dueIn15 = RegisterStatus.upToDate(lastDeclared: Self.date("2025-12-15"), nextDue: Self.date("2026-12-15"))
        let overdue = RegisterStatus.annualOverdue(lastDeclared: Self.date("2025-01-01"), due: Self.date("2026-01-01"))
        #expect(ReminderSchedule.listsInRegisterDigest(dueIn14, today: today))
        #expect(!ReminderSchedule.listsInRegisterDigest(dueIn15, today: today))
        #expect(ReminderSchedule.listsInRegisterDigest(overdue, today: today))
    }

    @Test("the complaints digest goes on working days and lists steps overdue or due within 2 working days")
    func complaintsDigest() {
        #expect(ReminderSchedule.sendsComplaintsDigest(on: Self.date("2026-12-04")), "a Friday")
        #expect(!ReminderSchedule.sendsComplaintsDigest(on: Self.date("2026-12-05")), "a Saturday")
        #expect(!ReminderSchedule.sendsComplaintsDigest(on: Self.date("2026-12-25")), "Christmas Day")
        #expect(!ReminderSchedule.sendsComplaintsDigest(on: Self.date("2026-12-28")), "the substitute Boxing Day")

        let friday = Self.date("2026-12-04")
        func listed(_ step: ComplaintClock.Step) -> Bool {
            ReminderSchedule.listsInComplaintsDigest(step, today: friday)
        }
        // Two working days after Friday 4 December is Tuesday 8 December.
        #expect(listed(.acknowledge(due: Self.date("2026-12-08"), overdue: false)))
        #expect(!listed(.acknowledge(due: Self.date("2026-12-09"), overdue: false)))
        #expect(listed(.respond(due: Self.date("2026-12-01"), overdue: true)))
        #expect(listed(.explainDelay(responseWasDue: Self.date("2026-11-20"))))
        #expect(!listed(.respond(due: Self.date("2027-03-01"), overdue: false)))
        #expect(!listed(.responded(on: Self.date("2026-12-01"))))
    }
}
