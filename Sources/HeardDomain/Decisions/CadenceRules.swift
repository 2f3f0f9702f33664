/// How often each place hears from the system in person. "One meeting doesn't constitute engagement,
/// repetition is the key."
public struct PlaceCadence: Sendable, Equatable {
    public var place: String
    public var lastInPerson: SimpleDate?
    public var inPersonLastYear: Int
    public var isGoingQuiet: Bool
}

public enum CadenceRules {
    /// A place is going quiet when it has had no in-person activity for this many days (configurable).
    public static let quietAfterDays = 90
    /// …or fewer than this many in the last 12 months.
    public static let minimumPerYear = 4
    public static let ruleText =
        "A place is going quiet when it has had no in-person activity for 90 days, or fewer than 4 in the last 12 months."

    /// `activities`: the in-person activities held (date and place), any order.
    public static func cadence(
        places: [String], inPersonDates: [String: [SimpleDate]], today: SimpleDate
    )
        -> [PlaceCadence]
    {
        places.map { place in
            let held = (inPersonDates[place] ?? []).filter { $0 <= today }
            let last = held.max()
            let yearAgo = today.adding(days: -365)
            let count = held.filter { $0 > yearAgo }.count
            let quiet = last.map { $0.days(until: today) > quietAfterDays } ?? true
            return PlaceCadence(
                place: place, lastInPerson: last, inPersonLastYear: count,
                isGoingQuiet: quiet || count < minimumPerYear)
        }
    }
}
