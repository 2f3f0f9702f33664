/// Lists in plain English, for messages and pages.
public enum EnglishList {
    /// "a", "a and b", "a, b and c" (no Oxford comma, as GOV.UK style has it); "" for none.
    public static func and(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        guard items.count > 1 else { return last }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
