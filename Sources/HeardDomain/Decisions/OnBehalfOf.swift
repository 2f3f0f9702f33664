/// A consultation response sent on behalf of an organisation or group (a patients' group, a carers' charity, a
/// Healthwatch): reported apart from individuals' responses and named, because one organisation's response can
/// speak for many people. Each response still counts once: neither ignored nor multiplied.
public enum OnBehalfOf {
    /// The form's choice: as an individual, or on behalf of an organisation or group.
    public static let individual = "individual"
    public static let organisation = "organisation"
    public static let maxNameLength = 200

    /// The organisation or group a response speaks for, or nil for an individual. A blank or missing choice
    /// means an individual (the question is optional); a name is required only when "on behalf" is chosen.
    public static func read(respondingAs: String, name: String) -> Result<String?, FieldError> {
        let choice = respondingAs.trimmingWhitespace()
        let trimmed = name.removingBidiControls().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch choice {
        case "", individual:
            guard trimmed.isEmpty else {
                // Counted as one person's view, a group's would be hidden: ask rather than guess.
                return .failure(
                    FieldError(
                        "responding_as",
                        "You gave the name of an organisation or group: choose \"On behalf of an organisation or group\", or clear the name if you are responding for yourself."
                    ))
            }
            return .success(nil)
        case organisation:
            if trimmed.isEmpty {
                return .failure(
                    FieldError(
                        "on_behalf_of",
                        "Enter the name of the organisation or group you are responding for, or choose \"As an individual\"."
                    ))
            }
            if trimmed.count > maxNameLength {
                return .failure(
                    FieldError(
                        "on_behalf_of",
                        "Keep the name of the organisation or group to \(maxNameLength) characters or fewer."))
            }
            return .success(trimmed)
        default:
            return .failure(
                FieldError(
                    "responding_as",
                    "Choose whether you are responding as an individual or on behalf of an organisation or group."))
        }
    }

    /// The organisations and groups that responded, each once with how many responses it sent, in alphabetical
    /// order. Names that differ only in case or spacing are one organisation, shown as first written
    /// (alphabetically), so a name typed twice is not reported as two organisations.
    public static func tally(_ names: [String]) -> [(name: String, responses: Int)] {
        var groups: [String: (name: String, responses: Int)] = [:]
        for name in names.sorted() {
            let key = Self.key(name)
            guard !key.isEmpty else { continue }
            groups[key] = (groups[key]?.name ?? name, (groups[key]?.responses ?? 0) + 1)
        }
        return groups.values.sorted {
            ($0.name.lowercased(), $0.name) < ($1.name.lowercased(), $1.name)
        }
    }

    static func key(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
