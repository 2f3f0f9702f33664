/// The time of day an activity starts or ends, typed as a 24-hour "HH:MM" and said as people say it ("6pm",
/// "10:30am", "midday"), so nobody has to work out what 18:00 means.
public struct ActivityTime: Comparable, Sendable, Equatable {
    public var hour: Int
    public var minute: Int

    /// "18:00", or "9:30" with one digit for the hour; nil for anything else, including "24:00" and "6pm".
    public init?(_ text: String) {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// As stored: "18:00".
    public var text: String { (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute) }

    /// As said: "6pm", "10:30am", "midday", "midnight".
    public var spoken: String {
        if minute == 0 && hour == 12 { return "midday" }
        if minute == 0 && hour == 0 { return "midnight" }
        let twelve = hour % 12 == 0 ? 12 : hour % 12
        return String(twelve) + (minute == 0 ? "" : ":" + (minute < 10 ? "0" : "") + String(minute))
            + (hour < 12 ? "am" : "pm")
    }

    public static func < (lhs: ActivityTime, rhs: ActivityTime) -> Bool {
        (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute)
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// When an activity happens, as the public read it: "Tuesday 20 January 2027, 6pm to 8pm", or the date alone
    /// ("20 January 2027") when no time was recorded, as activities always showed.
    public static func when(_ date: SimpleDate, starts: String?, ends: String?) -> String {
        guard let start = starts.flatMap(ActivityTime.init) else { return date.ukText }
        let day = weekdays[WorkingDays.weekday(date) - 1] + " " + date.ukText
        guard let end = ends.flatMap(ActivityTime.init) else { return day + ", " + start.spoken }
        return day + ", " + start.spoken + " to " + end.spoken
    }
}
