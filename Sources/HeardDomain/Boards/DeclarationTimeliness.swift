/// Whether an interest was declared in time: NHS England's "Managing conflicts of interest in the NHS" asks for
/// any change (an interest begun or ended) to be declared within 28 days (domain rules §5).
extension RegisterEntry {
    public static let daysToDeclareChange = 28

    /// How many days after it fell due (`heldFrom`, or the appointment if it began before) the interest was
    /// declared, when that is more than 28; nil when in time or when nobody said when it began.
    public func daysDeclaredLate(appointedOn: SimpleDate) -> Int? {
        guard kind.isInterest, let heldFrom else { return nil }
        // An interest held before appointment is declared on appointment, within the same 28 days.
        let days = max(heldFrom, appointedOn).days(until: declaredOn)
        return days > Self.daysToDeclareChange ? days : nil
    }

    /// How many days after the interest ended its end was recorded, when that is more than 28. Only an end
    /// recorded on its own counts: one given with the declaration is judged by the declaration.
    public var daysEndRecordedLate: Int? {
        guard let endedOn, let endRecordedOn else { return nil }
        let days = endedOn.days(until: endRecordedOn)
        return days > Self.daysToDeclareChange ? days : nil
    }

    /// What the register says about lateness: "declared late (40 days after it began)", "end recorded late
    /// (35 days after it ended)"; empty when in time.
    public func lateness(appointedOn: SimpleDate) -> [String] {
        var notes: [String] = []
        if let days = daysDeclaredLate(appointedOn: appointedOn) {
            let began = heldFrom.map { $0 >= appointedOn } ?? true
            notes.append("declared late (\(days) days after \(began ? "it began" : "appointment"))")
        }
        if let days = daysEndRecordedLate { notes.append("end recorded late (\(days) days after it ended)") }
        return notes
    }

    /// The lateness recorded after `since`: a declaration made after it, or an end recorded after it. The
    /// Monday list takes the last week; the secretary's dashboard the last 12 months.
    public func lateness(appointedOn: SimpleDate, recordedAfter since: SimpleDate) -> [String] {
        var recent = self
        if declaredOn <= since { recent.heldFrom = nil }
        if endRecordedOn.map({ $0 <= since }) ?? true { recent.endRecordedOn = nil }
        return recent.lateness(appointedOn: appointedOn)
    }

    /// How far back the secretary's dashboard counts changes declared late.
    public static let lateCountedMonths = 12

    /// Nil when `heldFrom` may be the day an interest declared on `declaredOn` began; otherwise what to fix.
    public static func heldFromProblem(_ heldFrom: SimpleDate, endedOn: SimpleDate?, today: SimpleDate) -> String? {
        if heldFrom > today { return "The day it began cannot be in the future: declare it once it has begun." }
        if let endedOn, heldFrom > endedOn {
            return "It cannot begin after it ended (\(endedOn.ukText)): check the two dates."
        }
        return heldFrom.implausibleYear(today: today, yearsBack: 60)
    }
}
