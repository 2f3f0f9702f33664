/// What the points of a 1-to-5 scale question mean. A question sets them with its choices: none for the usual
/// agreement scale, two for what 1 and 5 mean ("Very difficult", "Very easy"), or five for a name for each
/// point. The same words go on the form, the outcome page and its CSV, so a reader knows which end is which.
public enum ScaleLabels {
    public static let values = ["1", "2", "3", "4", "5"]
    public static let agreement = [
        "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree",
    ]

    /// Nil when `choices` can label a scale; otherwise what to fix.
    public static func problem(_ choices: [String]) -> String? {
        guard ![0, 2, 5].contains(choices.count) else { return nil }
        return
            "For a scale, enter two lines (what 1 and what 5 mean, like \"Very difficult\" and \"Very easy\"), or five (a name for each point), or leave the choices empty for strongly disagree to strongly agree."
    }

    /// The name of each point, 1 to 5; "" for a point with no name of its own.
    public static func names(_ choices: [String]) -> [String] {
        switch choices.count {
        case 5: choices
        case 2: [choices[0], "", "", "", choices[1]]
        default: agreement
        }
    }

    /// "1 – Very difficult", "3", "5 – Very easy".
    public static func labels(_ choices: [String]) -> [String] {
        zip(values, names(choices)).map { $1.isEmpty ? $0 : "\($0) – \($1)" }
    }
}
