/// Retiring a place or service: it is no longer offered for new feedback, actions, events or imports, but
/// everything already recorded against it stays and is shown as it was. Restoring offers it again.
public enum Retirement {
    /// Why a place cannot be retired yet: services still offered in it, named (up to `shown` of them, then how
    /// many more). Nil when every service there is retired.
    public static func placeProblem(place: String, liveServices: [String], shown: Int = 10) -> String? {
        guard !liveServices.isEmpty else { return nil }
        let names = liveServices.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
        var listed = names.prefix(shown).joined(separator: ", ")
        if names.count > shown { listed += " and \(names.count - shown) more" }
        let these = names.count == 1 ? "this service, which is" : "these \(names.count) services, which are"
        let them = names.count == 1 ? "it" : "them"
        return
            "\(place) cannot be retired while it has \(these) still offered: \(listed). Retire or move \(them) first."
    }

    /// Why a service cannot be restored: its place is retired, and a place that is not offered can have no
    /// service that is. Nil when the place is in use.
    public static func restoreProblem(service: String, place: String, placeRetiredOn: SimpleDate?) -> String? {
        guard let placeRetiredOn else { return nil }
        return
            "\(service) cannot be restored while its place, \(place), is retired (since \(placeRetiredOn.ukText)). Restore \(place) first, or move the service to a place in use."
    }

    /// What someone naming a retired service for new feedback is told.
    public static func serviceRetired(_ service: String, on day: SimpleDate) -> String {
        "\(service) was retired on \(day.ukText), so it no longer takes new feedback. Choose a service in use, or ask an administrator to restore it."
    }

    /// What someone naming a retired place for new work is told.
    public static func placeRetired(_ place: String, on day: SimpleDate) -> String {
        "\(place) was retired on \(day.ukText), so it is no longer used for new work. Choose a place in use."
    }

    /// A name in a list that still shows retired ones (filters, history): "Leeds (retired)".
    public static func label(_ name: String, retired: Bool) -> String {
        retired ? "\(name) (retired)" : name
    }
}
